package dev.workersim.core.runtime;

import dev.workersim.core.outbound.OutboundHandler;
import dev.workersim.core.web.fetch.FetchOps;
import java.util.function.UnaryOperator;
import org.graalvm.polyglot.HostAccess;

/**
 * What one invocation of a worker carries besides its request, when its caller decides more than
 * the request (a dispatch namespace calling a user Worker, or a user Worker's subrequest reaching
 * its outbound Worker): where the invocation's {@code fetch()} calls go, values added to its
 * {@code env}, and a CPU budget that covers all the invocation's work (waitUntil and timers too, see
 * {@link CpuLedger}). Other invocations of the same isolate are not affected: the JS side keeps it
 * in an AsyncContext variable that follows the invocation's awaits and timers.
 */
public final class Invocation {
    /** What a user Worker that spent its CPU budget fails with (workerd's message). */
    public static final String CPU_EXCEEDED = "Worker exceeded CPU time limit.";

    private final UnaryOperator<OutboundHandler> route;
    private final String envWire;
    private final long cpuMs;
    private final Runnable onCpuExceeded;
    private CpuBudget budget;
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
     * exceeding it interrupts the worker's JS and runs {@code onCpuExceeded} (unless the caller has
     * already had its answer).
     */
    public static Invocation routed(UnaryOperator<OutboundHandler> route, long cpuMs, Runnable onCpuExceeded) {
        return new Invocation(route, null, cpuMs, onCpuExceeded);
    }

    /** An invocation whose {@code env} has the entries of {@code envWire} (an object in RPC wire text) on top. */
    public static Invocation withEnv(String envWire) {
        return new Invocation(null, envWire, 0, null);
    }

    /**
     * The JS half for one isolate: {@code fetch} replaces the global fetch's ops (null: unchanged);
     * {@code env} is wire text or null. JS calls {@link #ended()} once the invocation has answered
     * and its waitUntil promises have settled, and hands it to timers set under it (their CPU is the
     * invocation's).
     */
    public static final class Ops {
        @HostAccess.Export
        public final FetchOps fetch;
        @HostAccess.Export
        public final String env;
        private final CpuLedger ledger;
        private final CpuBudget budget;

        Ops(FetchOps fetch, String env, CpuLedger ledger, CpuBudget budget) {
            this.fetch = fetch;
            this.env = env;
            this.ledger = ledger;
            this.budget = budget;
        }

        /** What a timer set under this invocation is charged to (null: nothing); not for JS. */
        public Object timerOwner() {
            return budget;
        }

        @HostAccess.Export
        public void ended() {
            if (budget != null) ledger.close(budget);
        }
    }

    /**
     * Begins the invocation on the isolate's loop thread: its CPU budget, if it has one, opens in
     * {@code ledger}. Returns the JS half.
     */
    synchronized Ops begin(CpuLedger ledger, EventLoop loop, OutboundHandler isolateOutbound) {
        if (cpuMs > 0 && !finished && CpuLedger.supported()) {
            budget = new CpuBudget(cpuMs, this::exceeded);
            ledger.open(budget);
        }
        return new Ops(route == null ? null : new FetchOps(loop, route.apply(isolateOutbound)), envWire, ledger, budget);
    }

    private void exceeded() {
        synchronized (this) {
            if (finished) return;
            finished = true;
        }
        onCpuExceeded.run();
    }

    /** The caller has its answer (or failure): a later CPU overrun is not reported to it. */
    public synchronized void finish() {
        finished = true;
    }
}
