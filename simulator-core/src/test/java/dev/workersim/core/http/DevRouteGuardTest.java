package dev.workersim.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.Simulator;
import dev.workersim.core.TestProjects;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dev server's own routes (here the scheduled trigger, whose effect the worker counts) answer
 * only the developer: a foreign Host or Origin gets wrangler dev's 403, and no Worker's own
 * request reaches them, whether it is fetch(), a WebSocket, or a dispatched user Worker's fetch().
 */
class DevRouteGuardTest {
    private static final String SCHEDULED = "/cdn-cgi/handler/scheduled";
    // Counts scheduled runs; /fetch makes the worker's own subrequest (a POST, as a page would), /ws
    // its WebSocket, /dispatch has the user Worker make the subrequest.
    private static final String WORKER = """
            let runs = 0;
            async function subrequest(target) {
              const res = await fetch(target, { method: "POST", headers: { "content-type": "text/plain", origin: new URL(target).origin } });
              return new Response(res.status + " " + await res.text());
            }
            export default {
              async fetch(request, env) {
                const url = new URL(request.url);
                const target = url.searchParams.get("url");
                switch (url.pathname) {
                  case "/runs": return new Response(String(runs));
                  case "/fetch": return subrequest(target);
                  case "/dispatch": return env.NS.get("user").fetch("http://user.internal/?url=" + encodeURIComponent(target));
                  case "/ws": {
                    const ws = new WebSocket(target);
                    const how = await new Promise((done) => {
                      ws.addEventListener("open", () => done("open"));
                      ws.addEventListener("error", () => done("error"));
                      ws.addEventListener("close", () => done("close"));
                    });
                    return new Response(how);
                  }
                }
                return new Response("worker");
              },
              scheduled() { runs++; },
            };
            """;
    private static final String USER = """
            export default {
              async fetch(request) {
                const target = new URL(request.url).searchParams.get("url");
                const res = await fetch(target, { method: "POST" });
                return new Response(res.status + " " + await res.text());
              },
            };
            """;
    private static Simulator sim;

    @BeforeAll
    static void start() {
        sim = Simulator.builder().script(WORKER).name("dev-routes")
                .inlineConfig("compatibility_date = \"2025-09-01\"\n[triggers]\ncrons = [\"0 0 1 1 *\"]\n"
                        + "[[dispatch_namespaces]]\nbinding = \"NS\"\nnamespace = \"customers\"\n")
                .auxiliaryScript("user", USER, "compatibility_date = \"2025-09-01\"\ndispatch_namespace = \"customers\"\n")
                .build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static int runs() {
        return Integer.parseInt(TestProjects.get(sim.url(), "/runs").body());
    }

    private static String self(String path) {
        return URLEncoder.encode(sim.url().resolve(path).toString(), StandardCharsets.UTF_8);
    }

    private static String post(String host, String origin) throws Exception {
        return TestProjects.raw(sim.url(), "POST " + SCHEDULED + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Content-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi");
    }

    @Test
    void aForeignHostIsRefusedAndNothingRuns() throws Exception {
        int before = runs();
        String refused = post("attacker.example:" + sim.url().getPort(), null);
        assertTrue(refused.startsWith("HTTP/1.1 403 Invalid Host header\r\n"), refused);
        assertTrue(refused.endsWith("\r\n\r\nInvalid Host header"), refused);
        assertEquals(before, runs());
        String ok = post("localhost:" + sim.url().getPort(), null);
        assertTrue(ok.startsWith("HTTP/1.1 200 OK\r\n") && ok.endsWith("ok"), ok);
        assertEquals(before + 1, runs());
    }

    @Test
    void aPageOnAnotherOriginIsRefused() throws Exception {
        int before = runs();
        String refused = post("127.0.0.1:" + sim.url().getPort(), "http://attacker.example");
        assertTrue(refused.startsWith("HTTP/1.1 403 Invalid Origin header\r\n"), refused);
        assertEquals(before, runs());
        assertTrue(post("127.0.0.1", "http://localhost:5173").startsWith("HTTP/1.1 200 "));
    }

    @Test
    void ordinaryRequestsToTheWorkerAreNotChecked() throws Exception {
        String r = TestProjects.raw(sim.url(), "GET /anything HTTP/1.1\r\nHost: attacker.example\r\nOrigin: null\r\nConnection: close\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n") && r.endsWith("worker"), r);
    }

    @Test
    void theWorkersOwnFetchCannotReachADevRoute() {
        int before = runs();
        assertEquals("403 " + DevRouteGuard.SUBREQUEST, TestProjects.get(sim.url(), "/fetch?url=" + self(SCHEDULED)).body());
        // however it spells the host or the path
        String localhost = "http://localhost:" + sim.url().getPort() + "/%63dn-cgi/handler/scheduled";
        assertEquals("403 " + DevRouteGuard.SUBREQUEST,
                TestProjects.get(sim.url(), "/fetch?url=" + URLEncoder.encode(localhost, StandardCharsets.UTF_8)).body());
        assertEquals(before, runs());
        // its own server's other paths it reaches, as in wrangler dev
        assertEquals("200 worker", TestProjects.get(sim.url(), "/fetch?url=" + self("/hello")).body());
    }

    @Test
    void theWorkersWebSocketCannotReachADevRoute() {
        int before = runs();
        String ws = "ws://127.0.0.1:" + sim.url().getPort() + SCHEDULED;
        assertEquals("error", TestProjects.get(sim.url(), "/ws?url=" + URLEncoder.encode(ws, StandardCharsets.UTF_8)).body());
        assertEquals(before, runs());
    }

    @Test
    void aDispatchedUserWorkerWithoutAnOutboundWorkerCannotReachADevRoute() {
        int before = runs();
        assertEquals("403 " + DevRouteGuard.SUBREQUEST, TestProjects.get(sim.url(), "/dispatch?url=" + self(SCHEDULED)).body());
        assertEquals(before, runs());
        assertEquals("200 worker", TestProjects.get(sim.url(), "/dispatch?url=" + self("/hello")).body());
    }

    @Test
    void theAddressChosenWithIpIsAcceptedToo() throws Exception {
        // the whole of 127/8 is loopback on Linux; 127.0.0.2 stands for a LAN address given to --ip
        try (Simulator onIp = Simulator.builder().script(WORKER).name("on-ip").ip("127.0.0.2")
                .inlineConfig("[triggers]\ncrons = [\"0 0 1 1 *\"]\n[[dispatch_namespaces]]\nbinding = \"NS\"\nnamespace = \"x\"\n")
                .build().start()) {
            String host = "127.0.0.2:" + onIp.url().getPort();
            String ok = TestProjects.raw(onIp.url(), "GET " + SCHEDULED + " HTTP/1.1\r\nHost: " + host
                    + "\r\nOrigin: http://" + host + "\r\nConnection: close\r\n\r\n");
            assertTrue(ok.startsWith("HTTP/1.1 200 OK\r\n") && ok.endsWith("ok"), ok);
        }
        // on a server bound to 127.0.0.1 that name is someone else's
        assertTrue(post("127.0.0.2:" + sim.url().getPort(), null).startsWith("HTTP/1.1 403 Invalid Host header\r\n"));
    }
}
