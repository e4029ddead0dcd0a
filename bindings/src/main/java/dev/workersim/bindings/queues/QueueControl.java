package dev.workersim.bindings.queues;

import dev.workersim.core.Simulator;
import java.time.Duration;

/**
 * Test hooks on a simulator's queues, for JUnit users: deliver waiting messages without waiting for
 * batch timeouts, wait until the consumers are done, and count what is not acknowledged yet. Delays
 * (delaySeconds, retry_delay) follow {@link Simulator#clock()}: move it forward, then
 * {@link #deliverNow()}.
 *
 * <pre>{@code
 * QueueControl queues = QueueControl.of(sim);
 * sim.dispatchFetch(FetchRequest.get("/send"));
 * queues.deliverNow();
 * assertTrue(queues.awaitIdle(Duration.ofSeconds(5)));
 * }</pre>
 */
public final class QueueControl {
    private final QueueBroker broker;

    private QueueControl(QueueBroker broker) {
        this.broker = broker;
    }

    /** The queues of {@code sim} and of its auxiliary workers (one broker serves them all). */
    public static QueueControl of(Simulator sim) {
        return new QueueControl(QueueBroker.of(sim.workers(), sim.persistRoot(), sim.clock()));
    }

    /** Sends every message that is ready (not delayed) to its consumer now, in batches of max_batch_size. */
    public void deliverNow() {
        broker.flush();
    }

    /**
     * Waits until no consumed queue has a ready message waiting or a batch in flight (messages whose
     * delay has not passed on the simulator's clock do not count). Retried messages that come back
     * at once keep it busy until they are acknowledged or given up on.
     *
     * @return whether that happened within {@code timeout}
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return broker.awaitIdle(timeout.toMillis());
    }

    /** {@link #deliverNow()} until idle: every ready message is delivered and settled, retries included. */
    public boolean drain(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        do {
            broker.flush();
            if (broker.awaitIdle(50)) return true;
        } while (System.nanoTime() < end);
        return false;
    }

    /** Messages of {@code queue} not acknowledged yet: delayed, waiting, or in a batch being handled. */
    public int unacknowledged(String queue) {
        return broker.unacknowledged(queue);
    }
}
