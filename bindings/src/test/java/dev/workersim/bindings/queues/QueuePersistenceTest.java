package dev.workersim.bindings.queues;

import static dev.workersim.bindings.queues.QueueWorkers.consumer;
import static dev.workersim.bindings.queues.QueueWorkers.get;
import static dev.workersim.bindings.queues.QueueWorkers.producer;
import static dev.workersim.bindings.queues.QueueWorkers.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages are stored once send() resolves: what was not delivered is delivered after a restart. */
class QueuePersistenceTest {
    private static final String TOML = producer("durable") + consumer("durable", "max_batch_size = 10\nmax_batch_timeout = 60");

    private static Simulator start(Path dir) {
        return Simulator.builder().name("persist").script(QueueWorkers.worker(null, null)).inlineConfig(TOML)
                .persistTo(dir).http(false).build().start();
    }

    @Test
    void undeliveredMessagesSurviveARestart(@TempDir Path dir) throws Exception {
        try (Simulator sim = start(dir)) {
            send(sim, "{\"n\":1}", "{\"n\":2}");
            assertEquals(2, QueueControl.of(sim).unacknowledged("durable"));
            assertEquals("[]", get(sim, "/batches"), "the batch waits for its timeout");
        }
        assertTrue(Files.exists(dir.resolve("queues/messages.mv.db")), "H2 database under <persist>/queues/");
        try (Simulator sim = start(dir)) {
            QueueControl queues = QueueControl.of(sim);
            assertEquals(2, queues.unacknowledged("durable"));
            assertTrue(queues.drain(Duration.ofSeconds(5)));
            String batches = get(sim, "/batches");
            assertTrue(batches.contains("{\"n\":1}") && batches.contains("{\"n\":2}"), batches);
            assertEquals(0, queues.unacknowledged("durable"));
        }
        try (Simulator sim = start(dir)) {
            assertEquals(0, QueueControl.of(sim).unacknowledged("durable"), "acknowledged messages are gone for good");
        }
    }

    @Test
    void inMemoryQueuesStartEmpty() throws Exception {
        try (Simulator sim = Simulator.builder().script(QueueWorkers.worker(null, null)).inlineConfig(TOML).http(false)
                .build().start()) {
            send(sim, "1");
            assertEquals(1, QueueControl.of(sim).unacknowledged("durable"));
        }
        try (Simulator sim = Simulator.builder().script(QueueWorkers.worker(null, null)).inlineConfig(TOML).http(false)
                .build().start()) {
            assertEquals(0, QueueControl.of(sim).unacknowledged("durable"));
        }
    }
}
