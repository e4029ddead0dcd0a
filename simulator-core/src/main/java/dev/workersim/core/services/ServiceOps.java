package dev.workersim.core.services;

import dev.workersim.core.outbound.OutboundError;
import dev.workersim.core.runtime.DispatchTarget;
import dev.workersim.core.runtime.Invocation;
import dev.workersim.core.runtime.RpcCompletion;
import dev.workersim.core.runtime.WorkerError;
import dev.workersim.core.runtime.WorkerHost;
import dev.workersim.core.spi.HostLoop;
import dev.workersim.core.web.fetch.FetchOps;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** The Java half of one service binding in one isolate (services/service-binding.js). */
public final class ServiceOps {
    /** fetch() through the bound worker: the same machinery as the global fetch, another destination. */
    @HostAccess.Export
    public final FetchOps http;

    private final HostLoop loop;
    private final CallTarget target;

    ServiceOps(HostLoop loop, ServiceRegistry registry, String service, String entrypoint) {
        this(loop, byName(registry, service, entrypoint));
    }

    /** The ops of a Fetcher whose calls go to {@code target} (e.g. a dispatch namespace's user Worker). */
    public ServiceOps(HostLoop loop, CallTarget target) {
        this.loop = loop;
        this.target = target;
        this.http = new FetchOps(loop, new ServiceOutbound(target));
    }

    /** A service binding's target: the running worker of that name, looked up at each call. */
    public static CallTarget byName(ServiceRegistry registry, String service, String entrypoint) {
        return new CallTarget() {
            @Override
            public CompletableFuture<WorkerHost> resolve() {
                WorkerHost host = registry.find(service);
                return host != null ? CompletableFuture.completedFuture(host)
                        : CompletableFuture.failedFuture(ServiceBinding.notRunning(service, entrypoint));
            }

            @Override
            public String entrypoint() {
                return entrypoint;
            }
        };
    }

    /**
     * Calls {@code method} on the bound entrypoint. {@code resolve(resultWire)} or
     * {@code reject(name, message, stack)} runs later on this isolate's loop.
     */
    @HostAccess.Export
    public void call(String method, String argsWire, Value resolve, Value reject) {
        AtomicBoolean settled = new AtomicBoolean();
        Consumer<WorkerError> fail = e -> {
            if (settled.compareAndSet(false, true)) loop.post(() -> reject.execute(e.name(), e.message(), e.stack()));
        };
        target.resolve().whenComplete((host, err) -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                String name = cause instanceof OutboundError oe ? oe.jsName() : "Error";
                fail.accept(new WorkerError(name, String.valueOf(cause.getMessage()), null));
                return;
            }
            Invocation invocation = target.invocation(fail);
            host.dispatchRpc(new DispatchTarget(target.entrypoint(), invocation), method, argsWire, new RpcCompletion(new RpcCompletion.Listener() {
                @Override
                public void resolved(String resultWire) {
                    if (invocation != null) invocation.finish();
                    if (settled.compareAndSet(false, true)) loop.post(() -> resolve.execute(resultWire));
                }

                @Override
                public void rejected(String name, String message, String stack) {
                    if (invocation != null) invocation.finish();
                    fail.accept(new WorkerError(name, message, stack));
                }
            }));
        });
    }
}
