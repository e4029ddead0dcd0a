package dev.workersim.core.web.sockets;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.outbound.OutboundError;
import dev.workersim.core.outbound.OutboundHandler;
import dev.workersim.core.outbound.OutboundRequest;
import dev.workersim.core.outbound.OutboundResponse;
import dev.workersim.core.outbound.SocketRequest;
import dev.workersim.core.outbound.TcpConnection;
import dev.workersim.core.testing.WorkerFixture;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code connect()} from {@code cloudflare:sockets} against a local TCP server ({@link TcpEcho}).
 * Every expected value, message included, was measured with the same worker and server under
 * wrangler dev 4.168 (workerd).
 */
class SocketsTest {
    static final String WORKER = """
            import { connect } from "cloudflare:sockets";
            const settled = async (p) => { try { return { ok: await p }; } catch (e) { return { error: e.name + ": " + e.message }; } };
            const soon = (p, ms = 500) => Promise.race([p.then(() => "closed"), new Promise((r) => setTimeout(() => r("still open"), ms))]);
            const dec = new TextDecoder(), enc = new TextEncoder();
            async function readAll(readable) {
              const reader = readable.getReader(); let s = "";
              for (;;) { const { value, done } = await reader.read(); if (done) return s; s += dec.decode(value); }
            }
            const tests = {
              async echo(port) {
                const s = connect({ hostname: "127.0.0.1", port });
                const out = { tag: Object.prototype.toString.call(s), own: Object.keys(s), upgraded: s.upgraded,
                  secureTransport: s.secureTransport, opened: await settled(s.opened) };
                const w = s.writable.getWriter(); await w.write(enc.encode("hello"));
                const r = s.readable.getReader(); const { value } = await r.read();
                out.echo = dec.decode(value); out.chunk = Object.prototype.toString.call(value);
                r.releaseLock(); w.releaseLock();
                out.close = await settled(s.close()); out.closed = await settled(s.closed);
                out.readAfterClose = await settled(s.readable.getReader().read());
                out.writeAfterClose = await settled(s.writable.getWriter().write(new Uint8Array([1])));
                return out;
              },
              async string(port) { const s = connect("localhost:" + port); const o = await settled(s.opened); s.close(); return o; },
              async halfOpen(port, allowHalfOpen) {
                const s = connect({ hostname: "127.0.0.1", port }, { allowHalfOpen });
                const w = s.writable.getWriter(); await w.write(enc.encode("abc")); await w.close();
                return { read: await readAll(s.readable), closed: await soon(s.closed) };
              },
              async peerCloses(port) {
                const s = connect({ hostname: "127.0.0.1", port });
                const w = s.writable.getWriter(); await w.write(enc.encode("QUIT"));
                return { read: await readAll(s.readable), closed: await soon(s.closed),
                  write: await settled(w.write(enc.encode("x"))) };
              },
              async refused(port) {
                const s = connect({ hostname: "127.0.0.1", port });
                return { opened: await settled(s.opened), closed: await settled(s.closed),
                  write: await settled(s.writable.getWriter().write(new Uint8Array([1]))),
                  read: await settled(s.readable.getReader().read()) };
              },
              async closeWhileOpening(port) {
                const s = connect({ hostname: "127.0.0.1", port }); s.close();
                return { opened: await settled(s.opened), closed: await settled(s.closed) };
              },
              async invalid(port) {
                const out = {};
                for (const [name, address, options] of [["empty", ""], ["spaces", "a b:1"], ["noPort", "127.0.0.1"],
                    ["noPortField", { hostname: "127.0.0.1" }], ["bigPort", { hostname: "127.0.0.1", port: 70000 }],
                    ["negativePort", { hostname: "127.0.0.1", port: -1 }], ["null", null],
                    ["nullOptions", { hostname: "127.0.0.1", port }, null], ["numberOptions", { hostname: "127.0.0.1", port }, 5],
                    ["badTransport", { hostname: "127.0.0.1", port }, { secureTransport: "bogus" }]]) {
                  try { connect(address, options).close(); out[name] = "connected"; } catch (e) { out[name] = e.name + ": " + e.message; }
                }
                return out;
              },
              async startTlsRules(port) {
                const out = {};
                const plain = connect({ hostname: "127.0.0.1", port });
                try { plain.startTls(); } catch (e) { out.plain = e.name + ": " + e.message; }
                const tls = connect({ hostname: "127.0.0.1", port }, { secureTransport: "on" });
                try { tls.startTls(); } catch (e) { out.tls = e.name + ": " + e.message; }
                const st = connect({ hostname: "127.0.0.1", port }, { secureTransport: "starttls" });
                const upgraded = st.startTls();
                out.upgraded = { secureTransport: upgraded.secureTransport, tag: Object.prototype.toString.call(upgraded) };
                try { st.startTls(); } catch (e) { out.twice = e.name + ": " + e.message; }
                out.oldClosed = await settled(st.closed);
                plain.close(); tls.close(); upgraded.close();
                return out;
              },
              async module() { return Object.keys(await import("cloudflare:sockets")).sort(); },
            };
            export default {
              async fetch(request) {
                const url = new URL(request.url);
                const test = tests[url.pathname.slice(1)];
                return Response.json(await test(Number(url.searchParams.get("port")), url.searchParams.get("half") === "1"));
              },
            };
            """;
    static final String PROXY_FAILED = "Error: proxy request failed, cannot connect to the specified address";

