package dev.workersim.core.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** An exchange with no socket: the request body is given whole and the response is collected. */
public final class MemoryExchange extends ExchangeHandle {
    /** The collected response: status, headers, body. */
    public record Result(int status, List<String[]> headers, byte[] body, WorkerError error) {
    }

    private final byte[] requestBody;
    private boolean bodyRead;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private final ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    private int status;
    private List<String[]> headers = new ArrayList<>();

    public MemoryExchange(byte[] requestBody) {
        this.requestBody = requestBody;
    }

    public CompletableFuture<Result> result() {
        return result;
    }

    @Override
    protected void readBodyChunk(Consumer<ByteBuffer> onChunk, Consumer<Throwable> onError) {
        if (bodyRead || requestBody == null) {
            onChunk.accept(null);
        } else {
            bodyRead = true;
            onChunk.accept(ByteBuffer.wrap(requestBody.clone()));
        }
    }

    @Override
    protected void sendWhole(int status, List<String[]> headers, ByteBuffer body) {
        byte[] bytes = new byte[body == null ? 0 : body.remaining()];
        if (body != null) body.get(bytes);
        result.complete(new Result(status, headers, bytes, null));
    }

    @Override
    protected void sendHead(int status, List<String[]> headers) {
        this.status = status;
        this.headers = headers;
    }

    @Override
    protected void sendChunk(ByteBuffer chunk, Consumer<Throwable> done) {
        byte[] b = new byte[chunk.remaining()];
        chunk.get(b);
        streamed.write(b, 0, b.length);
        done.accept(null);
    }

    @Override
    protected void sendEnd() {
        result.complete(new Result(status, headers, streamed.toByteArray(), null));
    }

    @Override
    protected void sendAbort(String reason) {
        result.completeExceptionally(new IllegalStateException("the worker aborted its response body: " + reason));
    }

    @Override
    protected void sendFailure(WorkerError error) {
        result.complete(new Result(500, List.<String[]>of(new String[] {"content-type", "text/plain;charset=UTF-8"}),
                error.describe().getBytes(java.nio.charset.StandardCharsets.UTF_8), error));
    }
}
