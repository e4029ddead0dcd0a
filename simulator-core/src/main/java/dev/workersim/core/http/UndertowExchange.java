package dev.workersim.core.http;

import dev.workersim.core.runtime.ExchangeHandle;
import dev.workersim.core.runtime.WorkerError;
import dev.workersim.core.web.websocket.WebSocketOps;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;

/**
 * An exchange carried by Undertow. The request body is read only as fast as the worker pulls it
 * (one channel read per pull), and a streamed response writes one chunk at a time, the
 * next only after the previous one is on its way.
 */
final class UndertowExchange extends ExchangeHandle {
    private final HttpServerExchange exchange;
    private final boolean wantsHtml;
    private final String clientAcceptEncoding; // the client's own, before the worker sees "br, gzip"

    // Response body: re-coded on the way out (null: sent as the worker made it), or dropped
    // because the front door answered 415 instead.
    private BodyCoder coder;
    private boolean discardBody;

    private static final int CHUNK = 64 * 1024;

    // Request body: the channel (IO thread only) and the worker's pending read (guarded by `this`).
    private StreamSourceChannel channel;
    private Consumer<ByteBuffer> waitingChunk;
    private Consumer<Throwable> waitingError;

    UndertowExchange(HttpServerExchange exchange) {
        this.exchange = exchange;
        String accept = exchange.getRequestHeaders().getFirst(Headers.ACCEPT);
        this.wantsHtml = accept != null && accept.contains("text/html");
        this.clientAcceptEncoding = exchange.getRequestHeaders().getFirst(Headers.ACCEPT_ENCODING);
    }

    @Override
    protected void readBodyChunk(Consumer<ByteBuffer> onChunk, Consumer<Throwable> onError) {
        synchronized (this) {
            waitingChunk = onChunk;
            waitingError = onError;
        }
        exchange.getIoThread().execute(this::pullOnIoThread);
    }

    /**
     * One read for the one chunk the worker asked for. Nothing is read ahead: when the socket has no
     * data yet, the channel wakes us once it has, and reads stop again after that chunk.
     */
    private void pullOnIoThread() {
        try {
            if (channel == null) {
                channel = exchange.getRequestChannel();
                if (channel == null) {
                    deliver(null, null);
                    return;
                }
                channel.getReadSetter().set(ch -> {
                    ch.suspendReads();
                    pullOnIoThread();
                });
            }
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            int n = channel.read(buf);
            if (n > 0) {
                buf.flip();
                deliver(buf, null);
            } else if (n < 0) {
                deliver(null, null);
            } else {
                channel.resumeReads();
            }
        } catch (IOException | RuntimeException e) {
            deliver(null, e);
        }
    }

    private void deliver(ByteBuffer chunk, Throwable error) {
        Consumer<ByteBuffer> onChunk;
        Consumer<Throwable> onError;
        synchronized (this) {
            onChunk = waitingChunk;
            onError = waitingError;
            waitingChunk = null;
            waitingError = null;
        }
        if (error != null) {
            if (onError != null) onError.accept(error);
        } else if (onChunk != null) {
            onChunk.accept(chunk);
        }
    }

