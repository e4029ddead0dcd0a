package dev.workersim.bindings.queues;

import static dev.workersim.bindings.queues.RecordingConsumer.consumer;
import static dev.workersim.bindings.queues.RecordingConsumer.producer;
import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.testing.WorkerFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A queue consumer's batches reach its tail consumers as invocations of their own. */
class QueueTailTest {
    @Test
    void aBatchIsTracedWithItsQueueSizeLogsAndOutcome() throws Exception {
        String js = """
                export default {
                  async fetch(req, env) {
                    if (new URL(req.url).pathname === "/three") await env.Q.send(3);
                    else await env.Q.sendBatch([{ body: 1 }, { body: 2 }]);
                    return new Response("sent");
                  },
                  async queue(batch) {
                    console.log("got", batch.messages.length);
                    if (batch.messages.some((m) => m.body === 3)) throw new RangeError("three");
                  },
                };
                """;
        String tail = """
                const seen = [];
                export default {
                  async fetch() { return Response.json(seen); },
                  tail(events) {
                    for (const e of events) {
                      if (e.event && e.event.batchSize !== undefined) {
                        seen.push([e.event.constructor.name, e.event.queue, e.event.batchSize, e.outcome,
                          e.logs.map((l) => l.message.join(" ")), e.exceptions.map((x) => x.name + ":" + x.message)]);
                      }
                    }
                  },
                };
                """;
        String toml = "tail_consumers = [{ service = \"tailer\" }]\n" + producer("traced")
                + consumer("traced", "max_batch_timeout = 0\nmax_retries = 0");
        try (WorkerFixture worker = WorkerFixture.script(js).toml(toml)
                .configure(b -> b.name("app").auxiliaryScript("tailer", tail, "")).start()) {
            assertEquals("sent", worker.getText("/"));
            List<Object> okBatch = List.of("QueueEventInfo", "traced", 2, "ok", List.of("got 2"), List.of());
            assertJson(List.of(okBatch), worker.auxiliary("tailer").awaitText("/", "QueueEventInfo"));
            assertEquals("sent", worker.getText("/three"));
            String both = worker.auxiliary("tailer").awaitText("/", "RangeError");
            assertJson(List.of(okBatch, List.of("QueueEventInfo", "traced", 1, "exception", List.of("got 1"), List.of("RangeError:three"))), both);
        }
    }
}
