/**
 * Where a binding plugs in (KV, R2, D1, Durable Objects, Queues, ...). Each binding lives in its
 * own package of the {@code bindings} module and brings three things:
 * <ol>
 *   <li>a JS class in {@code resources/dev/workersim/bindings/<name>/<name>.js}, in the same
 *       {@code function (ops, $)} file format as the runtime's web classes, which owns argument
 *       validation and the errors users see;</li>
 *   <li>a Java ops object with {@code @HostAccess.Export} methods taking plain values (strings,
 *       numbers, ArrayBuffers) that the JS class calls, completing asynchronously through the
 *       worker's event loop;</li>
 *   <li>its store (MapDB, SQLite, H2 or files under the persist folder) and, where Cloudflare
 *       allows it, a remote variant speaking the Cloudflare API.</li>
 * </ol>
 * The runtime builds {@code env} from plain vars today ({@code $.setEnv}); the first binding issue
 * adds the provider interface here and registers providers with {@link java.util.ServiceLoader}.
 */
package dev.workersim.core.spi;
