package dev.workersim.bindings.queues;

import static dev.workersim.bindings.queues.QueueWorkers.awaitBody;
import static dev.workersim.bindings.queues.QueueWorkers.consumer;
import static dev.workersim.bindings.queues.QueueWorkers.get;
import static dev.workersim.bindings.queues.QueueWorkers.producer;
import static dev.workersim.bindings.queues.QueueWorkers.send;
import static dev.workersim.bindings.queues.QueueWorkers.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retries: explicit, by a throwing handler, delayed, and what happens after max_retries. */
class QueueRetryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** "queue:body@attempts" for every message delivered, in order. */
    static List<String> deliveries(String batchesJson) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode b : JSON.readTree(batchesJson)) {
            for (JsonNode m : b.get("messages")) out.add(b.get("queue").asText() + ":" + m.get("body") + "@" + m.get("attempts"));
        }
        return out;
    }

    @Test
    void aMessageRetriedMaxRetriesTimesMovesToTheDeadLetterQueueWithItsIdAndTimestamp() throws Exception {
        String toml = producer("work") + consumer("work", "max_retries = 2\ndead_letter_queue = \"dead\"\nmax_batch_timeout = 0")
                + consumer("dead", "max_batch_timeout = 0");
        try (Simulator sim = start(QueueWorkers.worker("if (batch.queue === 'work') msg.retry();", null), toml)) {
            QueueControl queues = QueueControl.of(sim);
            send(sim, "\"poison\"");
            awaitBody(sim, "/batches", "dead");
            assertTrue(queues.awaitIdle(Duration.ofSeconds(5)));
            String batches = get(sim, "/batches");
            assertEquals(List.of("work:\"poison\"@1", "work:\"poison\"@2", "work:\"poison\"@3", "dead:\"poison\"@1"),
                    deliveries(batches));
            JsonNode all = JSON.readTree(batches);
            assertEquals(all.get(0).get("messages").get(0).get("id"), all.get(3).get("messages").get(0).get("id"));
            assertEquals(0, queues.unacknowledged("work") + queues.unacknowledged("dead"));
        }
    }

    @Test
    void withoutADeadLetterQueueTheMessageIsDroppedAfterItsLastAttempt() throws Exception {
        String toml = producer("flaky") + consumer("flaky", "max_retries = 1\nmax_batch_timeout = 0");
        try (Simulator sim = start(QueueWorkers.worker(null, "throw new Error('boom');"), toml)) {
            QueueControl queues = QueueControl.of(sim);
            send(sim, "1", "2");
            assertTrue(queues.drain(Duration.ofSeconds(10)));
            // A handler that throws retries the whole batch, then both are dropped.
            assertEquals(List.of("flaky:1@1", "flaky:2@1", "flaky:1@2", "flaky:2@2"), deliveries(get(sim, "/batches")));
            assertEquals(0, queues.unacknowledged("flaky"));
        }
    }

    @Test
    void aThrowingHandlerRetriesEvenExplicitlyAckedMessagesAndRetryAllOverridesAcks() throws Exception {
        // Recorded from wrangler dev: a failed or retryAll()'d batch comes back whole.
        String toml = producer("mixed") + consumer("mixed", "max_retries = 3\nmax_batch_timeout = 0\nmax_batch_size = 10");
        String onMessage = "if (msg.attempts === 1 && msg.body === 1) msg.ack();";
        String after = "if (batch.messages[0].attempts === 1) batch.retryAll();";
        try (Simulator sim = start(QueueWorkers.worker(onMessage, after), toml)) {
            send(sim, "1", "2");
            QueueControl queues = QueueControl.of(sim);
            assertTrue(queues.drain(Duration.ofSeconds(10)));
            assertEquals(List.of("mixed:1@1", "mixed:2@1", "mixed:1@2", "mixed:2@2"), deliveries(get(sim, "/batches")));
        }
    }

    @Test
    void retryDelaysFollowTheClockPerMessageOverBatchOverRetryDelay() throws Exception {
        String toml = producer("slow") + consumer("slow", "retry_delay = 300\nmax_batch_timeout = 0\nmax_batch_size = 10");
        String onMessage = """
                if (msg.attempts > 1) continue;
                if (msg.body === "msg") msg.retry({ delaySeconds: 30 });
                if (msg.body === "cfg") msg.retry();
                """;
        try (Simulator sim = start(QueueWorkers.worker(onMessage, null), toml)) {
            QueueControl queues = QueueControl.of(sim);
            send(sim, "\"msg\"", "\"cfg\"", "\"ok\"");
            assertTrue(queues.drain(Duration.ofSeconds(5)));
            assertEquals(2, queues.unacknowledged("slow"));
            sim.clock().advance(Duration.ofSeconds(31));
            assertTrue(queues.drain(Duration.ofSeconds(5)));
            assertEquals(List.of("slow:\"msg\"@1", "slow:\"cfg\"@1", "slow:\"ok\"@1", "slow:\"msg\"@2"),
                    deliveries(get(sim, "/batches")), "retry({delaySeconds: 30}) beats retry_delay = 300");
            sim.clock().advance(Duration.ofSeconds(270));
            assertTrue(queues.drain(Duration.ofSeconds(5)));
            assertEquals("slow:\"cfg\"@2", deliveries(get(sim, "/batches")).get(4));
            assertEquals(0, queues.unacknowledged("slow"));
        }
    }

    @Test
    void aRejectedWaitUntilRetriesTheBatchUnlessTheConsumerDoesNotWaitForIt() throws Exception {
        String onMessage = "if (msg.attempts === 1) ctx.waitUntil(Promise.reject(new Error('late')));";
        String toml = producer("later-fail") + consumer("later-fail", "max_batch_timeout = 0\nmax_retries = 1");
        try (Simulator sim = start(QueueWorkers.worker(onMessage, null), toml)) {
            send(sim, "1");
            assertTrue(QueueControl.of(sim).drain(Duration.ofSeconds(10)));
            assertEquals(List.of("later-fail:1@1", "later-fail:1@2"), deliveries(get(sim, "/batches")), "recorded: retried");
        }
        String flagged = "compatibility_flags = [\"queue_consumer_no_wait_for_wait_until\"]\n" + toml;
        try (Simulator sim = start(QueueWorkers.worker(onMessage, null), flagged)) {
            send(sim, "1");
            assertTrue(QueueControl.of(sim).drain(Duration.ofSeconds(10)));
            assertEquals(List.of("later-fail:1@1"), deliveries(get(sim, "/batches")), "acked when the handler returned");
        }
    }
}
