package dev.workersim.core.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Calls into one isolate that have not ended yet, other than requests (those are its in-flight
 * exchanges): RPC calls, scheduled runs, queue batches. A call may be waiting in the isolate's JS
 * (on a timer, a subrequest) when the memory guard discards the isolate; its caller must then hear
 * that the connection was lost, as a request does, instead of waiting for good.
 */
final class PendingCalls {
    private final Set<Call> open = ConcurrentHashMap.newKeySet();

    /** One call: ends once, by its own completion or by {@link #failAll}. */
    final class Call {
        private final Consumer<WorkerError> fail;
        private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

        private Call(Consumer<WorkerError> fail) {
            this.fail = fail;
        }

        /** True for the first end only: the completion goes on to the caller then. */
        boolean end() {
            open.remove(this);
            return ended.compareAndSet(false, true);
        }
    }

    /** Registers a call; {@code fail} tells its caller if the isolate is discarded before it ends. */
    Call open(Consumer<WorkerError> fail) {
        Call c = new Call(fail);
        open.add(c);
        return c;
    }

    /** Ends every open call with {@code error}. */
    void failAll(WorkerError error) {
        for (Call c : open) {
            if (c.end()) c.fail.accept(error);
        }
    }

    /** An RPC completion that ends {@code call} before it reports to {@code done}. */
    static RpcCompletion tracked(RpcCompletion done, PendingCalls calls) {
        Call[] call = new Call[1];
        RpcCompletion tracked = new RpcCompletion(new RpcCompletion.Listener() {
            @Override
            public void resolved(String resultWire) {
                if (call[0].end()) done.resolve(resultWire);
            }

            @Override
            public void rejected(String name, String message, String stack) {
                if (call[0].end()) done.reject(name, message, stack);
            }
        });
        call[0] = calls.open(e -> done.reject(e.name(), e.message(), e.stack()));
        return tracked;
    }
}
