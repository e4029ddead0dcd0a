package dev.workersim.core.services;

import dev.workersim.core.outbound.OutboundError;
import dev.workersim.core.outbound.OutboundHandler;
import dev.workersim.core.outbound.OutboundRequest;
import dev.workersim.core.outbound.OutboundResponse;
import dev.workersim.core.runtime.ExchangeHandle;
import dev.workersim.core.runtime.WorkerHost;
import java.util.concurrent.CompletableFuture;

/** A service binding's {@code fetch()}: the request goes to the bound worker's entrypoint instead of the network. */
final class ServiceOutbound implements OutboundHandler {
    private final ServiceRegistry registry;
    private final String service;
    private final String entrypoint;

    ServiceOutbound(ServiceRegistry registry, String service, String entrypoint) {
        this.registry = registry;
        this.service = service;
        this.entrypoint = entrypoint;
    }

    @Override
    public CompletableFuture<OutboundResponse> send(OutboundRequest request) {
        WorkerHost target = registry.find(service);
        if (target == null) return CompletableFuture.failedFuture(ServiceBinding.notRunning(service, entrypoint));
        BridgeExchange exchange = new BridgeExchange(request.body());
        target.dispatch(exchange, request.method(), request.url(), ExchangeHandle.flattenHeaders(request.headers()),
                request.body() != null, null, entrypoint);
        return exchange.head();
    }

    static OutboundError error(String message) {
        return new OutboundError("Error", message);
    }
}
