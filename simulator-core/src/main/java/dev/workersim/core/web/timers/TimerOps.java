package dev.workersim.core.web.timers;

import dev.workersim.core.runtime.EventLoop;
import java.util.function.LongConsumer;
import org.graalvm.polyglot.HostAccess;

/**
 * Timers live in the event loop; JS keeps the callbacks and hands Java only a numeric id, so no
 * JS function is held across turns by Java.
 */
public final class TimerOps {
    private final EventLoop loop;
    private final dev.workersim.core.runtime.SimClock clock;
    private volatile LongConsumer fire;

    public TimerOps(EventLoop loop, dev.workersim.core.runtime.SimClock clock) {
        this.loop = loop;
        this.clock = clock;
    }

    /** Set once the prelude has defined the JS function that runs timer {@code id}. */
    public void onFire(LongConsumer fire) {
        this.fire = fire;
    }

    /**
     * {@code intervalMs} < 0 for a one-shot timer; otherwise the loop re-arms it until cleared.
     * {@code invocation}: the dispatched invocation it is set under (its CPU budget pays for the
     * timer's turns), or null.
     */
    @HostAccess.Export
    public void set(double id, double delayMs, double intervalMs, Object invocation) {
        long timerId = (long) id;
        Object owner = invocation instanceof dev.workersim.core.runtime.Invocation.Ops ops ? ops.timerOwner() : null;
        loop.addTimer(timerId, delayMs, intervalMs, owner, () -> fire.accept(timerId));
    }

    @HostAccess.Export
    public void clear(double id) {
        loop.removeTimer((long) id);
    }

    /** Milliseconds since the epoch on the simulator's clock (Date.now(); tests may have moved it). */
    @HostAccess.Export
    public double now() {
        return clock.millis();
    }
}
