package dev.workersim.core.web.websocket;

import dev.workersim.core.web.fetch.FetchCall;
import dev.workersim.core.outbound.OutboundBody;
import dev.workersim.core.outbound.OutboundResponse;
import dev.workersim.core.runtime.HeaderList;
import dev.workersim.core.spi.HostLoop;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.Value;

/**
 * A WebSocket client connection as the worker's JS holds it while the upgrade subrequest is on its
 * way ({@link FetchOps#connect}): sends wait until the answer brings a connection. The answer is
 * reported to the JS {@code sink}: {@code open(protocol, extensions)} then the connection's events
 * (see {@link WebSocketOps.Events}); {@code answered(status, statusText, headers, body)} (a HeaderList) when it
 * was refused with another status; {@code failed(name, message)} when the subrequest failed.
 */
public final class ClientWebSocket extends WebSocketOps.Socket {
    private final HostLoop loop;
    private final Value sink;
    private final List<Runnable> waiting = new ArrayList<>(); // sends before the connection exists
    private WebSocketOps.Socket connection;                   // guarded by this

    public ClientWebSocket(HostLoop loop, Value sink) {
        this.loop = loop;
        this.sink = sink;
    }

    /** The upgrade subrequest's outcome (any thread). */
    public void answered(OutboundResponse response, Throwable err) {
        if (err != null) {
            String[] js = FetchCall.jsError(err);
            loop.post(() -> sink.invokeMember("failed", js[0], js[1]));
        } else if (response.status() == 101 && response.webSocket() != null) {
            WebSocketOps.Events events = new WebSocketOps.Events(loop, sink);
            String protocol = header(response, "sec-websocket-protocol");
            events.open(protocol == null ? "" : protocol, "");
            connected(response.webSocket().attach(events));
        } else {
            readAll(response.body(), new ByteArrayOutputStream()).whenComplete((body, readErr) -> loop.post(() ->
                    sink.invokeMember("answered", response.status(), response.statusText(),
                            HeaderList.of(response.headers()), body)));
        }
    }

    private static String header(OutboundResponse response, String name) {
        for (String[] h : response.headers()) if (h[0].equalsIgnoreCase(name)) return h[1];
        return null;
    }

    // A refusal's body (small: an error page) is read whole, then handed to JS at once.
    private static CompletableFuture<ByteBuffer> readAll(OutboundBody body, ByteArrayOutputStream into) {
        if (body == null) return CompletableFuture.completedFuture(null);
        return body.read().thenCompose(chunk -> {
            if (chunk == null) return CompletableFuture.completedFuture(ByteBuffer.wrap(into.toByteArray()));
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            into.writeBytes(b);
            return readAll(body, into);
        });
    }

    private synchronized void connected(WebSocketOps.Socket socket) {
        connection = socket;
        // Sent under the lock, so later sends cannot overtake the queued ones.
        waiting.forEach(Runnable::run);
        waiting.clear();
    }

    private synchronized void send(java.util.function.Consumer<WebSocketOps.Socket> s) {
        if (connection == null) waiting.add(() -> s.accept(connection)); else s.accept(connection);
    }

    @Override
    protected void sendString(String text) {
        send(c -> c.sendString(text));
    }

    @Override
    protected void sendBytes(ByteBuffer bytes) {
        send(c -> c.sendBytes(bytes));
    }

    @Override
    protected void sendClose(int code, String reason) {
        send(c -> c.sendClose(code, reason));
    }
}
