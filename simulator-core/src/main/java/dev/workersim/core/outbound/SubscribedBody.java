package dev.workersim.core.outbound;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A response body from java.net.http read by pulling: each {@link #read()} requests one more
 * batch from the connection, so an unread body holds the socket back instead of filling memory.
 */
final class SubscribedBody extends OutboundBody implements Flow.Subscriber<List<ByteBuffer>> {
    private final long length;
    private Flow.Subscription subscription;
    private CompletableFuture<ByteBuffer> pending;
    private boolean wantWhenSubscribed;
    private boolean done;
    private boolean cancelled;
    private Throwable error;

    SubscribedBody(Flow.Publisher<List<ByteBuffer>> publisher, long length) {
        this.length = length;
        publisher.subscribe(this);
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public CompletableFuture<ByteBuffer> read() {
        Flow.Subscription s;
        CompletableFuture<ByteBuffer> f;
        synchronized (this) {
            if (error != null) return CompletableFuture.failedFuture(error);
            if (done || cancelled) return CompletableFuture.completedFuture(null);
            if (pending != null) return CompletableFuture.failedFuture(new IllegalStateException("a read is already pending"));
            f = pending = new CompletableFuture<>();
            s = subscription;
            if (s == null) wantWhenSubscribed = true;
        }
        if (s != null) s.request(1);
        return f;
    }

    @Override
    public void cancel() {
        Flow.Subscription s;
        CompletableFuture<ByteBuffer> f;
        synchronized (this) {
            if (done || cancelled) return;
            cancelled = true;
            s = subscription;
            f = pending;
            pending = null;
        }
        if (s != null) s.cancel();
        if (f != null) f.complete(null);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean want;
        synchronized (this) {
            subscription = s;
            want = wantWhenSubscribed;
            if (cancelled) {
                s.cancel();
                return;
            }
        }
        if (want) s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> batch) {
        int size = 0;
        for (ByteBuffer b : batch) size += b.remaining();
        if (size == 0) { // nothing to hand on: ask for more instead of waking the reader
            Flow.Subscription s;
            synchronized (this) {
                s = subscription;
            }
            s.request(1);
            return;
        }
        // One chunk per batch, copied out of the client's buffers (which it may reuse).
        byte[] out = new byte[size];
        int off = 0;
        for (ByteBuffer b : batch) {
            int n = b.remaining();
            b.get(out, off, n);
            off += n;
        }
        take().complete(ByteBuffer.wrap(out));
    }

    @Override
    public void onError(Throwable t) {
        CompletableFuture<ByteBuffer> f;
        synchronized (this) {
            error = t;
            f = pending;
            pending = null;
        }
        if (f != null) f.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        CompletableFuture<ByteBuffer> f;
        synchronized (this) {
            done = true;
            f = pending;
            pending = null;
        }
        if (f != null) f.complete(null);
    }

    private synchronized CompletableFuture<ByteBuffer> take() {
        CompletableFuture<ByteBuffer> f = pending;
        pending = null;
        return f != null ? f : new CompletableFuture<>(); // cancelled meanwhile: drop the chunk
    }
}
