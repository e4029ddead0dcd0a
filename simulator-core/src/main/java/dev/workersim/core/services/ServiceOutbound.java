package dev.workersim.core.services;

import dev.workersim.core.outbound.OutboundError;
import dev.workersim.core.outbound.OutboundHandler;
import dev.workersim.core.outbound.OutboundRequest;
import dev.workersim.core.outbound.OutboundResponse;
import dev.workersim.core.outbound.SocketRequest;
import dev.workersim.core.outbound.TcpConnection;
import dev.workersim.core.runtime.DispatchTarget;
import dev.workersim.core.runtime.HeaderList;
import dev.workersim.core.runtime.IncomingRequest;
import dev.workersim.core.runtime.Invocation;
import dev.workersim.core.runtime.WorkerHost;
import java.util.concurrent.CompletableFuture;

/** A service binding's {@code fetch()}: the request goes to the bound worker's entrypoint instead of the network. */
public final class ServiceOutbound implements OutboundHandler {
    /** workerd's error for a TCP connection made through a worker (it has no connect handler). */
    static final String NO_CONNECT = "Incoming CONNECT on a worker not supported";

    private final CallTarget target;

    ServiceOutbound(ServiceRegistry registry, String service, String entrypoint) {
        this(ServiceOps.byName(registry, service, entrypoint));
    }

    /** Requests go to {@code target} (e.g. an outbound Worker, with the parameters of one dispatch). */
    public ServiceOutbound(CallTarget target) {
        this.target = target;
    }

    @Override
    public CompletableFuture<OutboundResponse> send(OutboundRequest request) {
        return target.resolve().thenCompose(host -> send(host, request));
    }

    /**
     * A WebSocket upgrade goes to the worker like any request (an outbound Worker sees it as GET with
     * {@code Upgrade: websocket}); if it answers 101 with a WebSocket, the connection comes back
     * with the answer (see {@link BridgeExchange}).
     */
    @Override
    public CompletableFuture<OutboundResponse> upgrade(OutboundRequest request) {
        return send(request);
    }

    /**
     * A worker has no TCP ingress: a socket through a worker (a dispatched user Worker's
     * {@code connect()} when its namespace has an outbound Worker, as in production) fails as
     * workerd's does.
     */
    @Override
    public CompletableFuture<TcpConnection> connect(SocketRequest request) {
        return CompletableFuture.failedFuture(new OutboundError("TypeError", NO_CONNECT));
    }

    private CompletableFuture<OutboundResponse> send(WorkerHost host, OutboundRequest request) {
        BridgeExchange exchange = new BridgeExchange(request.body(), target.onFailure());
        Invocation invocation = target.invocation(exchange::abandon);
        // A subrequest has no cf of its own here (null), as before: the callee's request.cf is undefined.
        host.dispatch(exchange, new IncomingRequest(request.method(), request.url(), HeaderList.of(request.headers()),
                request.body() != null, null), new DispatchTarget(target.entrypoint(), invocation));
        if (invocation != null) exchange.head().whenComplete((r, e) -> invocation.finish());
        return exchange.head();
    }

    static OutboundError error(String message) {
        return new OutboundError("Error", message);
    }
}
