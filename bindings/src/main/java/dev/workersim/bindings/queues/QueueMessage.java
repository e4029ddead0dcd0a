package dev.workersim.bindings.queues;

/**
 * One message the broker holds: what the producer sent, and where it stands. {@code queue},
 * {@code visibleAt} and {@code failedAttempts} change (on retry, or on a move to a dead letter
 * queue); the rest is fixed at send. Guarded by the broker's lock.
 */
final class QueueMessage {
    final String id;            // 32 hex digits, as wrangler dev makes them
    final long seq;             // send order, for a stable delivery order
    final String contentType;   // text | json | bytes | v8
    final byte[] body;          // text and json as UTF-8; bytes raw; v8 as UTF-8 RPC wire text
    final long timestamp;       // when it was sent (ms, simulator clock); kept on retry and DLQ moves
    String queue;
    long visibleAt;             // not delivered before this (ms, simulator clock)
    int failedAttempts;

    QueueMessage(String id, long seq, String queue, String contentType, byte[] body, long timestamp, long visibleAt,
            int failedAttempts) {
        this.id = id;
        this.seq = seq;
        this.queue = queue;
        this.contentType = contentType;
        this.body = body;
        this.timestamp = timestamp;
        this.visibleAt = visibleAt;
        this.failedAttempts = failedAttempts;
    }
}
