package dev.workersim.core.runtime;

import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One worker's single thread. Everything that touches the worker's GraalJS Context runs here:
 * tasks posted from other threads (a request arriving, a host I/O completion) and due timers.
 * GraalJS drains the microtask queue whenever a host-to-guest call returns, so each task ends
 * with the JS job queue empty, as an event-loop turn in workerd does.
 */
public final class EventLoop implements AutoCloseable, dev.workersim.core.spi.HostLoop {
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Consumer<Throwable> onTaskError;
    private final Thread thread;
    private long timerSeq;
    // When the current task or timer started. Deadlines count from here, as in workerd, where
    // time does not advance while JS runs: timers set in one turn keep their relative order
    // however long the turn's code takes.
    private long turnStart = System.nanoTime();
    // Told when each turn starts and ends, and for whom (CpuLedger: CPU budgets of dispatched invocations).
    private volatile TurnObserver observer;

    /**
     * Hears each turn of the loop, on the loop thread: {@code owner} is what the timer that runs
     * was set for (see {@link #addTimer(long, double, double, Object, Runnable)}), null for a posted task.
     */
    public interface TurnObserver {
        void started(Object owner);

        void ended();
    }

    private record Timer(long dueNanos, long seq, long id, long intervalNanos, Object owner, Runnable action) implements Comparable<Timer> {
        public int compareTo(Timer o) {
            int c = Long.compare(dueNanos, o.dueNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    public EventLoop(String name, Consumer<Throwable> onTaskError) {
        this.onTaskError = onTaskError;
        // A deep stack: JS recursion depth in GraalJS's interpreter is bounded by the Java stack.
        this.thread = new Thread(null, this::run, name, 16L << 20);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Runs {@code task} on the loop. Safe from any thread. */
    public void post(Runnable task) {
        if (running.get()) tasks.add(task);
    }

    /** Runs {@code work} on the loop and waits for its result (never call from the loop itself). */
    public <T> T call(Supplier<T> work) {
        if (inLoop()) return work.get();
        CompletableFuture<T> f = new CompletableFuture<>();
        post(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the worker's event loop", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    @Override
    public dev.workersim.core.spi.Pending complete(java.util.concurrent.Executor executor, java.util.concurrent.Callable<?> work) {
        dev.workersim.core.spi.Pending answer = new dev.workersim.core.spi.Pending();
        try {
            executor.execute(() -> {
                Object result;
                try {
                    result = work.call();
                } catch (Throwable t) {
                    settle(answer, null, t);
                    return;
                }
                settle(answer, result, null);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            answer.settle(null, new IllegalStateException("the simulator is shutting down"));
        }
        return answer;
    }

    @Override
    public dev.workersim.core.spi.Pending complete(java.util.concurrent.CompletionStage<?> pending) {
        dev.workersim.core.spi.Pending answer = new dev.workersim.core.spi.Pending();
        pending.whenComplete((result, failure) -> post(() -> answer.settle(result, failure)));
        return answer;
    }

    /** On the loop at once, from any other thread in a later turn. */
    private void settle(dev.workersim.core.spi.Pending answer, Object result, Throwable failure) {
        if (inLoop()) answer.settle(result, failure);
        else post(() -> answer.settle(result, failure));
    }

    /** The loop's thread (the memory guard counts what it allocates). */
    Thread thread() {
        return thread;
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Schedules {@code action} {@code delayMs} after the start of the current turn, then every
     * {@code intervalMs} after each due time if that is not negative; loop thread only. Ids are
     * chosen by the caller (JS).
     */
    public void addTimer(long id, double delayMs, double intervalMs, Runnable action) {
        addTimer(id, delayMs, intervalMs, null, action);
    }

    /** As above, for {@code owner} (null: nobody): its turns are reported with it, see {@link TurnObserver}. */
    public void addTimer(long id, double delayMs, double intervalMs, Object owner, Runnable action) {
        long delayNanos = (long) (Math.max(0, delayMs) * 1_000_000L);
        long intervalNanos = intervalMs < 0 ? -1 : (long) (intervalMs * 1_000_000L);
        timers.add(new Timer(turnStart + delayNanos, timerSeq++, id, intervalNanos, owner, action));
    }

    /** Cancels every timer set for {@code owner}; loop thread only. */
    public void removeTimersOf(Object owner) {
        timers.removeIf(t -> t.owner == owner);
    }

    /** {@code o} hears every turn from now on (one observer per loop). */
    public void observeTurns(TurnObserver o) {
        observer = o;
    }

    /** Cancels a timer; loop thread only. */
    public void removeTimer(long id) {
        timers.removeIf(t -> t.id == id);
    }

    public int pendingTimers() {
        return timers.size();
    }

    private void run() {
        while (running.get()) {
            try {
                Runnable task;
                Timer next = timers.peek();
                if (next == null) {
                    task = tasks.take();
                } else {
                    long wait = next.dueNanos - System.nanoTime();
                    task = wait > 0 ? tasks.poll(wait, TimeUnit.NANOSECONDS) : tasks.poll();
                }
                if (task != null) runSafely(task, null);
                runDueTimers();
            } catch (InterruptedException e) {
                if (!running.get()) break;
            }
        }
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        // Only timers already due at the start of this turn fire now; a timer a callback adds with
        // delay 0 waits for the next turn, so a 0 ms setInterval cannot starve posted tasks.
        int budget = timers.size();
        while (budget-- > 0 && running.get()) {
            Timer t = timers.peek();
            if (t == null || t.dueNanos > now) return;
            timers.poll();
            if (t.intervalNanos >= 0) {
                // Next due from this one's due time (keeps the cadence); after a stall, from now.
                long next = t.dueNanos + t.intervalNanos;
                if (next < now - t.intervalNanos) next = now + t.intervalNanos;
                timers.add(new Timer(next, timerSeq++, t.id, t.intervalNanos, t.owner, t.action));
            }
            runSafely(t.action, t.owner);
        }
    }

    private void runSafely(Runnable r, Object owner) {
        turnStart = System.nanoTime();
        TurnObserver o = observer;
        if (o != null) o.started(owner);
        try {
            r.run();
        } catch (Throwable t) {
            onTaskError.accept(t);
        } finally {
            if (o != null) o.ended();
        }
    }

    /** Stops the loop after the task that is running; pending tasks are dropped, tied resources closed. */
    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            thread.interrupt();
            tasks.clear(); // what they hold (JS values of a discarded isolate) can be collected now
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception ignored) {
                    // closing anyway
                }
            }
            resources.clear();
        }
    }

    // Connections the isolate's JS holds open (sockets): a reloaded worker leaves none behind.
    private final java.util.Set<AutoCloseable> resources = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public void closeWithLoop(AutoCloseable resource) {
        resources.add(resource);
        if (!running.get() && resources.remove(resource)) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void release(AutoCloseable resource) {
        resources.remove(resource);
    }

    public void join(long millis) throws InterruptedException {
        thread.join(millis);
    }
}
