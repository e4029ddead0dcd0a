package dev.workersim.bindings.queues;

import static dev.workersim.bindings.queues.RecordingConsumer.consumer;
import static dev.workersim.bindings.queues.RecordingConsumer.producer;
import static dev.workersim.bindings.queues.RecordingConsumer.send;
import static dev.workersim.bindings.queues.RecordingConsumer.start;
import static dev.workersim.core.testing.JsonAssert.assertJson;
import static dev.workersim.core.testing.JsonAssert.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.testing.WorkerFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batching by size and timeout, and delays, all on the simulator's clock. */
class QueueDeliveryTest {
    static List<Integer> batchSizes(JsonNode batches) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode b : batches) out.add(b.get("messages").size());
        return out;
    }

    @Test
    void fullBatchesGoAtOnceAndAPartialOneWhenItsTimeoutPasses() throws Exception {
        String toml = producer("jobs") + consumer("jobs", "max_batch_size = 3\nmax_batch_timeout = 60");
        try (WorkerFixture worker = start(RecordingConsumer.script(null, null), toml)) {
            QueueControl queues = QueueControl.of(worker.simulator());
            send(worker, "1", "2", "3", "4", "5", "6", "7");
            worker.awaitText("/batches", "6");
            Thread.sleep(300);
            assertEquals(List.of(3, 3), batchSizes(worker.getJson("/batches")), "the seventh waits for its batch to fill");
            assertEquals(1, queues.unacknowledged("jobs"));
            worker.simulator().clock().advance(Duration.ofSeconds(61));
            worker.awaitText("/batches", "7");
            assertTrue(queues.awaitIdle(Duration.ofSeconds(5)));
            assertEquals(List.of(3, 3, 1), batchSizes(worker.getJson("/batches")));
            assertEquals(0, queues.unacknowledged("jobs"), "acknowledged when the handler returned");
            JsonNode first = worker.getJson("/batches").get(0);
            assertEquals("jobs", first.get("queue").asText());
            assertEquals(1, first.get("messages").get(0).get("attempts").asInt());
            assertTrue(first.get("messages").get(0).get("id").asText().matches("[0-9a-f]{32}"));
        }
    }

    @Test
    void delayedMessagesWaitForTheClockAndSendAnswersTheBacklogBeforeIt() throws Exception {
        String js = """
                const seen = [];
                export default {
                  async fetch(req, env) {
                    if (new URL(req.url).pathname === "/seen") return Response.json(seen);
                    await env.Q.send("now", { contentType: "text" });
                    await env.Q.send("later", { contentType: "text", delaySeconds: 120 });
                    const r = await env.Q.send("third", { contentType: "text" });
                    return Response.json(r.metadata.metrics);
                  },
                  async queue(batch) { for (const m of batch.messages) seen.push(m.body); },
                };
                """;
        String toml = producer("later") + consumer("later", "max_batch_size = 10\nmax_batch_timeout = 60");
        try (WorkerFixture worker = start(js, toml)) {
            QueueControl queues = QueueControl.of(worker.simulator());
            JsonNode metrics = worker.getJson("/send");
            assertEquals(1, metrics.get("backlogCount").asInt(), "the delayed message is not in the backlog");
            assertEquals(3, metrics.get("backlogBytes").asInt());
            assertTrue(queues.drain(Duration.ofSeconds(5)));
            assertJson(List.of("now", "third"), worker.getJson("/seen"));
            assertEquals(1, queues.unacknowledged("later"));
            worker.simulator().clock().advance(Duration.ofSeconds(121));
            assertTrue(queues.drain(Duration.ofSeconds(5)));
            assertJson(List.of("now", "third", "later"), worker.getJson("/seen"));
        }
    }

    @Test
    void serviceWorkerAndEntrypointClassConsumersGetTheBatch() throws Exception {
        String sw = """
                const seen = [];
                addEventListener("fetch", (e) => e.respondWith((async () => {
                  if (new URL(e.request.url).pathname === "/seen") return Response.json(seen);
                  await Q.send({ n: 1 });
                  return new Response("sent");
                })()));
                addEventListener("queue", (event) => {
                  seen.push({ queue: event.queue, bodies: event.messages.map((m) => m.body), type: event.type,
                    hasWaitUntil: typeof event.waitUntil });
                });
                """;
        String toml = producer("sw-q") + consumer("sw-q", "max_batch_timeout = 0");
        try (WorkerFixture worker = WorkerFixture.script(sw).toml(toml).configure(b -> b.name("sw")).start()) {
            worker.getText("/send");
            assertJson(List.of(obj("queue", "sw-q", "bodies", List.of(Map.of("n", 1)), "type", "queue", "hasWaitUntil", "function")),
                    worker.awaitText("/seen", "sw-q"));
        }
        String cls = """
                import { WorkerEntrypoint } from "cloudflare:workers";
                const seen = [];
                export default class extends WorkerEntrypoint {
                  async fetch(req) {
                    if (new URL(req.url).pathname === "/seen") return Response.json(seen);
                    await this.env.Q.send("hi", { contentType: "text" });
                    return new Response("sent");
                  }
                  async queue(batch) {
                    seen.push({ tag: Object.prototype.toString.call(batch), bodies: batch.messages.map((m) => m.body),
                      metrics: batch.metadata.metrics });
                  }
                }
                """;
        try (WorkerFixture worker = start(cls, producer("cls-q") + consumer("cls-q", "max_batch_timeout = 0"))) {
            worker.getText("/send");
            assertJson(List.of(obj("tag", "[object QueueController]", "bodies", List.of("hi"),
                    "metrics", obj("backlogCount", 0, "backlogBytes", 0))), worker.awaitText("/seen", "hi"));
        }
    }

    @Test
    void aMessagesDelayBeatsTheBatchOptionWhichBeatsTheProducersDeliveryDelay() throws Exception {
        String js = """
                const seen = [];
                export default {
                  async fetch(req, env) {
                    if (new URL(req.url).pathname === "/seen") return Response.json(seen);
                    await env.Q.send("default");
                    await env.Q.sendBatch([{ body: "own", delaySeconds: 0 }, { body: "batch" }], { delaySeconds: 10 });
                    return new Response("sent");
                  },
                  async queue(batch) { for (const m of batch.messages) seen.push(m.body); },
                };
                """;
        String toml = producer("delays") + "delivery_delay = 60\n" + consumer("delays", "max_batch_timeout = 0");
        try (WorkerFixture worker = start(js, toml)) {
            QueueControl queues = QueueControl.of(worker.simulator());
            worker.getText("/send");
            assertTrue(queues.drain(Duration.ofSeconds(5)));
            assertJson(List.of("own"), worker.getJson("/seen"));
            worker.simulator().clock().advance(Duration.ofSeconds(11));
            assertTrue(queues.drain(Duration.ofSeconds(5)));
            assertJson(List.of("own", "batch"), worker.getJson("/seen"));
            worker.simulator().clock().advance(Duration.ofSeconds(50));
            assertTrue(queues.drain(Duration.ofSeconds(5)));
            assertJson(List.of("own", "batch", "default"), worker.getJson("/seen"));
        }
    }

    @Test
    void eachBatchIsLoggedAsWranglerDevLogsIt() throws Exception {
        java.util.List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        String toml = producer("logged") + consumer("logged", "max_batch_timeout = 0\nmax_retries = 0");
        try (WorkerFixture worker = WorkerFixture.script(RecordingConsumer.script("if (msg.body === 2) msg.retry();", null)).toml(toml)
                .configure(b -> b.log((level, text) -> lines.add(level + " " + text))).start()) {
            send(worker, "1", "2");
            assertTrue(QueueControl.of(worker.simulator()).drain(Duration.ofSeconds(5)));
        }
        List<String> queueLines = lines.stream().filter(l -> l.contains("logged")).toList();
        assertEquals(2, queueLines.size(), lines.toString());
        assertTrue(queueLines.get(0).matches("WARN Dropped message \"[0-9a-f]{32}\" on queue \"logged\" after 1 failed attempt!"),
                queueLines.get(0));
        assertTrue(queueLines.get(1).matches("INFO QUEUE logged 1/2 \\(\\d+ms\\)"), queueLines.get(1));
    }
}
