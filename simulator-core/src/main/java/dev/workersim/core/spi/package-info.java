/**
 * How a binding plugs in (KV, R2, D1, Durable Objects, Queues, ...). A binding lives in its own
 * package of the {@code bindings} module and brings:
 * <ol>
 *   <li>a {@link dev.workersim.core.spi.BindingProvider}, registered with ServiceLoader, that reads
 *       its config key and makes {@link dev.workersim.core.spi.Binding}s;</li>
 *   <li>a JS class (a resource beside its Java package) that owns argument validation and the
 *       errors users see; the script exports its factory under the binding's type, and one
 *       {@link dev.workersim.core.spi.BindingKind} constant declares the pair;</li>
 *   <li>a Java ops object with {@code @HostAccess.Export} methods taking plain values, which does the
 *       work off the loop and answers through {@link dev.workersim.core.spi.HostLoop#complete};</li>
 *   <li>its store under {@link dev.workersim.core.spi.BindingContext#persistRoot()} (MapDB, SQLite,
 *       H2 or files), kept across reloads of the worker (closed and made again only when its config
 *       section changes), and where Cloudflare allows it a remote
 *       variant.</li>
 * </ol>
 */
package dev.workersim.core.spi;
