package dev.workersim.core.dispatch;

import dev.workersim.core.outbound.OutboundError;
import dev.workersim.core.runtime.Invocation;
import dev.workersim.core.runtime.WorkerError;
import dev.workersim.core.runtime.WorkerHost;
import dev.workersim.core.services.BridgeExchange;
import dev.workersim.core.services.CallTarget;
import dev.workersim.core.services.ServiceOps;
import dev.workersim.core.services.ServiceOutbound;
import dev.workersim.core.spi.HostLoop;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.graalvm.polyglot.HostAccess;

/**
 * The Fetcher of one {@code get(script, args, options)}: each of its calls (fetch or RPC) finds the
 * user Worker in the namespace at call time and invokes it with the options of this get(): its
 * subrequests go to the outbound Worker with these parameters, under these limits.
 */
public final class UserWorkerCall implements CallTarget {
    /** What a call fails with when the namespace has no such script (the docs match its prefix). */
    static final String NOT_FOUND = "Worker not found.";

    /** The Fetcher's ops, for services/service-binding.js. */
    @HostAccess.Export
    public final ServiceOps ops;

    private final DispatchNamespaceBinding binding;
    private final String script;
    private final long cpuMs;
    private final long subRequests;
    // The outbound parameters as RPC wire text; JS encodes them (asynchronously) right after get().
    private final CompletableFuture<String> params = new CompletableFuture<>();

    UserWorkerCall(HostLoop loop, DispatchNamespaceBinding binding, String script, long cpuMs, long subRequests) {
        this.binding = binding;
        this.script = script;
        this.cpuMs = cpuMs;
        this.subRequests = subRequests;
        this.ops = new ServiceOps(loop, this);
    }

    /** The encoded {@code options.outbound} (only the declared parameters), or null without an outbound Worker. */
    @HostAccess.Export
    public void params(String wire) {
        params.complete(wire);
    }

    /** The parameters could not be encoded (e.g. a function among them): every call rejects with that error. */
    @HostAccess.Export
    public void paramsFailed(String name, String message) {
        params.completeExceptionally(new OutboundError(name, message));
    }

    @Override
    public CompletableFuture<WorkerHost> resolve() {
        return params.thenApply(p -> {
            WorkerHost host = binding.directory().find(binding.namespace(), script);
            if (host == null) throw new OutboundError("Error", NOT_FOUND);
            return host;
        });
    }

    @Override
    public BridgeExchange.OnFailure onFailure() {
        return binding.tunnelExceptions() ? BridgeExchange.OnFailure.TUNNEL : BridgeExchange.OnFailure.EMPTY_500;
    }

    @Override
    public Invocation invocation(Consumer<WorkerError> abandon) {
        DispatchNamespaceBinding.Outbound outbound = binding.outbound();
        String wire = params.getNow(null);
        return Invocation.routed(own -> SubrequestLimit.of(subRequests,
                        outbound == null ? own : new ServiceOutbound(toOutboundWorker(outbound.service(), wire))),
                cpuMs, () -> abandon.accept(new WorkerError("Error", Invocation.CPU_EXCEEDED, null)));
    }

    /** The user Worker's subrequests: to the outbound Worker's fetch handler, with the parameters in its env. */
    private CallTarget toOutboundWorker(String service, String paramsWire) {
        CallTarget byName = ServiceOps.byName(binding.workers(), service, null);
        return new CallTarget() {
            @Override
            public CompletableFuture<WorkerHost> resolve() {
                return byName.resolve();
            }

            @Override
            public Invocation invocation(Consumer<WorkerError> abandon) {
                return paramsWire == null ? null : Invocation.withEnv(paramsWire);
            }

            // An outbound Worker that throws makes the user Worker's fetch() (or WebSocket) fail
            // with that error (recorded from workerd), not a 500 answer.
            @Override
            public BridgeExchange.OnFailure onFailure() {
                return BridgeExchange.OnFailure.TUNNEL;
            }
        };
    }
}
