package dev.workersim.core.scheduled;

import dev.workersim.core.runtime.LogSink;
import dev.workersim.core.runtime.SimClock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fires the configured crons during {@code sim dev}, on the simulator's clock in UTC.
 *
 * <p>It watches {@link SimClock} rather than sleeping until the next fire time, because tests move
 * that clock: every fire time the clock passes gets its run, in time order, even after a jump
 * (capped per cron per jump so that moving a year ahead does not queue half a million runs). A
 * clock moved backwards fires nothing until it passes where it was checked last.
 */
public final class CronScheduler implements AutoCloseable {
    /** How often the clock is looked at; short so a moved clock fires promptly. */
    private static final long POLL_MILLIS = 100;
    /** The most runs one cron gets for one jump of the clock. */
    static final int MAX_CATCH_UP = 100;
    /** Like Cloudflare's "Past Cron Events": the latest runs. */
    private static final int HISTORY = 100;
    /** How long a run that has not settled may hold up the next one. */
    private static final java.time.Duration QUEUE_WAIT = java.time.Duration.ofSeconds(30);

    private final CronTriggers triggers;
    private final SimClock clock;
    private final ScheduledRunner runner;
    private final LogSink log;
    private final Deque<ScheduledOutcome> past = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean running = true;
    private Instant checkedUpTo;
    private CompletableFuture<Object> queue = CompletableFuture.completedFuture(null);

    public CronScheduler(CronTriggers triggers, SimClock clock, ScheduledRunner runner, LogSink log) {
        this.triggers = triggers;
        this.clock = clock;
        this.runner = runner;
        this.log = log;
        this.checkedUpTo = clock.now();
        this.thread = new Thread(this::loop, "cron-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(POLL_MILLIS);
                tick();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.log(LogSink.Level.ERROR, "cron scheduler: " + e);
            }
        }
    }

    /** Fires whatever came due since the last look. */
    synchronized void tick() {
        Instant now = clock.now();
        if (now.isBefore(checkedUpTo)) {
            checkedUpTo = now;
            return;
        }
        List<CronTriggers.Fire> due = triggers.between(checkedUpTo, now, MAX_CATCH_UP);
        checkedUpTo = now;
        for (CronTriggers.Fire f : due) fire(f);
    }

    /**
     * Queues a run behind the previous one: each run's logs are then its own (one isolate has one
     * console), and runs start in time order. A run that has not settled after {@link #QUEUE_WAIT}
     * stops holding up the next.
     */
    private void fire(CronTriggers.Fire f) {
        queue = queue.thenCompose(ignored -> {
            long t0 = System.nanoTime();
            CompletableFuture<ScheduledOutcome> run = runner.run(f.cron(), f.time());
            run.whenComplete((outcome, failure) -> report(f, outcome, failure, t0));
            return run.thenApply(o -> (Object) o).exceptionally(e -> null)
                    .copy().completeOnTimeout(null, QUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void report(CronTriggers.Fire f, ScheduledOutcome outcome, Throwable failure, long t0) {
        if (outcome == null) {
            log.log(LogSink.Level.ERROR, "cron \"" + f.cron() + "\" at " + f.time() + " could not run: " + failure);
            return;
        }
        remember(outcome);
        String took = " (" + (System.nanoTime() - t0) / 1_000_000 + "ms)";
        if (outcome.ok()) {
            log.log(LogSink.Level.INFO, "[cron] \"" + f.cron() + "\" at " + f.time() + ": ok" + took);
        } else {
            log.log(LogSink.Level.WARN, "[cron] \"" + f.cron() + "\" at " + f.time() + ": exception"
                    + (outcome.error() == null ? "" : " (" + outcome.error().headline() + ")") + took);
        }
    }

    private synchronized void remember(ScheduledOutcome outcome) {
        if (past.size() == HISTORY) past.removeFirst();
        past.addLast(outcome);
    }

    /** The latest runs this scheduler made, oldest first. */
    public synchronized List<ScheduledOutcome> pastEvents() {
        return List.copyOf(past);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
