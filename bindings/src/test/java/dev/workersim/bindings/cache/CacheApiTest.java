package dev.workersim.bindings.cache;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static dev.workersim.core.testing.JsonAssert.list;
import static dev.workersim.core.testing.JsonAssert.obj;

import dev.workersim.core.testing.WorkerFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** caches.default and caches.open: put rules, TTLs by the simulator's clock, ranges, conditionals, persistence. */
class CacheApiTest {
    private static final String WORKER = """
            const K = "https://cache.example/";
            async function attempt(fn) { try { const v = await fn(); return v === undefined ? "undefined" : v; } catch (e) { return e.name + ": " + e.message; } }
            const routes = {
              "/put": async () => {
                const c = caches.default;
                await c.put(K + "a", new Response("hello cache", { headers: { "cache-control": "max-age=60", etag: '"v1"',
                  "last-modified": "Wed, 01 Jan 2025 00:00:00 GMT" } }));
                await c.put(K + "s", new Response("shared", { headers: { "cache-control": "max-age=10, s-maxage=300" } }));
                await c.put(K + "nostore", new Response("x", { headers: { "cache-control": "no-store" } }));
                await c.put(K + "private", new Response("x", { headers: { "cache-control": "private" } }));
                await c.put(K + "cookie", new Response("x", { headers: { "set-cookie": "a=b" } }));
                await c.put(K + "cookie-ok", new Response("y", { headers: { "set-cookie": "a=b", "cache-control": "max-age=60, private=set-cookie" } }));
                await c.put(K + "expired", new Response("x", { headers: { expires: "Wed, 01 Jan 2020 00:00:00 GMT" } }));
                await c.put(K + "default", new Response("d"));
                return { post: await attempt(() => c.put(new Request(K + "p", { method: "POST" }), new Response("x"))),
                  partial: await attempt(() => c.put(K + "206", new Response("x", { status: 206 }))),
                  varyStar: await attempt(() => c.put(K + "v", new Response("x", { headers: { vary: "*" } }))) };
              },
              "/match": async () => {
                const c = caches.default;
                const a = await c.match(K + "a");
                const m = async (k) => { const r = await c.match(K + k); return r ? await r.text() : null; };
                const cookie = await c.match(K + "cookie-ok");
                return { a: await a.text(), status: a.status, hit: a.headers.get("cf-cache-status"), s: await m("s"),
                  nostore: await m("nostore"), private: await m("private"), cookie: await m("cookie"),
                  cookieOk: [await cookie.text(), cookie.headers.get("set-cookie")], expired: await m("expired"), def: await m("default"),
                  post: await c.match(new Request(K + "a", { method: "POST" })) === undefined,
                  ignoreMethod: (await c.match(new Request(K + "a", { method: "POST" }), { ignoreMethod: true }))?.status };
              },
              "/range": async () => {
                const r = await caches.default.match(new Request(K + "a", { headers: { range: "bytes=0-4" } }));
                const bad = await caches.default.match(new Request(K + "a", { headers: { range: "bytes=100-" } }));
                return [r.status, r.headers.get("content-range"), await r.text(), bad.status];
              },
              "/conditional": async () => {
                const inm = await caches.default.match(new Request(K + "a", { headers: { "if-none-match": '"v1"' } }));
                const other = await caches.default.match(new Request(K + "a", { headers: { "if-none-match": '"v2"' } }));
                const ims = await caches.default.match(new Request(K + "a", { headers: { "if-modified-since": "Thu, 02 Jan 2025 00:00:00 GMT" } }));
                return [inm.status, other.status, ims.status];
              },
              "/named": async () => {
                const n = await caches.open("mine");
                await n.put(K + "a", new Response("named", { headers: { "cache-control": "max-age=60" } }));
                const hit = await (await n.match(K + "a")).text();
                const fromDefault = await (await caches.default.match(K + "a"))?.text();
                return { hit, fromDefault, deleted: await n.delete(K + "a"), again: await n.delete(K + "a"), after: await n.match(K + "a") === undefined };
              },
              "/a": async () => { const r = await caches.default.match(K + "a"); return r ? await r.text() : null; },
            };
            export default { async fetch(req) { return Response.json(await routes[new URL(req.url).pathname]()); } };
            """;

    private static WorkerFixture start(Path dir) {
        return WorkerFixture.script(WORKER).persistTo(dir).start();
    }

    @Test
    void putRulesMatchRangesAndConditionals() {
        try (WorkerFixture worker = start(null)) {
            assertJson(Map.of("post", "TypeError: Cannot cache response to non-GET request.",
                    "partial", "TypeError: Cannot cache response to a range request (206 Partial Content).",
                    "varyStar", "TypeError: Cannot cache response with 'Vary: *' header."), worker.getJson("/put"));
            assertJson(obj("a", "hello cache", "status", 200, "hit", "HIT", "s", "shared", "nostore", null, "private", null,
                    "cookie", null, "cookieOk", list("y", null), "expired", null, "def", "d", "post", true,
                    "ignoreMethod", 200),
                    worker.getJson("/match"));
            assertJson(List.of(206, "bytes 0-4/11", "hello", 416), worker.getJson("/range"));
            assertJson(List.of(304, 200, 304), worker.getJson("/conditional"));
            assertJson(Map.of("hit", "named", "fromDefault", "hello cache", "deleted", true, "again", false, "after", true),
                    worker.getJson("/named"));
        }
    }

    @Test
    void entriesExpireByTheSimulatorsClockAndSurviveARestart(@TempDir Path dir) {
        try (WorkerFixture worker = start(dir)) {
            worker.getJson("/put");
        }
        try (WorkerFixture worker = start(dir)) {
            assertJson("hello cache", worker.getJson("/a"));
            worker.simulator().clock().advance(Duration.ofSeconds(61));
            assertJson(null, worker.getJson("/a"));
        }
    }
}