    /** Writes status and headers, settling Content-Encoding; false when a 415 was sent instead. */
    private boolean applyHead(int status, List<String[]> headers) {
        String contentEncoding = null;
        String contentType = null;
        for (String[] h : headers) {
            if (contentEncoding == null && h[0].equalsIgnoreCase("content-encoding")) contentEncoding = h[1];
            if (contentType == null && h[0].equalsIgnoreCase("content-type")) contentType = h[1];
        }
        ContentCoding.Decision decision = ContentCoding.decide(clientAcceptEncoding, contentType, contentEncoding);
        if (decision == ContentCoding.Decision.BR) { // no brotli encoder here: gzip if allowed, else none
            decision = ContentCoding.acceptsGzip(clientAcceptEncoding) ? ContentCoding.Decision.GZIP
                    : ContentCoding.Decision.IDENTITY;
        }
        if (decision == ContentCoding.Decision.REJECT) {
            discardBody = true;
            sendUnsupportedMediaType();
            return false;
        }
        String wire = switch (decision) {
            case GZIP -> "gzip";
            case IDENTITY -> null;
            default -> contentEncoding;
        };
        String already = bodyEncoding();
        if ("br".equals(wire) && already == null) wire = null; // cannot produce br: send the bytes as they are
        if ("gzip".equals(wire) && already == null) {
            coder = BodyCoder.gzip();
        } else if (wire == null && "gzip".equals(already)) {
            coder = BodyCoder.gunzip();
        }
        exchange.setStatusCode(status);
        if (reasonPhrase() != null) exchange.setReasonPhrase(reasonPhrase());
        HeaderMap out = exchange.getResponseHeaders();
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase("content-encoding")) continue;
            if (coder != null && h[0].equalsIgnoreCase("content-length")) continue; // the length changes
            out.add(HttpString.tryFromString(h[0]), h[1]);
        }
        if (wire != null) out.put(Headers.CONTENT_ENCODING, wire);
        if (coder != null) out.put(Headers.TRANSFER_ENCODING, "chunked"); // re-coded bodies go chunked, as in workerd
        if (isHead()) {
            // workerd answers HEAD with neither Content-Length nor Transfer-Encoding (recorded).
            // Undertow adds `chunked` when it makes the response channel, so they go after that.
            out.remove(Headers.CONTENT_LENGTH);
            out.remove(Headers.TRANSFER_ENCODING);
            exchange.addResponseWrapper((factory, ex) -> {
                org.xnio.conduits.StreamSinkConduit conduit = factory.create();
                ex.getResponseHeaders().remove(Headers.TRANSFER_ENCODING);
                ex.getResponseHeaders().remove(Headers.CONTENT_LENGTH);
                return conduit;
            });
        }
        return true;
    }

    private void sendUnsupportedMediaType() {
        byte[] body = "Unsupported Media Type".getBytes(StandardCharsets.UTF_8);
        exchange.setStatusCode(415);
        HeaderMap out = exchange.getResponseHeaders();
        out.put(Headers.CONTENT_LENGTH, body.length);
        out.put(Headers.CONTENT_TYPE, "text/plain;charset=UTF-8");
        out.put(Headers.ACCEPT_ENCODING, "br, gzip");
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    @Override
    protected void sendWhole(int status, List<String[]> headers, ByteBuffer body) {
        if (!applyHead(status, headers)) return;
        if (coder != null) {
            try {
                body = join(coder.update(body == null ? ByteBuffer.allocate(0) : body), coder.finish());
            } catch (RuntimeException e) {
                IoUtils.safeClose(exchange.getConnection());
                return;
            }
        }
        HeaderMap out = exchange.getResponseHeaders();
        if (isHead()) {
            endWithoutLength();
            return;
        }
        if (!out.contains(Headers.TRANSFER_ENCODING)) {
            if (isHtml(out) && status != 204 && status != 304) {
                // wrangler dev sends an HTML answer chunked (its dev proxy may rewrite HTML), never with a length
                out.remove(Headers.CONTENT_LENGTH);
                out.put(Headers.TRANSFER_ENCODING, "chunked");
            } else {
                // the body's own length, whatever Content-Length the worker's headers carried (as workerd)
                out.put(Headers.CONTENT_LENGTH, body == null ? 0 : body.remaining());
            }
        }
        if (body == null || !body.hasRemaining()) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(body);
        }
    }

    private static boolean isHtml(HeaderMap out) {
        String type = out.getFirst(Headers.CONTENT_TYPE);
        return type != null && type.regionMatches(true, 0, "text/html", 0, 9);
    }

    private boolean isHead() {
        return exchange.getRequestMethod().equals(io.undertow.util.Methods.HEAD);
    }

    /**
     * Ends a HEAD answer through the response channel: Undertow's endExchange() would add
     * `Content-Length: 0` to a response that has none, and workerd sends none.
     */
    private void endWithoutLength() {
        try {
            org.xnio.channels.StreamSinkChannel ch = exchange.getResponseChannel();
            ch.shutdownWrites();
            if (!ch.flush()) {
                ch.getWriteSetter().set(org.xnio.ChannelListeners.flushingChannelListener(
                        c -> exchange.endExchange(), org.xnio.ChannelListeners.closingChannelExceptionHandler()));
                ch.resumeWrites();
                return;
            }
        } catch (java.io.IOException e) {
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        exchange.endExchange();
    }

    private static ByteBuffer join(ByteBuffer a, ByteBuffer b) {
        ByteBuffer all = ByteBuffer.allocate(a.remaining() + b.remaining());
        return all.put(a).put(b).flip();
    }

    @Override
    protected void sendHead(int status, List<String[]> headers) {
        applyHead(status, headers);
    }

    @Override
    protected void sendChunk(ByteBuffer chunk, Consumer<Throwable> done) {
        if (discardBody) {
            done.accept(null);
            return;
        }
        if (coder != null) {
            try {
                chunk = coder.update(chunk);
            } catch (RuntimeException e) {
                done.accept(e);
                IoUtils.safeClose(exchange.getConnection());
                return;
            }
            if (!chunk.hasRemaining()) {
                done.accept(null);
                return;
            }
        }
        exchange.getResponseSender().send(chunk, new IoCallback() {
            @Override
            public void onComplete(HttpServerExchange ex, Sender sender) {
                done.accept(null);
            }

            @Override
            public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                done.accept(e);
                IoUtils.safeClose(ex.getConnection());
            }
        });
    }

    @Override
    protected void sendEnd() {
        if (discardBody) return;
        ByteBuffer tail;
        try {
            tail = coder == null ? null : coder.finish();
        } catch (RuntimeException e) {
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        if (tail != null && tail.hasRemaining()) {
            exchange.getResponseSender().send(tail, IoCallback.END_EXCHANGE);
        } else {
            exchange.getResponseSender().close(IoCallback.END_EXCHANGE);
        }
    }

    @Override
    protected void sendAbort(String reason) {
        IoUtils.safeClose(exchange.getConnection());
    }

    @Override
    protected WebSocketOps.Socket acceptWebSocket(List<String[]> headers, WebSocketOps.Events events) {
        return UndertowWebSocket.upgrade(exchange, headers, events);
    }

    @Override
    protected void sendFailure(WorkerError error) {
        String body = wantsHtml ? DevErrorPage.html(error, exchange.getRequestMethod() + " " + exchange.getRequestURI())
                : error.describe() + "\n";
        exchange.setStatusCode(500);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, wantsHtml ? "text/html;charset=UTF-8" : "text/plain;charset=UTF-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, bytes.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }
}
