package dev.workersim.core.scheduled;

import dev.workersim.core.runtime.WorkerHost;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Runs the worker's scheduled handler once and collects the outcome and the logs of the run. */
public final class ScheduledRunner {
    private final WorkerHost host;
    private final LogTap logs;

    public ScheduledRunner(WorkerHost host, LogTap logs) {
        this.host = host;
        this.logs = logs;
    }

    /** Starts a run; the future completes when the handler and all its waitUntil promises settle. */
    public CompletableFuture<ScheduledOutcome> run(String cron, Instant scheduledTime) {
        return run(cron, (double) scheduledTime.toEpochMilli());
    }

    /**
     * Starts a run with a raw {@code controller.scheduledTime}: the test route passes through whatever
     * number it was given (seconds, negative, fractional), as wrangler does.
     */
    public CompletableFuture<ScheduledOutcome> run(String cron, double scheduledTimeMillis) {
        LogTap.Capture capture = logs.open();
        ScheduledCompletion done = new ScheduledCompletion();
        host.dispatchScheduled(cron, scheduledTimeMillis, done);
        return done.future().handle((r, failure) -> {
            capture.close();
            ScheduledCompletion.Result result = r != null ? r : new ScheduledCompletion.Result("exception", false,
                    new dev.workersim.core.runtime.WorkerError("Error", String.valueOf(failure), null));
            ScheduledOutcome.Status status = "ok".equals(result.outcome())
                    ? ScheduledOutcome.Status.OK : ScheduledOutcome.Status.EXCEPTION;
            return new ScheduledOutcome(cron, Instant.ofEpochMilli((long) scheduledTimeMillis), status,
                    result.noRetry(), result.error(), "waitUntil".equals(result.outcome()), capture.lines());
        });
    }
}
