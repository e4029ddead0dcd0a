package dev.workersim.bindings.queues;

import static dev.workersim.bindings.queues.RecordingConsumer.consumer;
import static dev.workersim.bindings.queues.RecordingConsumer.producer;
import static dev.workersim.bindings.queues.RecordingConsumer.send;
import static dev.workersim.bindings.queues.RecordingConsumer.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.testing.WorkerFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retries: explicit, by a throwing handler, delayed, and what happens after max_retries. */
class QueueRetryTest {
    /** "queue:body@attempts" for every message delivered, in order. */
    static List<String> deliveries(JsonNode batches) {
        List<String> out = new ArrayList<>();
        for (JsonNode b : batches) {
            for (JsonNode m : b.get("messages")) out.add(b.get("queue").asText() + ":" + m.get("body") + "@" + m.get("attempts"));
        }
        return out;
    }

    @Test
    void aMessageRetriedMaxRetriesTimesMovesToTheDeadLetterQueueWithItsIdAndTimestamp() throws Exception {
        String toml = producer("work") + consumer("work", "max_retries = 2\ndead_letter_queue = \"dead\"\nmax_batch_timeout = 0")
                + consumer("dead", "max_batch_timeout = 0");
        try (WorkerFixture worker = start(RecordingConsumer.script("if (batch.queue === 'work') msg.retry();", null), toml)) {
            QueueControl queues = QueueControl.of(worker.simulator());
            send(worker, "\"poison\"");
            worker.awaitText("/batches", "dead");
            assertTrue(queues.awaitIdle(Duration.ofSeconds(5)));
            JsonNode all = worker.getJson("/batches");
            assertEquals(List.of("work:\"poison\"@1", "work:\"poison\"@2", "work:\"poison\"@3", "dead:\"poison\"@1"),
                    deliveries(all));
            assertEquals(all.get(0).get("messages").get(0).get("id"), all.get(3).get("messages").get(0).get("id"));
            assertEquals(0, queues.unacknowledged("work") + queues.unacknowledged("dead"));
        }
    }

    @Test
    void withoutADeadLetterQueueTheMessageIsDroppedAfterItsLastAttempt() throws Exception {
        String toml = producer("flaky") + consumer("flaky", "max_retries = 1\nmax_batch_timeout = 0");
        try (WorkerFixture worker = start(RecordingConsumer.script(null, "throw new Error('boom');"), toml)) {
            QueueControl queues = QueueControl.of(worker.simulator());
            send(worker, "1", "2");
            assertTrue(queues.drain(Duration.ofSeconds(10)));
            // A handler that throws retries the whole batch, then both are dropped.
            assertEquals(List.of("flaky:1@1", "flaky:2@1", "flaky:1@2", "flaky:2@2"), deliveries(worker.getJson("/batches")));
            assertEquals(0, queues.unacknowledged("flaky"));
        }
    }

    @Test
    void aThrowingHandlerRetriesEvenExplicitlyAckedMessagesAndRetryAllOverridesAcks() throws Exception {
        // Recorded from wrangler dev: a failed or retryAll()'d batch comes back whole.
        String toml = producer("mixed") + consumer("mixed", "max_retries = 3\nmax_batch_timeout = 0\nmax_batch_size = 10");
        String onMessage = "if (msg.attempts === 1 && msg.body === 1) msg.ack();";
        String after = "if (batch.messages[0].attempts === 1) batch.retryAll();";
        try (WorkerFixture worker = start(RecordingConsumer.script(onMessage, after), toml)) {
            send(worker, "1", "2");
            QueueControl queues = QueueControl.of(worker.simulator());
            assertTrue(queues.drain(Duration.ofSeconds(10)));
            assertEquals(List.of("mixed:1@1", "mixed:2@1", "mixed:1@2", "mixed:2@2"), deliveries(worker.getJson("/batches")));
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
        try (WorkerFixture worker = start(RecordingConsumer.script(onMessage, null), toml)) {
            QueueControl queues = QueueControl.of(worker.simulator());
            send(worker, "\"msg\"", "\"cfg\"", "\"ok\"");
            assertTrue(queues.drain(Duration.ofSeconds(5)));
            assertEquals(2, queues.unacknowledged("slow"));
            worker.simulator().clock().advance(Duration.ofSeconds(31));
            assertTrue(queues.drain(Duration.ofSeconds(5)));
            assertEquals(List.of("slow:\"msg\"@1", "slow:\"cfg\"@1", "slow:\"ok\"@1", "slow:\"msg\"@2"),
                    deliveries(worker.getJson("/batches")), "retry({delaySeconds: 30}) beats retry_delay = 300");
            worker.simulator().clock().advance(Duration.ofSeconds(270));
            assertTrue(queues.drain(Duration.ofSeconds(5)));
            assertEquals("slow:\"cfg\"@2", deliveries(worker.getJson("/batches")).get(4));
            assertEquals(0, queues.unacknowledged("slow"));
        }
    }

    @Test
    void aRejectedWaitUntilRetriesTheBatchUnlessTheConsumerDoesNotWaitForIt() throws Exception {
        String onMessage = "if (msg.attempts === 1) ctx.waitUntil(Promise.reject(new Error('late')));";
        String toml = producer("later-fail") + consumer("later-fail", "max_batch_timeout = 0\nmax_retries = 1");
        try (WorkerFixture worker = start(RecordingConsumer.script(onMessage, null), toml)) {
            send(worker, "1");
            assertTrue(QueueControl.of(worker.simulator()).drain(Duration.ofSeconds(10)));
            assertEquals(List.of("later-fail:1@1", "later-fail:1@2"), deliveries(worker.getJson("/batches")), "recorded: retried");
        }
        String flagged = "compatibility_flags = [\"queue_consumer_no_wait_for_wait_until\"]\n" + toml;
        try (WorkerFixture worker = start(RecordingConsumer.script(onMessage, null), flagged)) {
            send(worker, "1");
            assertTrue(QueueControl.of(worker.simulator()).drain(Duration.ofSeconds(10)));
            assertEquals(List.of("later-fail:1@1"), deliveries(worker.getJson("/batches")), "acked when the handler returned");
        }
    }
}
