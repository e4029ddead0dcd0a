package dev.workersim.bindings.queues;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workersim.core.runtime.LogSink;
import dev.workersim.core.runtime.QueueCompletion;
import dev.workersim.core.runtime.SimClock;
import dev.workersim.core.runtime.WorkerError;
import dev.workersim.core.runtime.WorkerHost;
import dev.workersim.core.services.ServiceRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The queues of one simulator, shared by all its workers (producers of one worker, consumers in
 * another): messages wait here, per queue, until a batch is full or its timeout passes, then go to
 * the consumer worker's queue() handler; what the handler acks is forgotten, what it retries comes
 * back after its delay, and after max_retries it moves to the dead letter queue or is dropped.
 * Times (delays, batch timeouts) follow the simulator's clock, so tests can move it. Every message
 * is in the {@link QueueStore} from the moment its send resolves until it is acknowledged.
 */
final class QueueBroker implements AutoCloseable {
    static final String SHARED_KEY = "dev.workersim.bindings.queues.QueueBroker";
    static final int MAX_MESSAGE_BYTES = 128_000;
    static final int MAX_BATCH_MESSAGES = 100;
    static final int MAX_BATCH_BYTES = 288_000;
    static final int MAX_DELAY_SECONDS = 86_400;
    private static final long MAX_WAIT_MILLIS = 100; // how soon a moved clock is noticed
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A message as a producer hands it over: body already encoded for its content type. */
    record Outgoing(String contentType, byte[] body, Integer delaySeconds) {
    }

    /** The messages of one queue that are not acknowledged yet. */
    private static final class Lane {
        final List<QueueMessage> waiting = new ArrayList<>(); // delayed or ready, in the order they came
        final List<QueueMessage> inFlight = new ArrayList<>();
        int batchesInFlight;
        long deadline = -1; // when the current partial batch goes, or -1
        boolean flushNow;   // a test asked for delivery without waiting for the batch timeout
    }

    private final QueueStore store;
    private final SimClock clock;
    private final ServiceRegistry workers;
    private final Map<String, QueueConsumer> consumers = new HashMap<>();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final Thread dispatcher;
    private long nextSeq;
    private boolean closed;

