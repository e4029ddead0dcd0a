package dev.workersim.bindings.queues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.testing.WorkerFixture;

/**
 * The worker most queue tests run. A consumer records each batch it is handed in a module-level list
 * (the isolate lives on between invocations), which GET /batches answers with.
 */
final class RecordingConsumer {
    /**
     * A module worker: POST /send sends the JSON body's {@code messages} ([{body, delaySeconds?}])
     * with sendBatch to env.Q; GET /batches answers what queue() saw. {@code onMessage(msg, batch)}
     * runs per message after it is recorded (null: nothing, so the batch is acked).
     */
    static String script(String onMessage, String afterBatch) {
        return """
                const batches = [];
                export default {
                  async fetch(req, env) {
                    const url = new URL(req.url);
                    if (url.pathname === "/send") {
                      const { messages } = await req.json();
                      const r = await env.Q.sendBatch(messages);
                      return Response.json(r.metadata.metrics);
                    }
                    if (url.pathname === "/batches") return Response.json(batches);
                    return new Response("no route", { status: 404 });
                  },
                  async queue(batch, env, ctx) {
                    batches.push({ queue: batch.queue, messages: batch.messages.map((m) => ({ id: m.id, body: m.body, attempts: m.attempts })) });
                    for (const msg of batch.messages) { %s }
                    %s
                  },
                };
                """.formatted(onMessage == null ? "" : onMessage, afterBatch == null ? "" : afterBatch);
    }

    static String producer(String queue) {
        return "[[queues.producers]]\nbinding = \"Q\"\nqueue = \"" + queue + "\"\n";
    }

    static String consumer(String queue, String settings) {
        return "[[queues.consumers]]\nqueue = \"" + queue + "\"\n" + settings + "\n";
    }

    /** A fixture (started) running {@code script} with the queues of {@code toml}. */
    static WorkerFixture start(String script, String toml) {
        return WorkerFixture.script(script).toml(toml).configure(b -> b.name("queues-test")).start();
    }

    /** Sends {@code bodies} (JSON values) in one sendBatch through POST /send; answers the metrics JSON. */
    static JsonNode send(WorkerFixture worker, String... bodies) {
        StringBuilder json = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < bodies.length; i++) json.append(i == 0 ? "" : ",").append("{\"body\":").append(bodies[i]).append('}');
        return worker.post("/send", json.append("]}").toString()).ok().json();
    }

    private RecordingConsumer() {
    }
}
