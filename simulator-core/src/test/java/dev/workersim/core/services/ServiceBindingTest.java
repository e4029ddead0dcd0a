package dev.workersim.core.services;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import dev.workersim.core.TestProjects;
import dev.workersim.core.testing.WorkerResponse;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two workers in one simulator: fetch and RPC through a service binding, both ways of loading them. */
class ServiceBindingTest {
    private static final String CALLER = """
            export default {
              async fetch(request, env) {
                const url = new URL(request.url);
                const r = (v) => Response.json(v);
                switch (url.pathname) {
                  case "/fetch": {
                    const res = await env.B.fetch("https://b.internal/echo?x=1", { method: "POST", body: "hi b", headers: { "x-from": "a" } });
                    return new Response(await res.text(), { status: res.status, headers: { "x-b": res.headers.get("x-b") } });
                  }
                  case "/forward": return env.B.fetch(request);
                  case "/big": {
                    const res = await env.B.fetch("https://b.internal/big");
                    let n = 0;
                    for await (const c of res.body) n += c.byteLength;
                    return r({ n });
                  }
                  case "/rpc": return r({ sum: await env.B.add(2, 3), who: await env.B.who(), mine: env.WHO,
                    types: await env.B.echo({ d: new Date(5), m: new Map([[1, "x"]]), s: new Set([2]), u: undefined, big: 7n, bytes: new Uint8Array([1, 2]) }).then((v) =>
                      [v.d instanceof Date && v.d.getTime(), v.m.get(1), v.s.has(2), "u" in v && v.u === undefined, typeof v.big, v.bytes instanceof Uint8Array && v.bytes[1]]) });
                  case "/named": return r({ admin: await env.ADMIN.op("z") });
                  case "/error": try { await env.B.explode(); return r({}); } catch (e) { return r({ name: e.name, message: e.message, isType: e instanceof TypeError }); }
                  case "/missing": try { await env.B.nope(); return r({}); } catch (e) { return r({ name: e.name, message: e.message }); }
                  case "/stream": return new Response(await env.B.numbers(3));
                  case "/throws": { const res = await env.B.fetch("https://b/throw"); return r({ status: res.status }); }
                  case "/socket": {
                    const res = await env.B.fetch("https://b.internal/socket", { headers: { Upgrade: "websocket" } });
                    const ws = res.webSocket;
                    ws.accept();
                    const got = new Promise((resolve) => ws.addEventListener("message", (e) => resolve(e.data)));
                    ws.send("ping");
                    const answer = await got;
                    ws.close(1000);
                    return r({ status: res.status, answer });
                  }
                  case "/nobody": try { await env.GONE.fetch("https://x/"); return r({}); } catch (e) { return r({ message: e.message }); }
                }
                return new Response("a");
              },
            };
            """;
    private static final String CALLER_TOML = """
            [vars]
            WHO = "a"
            [[services]]
            binding = "B"
            service = "b"
            [[services]]
            binding = "ADMIN"
            service = "b"
            entrypoint = "Admin"
            [[services]]
            binding = "GONE"
            service = "not-running"
            """;
    private static final String CALLEE = """
            import { WorkerEntrypoint } from "cloudflare:workers";
            export class Admin extends WorkerEntrypoint { op(x) { return "admin " + x + " " + this.env.WHO; } }
            export default class extends WorkerEntrypoint {
              async fetch(request) {
                const url = new URL(request.url);
                if (url.pathname === "/throw") throw new Error("b broke");
                if (url.pathname === "/socket") {
                  const [client, server] = Object.values(new WebSocketPair());
                  server.accept();
                  server.addEventListener("message", (e) => server.send("b got " + e.data + " over " + request.headers.get("upgrade")));
                  return new Response(null, { status: 101, webSocket: client });
                }
                if (url.pathname === "/big") {
                  let i = 0;
                  const chunk = new Uint8Array(64 * 1024);
                  return new Response(new ReadableStream({ pull(c) { if (i++ < 64) c.enqueue(chunk); else c.close(); } }));
                }
                const body = request.method === "GET" ? "" : await request.text();
                return new Response(JSON.stringify({ method: request.method, url: request.url, from: request.headers.get("x-from"), body }),
                  { status: 201, headers: { "x-b": "yes" } });
              }
              add(a, b) { return a + b; }
              who() { return this.env.WHO; }
              echo(v) { return v; }
              explode() { throw new TypeError("exploded in b"); }
              numbers(n) { let i = 0; const enc = new TextEncoder();
                return new ReadableStream({ pull(c) { if (i < n) c.enqueue(enc.encode("n" + i++ + ";")); else c.close(); } }); }
            }
            """;