    private static TcpEcho echo;

    /** What the seam was asked for, when a test answers sockets itself. */
    private static final List<String> asked = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static final WorkerFixture worker = WorkerFixture.script(WORKER).toml("compatibility_date = \"2025-01-01\"\n");

    @RegisterExtension
    static final WorkerFixture mocked = WorkerFixture.script(WORKER).toml("compatibility_date = \"2025-01-01\"\n")
            .configure(b -> b.outbound(new OutboundHandler() {
                @Override
                public CompletableFuture<OutboundResponse> send(OutboundRequest request) {
                    return CompletableFuture.failedFuture(new IllegalStateException("no fetch here"));
                }

                @Override
                public CompletableFuture<TcpConnection> connect(SocketRequest request) {
                    asked.add(request.address() + " tls=" + request.tls());
                    return CompletableFuture.failedFuture(new OutboundError("Error", "refused by the test"));
                }
            }));

    @BeforeAll
    static void startEcho() throws IOException {
        echo = new TcpEcho();
    }

    @AfterAll
    static void stopEcho() throws IOException {
        echo.close();
    }

    private static JsonNode run(String test) {
        return worker.get("/" + test + (test.contains("?") ? "&" : "?") + "port=" + echo.port()).ok().json();
    }

    @Test
    void aSocketEchoesAndCloses() {
        assertJson(Map.ofEntries(Map.entry("tag", "[object Socket]"), Map.entry("own", List.of()),
                Map.entry("upgraded", false), Map.entry("secureTransport", "off"),
                Map.entry("opened", Map.of("ok", Map.of("remoteAddress", "127.0.0.1:" + echo.port()))),
                Map.entry("echo", "hello"), Map.entry("chunk", "[object Uint8Array]"),
                Map.entry("close", Map.of()), Map.entry("closed", Map.of()),
                Map.entry("readAfterClose", Map.of("error", "TypeError: This ReadableStream belongs to an object that is closing.")),
                Map.entry("writeAfterClose", Map.of("error", "TypeError: This WritableStream belongs to an object that is closing."))),
                run("echo"));
    }

    @Test
    void aStringAddressIsNamedAsGiven() {
        assertJson(Map.of("ok", Map.of("remoteAddress", "localhost:" + echo.port())), run("string"));
    }

    @Test
    void closingTheWritableHalfClosesAndTheFarEndsCloseClosesTheSocket() {
        assertJson(Map.of("read", "abcBYE", "closed", "closed"), run("halfOpen"));
    }

    @Test
    void withAllowHalfOpenTheFarEndsCloseLeavesTheSocketOpen() {
        assertJson(Map.of("read", "abcBYE", "closed", "still open"), run("halfOpen?half=1"));
    }

    @Test
    void theFarEndClosingEndsTheReadableAndTheWritable() {
        assertJson(Map.of("read", "", "closed", "closed",
                "write", Map.of("error", "TypeError: This WritableStream has been closed.")), run("peerCloses"));
    }

