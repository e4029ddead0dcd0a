package dev.workersim.bindings.queues;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.testing.WorkerFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 while producers send: every message whose send resolved is delivered after a restart. */
class QueueCrashTest {
    private static final int ACKS_BEFORE_KILL = 300;

    @Test
    void noAcknowledgedSendIsLostWhenTheProcessIsKilled(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                QueueCrashChild.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<Integer> acked = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acked.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) acked.add(Integer.parseInt(line.substring(4)));
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close of the database
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(acked.size() >= ACKS_BEFORE_KILL, "child acknowledged only " + acked.size() + " sends");

        try (WorkerFixture worker = WorkerFixture.script(RecordingConsumer.script(null, null)).toml(QueueCrashChild.TOML)
                .configure(b -> b.name("crash")).persistTo(dir).start()) {
            assertTrue(QueueControl.of(worker.simulator()).drain(Duration.ofSeconds(30)));
            Set<Integer> delivered = new HashSet<>();
            for (JsonNode batch : worker.getJson("/batches")) {
                for (JsonNode m : batch.get("messages")) delivered.add(m.get("body").asInt());
            }
            Set<Integer> lost = new HashSet<>(acked);
            lost.removeAll(delivered);
            assertTrue(lost.isEmpty(), lost.size() + " acknowledged messages lost, e.g. " + lost.stream().limit(5).toList());
        }
    }
}
