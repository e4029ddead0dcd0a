package dev.workersim.core.runtime;

import dev.workersim.core.outbound.NetworkOutbound;
import dev.workersim.core.outbound.OutboundHandler;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.tail.TailSink;
import java.util.List;
import java.util.function.Supplier;

/**
 * What {@link WorkerIsolate#load} makes an isolate from. Built with {@link #of} and the setters
 * of {@link Builder}; what is not set has a default that runs a worker alone (no bindings, fetch()
 * to the network, its own clock, nobody tailing it).
 *
 * @param compat the compatibility date and flags the runtime's JS reads
 * @param wasmLikely a guess made before the build ends: whether the WebAssembly API is needed
 *        (if the built code needs it after all, the load starts again with it)
 * @param build the worker's code, built on another thread while the Context and prelude are made
 * @param vars the worker's plain env values (vars: strings, or JSON values from the config)
 * @param outbound where fetch() goes (the Simulator's seam)
 * @param clock what Date.now() reads
 * @param tail where the traces of its invocations go (null: no tail consumers)
 * @param evalInHandlers lets handlers use eval and new Function (workerd allows them only in
 *        top-level code): a test harness's switch, never a project's
 */
public record IsolateSpec(String name, Compatibility compat, boolean wasmLikely, Supplier<WorkerSource> build,
        java.util.Map<String, Object> vars, List<Binding> bindings, LogSink log, OutboundHandler outbound, SimClock clock,
        TailSink tail, boolean evalInHandlers) {

    /** The spec of worker {@code name} whose code {@code build} supplies; set the rest on the builder. */
    public static Builder of(String name, Compatibility compat, Supplier<WorkerSource> build) {
        return new Builder(name, compat, build);
    }

    /** The same spec with the WebAssembly API on (the guess missed). */
    IsolateSpec withWasm() {
        return new IsolateSpec(name, compat, true, build, vars, bindings, log, outbound, clock, tail, evalInHandlers);
    }

    /** Sets the parts of an {@link IsolateSpec} one by one. */
    public static final class Builder {
        private final String name;
        private final Compatibility compat;
        private final Supplier<WorkerSource> build;
        private boolean wasmLikely;
        private java.util.Map<String, Object> vars = java.util.Map.of();
        private List<Binding> bindings = List.of();
        private LogSink log;
        private OutboundHandler outbound;
        private SimClock clock;
        private TailSink tail;
        private boolean evalInHandlers;

        private Builder(String name, Compatibility compat, Supplier<WorkerSource> build) {
            this.name = name;
            this.compat = compat;
            this.build = build;
        }

        public Builder wasmLikely(boolean v) {
            wasmLikely = v;
            return this;
        }

        public Builder vars(java.util.Map<String, Object> v) {
            vars = v;
            return this;
        }

        public Builder bindings(List<Binding> v) {
            bindings = v;
            return this;
        }

        public Builder log(LogSink v) {
            log = v;
            return this;
        }

        public Builder outbound(OutboundHandler v) {
            outbound = v;
            return this;
        }

        public Builder clock(SimClock v) {
            clock = v;
            return this;
        }

        public Builder tail(TailSink v) {
            tail = v;
            return this;
        }

        public Builder evalInHandlers(boolean v) {
            evalInHandlers = v;
            return this;
        }

        public IsolateSpec build() {
            if (log == null) throw new IllegalStateException("IsolateSpec of worker \"" + name + "\": no log sink");
            return new IsolateSpec(name, compat, wasmLikely, build, vars, bindings, log,
                    outbound != null ? outbound : new NetworkOutbound(name + ".example.com"),
                    clock != null ? clock : new SimClock(), tail, evalInHandlers);
        }
    }
}
