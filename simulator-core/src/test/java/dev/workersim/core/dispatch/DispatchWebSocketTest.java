package dev.workersim.core.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dispatched user Worker's WebSocket connections ({@code fetch()} with {@code Upgrade: websocket},
 * {@code new WebSocket(url)}) are subrequests like any other: its outbound Worker sees them and may
 * refuse them (the user Worker sees that as workerd shows it), and without an outbound Worker they
 * reach the network. Expected values recorded from workerd (Miniflare 4 with an outbound service).
 */
class DispatchWebSocketTest {
    /** The far server: an echo over WebSocket, counting its connections. */
    private static final String ECHO = """
            let connections = 0;
            export default { async fetch(request) {
              if (new URL(request.url).pathname === "/count") return new Response(String(connections));
              connections++;
              const [client, server] = Object.values(new WebSocketPair());
              server.accept();
              server.addEventListener("message", (e) => server.send("echo:" + e.data));
              return new Response(null, { status: 101, webSocket: client });
            } };
            """;
    private static final String DISPATCHER = """
            export default {
              async fetch(request, env) {
                const url = new URL(request.url);
                const [, how, script, ...rest] = url.pathname.split("/");
                if (how === "seen") return env.EGRESS.fetch("http://egress/seen");
                if (how === "forget") return env.EGRESS.fetch("http://egress/forget");
                const ns = how === "direct" ? env.DIRECT : env.DISPATCHER;
                const options = how === "limited" ? { limits: { subRequests: 0 } } : {};
                return ns.get(script, {}, options).fetch("https://user.internal/" + rest.join("/") + url.search);
              },
            };
            """;
    private static final String USER = """
            export default {
              async fetch(request) {
                const url = new URL(request.url);
                const target = url.searchParams.get("target");
                try {
                  if (url.pathname === "/fetch-ws") {
                    const res = await fetch(target, { headers: { Upgrade: "websocket" } });
                    if (res.webSocket === null) return Response.json({ status: res.status, body: await res.text() });
                    const ws = res.webSocket;
                    ws.accept();
                    const echoed = new Promise((r) => ws.addEventListener("message", (e) => r(e.data)));
                    ws.send("ping");
                    const got = await echoed;
                    ws.close(1000);
                    return Response.json({ status: res.status, got });
                  }
                  if (url.pathname === "/new-ws") {
                    const ws = new WebSocket(target);
                    const events = await new Promise((resolve) => {
                      const ev = [];
                      ws.addEventListener("open", () => { ev.push("open"); ws.send("ping"); });
                      ws.addEventListener("message", (e) => { ev.push("message " + e.data); ws.close(1000); resolve(ev); });
                      ws.addEventListener("error", (e) => ev.push("error " + e.message));
                      ws.addEventListener("close", (e) => { ev.push("close " + e.code + " " + e.reason + " " + e.wasClean); resolve(ev); });
                    });
                    return Response.json(events);
                  }
                } catch (e) {
                  return Response.json({ error: e.name + ": " + e.message });
                }
                return new Response("user 404", { status: 404 });
              },
            };
            """;
    /** Records what reaches it; refuses URLs with "refuse", throws for "throw", forwards the rest. */
    private static final String EGRESS = """
            let seen = [];
            export default {
              async fetch(request) {
                const url = new URL(request.url);
                if (url.pathname === "/seen") return Response.json(seen);
                if (url.pathname === "/forget") { seen = []; return new Response("ok"); }
                seen.push(request.method + " " + request.url + " upgrade=" + request.headers.get("upgrade"));
                if (url.pathname === "/refuse") return new Response("refused by egress", { status: 403 });
                if (url.pathname === "/throw") throw new Error("egress threw");
                return fetch(request);
              },
            };
            """;

    private static Simulator echo;
    private static Simulator sim;
    private static String http;
    private static String ws;

