package dev.workersim.core.spi;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The worker's event loop as a binding's ops see it. An op that answers later returns the
 * {@link Pending} that {@link #complete} makes: the one way an op's result reaches JS, always on
 * the loop. The binding's JS class wraps it in a real Promise ({@code
 * new Promise((resolve, reject) => ops.op(args).then(resolve, reject))}) and turns a rejection's
 * message into the error user code sees.
 *
 * <p>A result must be something JS can take as is: null, a String, a Number, a Boolean, or a
 * {@link java.nio.ByteBuffer} (JS wraps it as bytes); {@link Results} spreads several into
 * {@code resolve(a, b, ...)}.
 */
public interface HostLoop {
    /** Work cheap enough to do on the loop itself (a read from a page-cached file): it answers in the same call. */
    Executor ON_LOOP = Runnable::run;

    /** Runs {@code task} on the loop thread. Safe from any thread. */
    void post(Runnable task);

    /**
     * Runs {@code work} on {@code executor}; its result (or the message of what it threw) settles
     * the Pending on the loop: posted there from the executor's thread, at once with {@link #ON_LOOP}.
     */
    Pending complete(Executor executor, Callable<?> work);

    /** Settles the Pending on the loop once {@code pending} completes (always in a later turn). */
    Pending complete(CompletionStage<?> pending);

    /**
     * Ties {@code resource} (an open connection) to the loop: it is closed when the loop stops (the
     * isolate is reloaded or discarded), unless {@link #release}d first. By default, nothing.
     */
    default void closeWithLoop(AutoCloseable resource) {
    }

    /** The resource was closed by its owner: the loop no longer needs to. */
    default void release(AutoCloseable resource) {
    }

    /** A result that JS's {@code resolve} takes as several arguments. */
    record Results(Object... values) {
        public static Results of(Object... values) {
            return new Results(values);
        }
    }
}
