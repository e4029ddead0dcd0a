package dev.workersim.core.web.websocket;

import dev.workersim.core.runtime.ExchangeHandle;
import dev.workersim.core.spi.HostLoop;
import java.nio.ByteBuffer;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The host half of WebSockets (web/websocket/websocket.js). A live connection is a {@link Socket} the JS
 * WebSocket keeps in its private state and sends through; what arrives is reported through
 * {@link Events}, which posts each report to the worker's loop in arrival order. Two transports
 * make sockets: the front door, when a worker answers an upgrade with status 101
 * ({@link ExchangeHandle}), and the outbound seam's {@code upgrade}, a client connection opened by
 * the worker ({@code new WebSocket(url)} or {@code fetch()} with {@code Upgrade: websocket}, see
 * {@link ClientWebSocket}).
 */
public final class WebSocketOps {
    private WebSocketOps() {
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
        private final HostLoop loop;
        private final Value sink;

        public Events(HostLoop loop, Value sink) {
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
}
