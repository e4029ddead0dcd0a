package dev.workersim.bindings.queues;

import static dev.workersim.bindings.queues.QueueWorkers.awaitBody;
import static dev.workersim.bindings.queues.QueueWorkers.consumer;
import static dev.workersim.bindings.queues.QueueWorkers.get;
import static dev.workersim.bindings.queues.QueueWorkers.producer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.Simulator;
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
        try (Simulator sim = Simulator.builder().name("app").script(js).inlineConfig(toml)
                .auxiliaryScript("tailer", tail, "").http(false).build().start()) {
            assertEquals("sent", get(sim, "/"));
            assertEquals("[[\"QueueEventInfo\",\"traced\",2,\"ok\",[\"got 2\"],[]]]",
                    awaitBody(sim.auxiliary("tailer"), "/", "QueueEventInfo"));
            assertEquals("sent", get(sim, "/three"));
            String both = awaitBody(sim.auxiliary("tailer"), "/", "RangeError");
            assertEquals("[[\"QueueEventInfo\",\"traced\",2,\"ok\",[\"got 2\"],[]],"
                    + "[\"QueueEventInfo\",\"traced\",1,\"exception\",[\"got 1\"],[\"RangeError:three\"]]]", both);
        }
    }
}
