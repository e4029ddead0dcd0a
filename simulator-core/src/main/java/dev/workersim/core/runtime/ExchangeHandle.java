package dev.workersim.core.runtime;

import dev.workersim.core.web.websocket.WebSocketOps;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One request/response pair as the worker's JS sees it, whatever carries it (the HTTP front door,
 * {@code Simulator.dispatchFetch}, later a service binding). JS calls the exported methods on the
 * loop thread; transports implement the protected ones and report completion from any thread, and
 * this class posts it back to the loop. The handle lives in a {@code #private} field of the JS
 * Request, out of user code's reach.
 */
public abstract class ExchangeHandle {
    private EventLoop loop;
    // Set from the loop, or from the memory guard's thread when the isolate is discarded (abortFromHost).
    private final java.util.concurrent.atomic.AtomicBoolean responded = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean streaming; // a streamed response has started and not ended
    private volatile Runnable onSettled; // the isolate's in-flight list, see WorkerIsolate
    private String bodyEncoding;
    private String reasonPhrase; // the response's statusText, when it has one

    void attach(EventLoop loop) {
        this.loop = loop;
    }

    /** {@code r} runs once the response is complete (or failed, or cut short). */
    void whenSettled(Runnable r) {
        this.onSettled = r;
    }

    private void settled() {
        Runnable r = onSettled;
        if (r != null) r.run();
    }

    /**
     * The isolate serving this exchange was discarded (it ran out of memory): a request not yet
     * answered gets {@code error}; a streamed body is cut short, as when workerd's isolate dies.
     */
    final void abortFromHost(WorkerError error) {
        if (markResponded()) {
            sendFailure(error);
        } else if (streaming) {
            streaming = false;
            sendAbort(error.message());
        }
        settled();
    }

    // ---- transport side -------------------------------------------------------------------

    /** Reads the next request body chunk; calls back once with bytes, null at the end, or an error. */
    protected abstract void readBodyChunk(Consumer<ByteBuffer> onChunk, Consumer<Throwable> onError);

    /** Sends a whole response: status, headers and a body of known length (null for none). */
    protected abstract void sendWhole(int status, List<String[]> headers, ByteBuffer body);

    /** Starts a streamed response of unknown length. */
    protected abstract void sendHead(int status, List<String[]> headers);

    /** Writes one chunk of a streamed response; {@code done} gets null or the write's error. */
    protected abstract void sendChunk(ByteBuffer chunk, Consumer<Throwable> done);

    /** Ends a streamed response normally. */
    protected abstract void sendEnd();

    /** Aborts a streamed response mid-way (the client sees a truncated body). */
    protected abstract void sendAbort(String reason);

    /** The worker threw, or returned something that is not a Response. */
    protected abstract void sendFailure(WorkerError error);

    /**
     * Completes the client's WebSocket upgrade (the worker answered 101 with a WebSocket) and
     * returns the connection, or null when this transport has none. This default, for transports
     * without a socket ({@code Simulator.dispatchFetch}), records the 101 and returns null: the
     * worker's end then sees the connection close with 1006. The HTTP front door overrides it.
     */
    protected WebSocketOps.Socket acceptWebSocket(List<String[]> headers, WebSocketOps.Events events) {
        sendWhole(101, headers, null);
        return null;
    }

    // ---- JS side (loop thread) ------------------------------------------------------------

    /** {@code callback(chunk: ArrayBuffer-able|null, error: string|null)}. */
    @HostAccess.Export
    public final void readBody(Value callback) {
        readBodyChunk(
                chunk -> loop.post(() -> callback.execute(chunk, null)),
                err -> loop.post(() -> callback.execute(null, String.valueOf(err.getMessage()))));
    }

    /**
     * Reads the rest of the request body in Java and hands it to JS at once: {@code callback(bytes, error)}.
     * For body.text()/json()/arrayBuffer() on an untouched request, this spares JS one promise turn
     * and one copy per chunk (a 1 MiB body is 16 chunks).
     */
    @HostAccess.Export
    public final void readAll(Value callback) {
        readAllInto(new java.io.ByteArrayOutputStream(), callback);
    }

    private void readAllInto(java.io.ByteArrayOutputStream all, Value callback) {
        readBodyChunk(chunk -> {
            if (chunk == null) {
                ByteBuffer whole = ByteBuffer.wrap(all.toByteArray());
                loop.post(() -> callback.execute(whole, null));
                return;
            }
            if (chunk.hasArray()) {
                all.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
            } else {
                byte[] b = new byte[chunk.remaining()];
                chunk.get(b);
                all.write(b, 0, b.length);
            }
            readAllInto(all, callback);
        }, err -> loop.post(() -> callback.execute(null, String.valueOf(err.getMessage()))));
    }

    @HostAccess.Export
    public final void respondText(int status, String headers, String body) {
        if (markResponded()) {
            sendWhole(status, parseHeaders(headers),
                    body == null ? null : ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
        }
        settled();
    }

    @HostAccess.Export
    public final void respondBytes(int status, String headers, Value arrayBuffer, int offset, int length) {
        if (markResponded()) sendWhole(status, parseHeaders(headers), copy(arrayBuffer, offset, length));
        settled();
    }

    @HostAccess.Export
    public final void startStream(int status, String headers) {
        if (markResponded()) {
            streaming = true;
            sendHead(status, parseHeaders(headers));
        }
    }

    /** {@code done(error: string|null)} runs on the loop once the chunk is handed to the transport. */
    @HostAccess.Export
    public final void writeChunk(Value arrayBuffer, int offset, int length, Value done) {
        sendChunk(copy(arrayBuffer, offset, length),
                err -> loop.post(() -> done.execute(err == null ? null : String.valueOf(err.getMessage()))));
    }

    /**
     * Says the body about to be sent already carries its Content-Encoding: "gzip" for a fetched
     * gzip body passed on unread (decodable), "manual" for {@code encodeBody: "manual"}.
     */
    @HostAccess.Export
    public final void markBodyEncoded(String how) {
        bodyEncoding = how;
    }

    /**
     * The response's own statusText, for the status line (wrangler dev sends it there). A text that
     * could break the status line (a control character) is dropped: the standard phrase is sent.
     */
    @HostAccess.Export
    public final void reasonPhrase(String text) {
        reasonPhrase = text != null && text.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff)) ? text : null;
    }

    /** What {@link #reasonPhrase(String)} set, or null for the status's standard phrase. */
    protected final String reasonPhrase() {
        return reasonPhrase;
    }

    /** What {@link #markBodyEncoded} said about the body being sent, or null: the body is plain bytes. */
    protected final String bodyEncoding() {
        return bodyEncoding;
    }

    @HostAccess.Export
    public final void endStream() {
        streaming = false;
        sendEnd();
        settled();
    }

    @HostAccess.Export
    public final void abortStream(String reason) {
        streaming = false;
        sendAbort(reason);
        settled();
    }

    /** {@code sink} hears the client's messages and close, see {@link WebSocketOps.Events}. */
    @HostAccess.Export
    public final WebSocketOps.Socket upgradeWebSocket(String headers, Value sink) {
        if (!markResponded()) return null;
        settled(); // the socket's life is the WebSocket's, not the exchange's
        return acceptWebSocket(parseHeaders(headers), new WebSocketOps.Events(loop, sink));
    }

    @HostAccess.Export
    public final void fail(String name, String message, String stack) {
        if (markResponded()) sendFailure(new WorkerError(name, message, stack));
        settled();
    }

    /**
     * A response made by the host without the worker (static assets). {@code streamed}: sent
     * without Content-Length, in one chunk.
     */
    public final void respondFromHost(int status, List<String[]> headers, ByteBuffer body, boolean streamed) {
        if (!markResponded()) return;
        if (!streamed) {
            sendWhole(status, headers, body);
            return;
        }
        sendHead(status, headers);
        if (body == null || !body.hasRemaining()) {
            sendEnd();
        } else {
            sendChunk(body, err -> {
                if (err == null) sendEnd();
            });
        }
    }

    /** Used by the runtime when the worker could not even be invoked (e.g. it failed to load). */
    public final void failFromHost(WorkerError error) {
        if (markResponded()) sendFailure(error);
        settled();
    }

    private boolean markResponded() {
        return responded.compareAndSet(false, true);
    }

    private static ByteBuffer copy(Value arrayBuffer, int offset, int length) {
        byte[] out = new byte[length];
        if (length > 0) arrayBuffer.readBuffer(offset, out, 0, length);
        return ByteBuffer.wrap(out);
    }

    /** Headers cross the boundary as one string, "name\0value\0name\0value", which is cheap both ways. */
    public static List<String[]> parseHeaders(String flat) {
        List<String[]> out = new ArrayList<>();
        if (flat == null || flat.isEmpty()) return out;
        int i = 0;
        int n = flat.length();
        while (i < n) {
            int a = flat.indexOf('\0', i);
            int b = flat.indexOf('\0', a + 1);
            if (a < 0) break;
            if (b < 0) b = n;
            out.add(new String[] {flat.substring(i, a), flat.substring(a + 1, b)});
            i = b + 1;
        }
        return out;
    }

    public static String flattenHeaders(List<String[]> headers) {
        StringBuilder sb = new StringBuilder();
        for (String[] h : headers) {
            if (sb.length() > 0) sb.append('\0');
            sb.append(h[0]).append('\0').append(h[1]);
        }
        return sb.toString();
    }
}
