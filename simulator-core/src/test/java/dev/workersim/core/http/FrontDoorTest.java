package dev.workersim.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.Simulator;
import dev.workersim.core.TestProjects;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP in, HTTP out: the dev server's socket in front of a worker. */
class FrontDoorTest {
    static Simulator sim;

    @BeforeAll
    static void start() {
        sim = Simulator.builder().script("""
                export default { async fetch(request) {
                  const url = new URL(request.url);
                  switch (url.pathname) {
                    case "/echo":
                      return new Response(request.body, { headers: { "x-method": request.method } });
                    case "/digest": {
                      const bytes = await request.bytes();
                      return Response.json({ length: bytes.length, first: bytes[0], last: bytes[bytes.length - 1] });
                    }
                    case "/slow-stream": {
                      // Chunks 300 ms apart: a client sees the first long before the last.
                      let i = 0;
                      const enc = new TextEncoder();
                      return new Response(new ReadableStream({
                        async pull(c) {
                          if (i > 0) await new Promise((r) => setTimeout(r, 300));
                          if (i === 3) { c.close(); return; }
                          c.enqueue(enc.encode("chunk" + i++ + "\\n"));
                        },
                      }), { headers: { "content-type": "text/plain" } });
                    }
                    case "/headers":
                      return new Response(null, { status: 204, headers: [["set-cookie", "a=1"], ["set-cookie", "b=2"], ["x-multi", "1"]] });
                    case "/status-text":
                      return new Response("x", { status: 404, statusText: "Gone Fishing" });
                    case "/wrong-length":
                      return new Response("short", { headers: { "content-length": "100" } });
                    case "/html":
                      return new Response("<h1>hi</h1>", { headers: { "content-type": "text/html;charset=UTF-8" } });
                    case "/cf":
                      return Response.json({ country: request.cf.country, proto: request.cf.httpProtocol, host: request.headers.get("host") });
                  }
                  return new Response("Hello World");
                } };
                """).logRequests(true).build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void answersOnTheSocket() {
        HttpResponse<String> r = TestProjects.get(sim.url(), "/");
        assertEquals(200, r.statusCode());
        assertEquals("Hello World", r.body());
        assertEquals("11", r.headers().firstValue("content-length").orElse(null));
    }

    @Test
    void streamsALargeRequestBodyThroughTheWorkerAndBack() throws Exception {
        byte[] body = new byte[8 * 1024 * 1024];
        new Random(7).nextBytes(body);
        // The worker answers with the request's own body stream: bytes flow back while still arriving.
        byte[] echoed = TestProjects.fullDuplexPost(sim.url(), "/echo", body);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertEquals(body.length, echoed.length);
        assertEquals(HexFormat.of().formatHex(sha.digest(body)), HexFormat.of().formatHex(sha.digest(echoed)));
    }

    @Test
    void readsAChunkedRequestBodyWhole() throws Exception {
        byte[] body = new byte[300_000];
        body[0] = 7;
        body[body.length - 1] = 9;
        // ofInputStream has no length, so the client sends Transfer-Encoding: chunked.
        HttpResponse<String> r = TestProjects.HTTP.send(HttpRequest.newBuilder(sim.url().resolve("/digest"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"length\":300000,\"first\":7,\"last\":9}", r.body());
    }

    @Test
    void streamsTheResponseChunkByChunk() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = TestProjects.HTTP.send(HttpRequest.newBuilder(sim.url().resolve("/slow-stream")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            byte[] first = new byte[7];
            int n = in.readNBytes(first, 0, 7);
            long firstMs = (System.nanoTime() - t0) / 1_000_000;
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            long allMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("chunk0\n", new String(first, 0, n, StandardCharsets.UTF_8));
            assertEquals("chunk1\nchunk2\n", rest);
            assertTrue(allMs - firstMs >= 450, "the first chunk came " + firstMs + " ms in, the end " + allMs + " ms in: buffered, not streamed");
        }
        assertTrue(r.headers().firstValue("content-length").isEmpty(), "a stream of unknown length is sent chunked");
    }

    @Test
    void keepsRepeatedHeadersApart() {
        HttpResponse<String> r = TestProjects.get(sim.url(), "/headers");
        assertEquals(204, r.statusCode());
        assertEquals(java.util.List.of("a=1", "b=2"), r.headers().allValues("set-cookie"));
        assertEquals("1", r.headers().firstValue("x-multi").orElse(null));
    }

    @Test
    void fillsRequestCfAndKeepsTheHostHeader() {
        HttpResponse<String> r = TestProjects.get(sim.url(), "/cf");
        assertEquals("{\"country\":\"US\",\"proto\":\"HTTP/1.1\",\"host\":\"127.0.0.1:" + sim.port() + "\"}", r.body());
    }

    @Test
    void headGetsHeadersWithoutABody() throws Exception {
        HttpResponse<String> r = TestProjects.HTTP.send(HttpRequest.newBuilder(sim.url())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
    }

    /** What reaches the wire, as wrangler dev 4.168 sends it (probed with curl --raw against both). */
    @Test
    void theWireCarriesStatusTextTheBodysLengthAndChunkedHtml() throws Exception {
        assertTrue(raw("/status-text").startsWith("HTTP/1.1 404 Gone Fishing\r\n"), raw("/status-text"));
        // A Content-Length the worker set that does not fit its body would break the message: the body's counts.
        String wrong = raw("/wrong-length").toLowerCase(java.util.Locale.ROOT);
        assertTrue(wrong.contains("content-length: 5\r\n") && wrong.endsWith("\r\n\r\nshort"), wrong);
        String html = raw("/html").toLowerCase(java.util.Locale.ROOT);
        assertTrue(html.contains("transfer-encoding: chunked\r\n") && !html.contains("content-length"), html);
    }

    /** One request with Connection: close; the whole answer as text. */
    private static String raw(String path) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", sim.port())) {
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
