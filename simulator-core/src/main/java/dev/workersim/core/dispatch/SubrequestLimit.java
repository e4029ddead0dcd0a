package dev.workersim.core.dispatch;

import dev.workersim.core.outbound.OutboundError;
import dev.workersim.core.outbound.OutboundHandler;
import dev.workersim.core.outbound.OutboundRequest;
import dev.workersim.core.outbound.OutboundResponse;
import dev.workersim.core.outbound.SocketRequest;
import dev.workersim.core.outbound.TcpConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dispatch's {@code limits.subRequests}: the invocation's fetch() hops (redirects count, as each
 * is a request) and WebSocket connections and TCP sockets beyond the limit reject with workerd's error instead of
 * leaving.
 */
final class SubrequestLimit implements OutboundHandler {
    static final String MESSAGE = "Too many subrequests by single Worker invocation.";

    private final long limit;
    private final OutboundHandler next;
    private final AtomicLong made = new AtomicLong();

    private SubrequestLimit(long limit, OutboundHandler next) {
        this.limit = limit;
        this.next = next;
    }

    /** {@code next} under a limit of {@code limit} requests; {@code next} itself when the limit is negative (none). */
    static OutboundHandler of(long limit, OutboundHandler next) {
        return limit < 0 ? next : new SubrequestLimit(limit, next);
    }

    @Override
    public CompletableFuture<OutboundResponse> send(OutboundRequest request) {
        if (made.incrementAndGet() > limit) return CompletableFuture.failedFuture(new OutboundError("Error", MESSAGE));
        return next.send(request);
    }

    /** A WebSocket connection is a subrequest too. */
    @Override
    public CompletableFuture<OutboundResponse> upgrade(OutboundRequest request) {
        if (made.incrementAndGet() > limit) return CompletableFuture.failedFuture(new OutboundError("Error", MESSAGE));
        return next.upgrade(request);
    }

    /** So is a TCP socket (cloudflare:sockets connect()). */
    @Override
    public CompletableFuture<TcpConnection> connect(SocketRequest request) {
        if (made.incrementAndGet() > limit) return CompletableFuture.failedFuture(new OutboundError("Error", MESSAGE));
        return next.connect(request);
    }
}
