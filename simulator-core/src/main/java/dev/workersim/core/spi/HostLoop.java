package dev.workersim.core.spi;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import org.graalvm.polyglot.Value;

/**
 * The worker's event loop as a binding's ops see it. Ops methods are called on the loop; work that
 * blocks (storage, network) runs on {@code executor} and its result comes back with
 * {@link #complete}.
 */
public interface HostLoop {
    /** Runs {@code task} on the loop thread. Safe from any thread. */
    void post(Runnable task);

    /**
     * Runs {@code work} on {@code executor}, then calls {@code resolve(result)} or
     * {@code reject(message)} on the loop. A result must be something JS can take as is: null, a
     * String, a Number, a Boolean, or a {@link java.nio.ByteBuffer} (JS wraps it as bytes).
     */
    void complete(Executor executor, Callable<Object> work, Value resolve, Value reject);
}
