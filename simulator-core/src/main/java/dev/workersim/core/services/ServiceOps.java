package dev.workersim.core.services;

import dev.workersim.core.outbound.OutboundError;
import dev.workersim.core.runtime.EventLoop;
import dev.workersim.core.runtime.RpcCompletion;
import dev.workersim.core.runtime.WorkerHost;
import dev.workersim.core.runtime.ops.FetchOps;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** The Java half of one service binding in one isolate (js/services/service-binding.js). */
public final class ServiceOps {
    /** fetch() through the bound worker: the same machinery as the global fetch, another destination. */
    @HostAccess.Export
    public final FetchOps http;

    private final EventLoop loop;
    private final ServiceRegistry registry;
    private final String service;
    private final String entrypoint;

    ServiceOps(EventLoop loop, ServiceRegistry registry, String service, String entrypoint) {
        this.loop = loop;
        this.registry = registry;
        this.service = service;
        this.entrypoint = entrypoint;
        this.http = new FetchOps(loop, new ServiceOutbound(registry, service, entrypoint));
    }

    /**
     * Calls {@code method} on the bound entrypoint. {@code resolve(resultWire)} or
     * {@code reject(name, message, stack)} runs later on this isolate's loop.
     */
    @HostAccess.Export
    public void call(String method, String argsWire, Value resolve, Value reject) {
        WorkerHost target = registry.find(service);
        if (target == null) {
            OutboundError e = ServiceBinding.notRunning(service, entrypoint);
            loop.post(() -> reject.execute(e.jsName(), e.getMessage(), null));
            return;
        }
        target.dispatchRpc(entrypoint, method, argsWire, new RpcCompletion(new RpcCompletion.Listener() {
            @Override
            public void resolved(String resultWire) {
                loop.post(() -> resolve.execute(resultWire));
            }

            @Override
            public void rejected(String name, String message, String stack) {
                loop.post(() -> reject.execute(name, message, stack));
            }
        }));
    }
}
