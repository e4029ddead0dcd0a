package dev.workersim.core.services;

import dev.workersim.core.outbound.OutboundBody;
import dev.workersim.core.outbound.OutboundResponse;
import dev.workersim.core.runtime.ExchangeHandle;
import dev.workersim.core.runtime.WorkerError;
import dev.workersim.core.web.websocket.SocketInbox;
import dev.workersim.core.web.websocket.WebSocketOps;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A request from one worker served by another (a service binding's fetch): the caller's request
 * body is read as the callee pulls it, and the callee's response streams back through a
 * {@link PipeBody}, so neither side holds a whole body.
 */
public final class BridgeExchange extends ExchangeHandle {
    /** What the caller sees when the callee throws. */
    public enum OnFailure {
        /** A 500 whose body is the error as JSON (a service binding under wrangler dev). */
        JSON_500,
        /** The caller's fetch() rejects with the callee's error (dynamic_dispatch_tunnel_exceptions). */
        TUNNEL,
        /** A 500 with an empty body (dynamic_dispatch_treat_exceptions_as_500). */
        EMPTY_500
    }

    private final OutboundBody requestBody;
    private final OnFailure onFailure;
    private final CompletableFuture<OutboundResponse> head = new CompletableFuture<>();
    private PipeBody responseBody;

    BridgeExchange(OutboundBody requestBody) {
        this(requestBody, OnFailure.JSON_500);
    }

    public BridgeExchange(OutboundBody requestBody, OnFailure onFailure) {
        this.requestBody = requestBody;
        this.onFailure = onFailure;
    }

    /** The callee's response head, once it answers (its body may still stream). */
    public CompletableFuture<OutboundResponse> head() {
        return head;
    }

    @Override
    protected void readBodyChunk(Consumer<ByteBuffer> onChunk, Consumer<Throwable> onError) {
        if (requestBody == null) {
            onChunk.accept(null);
            return;
        }
        requestBody.read().whenComplete((chunk, err) -> {
            if (err != null) onError.accept(err); else onChunk.accept(chunk);
        });
    }

    @Override
    protected void sendWhole(int status, List<String[]> headers, ByteBuffer body) {
        OutboundBody out = null;
        if (body != null && body.hasRemaining()) {
            byte[] bytes = new byte[body.remaining()];
            body.get(bytes);
            out = OutboundBody.of(bytes);
        }
        head.complete(new OutboundResponse(status, null, headers, out));
    }

    @Override
    protected void sendHead(int status, List<String[]> headers) {
        responseBody = new PipeBody();
        head.complete(new OutboundResponse(status, null, headers, responseBody));
    }

    /**
     * The callee answered 101 with a WebSocket: the caller gets the connection with the answer.
     * What the callee sends waits until the caller attaches; what the caller sends goes to the
     * callee's {@code events}.
     */
    @Override
    protected WebSocketOps.Socket acceptWebSocket(List<String[]> headers, WebSocketOps.Events events) {
        SocketInbox toCaller = new SocketInbox();
        SocketInbox toCallee = new SocketInbox();
        toCallee.attach(events);
        head.complete(new OutboundResponse(101, null, headers, null, callerEvents -> {
            toCaller.attach(callerEvents);
            return new ForwardingSocket(toCallee);
        }));
        return new ForwardingSocket(toCaller);
    }

    /** One direction of a bridged WebSocket: what one worker sends, the other's inbox hears. */
    private static final class ForwardingSocket extends WebSocketOps.Socket {
        final SocketInbox to;

        ForwardingSocket(SocketInbox to) {
            this.to = to;
        }

        @Override
        protected void sendString(String text) {
            to.text(text);
        }

        @Override
        protected void sendBytes(ByteBuffer bytes) {
            to.binary(bytes);
        }

        @Override
        protected void sendClose(int code, String reason) {
            to.close(code < 0 ? 1005 : code, reason, true);
        }
    }

    @Override
    protected void sendChunk(ByteBuffer chunk, Consumer<Throwable> done) {
        responseBody.offer(chunk, done);
    }

    @Override
    protected void sendEnd() {
        responseBody.end();
    }

    @Override
    protected void sendAbort(String reason) {
        responseBody.abort(reason);
    }

    /**
     * Fails the call from outside the callee (its CPU budget ran out): the caller sees it as if the
     * callee had thrown {@code error}; whatever the callee still sends is dropped.
     */
    public void abandon(WorkerError error) {
        if (!head.isDone()) sendFailure(error);
        else if (responseBody != null) responseBody.abort(error.message());
    }

    /** The callee threw: by default the caller gets a 500 whose body is the error as JSON (recorded from wrangler dev). */
    @Override
    protected void sendFailure(WorkerError error) {
        if (onFailure == OnFailure.TUNNEL) {
            head.completeExceptionally(new dev.workersim.core.outbound.OutboundError(error.name(), error.message()));
            return;
        }
        if (onFailure == OnFailure.EMPTY_500) {
            head.complete(new OutboundResponse(500, null, List.of(), null));
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode json = JSON.createObjectNode();
        json.put("name", error.name());
        json.put("message", error.message());
        json.put("stack", error.stack() != null ? error.stack() : error.name() + ": " + error.message());
        byte[] text = json.toString().getBytes(StandardCharsets.UTF_8);
        head.complete(new OutboundResponse(500, null,
                List.<String[]>of(new String[] {"content-type", "application/json"}), OutboundBody.of(text)));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
}
