package dev.workersim.core.scheduled;

import dev.workersim.core.runtime.WorkerError;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.HostAccess;

/**
 * The callback {@code $.dispatchScheduled} (scheduled/scheduled.js) reports one run's end to. JS calls
 * {@link #complete} once, on the loop thread; the host side waits on {@link #future()}.
 */
public final class ScheduledCompletion {
    /**
     * What the runtime saw: "ok", "exception" (the handler threw or rejected) or "waitUntil" (a
     * waitUntil promise rejected), whether noRetry() was called, and the error if any.
     */
    public record Result(String outcome, boolean noRetry, WorkerError error) {
    }

    private final CompletableFuture<Result> future = new CompletableFuture<>();

    @HostAccess.Export
    public void complete(String outcome, boolean noRetry, String errorName, String errorMessage, String errorStack) {
        WorkerError error = errorName == null && errorMessage == null ? null : new WorkerError(errorName, errorMessage, errorStack);
        future.complete(new Result(outcome, noRetry, error));
    }

    /** The worker could not be invoked at all (it failed to load, or the host call threw). */
    public void failFromHost(WorkerError error) {
        future.complete(new Result("exception", false, error));
    }

    public CompletableFuture<Result> future() {
        return future;
    }
}
