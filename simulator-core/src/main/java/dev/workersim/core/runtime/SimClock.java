package dev.workersim.core.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's one clock. It follows real time, plus an offset that tests move forward to make
 * KV entries expire or crons fire without waiting.
 */
public final class SimClock {
    private final AtomicLong offsetMillis = new AtomicLong();

    public long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    public Instant now() {
        return Instant.ofEpochMilli(millis());
    }

    /** Moves the clock forward (or back, with a negative duration). */
    public void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    /** Sets the clock to {@code instant}; real time keeps running from there. */
    public void set(Instant instant) {
        offsetMillis.set(instant.toEpochMilli() - System.currentTimeMillis());
    }
}
