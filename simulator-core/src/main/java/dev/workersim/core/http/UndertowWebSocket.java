package dev.workersim.core.http;

import dev.workersim.core.web.websocket.WebSocketOps;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.xnio.IoUtils;
import org.xnio.Pooled;

/**
 * The server end of a WebSocket the worker accepted: Undertow completes the client's handshake
 * (101) and carries frames both ways. The worker's JS end decides when to close: a Close frame from
 * the client is reported, not echoed, and the connection ends once Close went both ways.
 */
final class UndertowWebSocket extends WebSocketOps.Socket {
    private final WebSocketOps.Events events;
    private WebSocketChannel channel;                                 // guarded by this
    private final List<Consumer<WebSocketChannel>> waiting = new ArrayList<>(); // sends before the handshake finished
    private volatile boolean closeReceived;
    // Our Close has left through the channel (not merely been asked for by the worker): only then
    // may the connection end, or the frame would be cut off and the peer see 1006.
    private volatile boolean closeWritten;

    private UndertowWebSocket(WebSocketOps.Events events) {
        this.events = events;
    }

    /** Answers {@code exchange}'s upgrade with 101 plus the worker's own response headers. */
    static UndertowWebSocket upgrade(HttpServerExchange exchange, List<String[]> headers, WebSocketOps.Events events) {
        UndertowWebSocket socket = new UndertowWebSocket(events);
        for (String[] h : headers) exchange.getResponseHeaders().add(HttpString.tryFromString(h[0]), h[1]);
        WebSocketProtocolHandshakeHandler handshake = new WebSocketProtocolHandshakeHandler(
                (io.undertow.websockets.WebSocketConnectionCallback) (wsExchange, ch) -> socket.connected(ch),
                ex -> { // not a handshake Undertow can complete (e.g. no Sec-WebSocket-Key)
                    ex.setStatusCode(400);
                    ex.endExchange();
                    events.close(1006, "", false);
                });
        try {
            handshake.handleRequest(exchange);
        } catch (Exception e) {
            IoUtils.safeClose(exchange.getConnection());
            events.close(1006, "", false);
        }
        return socket;
    }

    private void connected(WebSocketChannel ch) {
        ch.getReceiveSetter().set(new AbstractReceiveListener() {
            @Override
            protected void onFullTextMessage(WebSocketChannel c, BufferedTextMessage message) {
                events.text(message.getData());
            }

            @Override
            protected void onFullBinaryMessage(WebSocketChannel c, BufferedBinaryMessage message) {
                events.binary(joined(message));
            }

            @Override
            protected void onFullCloseMessage(WebSocketChannel c, BufferedBinaryMessage message) {
                ByteBuffer payload = joined(message);
                closeReceived = true;
                if (payload.remaining() < 2) {
                    events.close(1005, "", true);
                } else {
                    CloseMessage close = new CloseMessage(payload);
                    events.close(close.getCode(), close.getReason(), true);
                }
                if (closeWritten) IoUtils.safeClose(c);
            }

            @Override
            protected void onError(WebSocketChannel c, Throwable error) {
                IoUtils.safeClose(c);
            }
        });
        ch.addCloseTask(c -> {
            if (!closeReceived) events.close(1006, "", false);
        });
        ch.resumeReceives();
        List<Consumer<WebSocketChannel>> queued;
        synchronized (this) {
            channel = ch;
            queued = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (Consumer<WebSocketChannel> send : queued) send.accept(ch);
    }

    private static ByteBuffer joined(BufferedBinaryMessage message) {
        Pooled<ByteBuffer[]> data = message.getData();
        try {
            int total = 0;
            for (ByteBuffer b : data.getResource()) total += b.remaining();
            ByteBuffer out = ByteBuffer.allocate(total);
            for (ByteBuffer b : data.getResource()) out.put(b);
            return out.flip();
        } finally {
            data.free();
        }
    }

    private void whenConnected(Consumer<WebSocketChannel> send) {
        WebSocketChannel ch;
        synchronized (this) {
            ch = channel;
            if (ch == null) {
                waiting.add(send);
                return;
            }
        }
        send.accept(ch);
    }

    @Override
    protected void sendString(String text) {
        whenConnected(ch -> WebSockets.sendText(text, ch, null));
    }

    @Override
    protected void sendBytes(ByteBuffer bytes) {
        whenConnected(ch -> WebSockets.sendBinary(bytes, ch, null));
    }

    @Override
    protected void sendClose(int code, String reason) {
        whenConnected(ch -> {
            ByteBuffer payload = code < 0 ? ByteBuffer.allocate(0) : new CloseMessage(code, reason == null ? "" : reason).toByteBuffer();
            WebSockets.sendClose(payload, ch, new io.undertow.websockets.core.WebSocketCallback<Void>() {
                @Override
                public void complete(WebSocketChannel c, Void context) {
                    closeWritten = true;
                    if (closeReceived) IoUtils.safeClose(c);
                }

                @Override
                public void onError(WebSocketChannel c, Void context, Throwable throwable) {
                    IoUtils.safeClose(c);
                }
            });
        });
    }
}
