package dev.workersim.core.services;

import dev.workersim.core.runtime.Invocation;
import dev.workersim.core.runtime.WorkerError;
import dev.workersim.core.runtime.WorkerHost;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Where a Fetcher's calls (fetch and RPC) go, for {@link ServiceOps}: a service binding's worker by
 * name, or a user Worker of a dispatch namespace with its per-call options.
 */
public interface CallTarget {
    /**
     * The worker to call. It fails with an {@link dev.workersim.core.outbound.OutboundError} when
     * there is none: the caller's fetch() or RPC call rejects with exactly that error.
     */
    CompletableFuture<WorkerHost> resolve();

    /** The named entrypoint to call (null: the default export). */
    default String entrypoint() {
        return null;
    }

    /** What the caller sees when the callee throws. */
    default BridgeExchange.OnFailure onFailure() {
        return BridgeExchange.OnFailure.JSON_500;
    }

    /**
     * What one call carries (its own fetch route, CPU budget), or null for a plain call.
     * {@code abandon} fails the call from outside the callee (its CPU budget ran out).
     */
    default Invocation invocation(Consumer<WorkerError> abandon) {
        return null;
    }
}
