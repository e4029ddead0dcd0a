package dev.workersim.core.outbound;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * Feeds a pulled {@link OutboundBody} to java.net.http as a request body. At most one read is in
 * flight, and only while the client has demand, so the worker's stream is read no faster than the
 * socket takes it.
 */
final class PullPublisher implements Flow.Publisher<ByteBuffer> {
    private final OutboundBody body;

    PullPublisher(OutboundBody body) {
        this.body = body;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Pump(subscriber));
    }

    private final class Pump implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private long demand;
        private boolean reading;
        private boolean finished;

        Pump(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            pump();
        }

        private void pump() {
            synchronized (this) {
                if (reading || finished || demand == 0) return;
                reading = true;
                demand--;
            }
            body.read().whenComplete((chunk, err) -> {
                if (err != null) {
                    finish();
                    subscriber.onError(err);
                } else if (chunk == null) {
                    finish();
                    subscriber.onComplete();
                } else {
                    subscriber.onNext(chunk);
                    synchronized (this) {
                        reading = false;
                    }
                    pump();
                }
            });
        }

        private synchronized void finish() {
            finished = true;
        }

        @Override
        public void cancel() {
            synchronized (this) {
                if (finished) return;
                finished = true;
            }
            body.cancel();
        }
    }
}
