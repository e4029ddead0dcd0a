package dev.workersim.core.web.fetch;

import dev.workersim.core.outbound.OutboundBody;
import dev.workersim.core.outbound.OutboundError;
import dev.workersim.core.outbound.OutboundHandler;
import dev.workersim.core.outbound.OutboundRequest;
import dev.workersim.core.outbound.OutboundResponse;
import dev.workersim.core.runtime.HeaderList;
import dev.workersim.core.spi.HostLoop;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One fetch hop in flight, as JS holds it: it reads the response body ({@link #read}), feeds the
 * request body ({@link #push} & co., answering Java's pulls) and aborts. Completions from the
 * handler's threads are posted to the loop; after an abort they are dropped, since JS has already
 * rejected with the signal's reason.
 */
public final class FetchCall {
    private static final String LOST = "Network connection lost.";

    private final HostLoop loop;
    private final Value onHead;
    private volatile boolean aborted;
    private CompletableFuture<OutboundResponse> pendingHead;
    private volatile OutboundBody responseBody;
    private JsBody requestBody;

    FetchCall(HostLoop loop, Value onHead) {
        this.loop = loop;
        this.onHead = onHead;
    }

    OutboundBody requestBody(Value pull, long length) {
        requestBody = new JsBody(pull, length);
        return requestBody;
    }

    void start(OutboundHandler outbound, OutboundRequest request) {
        CompletableFuture<OutboundResponse> f;
        try {
            f = outbound.send(request);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        pendingHead = f;
        f.whenComplete((resp, err) -> loop.post(() -> deliverHead(resp, err)));
    }

    private void deliverHead(OutboundResponse resp, Throwable err) {
        if (aborted) {
            if (resp != null && resp.body() != null) resp.body().cancel();
            return;
        }
        if (err != null) {
            String[] js = jsError(err);
            onHead.execute(0, "", null, false, js[0], js[1]);
            return;
        }
        responseBody = resp.body();
        onHead.execute(resp.status(), resp.statusText(), HeaderList.of(resp.headers()),
                resp.body() != null, null, null);
    }

    public static String[] jsError(Throwable err) {
        Throwable e = err;
        while (e instanceof CompletionException && e.getCause() != null) e = e.getCause();
        if (e instanceof OutboundError oe) return new String[] {oe.jsName(), String.valueOf(oe.getMessage())};
        return new String[] {"Error", LOST};
    }

    // ---- response body (JS pulls) ----------------------------------------------------------

    /** {@code callback(chunk: ByteBuffer|null, error: string|null)}: the next chunk, null at the end. */
    @HostAccess.Export
    public void read(Value callback) {
        OutboundBody body = responseBody;
        if (body == null) {
            callback.execute(null, null);
            return;
        }
        CompletableFuture<ByteBuffer> f;
        try {
            f = body.read();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((chunk, err) -> loop.post(() -> {
            if (aborted) return;
            if (err != null) callback.execute(null, jsError(err)[1]);
            else callback.execute(chunk == null ? null : copyOf(chunk), null);
        }));
    }

    /** The worker no longer wants the response body (cancelled, or a redirect was followed). */
    @HostAccess.Export
    public void cancel() {
        OutboundBody body = responseBody;
        if (body != null) body.cancel();
    }

    /** The signal fired: stop everything; JS rejects on its own. */
    @HostAccess.Export
    public void abort() {
        aborted = true;
        CompletableFuture<OutboundResponse> f = pendingHead;
        if (f != null) f.cancel(true);
        cancel();
        if (requestBody != null) requestBody.fail(new CancellationException("aborted"));
    }

    // A fresh heap buffer holding exactly the chunk, which JS wraps with new Uint8Array(buf).
    private static ByteBuffer copyOf(ByteBuffer chunk) {
        byte[] b = new byte[chunk.remaining()];
        chunk.duplicate().get(b);
        return ByteBuffer.wrap(b);
    }

    // ---- request body (Java pulls, JS answers) ---------------------------------------------

    /** The answer to a pull: one chunk of the worker's request body stream. */
    @HostAccess.Export
    public void push(Value arrayBuffer, int offset, int length) {
        byte[] out = new byte[length];
        if (length > 0) arrayBuffer.readBuffer(offset, out, 0, length);
        if (requestBody != null) requestBody.answer(ByteBuffer.wrap(out));
    }

    @HostAccess.Export
    public void pushEnd() {
        if (requestBody != null) requestBody.answer(null);
    }

    @HostAccess.Export
    public void pushError(String message) {
        if (requestBody != null) requestBody.fail(new OutboundError("Error", message));
    }

    /** The worker's request body stream, read on the loop one chunk per pull. */
    private final class JsBody extends OutboundBody {
        private final Value pull;
        private final long length;
        private CompletableFuture<ByteBuffer> pending;
        private boolean ended;

        JsBody(Value pull, long length) {
            this.pull = pull;
            this.length = length;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public CompletableFuture<ByteBuffer> read() {
            CompletableFuture<ByteBuffer> f;
            synchronized (this) {
                if (ended) return CompletableFuture.completedFuture(null);
                f = pending = new CompletableFuture<>();
            }
            loop.post(() -> {
                if (!aborted) pull.execute(FetchCall.this);
            });
            return f;
        }

        @Override
        public void cancel() {
            // The receiver stopped reading (e.g. the origin answered early): tell JS to stop the reader.
            fail(new CancellationException("request body no longer needed"));
        }

        void answer(ByteBuffer chunk) {
            CompletableFuture<ByteBuffer> f;
            synchronized (this) {
                f = pending;
                pending = null;
                if (chunk == null) ended = true;
            }
            if (f != null) f.complete(chunk);
        }

        void fail(Throwable t) {
            CompletableFuture<ByteBuffer> f;
            synchronized (this) {
                f = pending;
                pending = null;
                ended = true;
            }
            if (f != null) f.completeExceptionally(t);
        }
    }
}
