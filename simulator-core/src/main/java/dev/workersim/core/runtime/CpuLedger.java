package dev.workersim.core.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Charges the CPU time of one isolate's loop turns to the {@link CpuBudget}s of its dispatched
 * invocations, and stops an invocation that has spent its budget.
 *
 * <p>Who pays for a turn: a timer's turn is its setter's ({@code setTimeout} under a dispatched
 * invocation, through its AsyncContext); the turn that begins an invocation is that invocation's
 * from then on. Any other turn (a host completion: a fetch answered, a KV read back) cannot be told
 * apart here, so every invocation still <em>open</em> (not yet answered with its waitUntil promises
 * settled) pays for it. Exceeding stops the turn running now (GraalJS's interrupt, after which the
 * Context stays usable), cancels the timers the invocation set, and tells its caller.
 */
final class CpuLedger implements EventLoop.TurnObserver {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "invocation-cpu-watch");
        t.setDaemon(true);
        return t;
    });
    private static final long TICK_MS = 2;

    /** A turn being charged: who pays ({@code owner} null: every open budget) and the loop thread's CPU time at its start. */
    private record Turn(CpuBudget owner, long cpuStart) {}

    private final String worker;
    private final EventLoop loop;
    private final Runnable interrupt;
    private final LogSink log;
    private final Set<CpuBudget> open = ConcurrentHashMap.newKeySet();
    private volatile Turn turn;
    private volatile long loopThread = -1;
    private ScheduledFuture<?> watch;

    /** {@code interrupt} stops the JS running now on {@code loop} (the Context's interrupt); called from the watch thread. */
    CpuLedger(String worker, EventLoop loop, Runnable interrupt, LogSink log) {
        this.worker = worker;
        this.loop = loop;
        this.interrupt = interrupt;
        this.log = log;
        loop.observeTurns(this);
    }

    /** Whether CPU time can be measured at all (a JVM without thread CPU time has no budgets). */
    static boolean supported() {
        return THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    }

    /** An invocation with {@code budget} begins in the turn running now (loop thread): the rest of the turn is its. */
    void open(CpuBudget budget) {
        open.add(budget);
        ended();
        started(budget);
    }

    /** The invocation answered and its waitUntil promises settled: only its timers still charge it. */
    void close(CpuBudget budget) {
        open.remove(budget);
    }

    @Override
    public void started(Object owner) {
        CpuBudget payer = owner instanceof CpuBudget b ? b : null;
        if (payer == null && open.isEmpty()) return; // nobody to charge: no clock read
        if (loopThread < 0) loopThread = Thread.currentThread().getId();
        turn = new Turn(payer, THREADS.getCurrentThreadCpuTime());
        startWatch();
    }

    @Override
    public void ended() {
        Turn t = turn;
        if (t == null) return;
        turn = null;
        long used = THREADS.getCurrentThreadCpuTime() - t.cpuStart;
        for (CpuBudget b : payers(t)) b.charge(used);
    }

    private Iterable<CpuBudget> payers(Turn t) {
        return t.owner != null ? List.of(t.owner) : open;
    }

    private synchronized void startWatch() {
        if (watch == null) watch = WATCH.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** On the watch thread: is the turn running now taking a payer past its budget? */
    private void tick() {
        Turn t = turn;
        if (t == null) {
            stopWatchIfIdle();
            return;
        }
        long used = THREADS.getThreadCpuTime(loopThread) - t.cpuStart;
        for (CpuBudget b : payers(t)) {
            if (!b.over(used)) continue;
            if (b.markExceeded()) exceeded(b, t);
            else if (turn == t) interrupt.run(); // a timer of a spent budget fired before its cancel
        }
    }

    // Nothing runs and nobody is open: the watch sleeps until a charged turn starts again.
    private synchronized void stopWatchIfIdle() {
        if (turn == null && open.isEmpty() && watch != null) {
            watch.cancel(false);
            watch = null;
        }
    }

    private void exceeded(CpuBudget budget, Turn t) {
        open.remove(budget);
        // The caller hears first, so that it sees this failure rather than the interrupted JS's.
        budget.tellCaller();
        log.log(LogSink.Level.ERROR, "Error: " + Invocation.CPU_EXCEEDED + " (" + worker + ", limits.cpuMs = "
                + budget.cpuMs() + "; the invocation's remaining work and timers were stopped)");
        loop.post(() -> loop.removeTimersOf(budget));
        if (turn == t) interrupt.run();
    }

    /** The isolate is gone: nothing more to watch. */
    synchronized void close() {
        open.clear();
        if (watch != null) watch.cancel(false);
        watch = null;
    }
}
