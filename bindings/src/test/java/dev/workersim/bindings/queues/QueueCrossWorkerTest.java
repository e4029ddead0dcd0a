package dev.workersim.bindings.queues;

import static dev.workersim.bindings.queues.RecordingConsumer.consumer;
import static dev.workersim.bindings.queues.RecordingConsumer.producer;
import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.testing.WorkerFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A producer in one worker, its consumer in another worker of the same simulator. */
class QueueCrossWorkerTest {
    @Test
    void theConsumerWorkerGetsWhatTheProducerWorkerSent() throws Exception {
        String producerJs = """
                export default { async fetch(req, env) {
                  await env.Q.send({ from: "producer" });
                  return new Response("sent");
                } };
                """;
        String consumerJs = """
                const seen = [];
                export default {
                  async fetch() { return Response.json(seen); },
                  async queue(batch, env) { for (const m of batch.messages) seen.push([batch.queue, m.body, env.WHO]); },
                };
                """;
        String consumerToml = consumer("handoff", "max_batch_timeout = 0") + "[vars]\nWHO = \"consumer\"\n";
        try (WorkerFixture worker = WorkerFixture.script(producerJs).toml(producer("handoff"))
                .configure(b -> b.name("producer").auxiliaryScript("consumer", consumerJs, consumerToml)).start()) {
            assertEquals("sent", worker.getText("/"));
            WorkerFixture consumer = worker.auxiliary("consumer");
            assertJson(List.of(List.of("handoff", Map.of("from", "producer"), "consumer")), consumer.awaitText("/", "handoff"));
            assertTrue(QueueControl.of(worker.simulator()).awaitIdle(Duration.ofSeconds(5)));
            assertEquals(0, QueueControl.of(consumer.simulator()).unacknowledged("handoff"), "both workers see one broker");
        }
    }

    @Test
    void aSendWithoutAnyConsumerIsAcceptedAndDropped() {
        String js = """
                export default { async fetch(req, env) {
                  const r = await env.Q.send(() => 1);
                  return Response.json(r);
                } };
                """;
        try (WorkerFixture worker = WorkerFixture.script(js).toml(producer("nobody")).start()) {
            assertJson(Map.of("metadata", Map.of("metrics", Map.of("backlogCount", 0, "backlogBytes", 0))), worker.getJson("/"));
            assertEquals(0, QueueControl.of(worker.simulator()).unacknowledged("nobody"));
        }
    }
}
