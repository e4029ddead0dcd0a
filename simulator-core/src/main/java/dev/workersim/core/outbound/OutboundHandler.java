package dev.workersim.core.outbound;

import java.util.concurrent.CompletableFuture;

/**
 * The one seam every outgoing {@code fetch()} from a worker goes through, one HTTP exchange (one
 * redirect hop) at a time. The default sends it to the network ({@link NetworkOutbound}); tests
 * give a {@code Simulator} their own to answer with canned responses, and later features (outbound
 * workers, subrequest limits) wrap it.
 *
 * <p>Contract: the returned future completes with the response head as soon as it is known (its
 * body may still be streaming). Cancelling the future means the worker aborted the fetch; an
 * implementation should stop the exchange. Completing exceptionally with an {@link OutboundError}
 * makes the worker's fetch reject with exactly that JS error; any other exception reads as
 * {@code Error: Network connection lost.}, as in workerd.
 *
 * <p>WebSocket client connections ({@code fetch()} with {@code Upgrade: websocket}, {@code new
 * WebSocket(url)}) come through {@link #upgrade}, so whatever wraps the seam (an outbound Worker, a
 * subrequest limit) sees them too, and so do TCP sockets through {@link #connect}.
 */
@FunctionalInterface
public interface OutboundHandler {
    CompletableFuture<OutboundResponse> send(OutboundRequest request);

    /**
     * A WebSocket upgrade request (GET, an http(s) URL, {@code Upgrade: websocket} among the
     * headers): completes with a 101 carrying {@link OutboundResponse#webSocket()}, or with the
     * answer that refused it, or exceptionally as {@link #send} does. By default, over the network.
     */
    default CompletableFuture<OutboundResponse> upgrade(OutboundRequest request) {
        return NetworkWebSocket.connect(request);
    }

    /**
     * A TCP connection ({@code connect()} from {@code cloudflare:sockets}): completes with the open
     * connection, or exceptionally: an {@link OutboundError} rejects the socket's {@code opened} and
     * {@code closed} with exactly that error, anything else with workerd's "proxy request failed,
     * cannot connect to the specified address". By default, over the network ({@link NetworkSocket}).
     */
    default CompletableFuture<TcpConnection> connect(SocketRequest request) {
        return NetworkSocket.connect(request);
    }
}