    QueueBroker(Path persistRoot, SimClock clock, ServiceRegistry workers) {
        this.store = new QueueStore(persistRoot == null ? null : persistRoot.resolve("queues"));
        this.clock = clock;
        this.workers = workers;
        for (QueueMessage m : store.loadAll()) {
            lane(m.queue).waiting.add(m);
            nextSeq = Math.max(nextSeq, m.seq + 1);
        }
        dispatcher = new Thread(this::dispatchLoop, "workersim-queues");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** The broker of the simulator {@code workers} belongs to, made on first use. */
    static QueueBroker of(ServiceRegistry workers, Path persistRoot, SimClock clock) {
        return workers.shared(SHARED_KEY, () -> new QueueBroker(persistRoot, clock, workers));
    }

    private Lane lane(String queue) {
        return lanes.computeIfAbsent(queue, q -> new Lane());
    }

    /** The consumers of one worker, replacing what that worker declared before (a config edit). */
    synchronized void setConsumers(String workerName, List<QueueConsumer> mine) {
        for (QueueConsumer c : mine) {
            QueueConsumer other = consumers.get(c.queue());
            if (other != null && !other.workerName().equals(workerName)) {
                throw new IllegalArgumentException("queue \"" + c.queue() + "\" already has a consumer (worker \""
                        + other.workerName() + "\"); a queue has at most one");
            }
        }
        consumers.values().removeIf(c -> c.workerName().equals(workerName));
        for (QueueConsumer c : mine) consumers.put(c.queue(), c);
        notifyAll();
    }

    // ---- producing ----

    /**
     * Stores the messages and answers the queue's metrics as they were before them (what send()
     * resolves to), or fails with the text wrangler dev's broker answers. A queue without a consumer
     * takes any message and drops it, as wrangler dev does.
     */
    CompletableFuture<String> enqueue(String queue, boolean batch, List<Outgoing> outgoing, Integer batchDelay) {
        List<QueueMessage> made = new ArrayList<>();
        String metrics;
        synchronized (this) {
            long now = clock.millis();
            metrics = metricsJson(lane(queue), now);
            if (!consumers.containsKey(queue)) return CompletableFuture.completedFuture(metrics);
            String refused = batch ? checkBatch(outgoing) : checkMessage(outgoing.get(0));
            for (int i = 0; refused == null && i < outgoing.size(); i++) {
                Outgoing o = outgoing.get(i);
                Integer delay = o.delaySeconds() != null ? o.delaySeconds() : batchDelay;
                if (o.body() == null || (delay != null && (delay < 0 || delay > MAX_DELAY_SECONDS))) {
                    refused = "Internal Server Error"; // what wrangler dev's broker answers for these
                    break;
                }
                long visibleAt = now + (delay == null ? 0 : delay * 1000L);
                made.add(new QueueMessage(newId(), nextSeq++, queue, o.contentType(), o.body(), now, visibleAt, 0));
            }
            if (refused != null) return CompletableFuture.failedFuture(new IllegalArgumentException(refused));
        }
        return store.insert(made).thenApply(v -> {
            synchronized (this) {
                lane(queue).waiting.addAll(made);
                notifyAll();
            }
            return metrics;
        });
    }

    private static String checkMessage(Outgoing o) {
        int size = o.body() == null ? 0 : o.body().length;
        return size > MAX_MESSAGE_BYTES ? "message length of " + size + " bytes exceeds limit of " + MAX_MESSAGE_BYTES : null;
    }

    private static String checkBatch(List<Outgoing> outgoing) {
        if (outgoing.size() > MAX_BATCH_MESSAGES) {
            return "batch message count of " + outgoing.size() + " exceeds limit of " + MAX_BATCH_MESSAGES;
        }
        int largest = 0;
        int total = 0;
        for (Outgoing o : outgoing) {
            int size = o.body() == null ? 0 : o.body().length;
            largest = Math.max(largest, size);
            total += size;
        }
        if (largest > MAX_MESSAGE_BYTES) {
            return "message in batch has length " + largest + " bytes which exceeds single message size limit of "
                    + MAX_MESSAGE_BYTES;
        }
        return total > MAX_BATCH_BYTES ? "batch size of " + total + " bytes exceeds limit of " + MAX_BATCH_BYTES : null;
    }

    private static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The queue's metrics now, as {@link #enqueue} answers them. */
    synchronized String metrics(String queue) {
        return metricsJson(lane(queue), clock.millis());
    }

    /** backlogCount/backlogBytes of the messages ready and waiting, oldestMessageTimestamp when any. */
    private static String metricsJson(Lane lane, long now) {
        long count = 0;
        long bytes = 0;
        long oldest = Long.MAX_VALUE;
        for (QueueMessage m : lane.waiting) {
            if (m.visibleAt > now) continue;
            count++;
            bytes += m.body.length;
            oldest = Math.min(oldest, m.timestamp);
        }
        ObjectNode metrics = JSON.createObjectNode().put("backlogCount", count).put("backlogBytes", bytes);
        if (count > 0) metrics.put("oldestMessageTimestamp", oldest);
        return JSON.createObjectNode().set("metrics", metrics).toString();
    }

    // ---- delivering ----

    private record Delivery(QueueConsumer consumer, List<QueueMessage> batch, String metadataJson) {
    }

    private void dispatchLoop() {
        while (true) {
            List<Delivery> due = new ArrayList<>();
            synchronized (this) {
                if (closed) return;
                long now = clock.millis();
                long wake = now + MAX_WAIT_MILLIS;
                for (QueueConsumer c : consumers.values()) wake = Math.min(wake, pump(c, lane(c.queue()), now, due));
                if (due.isEmpty()) {
                    try {
                        wait(Math.max(1, wake - now));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            due.forEach(this::deliver);
        }
    }

    /** Takes the batches of one queue that are due now into {@code due}; returns when to look again. */
    private long pump(QueueConsumer c, Lane lane, long now, List<Delivery> due) {
        long wake = Long.MAX_VALUE;
        while (lane.batchesInFlight < c.maxConcurrency()) {
            List<QueueMessage> ready = new ArrayList<>();
            for (QueueMessage m : lane.waiting) {
                if (m.visibleAt <= now) ready.add(m);
                else wake = Math.min(wake, m.visibleAt);
            }
            if (ready.isEmpty()) {
                lane.deadline = -1;
                lane.flushNow = false;
                break;
            }
            if (lane.deadline < 0) lane.deadline = now + c.maxBatchTimeoutMillis();
            if (ready.size() < c.maxBatchSize() && now < lane.deadline && !lane.flushNow) {
                wake = Math.min(wake, lane.deadline);
                break;
            }
            List<QueueMessage> batch = new ArrayList<>(ready.subList(0, Math.min(ready.size(), c.maxBatchSize())));
            lane.waiting.removeAll(batch);
            lane.inFlight.addAll(batch);
            lane.batchesInFlight++;
            lane.deadline = -1;
            due.add(new Delivery(c, batch, metricsJson(lane, now)));
        }
        return wake;
    }

    private void deliver(Delivery d) {
        ArrayNode messages = JSON.createArrayNode();
        for (QueueMessage m : d.batch()) {
            boolean bytes = m.contentType.equals("bytes");
            messages.addObject().put("id", m.id).put("timestamp", m.timestamp).put("attempts", m.failedAttempts + 1)
                    .put("contentType", m.contentType)
                    .put("body", new String(m.body, bytes ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        }
        QueueCompletion done = new QueueCompletion();
        long started = System.nanoTime();
        WorkerHost host = workers.find(d.consumer().workerName());
        if (host == null) {
            LogSink.TERMINAL.log(LogSink.Level.ERROR, "no worker named \"" + d.consumer().workerName()
                    + "\" is running to consume queue \"" + d.consumer().queue() + "\"; the batch will be retried");
            done.failFromHost(new WorkerError("Error", "no worker named \"" + d.consumer().workerName()
                    + "\" is running to consume queue \"" + d.consumer().queue() + "\"", null));
        } else {
            try {
                host.dispatchQueue(d.consumer().queue(), messages.toString(), d.metadataJson(), done);
            } catch (RuntimeException e) { // e.g. the worker's loop closed under a reload: retry later
                done.failFromHost(new WorkerError("Error", String.valueOf(e.getMessage()), null));
            }
        }
        done.future().thenAccept(result -> settle(d, result, (System.nanoTime() - started) / 1_000_000,
                host == null ? LogSink.TERMINAL : host.log()));
    }

    /** Applies what the handler asked for (wrangler dev's rules: a failed handler retries the whole batch). */
    private synchronized void settle(Delivery d, QueueCompletion.Result result, long millis, LogSink log) {
        QueueConsumer c = d.consumer();
        Lane lane = lane(c.queue());
        long now = clock.millis();
        boolean retryAll = result.retryAll() || !result.ok();
        List<String> forget = new ArrayList<>();
        int failed = 0;
        for (QueueMessage m : d.batch()) {
            lane.inFlight.remove(m);
            if (!retryAll && !result.retries().containsKey(m.id)) {
                forget.add(m.id);
                continue;
            }
            failed++;
            m.failedAttempts++;
            if (m.failedAttempts < c.maxAttempts()) {
                Integer delay = result.retries().get(m.id);
                if (delay == null) delay = result.retryAllDelay();
                if (delay == null) delay = c.retryDelay();
                m.visibleAt = now + delay * 1000L;
                lane.waiting.add(m);
                store.update(m.id, m.queue, m.visibleAt, m.failedAttempts);
                continue;
            }
            String attempts = c.maxAttempts() + " failed attempt" + (c.maxAttempts() == 1 ? "" : "s");
            if (c.deadLetterQueue() == null) {
                log.log(LogSink.Level.WARN, "Dropped message \"" + m.id + "\" on queue \"" + c.queue() + "\" after " + attempts + "!");
                forget.add(m.id);
                continue;
            }
            log.log(LogSink.Level.WARN, "Moving message \"" + m.id + "\" on queue \"" + c.queue()
                    + "\" to dead letter queue \"" + c.deadLetterQueue() + "\" after " + attempts + "...");
            if (!consumers.containsKey(c.deadLetterQueue())) {
                forget.add(m.id); // like any message sent to a queue without a consumer
                continue;
            }
            // Same id and timestamp on the dead letter queue; attempts start again.
            m.queue = c.deadLetterQueue();
            m.failedAttempts = 0;
            m.visibleAt = now;
            lane(m.queue).waiting.add(m);
            store.update(m.id, m.queue, m.visibleAt, m.failedAttempts);
        }
        if (!forget.isEmpty()) store.delete(forget);
        lane.batchesInFlight--;
        int total = d.batch().size();
        log.log(LogSink.Level.INFO, "QUEUE " + c.queue() + " " + (total - failed) + "/" + total + " (" + millis + "ms)");
        notifyAll();
    }

    // ---- for tests (QueueControl) ----

    /** Delivers every ready message now, without waiting for batches to fill or time out. */
    synchronized void flush() {
        for (QueueConsumer c : consumers.values()) lane(c.queue()).flushNow = true;
        notifyAll();
    }

    /** Wakes the dispatcher (after the clock moved). */
    synchronized void kick() {
        notifyAll();
    }

    /** True when no consumed queue has a ready message waiting or a batch in flight (delayed ones aside). */
    synchronized boolean idle() {
        long now = clock.millis();
        for (QueueConsumer c : consumers.values()) {
            Lane lane = lane(c.queue());
            if (lane.batchesInFlight > 0) return false;
            for (QueueMessage m : lane.waiting) if (m.visibleAt <= now) return false;
        }
        return true;
    }

    /** Messages of {@code queue} not acknowledged yet: waiting (delayed or ready) or in flight. */
    synchronized int unacknowledged(String queue) {
        Lane lane = lanes.get(queue);
        return lane == null ? 0 : lane.waiting.size() + lane.inFlight.size();
    }

    /** Waits (up to {@code timeoutMillis}) until {@link #idle()}; returns whether it got there. */
    synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!idle()) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) return false;
            wait(Math.min(left, MAX_WAIT_MILLIS));
        }
        return true;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            dispatcher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
