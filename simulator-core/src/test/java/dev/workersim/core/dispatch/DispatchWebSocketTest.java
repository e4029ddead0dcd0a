package dev.workersim.core.dispatch;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.testing.WorkerFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    static final WorkerFixture echo = WorkerFixture.script(ECHO).http();

    @RegisterExtension
    static final WorkerFixture sim = OutboundDispatchFixture.of(DISPATCHER,
            "services = [{ binding = \"EGRESS\", service = \"egress\" }]\n", USER, EGRESS);

    /** The far server's address over HTTP and over WebSocket. */
    private static String http;
    private static String ws;

    @BeforeAll
    static void addresses() {
        http = echo.url().toString().replaceAll("/$", "");
        ws = http.replaceFirst("^http", "ws");
    }

    @BeforeEach
    void forget() {
        sim.getText("/forget");
    }

    /** What the user Worker reported of its connection (the dispatcher answers its JSON). */
    private static JsonNode call(String path) {
        return sim.get(path).json();
    }

    /** What the outbound Worker saw ("METHOD url upgrade=..."). */
    private static JsonNode seen() {
        return call("/seen");
    }

    /** How workerd reports a WebSocket that could not be established: the error event, then close 1006. */
    private static List<String> failedToConnect(String error) {
        return List.of("error " + error, "close 1006 Failed to establish websocket connection false");
    }

    @Test
    void theOutboundWorkerSeesAFetchUpgradeAndCanPassItOn() {
        assertJson(Map.of("status", 101, "got", "echo:ping"), call("/out/customer/fetch-ws?target=" + http + "/echo"));
        assertJson(List.of("GET " + http + "/echo upgrade=websocket"), seen());
    }

    @Test
    void theOutboundWorkerSeesNewWebSocketAsAnHttpUpgrade() {
        assertJson(List.of("open", "message echo:ping"), call("/out/customer/new-ws?target=" + ws + "/echo"));
        assertJson(List.of("GET " + http + "/echo upgrade=websocket"), seen());
    }

    @Test
    void aRefusalReachesTheUserWorkerAsWorkerdShowsIt() {
        String before = echo.getText("/count");
        assertJson(Map.of("status", 403, "body", "refused by egress"), call("/out/customer/fetch-ws?target=" + http + "/refuse"));
        assertJson(failedToConnect("Uncaught TypeError: Failed to establish the WebSocket connection: expected server to reply with"
                + " HTTP status code 101 (switching protocols), but received 403 instead."), call("/out/customer/new-ws?target=" + ws + "/refuse"));
        assertEquals(before, echo.getText("/count"), "nothing reached the far server");
    }

    @Test
    void anOutboundWorkerThatThrowsFailsTheConnection() {
        assertJson(Map.of("error", "Error: egress threw"), call("/out/customer/fetch-ws?target=" + http + "/throw"));
        assertJson(failedToConnect("Uncaught Error: egress threw"),
                call("/out/customer/new-ws?target=" + ws + "/throw"));
    }

    @Test
    void withoutAnOutboundWorkerTheConnectionReachesTheNetwork() {
        assertJson(List.of("open", "message echo:ping"), call("/direct/customer/new-ws?target=" + ws + "/echo"));
        assertJson(Map.of("status", 101, "got", "echo:ping"), call("/direct/customer/fetch-ws?target=" + http + "/echo"));
        assertJson(List.of(), seen());
    }

    @Test
    void aConnectionCountsAsASubrequest() {
        assertJson(failedToConnect("Uncaught Error: Too many subrequests by single Worker invocation."),
                call("/limited/customer/new-ws?target=" + ws + "/echo"));
        assertJson(Map.of("error", "Error: Too many subrequests by single Worker invocation."),
                call("/limited/customer/fetch-ws?target=" + http + "/echo"));
        assertFalse(seen().toString().contains("/echo"), "the outbound Worker never saw them");
    }
}