    @Test
    void aRefusedConnectionRejectsOpenedAndClosed() throws IOException {
        JsonNode got = worker.get("/refused?port=" + TcpEcho.closedPort()).ok().json();
        assertJson(Map.of("opened", Map.of("error", PROXY_FAILED), "closed", Map.of("error", PROXY_FAILED),
                "write", Map.of("error", "Error: jsg.Error: proxy request failed, cannot connect to the specified address"),
                "read", Map.of("ok", Map.of("done", true))), got);
    }

    @Test
    void port443And80SuggestFetch() {
        JsonNode got = worker.get("/refused?port=443").ok().json();
        assertEquals(PROXY_FAILED + ". It looks like you might be trying to connect to a HTTP-based service — consider using fetch instead",
                got.get("opened").get("error").asText());
    }

    @Test
    void closingWhileConnectingStillOpens() {
        assertJson(Map.of("opened", Map.of("ok", Map.of("remoteAddress", "127.0.0.1:" + echo.port())), "closed", Map.of()),
                run("closeWhileOpening"));
    }

    @Test
    void badAddressesAndOptionsThrowAsWorkerd() {
        assertJson(Map.of(
                "empty", "TypeError: Specified address is missing hostname.",
                "spaces", "TypeError: Specified address could not be parsed.",
                "noPort", "TypeError: Specified address is missing port.",
                "noPortField", "TypeError: The value cannot be converted because it is not an integer.",
                "bigPort", "TypeError: Value out of range. Must be less than or equal to 65535.",
                "negativePort", "TypeError: The value cannot be converted because it is negative and this API expects a positive number.",
                "null", "TypeError: Cannot initialize SocketAddress with required members from an undefined or null value.",
                "nullOptions", "TypeError: Cannot initialize SocketOptions with required members from an undefined or null value.",
                "numberOptions", "TypeError: Failed to execute 'connect' on 'SocketsModule': parameter 2 is not of type 'SocketOptions'.",
                "badTransport", "TypeError: Unsupported value in secureTransport socket option: bogus"), run("invalid"));
    }

    @Test
    void startTlsOnlyOnAStartTlsSocketAndOnce() {
        assertJson(Map.of(
                "plain", "TypeError: The `secureTransport` socket option must be set to 'starttls' for startTls to be used.",
                "tls", "TypeError: Cannot startTls on a TLS socket.",
                "upgraded", Map.of("secureTransport", "on", "tag", "[object Socket]"),
                "twice", "TypeError: startTls has already been called on this socket, or the socket was transferred over RPC.",
                "oldClosed", Map.of()), run("startTlsRules"));
    }

    @Test
    void theModuleExportsConnect() {
        // workerd also exports internalNewHttpClient, an internal of its own that workersim leaves out.
        assertJson(List.of("connect"), run("module"));
    }

    @Test
    void socketsGoThroughTheOutboundSeam() {
        int before = echo.connections.get();
        JsonNode got = mocked.get("/refused?port=" + echo.port()).ok().json();
        assertJson(Map.of("error", "Error: refused by the test"), got.get("opened"));
        assertEquals(List.of("127.0.0.1:" + echo.port() + " tls=false"), asked);
        assertEquals(before, echo.connections.get(), "nothing reached the server");
    }

    @Test
    void aReloadClosesTheSocketsTheOldWorkerHeld() throws Exception {
        String keeper = """
                import { connect } from "cloudflare:sockets";
                let kept;
                export default { async fetch(request) {
                  kept = connect({ hostname: "127.0.0.1", port: Number(new URL(request.url).searchParams.get("port")) });
                  await kept.opened;
                  return new Response("kept");
                } };
                """;
        try (WorkerFixture w = WorkerFixture.script(keeper).start()) {
            int ended = echo.ended.get();
            assertEquals("kept", w.getText("/?port=" + echo.port()));
            assertEquals(ended, echo.ended.get(), "the socket is open while the worker holds it");
            w.simulator().reload(); // the old isolate closes once its grace period (5 s, WorkerHost.retire) is over
            long deadline = System.currentTimeMillis() + 15_000;
            while (echo.ended.get() == ended && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertEquals(ended + 1, echo.ended.get(), "the reload closed it");
        }
    }
}
