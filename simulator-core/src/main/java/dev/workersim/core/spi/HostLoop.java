package dev.workersim.core.spi;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.graalvm.polyglot.Value;

/**
 * The worker's event loop as a binding's ops see it. Ops methods are called on the loop with the
 * JS promise's {@code resolve} and {@code reject}; they answer through {@link #complete}, the one
 * way an op's result reaches JS: {@code resolve(result)} or {@code reject(message)}, always on the
 * loop. The binding's JS class turns the message into the error user code sees.
 *
 * <p>A result must be something JS can take as is: null, a String, a Number, a Boolean, or a
 * {@link java.nio.ByteBuffer} (JS wraps it as bytes); {@link Results} spreads several into
 * {@code resolve(a, b, ...)}.
 */
public interface HostLoop {
    /** Work cheap enough to do on the loop itself (a read from a page-cached file): it answers at once, in the same turn. */
    Executor ON_LOOP = Runnable::run;

    /** Runs {@code task} on the loop thread. Safe from any thread. */
    void post(Runnable task);

    /**
     * Runs {@code work} on {@code executor}, then calls {@code resolve(result)} or
     * {@code reject(message)} on the loop: posted there from the executor's thread, or at once when
     * the executor is {@link #ON_LOOP}.
     */
    void complete(Executor executor, Callable<?> work, Value resolve, Value reject);

    /** Calls {@code resolve(result)} or {@code reject(message)} on the loop once {@code pending} completes (always in a later turn). */
    void complete(CompletionStage<?> pending, Value resolve, Value reject);

    /** A result that JS's {@code resolve} takes as several arguments. */
    record Results(Object... values) {
        public static Results of(Object... values) {
            return new Results(values);
        }
    }
}
