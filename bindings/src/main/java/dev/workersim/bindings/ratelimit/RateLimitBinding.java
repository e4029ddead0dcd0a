package dev.workersim.bindings.ratelimit;

import dev.workersim.core.runtime.SimClock;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.HostLoop;

/** One {@code [[ratelimits]]} entry bound into env as a Ratelimit over its namespace's counters. */
record RateLimitBinding(String name, String namespace, int limit, int period, RateLimitCounters counters, SimClock clock)
        implements Binding {
    static final BindingKind KIND = new BindingKind("ratelimit", "/dev/workersim/bindings/ratelimit/ratelimit.js");

    @Override
    public BindingKind kind() {
        return KIND;
    }

    @Override
    public Object opsFor(HostLoop loop) {
        return new RateLimitOps(counters, namespace, clock);
    }

    @Override
    public String configJson() {
        return Binding.json(java.util.Map.of("limit", limit, "period", period));
    }
}
