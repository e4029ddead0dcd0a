package dev.workersim.core.outbound;

import dev.workersim.core.web.websocket.SocketInbox;
import dev.workersim.core.web.websocket.WebSocketOps;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The network end of {@link OutboundHandler#upgrade}: a WebSocket client connection over
 * java.net.http. The request's URL is http(s) (as an outbound Worker sees it); the connection uses
 * ws(s). A refused handshake answers with the server's status.
 */
final class NetworkWebSocket {
    // Headers the handshake owns (java.net.http refuses them too).
    private static final Set<String> RESTRICTED = Set.of(
            "connection", "content-length", "expect", "host", "upgrade", "accept-encoding");
    private static volatile HttpClient client;

    private NetworkWebSocket() {
    }

    static CompletableFuture<OutboundResponse> connect(OutboundRequest request) {
        Connection connection = new Connection();
        WebSocket.Builder builder = client().newWebSocketBuilder();
        List<String> protocols = new ArrayList<>();
        String offered = request.header("sec-websocket-protocol");
        if (offered != null) for (String p : offered.split(",")) if (!p.isBlank()) protocols.add(p.trim());
        if (!protocols.isEmpty()) builder.subprotocols(protocols.get(0), protocols.subList(1, protocols.size()).toArray(String[]::new));
        for (String[] h : request.headers()) {
            String name = h[0].toLowerCase(Locale.ROOT);
            if (RESTRICTED.contains(name) || name.startsWith("sec-websocket-")) continue;
            try {
                builder.header(h[0], h[1]);
            } catch (IllegalArgumentException ignored) {
                // a header java.net.http sets itself
            }
        }
        try {
            builder.buildAsync(URI.create(request.url().replaceFirst("^http", "ws")), connection.listener())
                    .whenComplete((ws, err) -> {
                        if (err != null) connection.failedToOpen(err);
                    });
        } catch (RuntimeException e) {
            connection.answer.completeExceptionally(e);
        }
        return connection.answer;
    }

    private static HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (NetworkWebSocket.class) {
                if (client == null) client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                c = client;
            }
        }
        return c;
    }

    /** One connection: what arrives waits in {@link #inbox} until the worker attaches; sends are chained so frames leave in call order. */
    private static final class Connection extends WebSocketOps.Socket {
        final CompletableFuture<OutboundResponse> answer = new CompletableFuture<>();
        private final SocketInbox inbox = new SocketInbox();
        private final StringBuilder textParts = new StringBuilder();
        private final java.io.ByteArrayOutputStream binaryParts = new java.io.ByteArrayOutputStream();
        private CompletableFuture<WebSocket> chain = new CompletableFuture<>(); // guarded by this
        private final CompletableFuture<WebSocket> ready = chain;
        private volatile boolean closeReceived;

        /** From the listener's onOpen, which runs before the first message is reported. */
        void opened(WebSocket ws) {
            ready.complete(ws);
            List<String[]> headers = new ArrayList<>();
            String protocol = ws.getSubprotocol();
            if (protocol != null && !protocol.isEmpty()) headers.add(new String[] {"sec-websocket-protocol", protocol});
            answer.complete(new OutboundResponse(101, null, headers, null, events -> {
                inbox.attach(events);
                return this;
            }));
        }

        void failedToOpen(Throwable err) {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            ready.completeExceptionally(cause);
            if (cause instanceof WebSocketHandshakeException h) {
                answer.complete(new OutboundResponse(h.getResponse().statusCode(), null, List.of(), null));
            } else {
                answer.completeExceptionally(cause);
            }
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
                        inbox.text(textParts.toString());
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
                        inbox.binary(ByteBuffer.wrap(binaryParts.toByteArray()));
                        binaryParts.reset();
                    }
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                    closeReceived = true;
                    inbox.close(code, reason, true);
                    return null;
                }

                @Override
                public void onError(WebSocket ws, Throwable error) {
                    if (closeReceived) return;
                    inbox.error(String.valueOf(error.getMessage()), 0);
                    inbox.close(1006, "", false);
                }
            };
        }
    }
}
