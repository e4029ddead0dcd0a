package dev.workersim.core.scheduled;

import dev.workersim.core.runtime.WorkerError;
import java.time.Instant;
import java.util.List;

/**
 * How one scheduled run ended, as Cloudflare's "Past Cron Events" would list it.
 *
 * @param cron the cron string the handler saw ({@code controller.cron})
 * @param scheduledTime {@code controller.scheduledTime}
 * @param status OK, or EXCEPTION when the handler threw or rejected or a waitUntil promise rejected
 * @param noRetry whether the handler called {@code controller.noRetry()}
 * @param error the first error (the handler's, else the first waitUntil rejection), or null
 * @param failedInWaitUntil whether the failure was a waitUntil rejection (the handler itself returned)
 * @param logs the worker's console output while the run was in flight (requests served at the same
 *     time on the same isolate may add theirs: one isolate has one console)
 */
public record ScheduledOutcome(String cron, Instant scheduledTime, Status status, boolean noRetry, WorkerError error,
        boolean failedInWaitUntil, List<String> logs) {
    public enum Status {
        OK, EXCEPTION
    }

    public ScheduledOutcome {
        logs = List.copyOf(logs);
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
