package dev.workersim.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import dev.workersim.core.outbound.OutboundBody;
import dev.workersim.core.outbound.OutboundRequest;
import dev.workersim.core.outbound.OutboundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The global fetch() (web/fetch.js, FetchOps, the outbound seam) through the public surface: a
 * worker fetching from a small origin started here, and a worker whose Simulator has a mock
 * {@code OutboundHandler}. Expected values are what workerd answers (recorded with wrangler dev).
 */
class FetchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BIG = 20 << 20; // 20 MiB each way
    private static HttpServer origin;
    private static Simulator sim;

    @BeforeAll
    static void start() throws IOException {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.setExecutor(Executors.newCachedThreadPool());
        origin.createContext("/", FetchTest::serve);
        origin.start();
        sim = Simulator.builder().script(WORKER).http(false).name("fetchtest")
                .var("ORIGIN", "http://127.0.0.1:" + origin.getAddress().getPort()).build().start();
    }

    @AfterAll
    static void stop() {
        if (sim != null) sim.close();
        if (origin != null) origin.stop(0);
    }

    // ---- the origin ---------------------------------------------------------------------

    private static void serve(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        switch (path) {
            case "/headers" -> {
                ex.getResponseHeaders().add("X-Custom", "Value One");
                ex.getResponseHeaders().add("Set-Cookie", "a=1");
                ex.getResponseHeaders().add("Set-Cookie", "b=2");
                send(ex, 200, "application/json", "{\"ok\":true}");
            }
            case "/redirect" -> { // ?status=N&to=URL
                String status = param(query, "status");
                ex.getResponseHeaders().add("Location", java.net.URLDecoder.decode(param(query, "to"), StandardCharsets.UTF_8));
                ex.sendResponseHeaders(Integer.parseInt(status), -1);
                ex.close();
            }
            case "/gzip" -> { // a gzip-encoded body, as an origin answers Accept-Encoding: gzip
                java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
                try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(buf)) {
                    gz.write("hello gzip world".getBytes(StandardCharsets.UTF_8));
                }
                ex.getResponseHeaders().add("Content-Encoding", "gzip");
                ex.getResponseHeaders().add("Content-Type", "text/plain");
                ex.sendResponseHeaders(200, buf.size());
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(buf.toByteArray());
                }
            }
            case "/loop" -> {
                ex.getResponseHeaders().add("Location", "/loop");
                ex.sendResponseHeaders(302, -1);
                ex.close();
            }
            case "/slow" -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException ignored) {
                    // stopping
                }
                try {
                    send(ex, 200, "text/plain", "slow done");
                } catch (IOException ignored) {
                    // the worker aborted and closed the connection: expected
                }
            }
            case "/count" -> { // reads a (big) body without keeping it; answers what it saw
                long n = 0;
                boolean allSevens = true;
                byte[] buf = new byte[65536];
                try (InputStream in = ex.getRequestBody()) {
                    for (int r; (r = in.read(buf)) > 0; ) {
                        n += r;
                        for (int i = 0; i < r; i++) if (buf[i] != 7) allSevens = false;
                    }
                }
                String te = ex.getRequestHeaders().getFirst("Transfer-Encoding");
                send(ex, 200, "application/json", "{\"bytes\":" + n + ",\"allSevens\":" + allSevens
                        + ",\"chunked\":" + "chunked".equalsIgnoreCase(te) + "}");
            }
            case "/big" -> { // streams n bytes of 7s
                long n = Long.parseLong(param(query, "n"));
                ex.sendResponseHeaders(200, 0);
                byte[] chunk = new byte[65536];
                java.util.Arrays.fill(chunk, (byte) 7);
                try (OutputStream out = ex.getResponseBody()) {
                    for (long left = n; left > 0; left -= chunk.length) out.write(chunk, 0, (int) Math.min(left, chunk.length));
                } catch (IOException ignored) {
                    // the reader cancelled
                }
            }
            default -> { // echo
                ObjectNode o = JSON.createObjectNode();
                o.put("method", ex.getRequestMethod());
                o.put("path", ex.getRequestURI().toString());
                ObjectNode h = o.putObject("headers");
                ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), String.join(", ", v)));
                o.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                send(ex, 200, "application/json", o.toString());
            }
        }
    }

    private static String param(String query, String name) {
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (kv.substring(0, eq).equals(name)) return kv.substring(eq + 1);
        }
        return null;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    // ---- the worker ---------------------------------------------------------------------

    private static final String WORKER = """
            const err = (e) => ({ name: e.name, message: e.message, ctor: e.constructor.name });
            async function summary(r) {
              return { status: r.status, statusText: r.statusText, ok: r.ok, url: r.url, redirected: r.redirected,
                       headers: Object.fromEntries([...r.headers].filter(([k]) => k !== "date")), body: await r.text() };
            }
            async function attempt(fn) { try { return await fn(); } catch (e) { return { error: err(e) }; } }
            export default {
              async fetch(request, env) {
                const O = env.ORIGIN;
                const p = new URL(request.url).pathname;
                const J = (x) => Response.json(x);
                const redir = (status, to) => O + "/redirect?status=" + status + "&to=" + encodeURIComponent(to);
                switch (p) {
                  case "/get": return J(await summary(await fetch(O + "/headers")));
                  case "/immutable": {
                    const r = await fetch(O + "/headers");
                    let e = null; try { r.headers.set("x", "1"); } catch (x) { e = err(x); }
                    const copy = new Response(r.body, r); copy.headers.set("x-added", "yes");
                    return J({ e, cookies: r.headers.getSetCookie(), added: copy.headers.get("x-added"), text: await copy.text() });
                  }
                  case "/clone": {
                    const r = await fetch(O + "/headers"); const c = r.clone();
                    let cloneImmutable = false; try { c.headers.set("x", "1"); } catch { cloneImmutable = true; }
                    return J({ cloneImmutable, a: await r.text(), b: await c.text() });
                  }
                  case "/post-json": {
                    const r = await fetch(O + "/echo", { method: "POST", body: JSON.stringify({ a: 1 }),
                      headers: { "content-type": "application/json", "x-req": "v" } });
                    return J(await r.json());
                  }
                  case "/request-object": return J(await (await fetch(new Request(O + "/echo", { method: "PUT", body: "rb" }))).json());
                  case "/big-up": {
                    let sent = 0;
                    const chunk = new Uint8Array(65536).fill(7);
                    const body = new ReadableStream({ pull(c) { if (sent >= %BIG%) { c.close(); return; } c.enqueue(chunk.slice()); sent += chunk.length; } });
                    return J(await (await fetch(O + "/count", { method: "POST", body })).json());
                  }
                  case "/big-down": {
                    const r = await fetch(O + "/big?n=%BIG%");
                    const reader = r.body.getReader();
                    let bytes = 0, chunks = 0;
                    for (;;) { const { done, value } = await reader.read(); if (done) break; bytes += value.byteLength; chunks++; }
                    return J({ bytes, chunks: chunks > 1 });
                  }
                  case "/pass-through": return fetch(O + "/big?n=100000");
                  case "/gzip-read": { const r = await fetch(O + "/gzip");
                    return J({ encoding: r.headers.get("content-encoding"), text: await r.text() }); }
                  case "/gzip-pass": return fetch(O + "/gzip");
                  case "/follow": return J(await summary(await fetch(redir(302, O + "/echo"))));
                  case "/manual": { const r = await fetch(redir(301, "/elsewhere"), { redirect: "manual" });
                    return J({ status: r.status, location: r.headers.get("location"), redirected: r.redirected }); }
                  case "/error-mode": return J(await attempt(() => fetch(O + "/echo", { redirect: "error" })));
                  case "/303": return J(await (await fetch(redir(303, O + "/echo"), { method: "POST", body: "x" })).json());
                  case "/307": return J(await (await fetch(redir(307, O + "/echo"), { method: "POST", body: "keep" })).json());
                  case "/307-stream": return J(await attempt(() => fetch(redir(307, O + "/echo"), { method: "POST", body: new Response("s").body })));
                  case "/loop": return J(await attempt(async () => { await fetch(O + "/loop"); return "no"; }));
                  case "/bad-location": return J(await attempt(() => fetch(redir(302, "http://[bad"))));
                  case "/abort": {
                    const c = new AbortController(); setTimeout(() => c.abort(), 100);
                    const t0 = Date.now();
                    const r = await attempt(() => fetch(O + "/slow", { signal: c.signal }));
                    return J({ ...r, fast: Date.now() - t0 < 2000 });
                  }
                  case "/abort-timeout": return J(await attempt(() => fetch(O + "/slow", { signal: AbortSignal.timeout(100) })));
                  case "/abort-before": { const s = AbortSignal.abort(); try { await fetch(O + "/echo", { signal: s }); } catch (e) { return J({ same: e === s.reason, ...err(e) }); } return J("no"); }
                  case "/abort-body": {
                    const c = new AbortController();
                    const r = await fetch(O + "/big?n=%BIG%", { signal: c.signal });
                    const reader = r.body.getReader(); await reader.read(); c.abort();
                    return J(await attempt(async () => { for (;;) { const { done } = await reader.read(); if (done) return "completed"; } }));
                  }
                  case "/abort-upload": { // an endless upload, aborted while the origin is still reading it
                    const c = new AbortController(); setTimeout(() => c.abort(), 200);
                    const chunk = new Uint8Array(65536).fill(7);
                    const body = new ReadableStream({ pull(ctl) { ctl.enqueue(chunk.slice()); } });
                    return J(await attempt(() => fetch(O + "/count", { method: "POST", body, signal: c.signal })));
                  }
                  case "/refused": return J(await attempt(() => fetch("http://127.0.0.1:1/")));
                  case "/bad-url": return J(await attempt(() => fetch("not a url")));
                  case "/bad-scheme": return J(await attempt(() => fetch("ftp://example.com/")));
                  case "/no-args": return J(await attempt(() => fetch()));
                  case "/rejects-not-throws": { let sync = false; try { fetch("nope").catch(() => {}); } catch { sync = true; } return J({ sync }); }
                  case "/data": return J(await summary(await fetch("data:text/plain,hello%20there")));
                  case "/mock": {
                    const r = await fetch("https://api.example.com/v1?q=1", { method: "POST", body: "to the mock", headers: { "x-k": "v" } });
                    return J({ ...(await summary(r)) });
                  }
                  case "/mock-stream-cancel": {
                    const r = await fetch("https://endless.example.com/");
                    const reader = r.body.getReader();
                    let n = 0; for (let i = 0; i < 3; i++) { const { value } = await reader.read(); n += value.byteLength; }
                    await reader.cancel();
                    return J({ n });
                  }
                }
                return new Response("nf", { status: 404 });
              },
            };
            """.replace("%BIG%", Integer.toString(BIG));

    private static JsonNode get(String path) throws IOException {
        FetchResponse r = sim.dispatchFetch(FetchRequest.get("http://localhost" + path));
        assertEquals(200, r.status(), r.text());
        return JSON.readTree(r.text());
    }

    private static void assertJson(String expected, JsonNode got) throws IOException {
        assertEquals(JSON.readTree(expected), got);
    }

    // ---- tests --------------------------------------------------------------------------

    @Test
    void getShowsStatusHeadersAndUrlAsTheOriginSentThem() throws IOException {
        JsonNode r = get("/get");
        assertEquals(200, r.get("status").asInt());
        assertEquals("OK", r.get("statusText").asText());
        assertEquals(false, r.get("redirected").asBoolean());
        assertTrue(r.get("url").asText().endsWith("/headers"));
        assertEquals("Value One", r.get("headers").get("x-custom").asText());
        assertEquals("application/json", r.get("headers").get("content-type").asText());
        assertEquals("{\"ok\":true}", r.get("body").asText());
    }

    @Test
    void responseHeadersAreImmutableUntilCopied() throws IOException {
        assertJson("""
                {"e":{"name":"TypeError","message":"Can't modify immutable headers.","ctor":"TypeError"},
                 "cookies":["a=1","b=2"],"added":"yes","text":"{\\"ok\\":true}"}""", get("/immutable"));
    }

    @Test
    void aCloneOfAFetchedResponseKeepsImmutableHeadersAndTheBody() throws IOException {
        assertJson("{\"cloneImmutable\":true,\"a\":\"{\\\"ok\\\":true}\",\"b\":\"{\\\"ok\\\":true}\"}", get("/clone"));
    }

    @Test
    void postSendsBodyAndHeadersAsTheWorkerSetThem() throws IOException {
        JsonNode r = get("/post-json");
        assertEquals("POST", r.get("method").asText());
        assertEquals("{\"a\":1}", r.get("body").asText());
        assertEquals("7", r.get("headers").get("content-length").asText());
        assertEquals("application/json", r.get("headers").get("content-type").asText());
        assertEquals("v", r.get("headers").get("x-req").asText());
        assertEquals("fetchtest.example.com", r.get("headers").get("cf-worker").asText());
        assertTrue(r.get("headers").get("host").asText().startsWith("127.0.0.1:"));
    }

    @Test
    void requestObjectWithStringBodyIsSentWithItsLength() throws IOException {
        JsonNode r = get("/request-object");
        assertEquals("PUT", r.get("method").asText());
        assertEquals("rb", r.get("body").asText());
        assertEquals("2", r.get("headers").get("content-length").asText());
    }

    @Test
    void largeBodiesStreamBothWays() throws IOException {
        assertJson("{\"bytes\":" + BIG + ",\"allSevens\":true,\"chunked\":true}", get("/big-up"));
        assertJson("{\"bytes\":" + BIG + ",\"chunks\":true}", get("/big-down"));
    }

    @Test
    void aFetchedResponseCanBeReturnedAsIs() {
        FetchResponse r = sim.dispatchFetch(FetchRequest.get("http://localhost/pass-through"));
        assertEquals(200, r.status());
        assertEquals(100000, r.body().length);
    }

    @Test
    void gzipBodiesReadDecodedButPassThroughEncoded() throws IOException {
        assertJson("{\"encoding\":\"gzip\",\"text\":\"hello gzip world\"}", get("/gzip-read"));
        FetchResponse r = sim.dispatchFetch(FetchRequest.get("http://localhost/gzip-pass"));
        assertEquals("gzip", r.header("content-encoding"));
        try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            assertEquals("hello gzip world", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void redirectsAreFollowedAsWorkerdDoes() throws IOException {
        JsonNode follow = get("/follow");
        assertEquals(true, follow.get("redirected").asBoolean());
        assertTrue(follow.get("url").asText().endsWith("/echo"), follow.toString());
        assertJson("{\"status\":301,\"location\":\"/elsewhere\",\"redirected\":false}", get("/manual"));
        JsonNode see = get("/303");
        assertEquals("GET", see.get("method").asText());
        assertEquals("", see.get("body").asText());
        JsonNode keep = get("/307");
        assertEquals("POST", keep.get("method").asText());
        assertEquals("keep", keep.get("body").asText());
    }

    @Test
    void redirectErrorsMatchWorkerd() throws IOException {
        assertEquals("TypeError", get("/error-mode").get("error").get("name").asText());
        assertTrue(get("/error-mode").get("error").get("message").asText().startsWith("Invalid redirect value, must be one of \"follow\" or \"manual\""));
        assertTrue(get("/307-stream").get("error").get("message").asText().startsWith("A request with a one-time-use body"));
        JsonNode loop = get("/loop").get("error");
        assertEquals("TypeError", loop.get("name").asText());
        assertTrue(loop.get("message").asText().startsWith("Too many redirects."), loop.toString());
        assertEquals(21, loop.get("message").asText().split(", ").length);
        assertJson("{\"error\":{\"name\":\"TypeError\",\"message\":\"Invalid Location header; unable to follow redirect.\",\"ctor\":\"TypeError\"}}",
                get("/bad-location"));
    }

    @Test
    void abortRejectsWithTheSignalsReason() throws IOException {
        assertJson("{\"error\":{\"name\":\"AbortError\",\"message\":\"The operation was aborted\",\"ctor\":\"DOMException\"},\"fast\":true}",
                get("/abort"));
        assertJson("{\"error\":{\"name\":\"TimeoutError\",\"message\":\"The operation was aborted due to timeout\",\"ctor\":\"DOMException\"}}",
                get("/abort-timeout"));
        assertJson("{\"same\":true,\"name\":\"AbortError\",\"message\":\"The operation was aborted\",\"ctor\":\"DOMException\"}",
                get("/abort-before"));
        assertJson("{\"error\":{\"name\":\"AbortError\",\"message\":\"The operation was aborted\",\"ctor\":\"DOMException\"}}",
                get("/abort-body"));
        assertJson("{\"error\":{\"name\":\"AbortError\",\"message\":\"The operation was aborted\",\"ctor\":\"DOMException\"}}",
                get("/abort-upload"));
    }

    @Test
    void failuresAreWorkerdsErrors() throws IOException {
        assertJson("{\"error\":{\"name\":\"Error\",\"message\":\"Network connection lost.\",\"ctor\":\"Error\"}}", get("/refused"));
        assertJson("{\"error\":{\"name\":\"TypeError\",\"message\":\"Invalid URL: not a url\",\"ctor\":\"TypeError\"}}", get("/bad-url"));
        assertJson("{\"error\":{\"name\":\"TypeError\",\"message\":\"Fetch API cannot load: ftp://example.com/\",\"ctor\":\"TypeError\"}}", get("/bad-scheme"));
        assertJson("{\"error\":{\"name\":\"TypeError\",\"message\":\"Failed to execute 'fetch' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'Request or string'.\",\"ctor\":\"TypeError\"}}",
                get("/no-args"));
        assertJson("{\"sync\":false}", get("/rejects-not-throws"));
    }

    @Test
    void dataUrlsAreAnsweredLocally() throws IOException {
        JsonNode r = get("/data");
        assertEquals("hello there", r.get("body").asText());
        assertEquals("text/plain", r.get("headers").get("content-type").asText());
        assertEquals("", r.get("url").asText());
    }

    @Test
    void theOutboundSeamSeesEveryRequestAndCanAnswerIt() throws Exception {
        List<OutboundRequest> seen = new CopyOnWriteArrayList<>();
        List<String> bodies = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        try (Simulator mocked = Simulator.builder().script(WORKER).http(false).var("ORIGIN", "http://unused.invalid")
                .outbound(req -> {
                    seen.add(req);
                    if (req.url().startsWith("https://endless.example.com")) {
                        return CompletableFuture.completedFuture(new OutboundResponse(200, null, List.of(), endless(reads, cancelled)));
                    }
                    return req.body().readAllBytes().thenApply(b -> {
                        bodies.add(new String(b, StandardCharsets.UTF_8));
                        return OutboundResponse.of(201, "mocked", "x-mock", "1");
                    });
                }).build().start()) {
            FetchResponse r = mocked.dispatchFetch(FetchRequest.get("http://localhost/mock"));
            JsonNode j = JSON.readTree(r.text());
            assertEquals(201, j.get("status").asInt());
            assertEquals("Created", j.get("statusText").asText());
            assertEquals("mocked", j.get("body").asText());
            assertEquals("1", j.get("headers").get("x-mock").asText());
            OutboundRequest req = seen.get(0);
            assertEquals("POST", req.method());
            assertEquals("https://api.example.com/v1?q=1", req.url());
            assertEquals("v", req.header("x-k"));
            assertEquals("11", req.header("content-length"));
            assertEquals(List.of("to the mock"), bodies);

            // Pull-based: reading three chunks then cancelling asks the producer for little more.
            JsonNode c = JSON.readTree(mocked.dispatchFetch(FetchRequest.get("http://localhost/mock-stream-cancel")).text());
            assertEquals(3 * 1024, c.get("n").asInt());
            assertTrue(reads.get() <= 5, "reads: " + reads.get());
            assertTrue(cancelled.get());
        }
    }

    /** A body that never ends, 1 KiB per read, counting reads. */
    private static OutboundBody endless(AtomicInteger reads, AtomicBoolean cancelled) {
        return new OutboundBody() {
            @Override
            public long length() {
                return -1;
            }

            @Override
            public CompletableFuture<ByteBuffer> read() {
                reads.incrementAndGet();
                return CompletableFuture.completedFuture(ByteBuffer.wrap(new byte[1024]));
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        };
    }
}
