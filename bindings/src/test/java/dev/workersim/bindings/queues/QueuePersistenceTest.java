package dev.workersim.bindings.queues;

import static dev.workersim.bindings.queues.RecordingConsumer.consumer;
import static dev.workersim.bindings.queues.RecordingConsumer.producer;
import static dev.workersim.bindings.queues.RecordingConsumer.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.testing.WorkerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages are stored once send() resolves: what was not delivered is delivered after a restart. */
class QueuePersistenceTest {
    private static final String TOML = producer("durable") + consumer("durable", "max_batch_size = 10\nmax_batch_timeout = 60");

    private static WorkerFixture start(Path dir) {
        return WorkerFixture.script(RecordingConsumer.script(null, null)).toml(TOML).configure(b -> b.name("persist")).persistTo(dir).start();
    }

    @Test
    void undeliveredMessagesSurviveARestart(@TempDir Path dir) throws Exception {
        try (WorkerFixture worker = start(dir)) {
            send(worker, "{\"n\":1}", "{\"n\":2}");
            assertEquals(2, QueueControl.of(worker.simulator()).unacknowledged("durable"));
            assertEquals("[]", worker.getText("/batches"), "the batch waits for its timeout");
        }
        assertTrue(Files.exists(dir.resolve("queues/messages.mv.db")), "H2 database under <persist>/queues/");
        try (WorkerFixture worker = start(dir)) {
            QueueControl queues = QueueControl.of(worker.simulator());
            assertEquals(2, queues.unacknowledged("durable"));
            assertTrue(queues.drain(Duration.ofSeconds(5)));
            String batches = worker.getText("/batches");
            assertTrue(batches.contains("{\"n\":1}") && batches.contains("{\"n\":2}"), batches);
            assertEquals(0, queues.unacknowledged("durable"));
        }
        try (WorkerFixture worker = start(dir)) {
            assertEquals(0, QueueControl.of(worker.simulator()).unacknowledged("durable"), "acknowledged messages are gone for good");
        }
    }

    @Test
    void inMemoryQueuesStartEmpty() throws Exception {
        try (WorkerFixture worker = WorkerFixture.script(RecordingConsumer.script(null, null)).toml(TOML).start()) {
            send(worker, "1");
            assertEquals(1, QueueControl.of(worker.simulator()).unacknowledged("durable"));
        }
        try (WorkerFixture worker = WorkerFixture.script(RecordingConsumer.script(null, null)).toml(TOML).start()) {
            assertEquals(0, QueueControl.of(worker.simulator()).unacknowledged("durable"));
        }
    }
}
