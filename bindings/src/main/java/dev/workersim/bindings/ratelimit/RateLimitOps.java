package dev.workersim.bindings.ratelimit;

import dev.workersim.core.runtime.SimClock;
import org.graalvm.polyglot.HostAccess;

/** The Java half of Ratelimit: one counter step, on the loop (an in-memory map update). */
public final class RateLimitOps {
    private final RateLimitCounters counters;
    private final String namespace;
    private final SimClock clock;

    RateLimitOps(RateLimitCounters counters, String namespace, SimClock clock) {
        this.counters = counters;
        this.namespace = namespace;
        this.clock = clock;
    }

    /** Whether this call is within {@code limit} for {@code key} in the current window (ratelimit.js checked the arguments). */
    @HostAccess.Export
    public boolean limit(String key, double limit, int period, double delta) {
        return counters.take(namespace, key, limit, period, (long) delta, clock.millis());
    }
}