    @BeforeAll
    static void start() {
        echo = Simulator.builder().script(ECHO).build().start();
        http = echo.url().toString().replaceAll("/$", "");
        ws = http.replaceFirst("^http", "ws");
        sim = Simulator.builder().script(DISPATCHER).name("dispatcher").http(false)
                .inlineConfig("""
                        compatibility_date = "2025-09-01"
                        services = [{ binding = "EGRESS", service = "egress" }]
                        [[dispatch_namespaces]]
                        binding = "DISPATCHER"
                        namespace = "customers"
                        outbound = { service = "egress" }
                        [[dispatch_namespaces]]
                        binding = "DIRECT"
                        namespace = "customers"
                        """)
                .auxiliaryScript("customer", USER, "dispatch_namespace = \"customers\"\n")
                .auxiliaryScript("egress", EGRESS, "compatibility_date = \"2025-09-01\"\n")
                .build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
        echo.close();
    }

    @BeforeEach
    void forget() {
        call("/forget");
    }

    private static String call(String path) {
        return sim.dispatchFetch(FetchRequest.get(path)).text();
    }

    private static String seen() {
        return call("/seen");
    }

    @Test
    void theOutboundWorkerSeesAFetchUpgradeAndCanPassItOn() {
        assertEquals("{\"status\":101,\"got\":\"echo:ping\"}", call("/out/customer/fetch-ws?target=" + http + "/echo"));
        assertEquals("[\"GET " + http + "/echo upgrade=websocket\"]", seen());
    }

    @Test
    void theOutboundWorkerSeesNewWebSocketAsAnHttpUpgrade() {
        assertEquals("[\"open\",\"message echo:ping\"]", call("/out/customer/new-ws?target=" + ws + "/echo"));
        assertEquals("[\"GET " + http + "/echo upgrade=websocket\"]", seen());
    }

    @Test
    void aRefusalReachesTheUserWorkerAsWorkerdShowsIt() {
        String before = echo.dispatchFetch(FetchRequest.get("/count")).text();
        assertEquals("{\"status\":403,\"body\":\"refused by egress\"}", call("/out/customer/fetch-ws?target=" + http + "/refuse"));
        assertEquals("[\"error Uncaught TypeError: Failed to establish the WebSocket connection: expected server to reply with"
                + " HTTP status code 101 (switching protocols), but received 403 instead.\","
                + "\"close 1006 Failed to establish websocket connection false\"]", call("/out/customer/new-ws?target=" + ws + "/refuse"));
        assertEquals(before, echo.dispatchFetch(FetchRequest.get("/count")).text(), "nothing reached the far server");
    }

    @Test
    void anOutboundWorkerThatThrowsFailsTheConnection() {
        assertEquals("{\"error\":\"Error: egress threw\"}", call("/out/customer/fetch-ws?target=" + http + "/throw"));
        assertEquals("[\"error Uncaught Error: egress threw\",\"close 1006 Failed to establish websocket connection false\"]",
                call("/out/customer/new-ws?target=" + ws + "/throw"));
    }

    @Test
    void withoutAnOutboundWorkerTheConnectionReachesTheNetwork() {
        assertEquals("[\"open\",\"message echo:ping\"]", call("/direct/customer/new-ws?target=" + ws + "/echo"));
        assertEquals("{\"status\":101,\"got\":\"echo:ping\"}", call("/direct/customer/fetch-ws?target=" + http + "/echo"));
        assertEquals("[]", seen());
    }

    @Test
    void aConnectionCountsAsASubrequest() {
        String error = call("/limited/customer/new-ws?target=" + ws + "/echo");
        assertEquals("[\"error Uncaught Error: Too many subrequests by single Worker invocation.\","
                + "\"close 1006 Failed to establish websocket connection false\"]", error);
        assertEquals("{\"error\":\"Error: Too many subrequests by single Worker invocation.\"}",
                call("/limited/customer/fetch-ws?target=" + http + "/echo"));
        assertFalse(seen().contains("/echo"), "the outbound Worker never saw them");
    }
}
