package dev.workersim.bindings.queues;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;

/**
 * Workers for the queue tests. A consumer records each batch it is handed in a module-level list
 * (the isolate lives on between invocations), which GET /batches answers with.
 */
final class QueueWorkers {
    /**
     * A module worker: POST /send sends the JSON body's {@code messages} ([{body, delaySeconds?}])
     * with sendBatch to env.Q; GET /batches answers what queue() saw. {@code onMessage(msg, batch)}
     * runs per message after it is recorded (null: nothing, so the batch is acked).
     */
    static String worker(String onMessage, String afterBatch) {
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

    static Simulator start(String script, String toml) {
        return Simulator.builder().name("queues-test").script(script).inlineConfig(toml).http(false).build().start();
    }

    static String get(Simulator sim, String path) {
        FetchResponse r = sim.dispatchFetch(FetchRequest.get(path));
        if (r.status() != 200) throw new AssertionError(path + " answered " + r.status() + ": " + r.text());
        return r.text();
    }

    /** Sends {@code bodies} (JSON values) in one sendBatch through POST /send; answers the metrics JSON. */
    static String send(Simulator sim, String... bodies) {
        StringBuilder json = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < bodies.length; i++) json.append(i == 0 ? "" : ",").append("{\"body\":").append(bodies[i]).append('}');
        FetchResponse r = sim.dispatchFetch(FetchRequest.post("/send", json.append("]}").toString()));
        if (r.status() != 200) throw new AssertionError("/send answered " + r.status() + ": " + r.text());
        return r.text();
    }

    /** Polls {@code path} until its body contains {@code text} (consumers run on their own time). */
    static String awaitBody(Simulator sim, String path, String text) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        String body;
        do {
            body = get(sim, path);
            if (body.contains(text)) return body;
            Thread.sleep(20);
        } while (System.currentTimeMillis() < end);
        throw new AssertionError(path + " never contained " + text + "; last: " + body);
    }

    private QueueWorkers() {
    }
}
