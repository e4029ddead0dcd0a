package dev.workersim.core.runtime.ops;

import dev.workersim.core.runtime.EventLoop;
import dev.workersim.core.runtime.ExchangeHandle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The host half of WebSockets (web/websocket.js). A live connection is a {@link Socket} the JS
 * WebSocket keeps in its private state and sends through; what arrives is reported through
 * {@link Events}, which posts each report to the worker's loop in arrival order. Two transports
 * make sockets: the front door, when a worker answers an upgrade with status 101
 * ({@link ExchangeHandle}), and {@link #connect}, a client connection opened by the worker
 * ({@code new WebSocket(url)} or {@code fetch()} with {@code Upgrade: websocket}).
 *
 * <p>Client connections use java.net.http's WebSocket rather than the outbound seam: that seam
 * carries one request/response exchange, and an upgraded connection is neither.
 */
public final class WebSocketOps {
    private final EventLoop loop;
    private volatile HttpClient client;

    public WebSocketOps(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Opens a client connection to {@code url} (ws: or wss:). {@code sink} hears open(protocol,
     * extensions), text, binary, close(code, reason, wasClean) and error(message, status); a failed
     * handshake reports error with the server's HTTP status (0 when there was none).
     */
    @HostAccess.Export
    public Socket connect(String url, String protocolsCsv, String headersFlat, Value sink) {
        Events events = new Events(loop, sink);
        ClientSocket socket = new ClientSocket(events);
        WebSocket.Builder builder = client().newWebSocketBuilder();
        List<String> protocols = new ArrayList<>();
        for (String p : protocolsCsv.split(",")) if (!p.isBlank()) protocols.add(p.trim());
        if (!protocols.isEmpty()) builder.subprotocols(protocols.get(0), protocols.subList(1, protocols.size()).toArray(String[]::new));
        for (String[] h : ExchangeHandle.parseHeaders(headersFlat)) {
            if (!RESTRICTED.contains(h[0].toLowerCase(Locale.ROOT)) && !h[0].toLowerCase(Locale.ROOT).startsWith("sec-websocket-")) {
                try {
                    builder.header(h[0], h[1]);
                } catch (IllegalArgumentException ignored) {
                    // a header java.net.http sets itself
                }
            }
        }
        try {
            builder.buildAsync(URI.create(url), socket.listener()).whenComplete((ws, err) -> {
                if (err != null) socket.failedToOpen(err);
            });
        } catch (RuntimeException e) {
            events.error(String.valueOf(e.getMessage()), 0);
        }
        return socket;
    }

    // Headers the handshake owns (java.net.http refuses them too).
    private static final Set<String> RESTRICTED = Set.of(
            "connection", "content-length", "expect", "host", "upgrade", "accept-encoding");

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                c = client;
            }
        }
        return c;
    }

    /** The sending side of one connection. Calls come from the loop; implementations must not block it. */
    public abstract static class Socket {
        // The exported methods are final and delegate: the host-access policy reads @Export on the
        // method the guest calls, which for an override in a transport class would not have it.
        @HostAccess.Export
        public final void sendText(String text) {
            sendString(text);
        }

        @HostAccess.Export
        public final void sendBinary(Value arrayBuffer, int offset, int length) {
            byte[] out = new byte[length];
            if (length > 0) arrayBuffer.readBuffer(offset, out, 0, length);
            sendBytes(ByteBuffer.wrap(out));
        }

        /** Sends a Close frame; {@code code} below 0 means a Close frame without a code. */
        @HostAccess.Export
        public final void close(int code, String reason) {
            sendClose(code, reason);
        }

        protected abstract void sendString(String text);

        protected abstract void sendBytes(ByteBuffer bytes);

        protected abstract void sendClose(int code, String reason);
    }

    /** What a connection reports to its JS WebSocket; callable from any thread, delivered on the loop in order. */
    public static final class Events {
        private final EventLoop loop;
        private final Value sink;

        public Events(EventLoop loop, Value sink) {
            this.loop = loop;
            this.sink = sink;
        }

        public void open(String protocol, String extensions) {
            loop.post(() -> sink.invokeMember("open", protocol, extensions));
        }

        public void text(String text) {
            loop.post(() -> sink.invokeMember("text", text));
        }

        public void binary(ByteBuffer bytes) {
            loop.post(() -> sink.invokeMember("binary", bytes));
        }

        /** The peer's Close frame ({@code wasClean}), or the connection ending without one (code 1006). */
        public void close(int code, String reason, boolean wasClean) {
            loop.post(() -> sink.invokeMember("close", code, reason, wasClean));
        }

        public void error(String message, int status) {
            loop.post(() -> sink.invokeMember("error", message, status));
        }
    }

    /** A client connection over java.net.http; sends are chained so frames leave in call order. */
    private static final class ClientSocket extends Socket {
        private final Events events;
        private final StringBuilder textParts = new StringBuilder();
        private final java.io.ByteArrayOutputStream binaryParts = new java.io.ByteArrayOutputStream();
        private CompletableFuture<WebSocket> chain = new CompletableFuture<>(); // guarded by this
        private final CompletableFuture<WebSocket> ready = chain;
        private volatile boolean closeReceived;

        ClientSocket(Events events) {
            this.events = events;
        }

        /** From the listener's onOpen, which runs before the first message is reported. */
        void opened(WebSocket ws) {
            events.open(ws.getSubprotocol(), "");
            ready.complete(ws);
        }

        void failedToOpen(Throwable err) {
            Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
            int status = cause instanceof WebSocketHandshakeException h ? h.getResponse().statusCode() : 0;
            events.error(String.valueOf(cause.getMessage()), status);
            ready.completeExceptionally(cause);
        }

        private synchronized void then(java.util.function.Function<WebSocket, CompletableFuture<WebSocket>> send) {
            chain = chain.thenCompose(send);
            chain.exceptionally(e -> null); // a failed send ends the connection; onError reports it
        }

        @Override
        protected void sendString(String text) {
            then(ws -> ws.sendText(text, true));
        }

        @Override
        protected void sendBytes(ByteBuffer bytes) {
            then(ws -> ws.sendBinary(bytes, true));
        }

        @Override
        protected void sendClose(int code, String reason) {
            // java.net.http always sends a code and takes only 1000 and 3000-4999: 1000 stands in
            // for "none" and for the 1xxx codes it refuses.
            int sent = code == 1000 || (code >= 3000 && code <= 4999) ? code : WebSocket.NORMAL_CLOSURE;
            then(ws -> ws.sendClose(sent, reason == null ? "" : reason));
        }

        WebSocket.Listener listener() {
            return new WebSocket.Listener() {
                @Override
                public void onOpen(WebSocket ws) {
                    opened(ws);
                    ws.request(1);
                }

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    textParts.append(data);
                    if (last) {
                        events.text(textParts.toString());
                        textParts.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                    byte[] b = new byte[data.remaining()];
                    data.get(b);
                    binaryParts.writeBytes(b);
                    if (last) {
                        events.binary(ByteBuffer.wrap(binaryParts.toByteArray()));
                        binaryParts.reset();
                    }
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                    closeReceived = true;
                    events.close(code, reason, true);
                    return null;
                }

                @Override
                public void onError(WebSocket ws, Throwable error) {
                    if (closeReceived) return;
                    events.error(String.valueOf(error.getMessage()), 0);
                    events.close(1006, "", false);
                }
            };
        }
    }
}
