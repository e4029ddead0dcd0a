package dev.workersim.core.web;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import dev.workersim.core.TestProjects;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WebSockets through the HTTP front door, with a real client, and out of a worker to another server. */
class WebSocketTest {
    // An echo server: text comes back prefixed, binary as it is, "close" makes the worker close with
    // 4000, and a client's Close is answered (and remembered for /last-close).
    static final String WORKER = """
            let lastClose = null;
            export default { async fetch(request) {
              const url = new URL(request.url);
              if (url.pathname === "/echo") {
                const [client, server] = Object.values(new WebSocketPair());
                server.accept();
                server.addEventListener("message", (e) => {
                  if (e.data === "close") server.close(4000, "asked");
                  else server.send(typeof e.data === "string" ? "echo:" + e.data : e.data);
                });
                server.addEventListener("close", (e) => {
                  lastClose = { code: e.code, reason: e.reason, wasClean: e.wasClean, state: server.readyState };
                  if (e.wasClean) server.close(1000, "bye back");
                });
                server.send("hello before the handshake");
                return new Response(null, { status: 101, webSocket: client });
              }
              if (url.pathname === "/last-close") return Response.json(lastClose);
              if (url.pathname === "/client") {
                const ws = new WebSocket(url.searchParams.get("target"));
                const log = [ws.readyState];
                await new Promise((resolve) => {
                  ws.addEventListener("open", () => { log.push("open:" + ws.readyState); ws.send("ping"); ws.send(new Uint8Array([7, 8])); });
                  ws.addEventListener("message", (e) => {
                    log.push(typeof e.data === "string" ? e.data : [...new Uint8Array(e.data)].join(","));
                    if (log.length === 5) ws.close(4100, "done");
                  });
                  ws.addEventListener("close", (e) => { log.push("close:" + e.code + ":" + e.reason + ":" + e.wasClean); resolve(); });
                  ws.addEventListener("error", (e) => { log.push("error:" + e.message); resolve(); });
                });
                return Response.json(log);
              }
              if (url.pathname === "/fetch-upgrade") {
                const resp = await fetch(url.searchParams.get("target"), { headers: { Upgrade: "websocket" } });
                const ws = resp.webSocket;
                const sendBeforeAccept = (() => { try { ws.send("x"); return "sent"; } catch (e) { return e.message; } })();
                ws.accept();
                const got = [];
                let wake = null;
                ws.addEventListener("message", (e) => { got.push(e.data); wake?.(); });
                const until = (n) => new Promise((resolve) => { wake = () => { if (got.length >= n) resolve(); }; wake(); });
                await until(1);
                ws.send("via fetch");
                await until(2);
                ws.close(1000);
                return Response.json({ status: resp.status, sendBeforeAccept, got });
              }
              if (url.pathname === "/proxy") return fetch(new Request(url.searchParams.get("target"), request));
              if (url.pathname === "/memory") {
                const [client, server] = Object.values(new WebSocketPair());
                server.accept();
                server.addEventListener("close", (e) => { lastClose = { code: e.code, wasClean: e.wasClean }; });
                return new Response(null, { status: 101, webSocket: client, headers: { "x-upgraded": "yes" } });
              }
              if (url.pathname === "/plain-101") {
                const [client, server] = Object.values(new WebSocketPair());
                return new Response(null, { status: 101, webSocket: client });
              }
              return new Response("not found", { status: 404 });
            } };
            """;

    static Simulator sim;
    static Simulator other; // a second server the worker connects out to

    @BeforeAll
    static void start() {
        sim = Simulator.builder().script(WORKER).build().start();
        other = Simulator.builder().script(WORKER).build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
        other.close();
    }

    /** A test client that queues what it receives. */
    static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        WebSocket ws;

        static Client open(Simulator s, String path) throws Exception {
            Client c = new Client();
            URI uri = URI.create(s.url().toString().replaceFirst("^http", "ws")).resolve(path);
            c.ws = TestProjects.HTTP.newWebSocketBuilder().buildAsync(uri, c).get(10, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            received.add(b);
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
            closed.complete(code + ":" + reason);
            return null;
        }

        Object next() throws InterruptedException {
            Object o = received.poll(10, TimeUnit.SECONDS);
            if (o == null) throw new AssertionError("nothing received in 10 s");
            return o;
        }
    }

