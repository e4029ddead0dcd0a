package dev.workersim.core.spi;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import dev.workersim.core.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A binding from a provider on the classpath, seen by a worker: async ops, errors, state across reloads. */
class BindingSpiTest {
    private static final String WORKER = """
            export default { async fetch(req, env) {
              const path = new URL(req.url).pathname;
              if (path === "/bad") {
                try { await env.HITS.increment(-1); } catch (e) { return new Response(e.name + ": " + e.message, { status: 400 }); }
              }
              if (path === "/clock") return new Response(String(env.HITS.clock));
              const [a, b] = await Promise.all([env.HITS.increment(), env.HITS.increment(2)]);
              return Response.json({ total: Math.max(a, b), persisted: env.HITS.persisted, plain: env.PLAIN });
            } };
            """;

    @Test
    void asyncOpsResolveAndRejectOnTheLoopAndTheStoreOutlivesAReload() {
        try (Simulator sim = Simulator.builder().script(WORKER).http(false)
                .inlineConfig("[vars]\nPLAIN = \"v\"\n\n[[test_counters]]\nbinding = \"HITS\"\n").build().start()) {
            assertJson(Map.of("total", 3, "persisted", false, "plain", "v"), sim.dispatchFetch(FetchRequest.get("/")).text());
            var bad = sim.dispatchFetch(FetchRequest.get("/bad"));
            assertEquals(400, bad.status());
            assertEquals("RangeError: counters only go up", bad.text());
            assertEquals(null, sim.reload());
            assertJson(Map.of("total", 6, "persisted", false, "plain", "v"), sim.dispatchFetch(FetchRequest.get("/")).text());
        }
    }

    /** As wrangler dev: an edit that adds or renames a binding applies at the next reload, without a restart. */
    @Test
    void aConfigEditChangesTheBindingsAtTheNextReload(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String worker = "export default { fetch(r, env) { return new Response(Object.keys(env).sort().join(',')); } };";
        dev.workersim.core.TestProjects.project(dir, "wrangler.toml", "main = \"w.js\"\n[vars]\nV = \"1\"\n", "w.js", worker);
        try (Simulator sim = Simulator.builder().config(dir.resolve("wrangler.toml")).inMemory().http(false).build().start()) {
            assertEquals("V", sim.dispatchFetch(FetchRequest.get("/")).text());
            dev.workersim.core.TestProjects.write(dir.resolve("wrangler.toml"),
                    "main = \"w.js\"\n[vars]\nV = \"1\"\n[[test_counters]]\nbinding = \"HITS\"\n");
            assertEquals(null, sim.reload());
            assertEquals("HITS,V", sim.dispatchFetch(FetchRequest.get("/")).text());
            dev.workersim.core.TestProjects.write(dir.resolve("wrangler.toml"),
                    "main = \"w.js\"\n[vars]\nV = \"1\"\n[[test_counters]]\nbinding = \"COUNT\"\n");
            assertEquals(null, sim.reload());
            assertEquals("COUNT,V", sim.dispatchFetch(FetchRequest.get("/")).text());
        }
    }

    /**
     * The one way an op answers (HostLoop.complete): work done on the loop answers before the op
     * returns; work on an executor, or a future, answers in a later turn; several values reach
     * resolve as its arguments; a failure's message is its cause's (no CompletionException text).
     */
    @Test
    void opsAnswerThroughHostLoopComplete() throws Exception {
        String worker = """
                export default { async fetch(req, env) {
                  const out = {};
                  for (const kind of ["on-loop", "pool", "future", "failed-future", "refused", "nonsense"]) out[kind] = await env.HITS.probe(kind);
                  return Response.json(out);
                } };
                """;
        try (Simulator sim = Simulator.builder().script(worker).http(false)
                .inlineConfig("[[test_counters]]\nbinding = \"HITS\"\n").build().start()) {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            assertEquals(json.readTree("""
                    {"on-loop":       {"values": [0, "on-loop"], "inSameCall": true},
                     "pool":          {"values": [0, "pool"],    "inSameCall": false},
                     "future":        {"values": [0, "future"],  "inSameCall": false},
                     "failed-future": {"error": "the store is closed", "inSameCall": false},
                     "refused":       {"error": "no probe refused",    "inSameCall": true},
                     "nonsense":      {"error": "no probe nonsense",   "inSameCall": true}}
                    """), json.readTree(sim.dispatchFetch(FetchRequest.get("/")).text()));
        }
    }

    @Test
    void theClockCanBeMovedByTests() {
        try (Simulator sim = Simulator.builder().script(WORKER).http(false)
                .inlineConfig("[[test_counters]]\nbinding = \"HITS\"\n").build().start()) {
            long before = Long.parseLong(sim.dispatchFetch(FetchRequest.get("/clock")).text());
            sim.clock().advance(Duration.ofDays(2));
            long after = Long.parseLong(sim.dispatchFetch(FetchRequest.get("/clock")).text());
            assertTrue(after - before >= Duration.ofDays(2).toMillis(), (after - before) + " ms");
        }
    }

    @Test
    void twoBindingsWithOneNameAreAConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> Simulator.builder().script(WORKER).http(false)
                .inlineConfig("[[test_counters]]\nbinding = \"X\"\n[[test_counters]]\nbinding = \"X\"\n").build());
        assertTrue(e.getMessage().contains("two bindings are named \"X\""), e.getMessage());
    }
}