    private static Simulator sim;

    @BeforeAll
    static void start() {
        sim = Simulator.builder().script(CALLER).inlineConfig(CALLER_TOML).name("a").http(false)
                .auxiliaryScript("b", CALLEE, "[vars]\nWHO = \"b\"\n").build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static JsonNode get(String path) throws Exception {
        return WorkerResponse.of(sim.dispatchFetch(FetchRequest.get(path))).ok().json();
    }

    @Test
    void fetchReachesTheOtherWorker() throws Exception {
        FetchResponse r = sim.dispatchFetch(FetchRequest.get("/fetch"));
        assertEquals(201, r.status());
        assertEquals("yes", r.header("x-b"));
        JsonNode b = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.text());
        assertEquals("POST", b.get("method").asText());
        assertEquals("https://b.internal/echo?x=1", b.get("url").asText());
        assertEquals("a", b.get("from").asText());
        assertEquals("hi b", b.get("body").asText());
    }

    @Test
    void aStreamedResponseCrossesWhole() throws Exception {
        assertEquals(64 * 64 * 1024, get("/big").get("n").asInt());
    }

    @Test
    void rpcCallsMethodsWithTheCalleesEnv() throws Exception {
        JsonNode r = get("/rpc");
        assertEquals(5, r.get("sum").asInt());
        assertEquals("b", r.get("who").asText());
        assertEquals("a", r.get("mine").asText());
        assertJson(List.of(5, "x", true, true, "bigint", 2), r.get("types"));
        assertEquals("admin z b", get("/named").get("admin").asText());
    }

    @Test
    void rpcErrorsKeepTheirType() throws Exception {
        JsonNode e = get("/error");
        assertEquals("TypeError", e.get("name").asText());
        assertEquals("exploded in b", e.get("message").asText());
        assertTrue(e.get("isType").asBoolean());
        JsonNode m = get("/missing");
        assertEquals("TypeError", m.get("name").asText());
        assertEquals("The RPC receiver does not implement the method \"nope\".", m.get("message").asText());
    }

    @Test
    void aReturnedStreamIsReadable() {
        assertEquals("n0;n1;n2;", sim.dispatchFetch(FetchRequest.get("/stream")).text());
    }

    @Test
    void aThrowingCalleeAnswers500() throws Exception {
        assertEquals(500, get("/throws").get("status").asInt());
    }

    @Test
    void aServiceThatIsNotRunningFailsTheCall() throws Exception {
        assertTrue(get("/nobody").get("message").asText().contains("\"not-running\""));
    }

    /** As `sim dev -c a/wrangler.toml -c b/wrangler.toml`: a request the caller forwards keeps its URL. */
    @Test
    void configsOnDiskWithForwarding(@TempDir Path dir) {
        TestProjects.project(dir.resolve("a"), "wrangler.toml", "name = \"a\"\nmain = \"a.js\"\n" + CALLER_TOML, "a.js", CALLER);
        TestProjects.project(dir.resolve("b"), "wrangler.toml", "name = \"b\"\nmain = \"b.js\"\n[vars]\nWHO = \"b\"\n", "b.js", CALLEE);
        try (Simulator two = Simulator.builder().config(dir.resolve("a/wrangler.toml")).auxiliary(dir.resolve("b/wrangler.toml"))
                .inMemory().build().start()) {
            HttpResponse<String> r = TestProjects.get(two.url(), "/forward?q=2", "x-from", "client");
            assertEquals(201, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"url\":\"" + two.url() + "forward?q=2\""), r.body());
            assertTrue(r.body().contains("\"from\":\"client\""), r.body());
            assertEquals("b", two.auxiliary("b").displayName());
        }
    }

    /** A WebSocket upgrade through a service binding reaches the bound worker, not the network. */
    @Test
    void aWebSocketUpgradeGoesToTheBoundWorker() {
        assertJson(Map.of("status", 101, "answer", "b got ping over websocket"),
                sim.dispatchFetch(FetchRequest.get("/socket")).text());
    }
}
