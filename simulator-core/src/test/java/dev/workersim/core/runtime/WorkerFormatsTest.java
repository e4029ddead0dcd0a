package dev.workersim.core.runtime;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import dev.workersim.core.TestProjects;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shapes a worker can take, each answering a real request. */
class WorkerFormatsTest {
    private static FetchResponse run(String script, FetchRequest request) {
        try (Simulator sim = Simulator.builder().script(script).http(false).var("WHO", "env").build().start()) {
            return sim.dispatchFetch(request);
        }
    }

    @Test
    void moduleWithDefaultObject() {
        FetchResponse r = run("""
                export default { async fetch(req, env, ctx) { return new Response(req.method + " " + new URL(req.url).pathname + " " + env.WHO); } };
                """, FetchRequest.of("PUT", "/a/b?c=1"));
        assertEquals(200, r.status());
        assertEquals("PUT /a/b env", r.text());
        assertEquals("text/plain;charset=UTF-8", r.header("content-type"));
    }

    @Test
    void workerEntrypointClassGetsEnvAndCtx() {
        FetchResponse r = run("""
                import { WorkerEntrypoint, env } from "cloudflare:workers";
                export default class extends WorkerEntrypoint {
                  async fetch(request) {
                    return Response.json({ who: this.env.WHO, same: this.env === env, ctx: typeof this.ctx.waitUntil });
                  }
                }
                """, FetchRequest.get("/"));
        assertJson(Map.of("who", "env", "same", true, "ctx", "function"), r.text());
        assertEquals("application/json", r.header("content-type"));
    }

    @Test
    void serviceWorkerSyntaxWithBindingsAsGlobals() {
        FetchResponse r = run("""
                addEventListener("fetch", (event) => {
                  event.respondWith(new Response("sw " + WHO + " " + (event.request instanceof Request)));
                });
                """, FetchRequest.get("/"));
        assertEquals(200, r.status());
        assertEquals("sw env true", r.text());
    }

    @Test
    void relativeImportsResolveInsideTheProject(@TempDir Path dir) {
        Path config = TestProjects.project(dir,
                "src/index.js", "import { twice } from './lib/math.js';\nexport default { fetch() { return new Response(String(twice(21))); } };\n",
                "src/lib/math.js", "export const twice = (n) => n * 2;\n");
        try (Simulator sim = Simulator.builder().config(config).http(false).build().start()) {
            assertEquals("42", sim.dispatchFetch(FetchRequest.get("/")).text());
        }
    }

    @Test
    void requestBodyAndHeadersReachTheWorker() {
        FetchResponse r = run("""
                export default { async fetch(req) {
                  const body = await req.json();
                  return Response.json({ sum: body.a + body.b, ct: req.headers.get("Content-Type"), used: req.bodyUsed });
                } };
                """, FetchRequest.post("/", "{\"a\":2,\"b\":3}").header("content-type", "application/json"));
        assertJson(Map.of("sum", 5, "ct", "application/json", "used", true), r.text());
    }

    @Test
    void consoleGoesToTheLogSink() {
        StringBuilder seen = new StringBuilder();
        try (Simulator sim = Simulator.builder()
                .script("export default { fetch() { console.log('hi', {a: 1}, [1, 'x']); console.warn('careful'); return new Response('ok'); } };")
                .http(false)
                .log((level, text) -> { synchronized (seen) { seen.append(level).append(' ').append(text).append('\n'); } })
                .build().start()) {
            sim.dispatchFetch(FetchRequest.get("/"));
        }
        assertTrue(seen.toString().contains("LOG hi { a: 1 } [ 1, \"x\" ]"), seen.toString());
        assertTrue(seen.toString().contains("WARN careful"), seen.toString());
    }
}
