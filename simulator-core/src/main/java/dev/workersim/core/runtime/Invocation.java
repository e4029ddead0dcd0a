package dev.workersim.core.runtime;

import dev.workersim.core.outbound.OutboundHandler;
import dev.workersim.core.runtime.ops.FetchOps;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;

/**
 * What one invocation of a worker carries besides its request, when its caller decides more than
 * the request (a dispatch namespace calling a user Worker, or a user Worker's subrequest reaching
 * its outbound Worker): where the invocation's {@code fetch()} calls go, values added to its
 * {@code env}, and a CPU budget. Other invocations of the same isolate are not affected: the JS side
 * keeps it in an AsyncContext variable that follows the invocation's awaits and timers.
 */
public final class Invocation {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "invocation-cpu-watch");
        t.setDaemon(true);
        return t;
    });
    /** What a user Worker that spent its CPU budget fails with (workerd's message). */
    public static final String CPU_EXCEEDED = "Worker exceeded CPU time limit.";

    private final UnaryOperator<OutboundHandler> route;
    private final String envWire;
    private final long cpuMs;
    private final Runnable onCpuExceeded;
    private ScheduledFuture<?> watch;
    private boolean finished;

    private Invocation(UnaryOperator<OutboundHandler> route, String envWire, long cpuMs, Runnable onCpuExceeded) {
        this.route = route;
        this.envWire = envWire;
        this.cpuMs = cpuMs;
        this.onCpuExceeded = onCpuExceeded;
    }

    /**
     * An invocation whose {@code fetch()} goes through {@code route} (given the isolate's own
     * outbound handler, it returns the one to use), with a CPU budget when {@code cpuMs > 0}:
     * exceeding it interrupts the worker's JS and runs {@code onCpuExceeded}.
     */
    public static Invocation routed(UnaryOperator<OutboundHandler> route, long cpuMs, Runnable onCpuExceeded) {
        return new Invocation(route, null, cpuMs, onCpuExceeded);
    }

    /** An invocation whose {@code env} has the entries of {@code envWire} (an object in RPC wire text) on top. */
    public static Invocation withEnv(String envWire) {
        return new Invocation(null, envWire, 0, null);
    }

    /** The JS half for one isolate: {@code fetch} replaces the global fetch's ops (null: unchanged); {@code env} is wire text or null. */
    public static final class Ops {
        @HostAccess.Export
        public final FetchOps fetch;
        @HostAccess.Export
        public final String env;

        Ops(FetchOps fetch, String env) {
            this.fetch = fetch;
            this.env = env;
        }
    }

    Ops opsFor(EventLoop loop, OutboundHandler isolateOutbound) {
        return new Ops(route == null ? null : new FetchOps(loop, route.apply(isolateOutbound)), envWire);
    }

    /**
     * Starts the CPU budget; called on the isolate's loop thread as the invocation begins. The
     * measure is the CPU time of that thread from now until {@link #finish()}: work of other
     * requests interleaved on the same isolate counts too (an isolate runs one loop).
     */
    synchronized void begin(Context context) {
        if (cpuMs <= 0 || finished || !THREADS.isCurrentThreadCpuTimeSupported()) return;
        long thread = Thread.currentThread().getId();
        long start = THREADS.getCurrentThreadCpuTime();
        long budget = TimeUnit.MILLISECONDS.toNanos(cpuMs);
        watch = WATCH.scheduleAtFixedRate(() -> {
            if (THREADS.getThreadCpuTime(thread) - start > budget) exceeded(context);
        }, 2, 2, TimeUnit.MILLISECONDS);
    }

    private void exceeded(Context context) {
        synchronized (this) {
            if (finished) return;
            finish();
        }
        // The caller hears first, so that it sees this failure rather than the interrupted JS's.
        onCpuExceeded.run();
        try {
            // Stops the JS running now (a busy loop); the context stays usable for other requests.
            context.interrupt(Duration.ofSeconds(2));
        } catch (Exception ignored) {
            // the loop is in host code or already idle: nothing of this invocation is running
        }
    }

    /** The invocation answered (or failed): its CPU budget no longer applies. */
    public synchronized void finish() {
        finished = true;
        if (watch != null) watch.cancel(false);
    }
}
