package dev.workersim.bindings.queues;

import static dev.workersim.bindings.queues.QueueWorkers.awaitBody;
import static dev.workersim.bindings.queues.QueueWorkers.consumer;
import static dev.workersim.bindings.queues.QueueWorkers.get;
import static dev.workersim.bindings.queues.QueueWorkers.producer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.Simulator;
import java.time.Duration;
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
        try (Simulator sim = Simulator.builder().name("producer").script(producerJs).inlineConfig(producer("handoff"))
                .auxiliaryScript("consumer", consumerJs, consumerToml).http(false).build().start()) {
            assertEquals("sent", get(sim, "/"));
            Simulator consumer = sim.auxiliary("consumer");
            assertEquals("[[\"handoff\",{\"from\":\"producer\"},\"consumer\"]]", awaitBody(consumer, "/", "handoff"));
            assertTrue(QueueControl.of(sim).awaitIdle(Duration.ofSeconds(5)));
            assertEquals(0, QueueControl.of(consumer).unacknowledged("handoff"), "both workers see one broker");
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
        try (Simulator sim = Simulator.builder().script(js).inlineConfig(producer("nobody")).http(false).build().start()) {
            assertEquals("{\"metadata\":{\"metrics\":{\"backlogCount\":0,\"backlogBytes\":0}}}", get(sim, "/"));
            assertEquals(0, QueueControl.of(sim).unacknowledged("nobody"));
        }
    }
}
