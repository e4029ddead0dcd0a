package dev.workersim.core.outbound;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A request or response body read by pulling: each {@link #read()} yields the next chunk, so the
 * reader sets the pace and a large body is never held whole. Only one read may be outstanding.
 */
public abstract class OutboundBody {
    /** The byte length if known in advance, else -1. */
    public abstract long length();

    /** The next chunk, or null at the end; fails if the body broke. */
    public abstract CompletableFuture<ByteBuffer> read();

    /** Stops the body; the producer is told and later reads may fail. */
    public abstract void cancel();

    /** The whole body when it is already in memory (no streaming needed), else null. */
    public byte[] bytesIfBuffered() {
        return null;
    }

    /** Reads everything that is left (for tests and mocks; buffers the whole body). */
    public CompletableFuture<byte[]> readAllBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        readInto(out, result);
        return result;
    }

    private void readInto(ByteArrayOutputStream out, CompletableFuture<byte[]> result) {
        read().whenComplete((chunk, err) -> {
            if (err != null) {
                result.completeExceptionally(err);
            } else if (chunk == null) {
                result.complete(out.toByteArray());
            } else {
                byte[] b = new byte[chunk.remaining()];
                chunk.get(b);
                out.write(b, 0, b.length);
                readInto(out, result);
            }
        });
    }

    /** A body already in memory; it yields itself as one chunk. */
    public static OutboundBody of(byte[] bytes) {
        return new Buffered(bytes);
    }

    private static final class Buffered extends OutboundBody {
        private final byte[] bytes;
        private boolean read;

        Buffered(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public synchronized CompletableFuture<ByteBuffer> read() {
            if (read || bytes.length == 0) return CompletableFuture.completedFuture(null);
            read = true;
            return CompletableFuture.completedFuture(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
        }

        @Override
        public synchronized void cancel() {
            read = true;
        }

        @Override
        public byte[] bytesIfBuffered() {
            return bytes;
        }
    }
}
