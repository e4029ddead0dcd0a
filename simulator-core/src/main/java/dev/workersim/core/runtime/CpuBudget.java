package dev.workersim.core.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One dispatched invocation's {@code limits.cpuMs}: the CPU time its turns have used so far (its
 * request, its waitUntil work, the timers it set), charged by the isolate's {@link CpuLedger}. It
 * outlives the response: work the invocation left behind keeps spending from it.
 */
final class CpuBudget {
    private final long limitNanos;
    private final long cpuMs;
    private final Runnable onExceeded;
    private final AtomicLong spentNanos = new AtomicLong();
    private final AtomicBoolean exceeded = new AtomicBoolean();

    CpuBudget(long cpuMs, Runnable onExceeded) {
        this.cpuMs = cpuMs;
        this.limitNanos = TimeUnit.MILLISECONDS.toNanos(cpuMs);
        this.onExceeded = onExceeded;
    }

    long cpuMs() {
        return cpuMs;
    }

    void charge(long nanos) {
        spentNanos.addAndGet(nanos);
    }

    /** Whether {@code running} more nanoseconds (of the turn running now) take it past the limit. */
    boolean over(long running) {
        return spentNanos.get() + running > limitNanos;
    }

    /** True once, for whoever first sees it exceeded; the caller then stops the work and tells {@link #onExceeded}. */
    boolean markExceeded() {
        return exceeded.compareAndSet(false, true);
    }

    boolean isExceeded() {
        return exceeded.get();
    }

    void tellCaller() {
        onExceeded.run();
    }
}
