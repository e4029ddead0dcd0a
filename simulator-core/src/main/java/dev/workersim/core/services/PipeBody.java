package dev.workersim.core.services;

import dev.workersim.core.outbound.OutboundBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A body one worker writes and another reads, chunk by chunk. A writer's chunk is acknowledged
 * (its {@code done} called) only when the reader takes it, so a fast writer waits for a slow reader
 * and nothing piles up in between.
 */
final class PipeBody extends OutboundBody {
    private record Chunk(ByteBuffer bytes, Consumer<Throwable> done) {
    }

    private final ArrayDeque<Chunk> queued = new ArrayDeque<>();
    private CompletableFuture<ByteBuffer> waitingRead;
    private boolean ended;
    private Throwable failure;
    private boolean cancelled;

    @Override
    public long length() {
        return -1;
    }

    @Override
    public CompletableFuture<ByteBuffer> read() {
        Chunk taken;
        synchronized (this) {
            if (failure != null) return CompletableFuture.failedFuture(failure);
            taken = queued.poll();
            if (taken == null) {
                if (ended) return CompletableFuture.completedFuture(null);
                waitingRead = new CompletableFuture<>();
                return waitingRead;
            }
        }
        taken.done.accept(null);
        return CompletableFuture.completedFuture(taken.bytes);
    }

    /** The writer's next chunk; {@code done} runs once the reader has it (or with an error if it left). */
    void offer(ByteBuffer bytes, Consumer<Throwable> done) {
        CompletableFuture<ByteBuffer> reader;
        synchronized (this) {
            if (cancelled) {
                reader = null;
            } else if (waitingRead != null) {
                reader = waitingRead;
                waitingRead = null;
            } else {
                queued.add(new Chunk(bytes, done));
                return;
            }
        }
        if (reader == null) {
            done.accept(new IOException("the reader of this body went away"));
        } else {
            done.accept(null);
            reader.complete(bytes);
        }
    }

    void end() {
        settle(null);
    }

    void abort(String reason) {
        settle(new IOException(reason == null ? "the body was aborted" : reason));
    }

    private void settle(Throwable error) {
        CompletableFuture<ByteBuffer> reader;
        synchronized (this) {
            if (error == null) ended = true; else failure = error;
            reader = waitingRead;
            waitingRead = null;
        }
        if (reader == null) return;
        if (error == null) reader.complete(null); else reader.completeExceptionally(error);
    }

    @Override
    public void cancel() {
        java.util.List<Chunk> dropped;
        synchronized (this) {
            cancelled = true;
            dropped = java.util.List.copyOf(queued);
            queued.clear();
        }
        dropped.forEach(c -> c.done.accept(new IOException("the reader of this body went away")));
    }
}
