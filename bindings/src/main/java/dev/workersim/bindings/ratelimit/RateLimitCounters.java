package dev.workersim.bindings.ratelimit;

import dev.workersim.core.services.ServiceRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rate limit counters of one simulator, per (namespace_id, key, period): every binding with
 * the same namespace_id counts against the same counters, in any worker of the simulator (as on
 * Cloudflare, where a namespace is shared across Workers).
 *
 * <p>Windows are fixed and aligned to the clock, as wrangler dev keeps them: a period of 60 s rolls
 * over at every whole minute of the simulator's clock, not 60 s after a key's first call. A refused
 * call does not count. Counters live in memory only (a restart starts them afresh).
 */
final class RateLimitCounters implements AutoCloseable {
    private record Slot(String namespace, String key, int period) {
    }

    private record Window(long epoch, double count) {
    }

    private final Map<Slot, Window> windows = new ConcurrentHashMap<>();
    private volatile long lastSweepMillis;

    /** The one set of counters of the simulator {@code workers} belongs to (or a private set without one). */
    static RateLimitCounters of(ServiceRegistry workers) {
        return workers == null ? new RateLimitCounters() : workers.shared("ratelimits", RateLimitCounters::new);
    }

    /**
     * Counts {@code delta} calls against {@code limit} for {@code key} in the window holding
     * {@code nowMillis}; false (and nothing counted) when the window's count has reached the limit.
     */
    boolean take(String namespace, String key, double limit, int period, long delta, long nowMillis) {
        long epoch = Math.floorDiv(nowMillis, period * 1000L);
        boolean[] success = {false};
        Slot slot = new Slot(namespace, key, period);
        windows.compute(slot, (s, w) -> {
            double count = w != null && w.epoch() == epoch ? w.count() : 0;
            if (count >= limit) return w;
            success[0] = true;
            return new Window(epoch, count + delta);
        });
        sweep(nowMillis);
        return success[0];
    }

    // Drops windows that are over (at most once a second, and only when many keys were seen), so a
    // worker limiting per client IP does not grow the map for ever.
    private void sweep(long nowMillis) {
        if (windows.size() < 10_000 || nowMillis - lastSweepMillis < 1000) return;
        lastSweepMillis = nowMillis;
        windows.entrySet().removeIf(e -> e.getValue().epoch() < Math.floorDiv(nowMillis, e.getKey().period() * 1000L));
    }

    @Override
    public void close() {
        windows.clear();
    }
}