    @Test
    void echoesTextAndBinaryAndDeliversWhatWasSentBeforeTheHandshake() throws Exception {
        Client c = Client.open(sim, "/echo");
        assertEquals("hello before the handshake", c.next());
        c.ws.sendText("hi", true).join();
        assertEquals("echo:hi", c.next());
        c.ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3, (byte) 255}), true).join();
        assertEquals(List.of(1, 2, 3, 255), bytes((byte[]) c.next()));
        c.ws.sendClose(1000, "").join();
        assertEquals("1000:bye back", c.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void workerClosesWithCodeAndReason() throws Exception {
        Client c = Client.open(sim, "/echo");
        assertEquals("hello before the handshake", c.next());
        c.ws.sendText("close", true).join();
        assertEquals("4000:asked", c.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void clientCloseAndDisconnectReachTheWorker() throws Exception {
        Client c = Client.open(sim, "/echo");
        assertEquals("hello before the handshake", c.next());
        c.ws.sendClose(4321, "client says bye").join();
        assertEquals("1000:bye back", c.closed.get(10, TimeUnit.SECONDS));
        assertJson(Map.of("code", 4321, "reason", "client says bye", "wasClean", true, "state", 2),
                TestProjects.get(sim.url(), "/last-close").body());

        Client d = Client.open(sim, "/echo");
        assertEquals("hello before the handshake", d.next());
        d.ws.abort(); // TCP gone, no Close frame: workerd leaves readyState OPEN (recorded with wrangler dev)
        assertTrue(TestProjects.eventually(10, () -> TestProjects.get(sim.url(), "/last-close").body()
                .equals("{\"code\":1006,\"reason\":\"WebSocket disconnected without sending Close frame.\",\"wasClean\":false,\"state\":1}")));
    }

    @Test
    void manyMessagesArriveInOrder() throws Exception {
        Client c = Client.open(sim, "/echo");
        assertEquals("hello before the handshake", c.next());
        for (int i = 0; i < 500; i++) c.ws.sendText("m" + i, true).join();
        for (int i = 0; i < 500; i++) assertEquals("echo:m" + i, c.next());
        c.ws.sendClose(1000, "").join();
    }

    @Test
    void workerConnectsOutWithNewWebSocket() {
        String target = other.url().toString().replaceFirst("^http", "ws") + "echo";
        HttpResponse<String> r = TestProjects.get(sim.url(), "/client?target=" + target);
        assertJson(List.of(0, "open:1", "hello before the handshake", "echo:ping", "7,8", "close:1000:bye back:true"), r.body());
    }

    @Test
    void workerConnectsOutWithFetchUpgrade() {
        String target = other.url() + "echo";
        HttpResponse<String> r = TestProjects.get(sim.url(), "/fetch-upgrade?target=" + target);
        assertJson(Map.of("status", 101,
                "sendBeforeAccept", "You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.",
                "got", List.of("hello before the handshake", "echo:via fetch")), r.body());
    }

    @Test
    void workerProxiesAnUpgradeToAnotherServer() throws Exception {
        Client c = Client.open(sim, "/proxy?target=" + other.url() + "echo");
        assertEquals("hello before the handshake", c.next());
        c.ws.sendText("through", true).join();
        assertEquals("echo:through", c.next());
        c.ws.sendBinary(ByteBuffer.wrap(new byte[] {9}), true).join();
        assertEquals(List.of(9), bytes((byte[]) c.next()));
        c.ws.sendClose(4200, "proxied bye").join();
        assertEquals("1000:bye back", c.closed.get(10, TimeUnit.SECONDS));
        assertTrue(TestProjects.eventually(10, () -> TestProjects.get(other.url(), "/last-close").body()
                .equals("{\"code\":4200,\"reason\":\"proxied bye\",\"wasClean\":true,\"state\":2}")));
    }

    @Test
    void dispatchFetchReportsThe101AndTheWorkersEndSeesNoConnection() {
        FetchResponse r = sim.dispatchFetch(FetchRequest.get("http://localhost/memory").header("Upgrade", "websocket"));
        assertEquals(101, r.status());
        assertEquals("yes", r.header("x-upgraded"));
        assertTrue(TestProjects.eventually(10, () -> TestProjects.get(sim.url(), "/last-close").body()
                .equals("{\"code\":1006,\"wasClean\":false}")));
    }

    @Test
    void answeringAPlainRequestWith101IsAnError() {
        HttpResponse<String> r = TestProjects.get(sim.url(), "/plain-101");
        assertEquals(500, r.statusCode());
        assertTrue(r.body().contains("Worker tried to return a WebSocket in a response to a request which did not contain"
                + " the header \"Upgrade: websocket\"."), r.body());
    }

    private static List<Integer> bytes(byte[] b) {
        List<Integer> out = new ArrayList<>();
        for (byte x : b) out.add(x & 0xff);
        return out;
    }
}
