package dev.workersim.core.dispatch;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.testing.WorkerFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A dispatched user Worker's {@code connect()} (cloudflare:sockets) takes the same route as its
 * fetch(): with an outbound Worker it is refused, as in production (workerd has no TCP ingress into
 * a worker: "Incoming CONNECT on a worker not supported", and Cloudflare's docs say connect() does
 * not work when an outbound Worker is set); without one it reaches the network; and it counts as a
 * subrequest.
 */
class DispatchSocketTest {
    private static final String DISPATCHER = """
            export default {
              async fetch(request, env) {
                const url = new URL(request.url);
                const [, how, script] = url.pathname.split("/");
                const ns = how === "direct" || how === "limited" ? env.DIRECT : env.DISPATCHER;
                const options = how === "limited" ? { limits: { subRequests: 0 } } : {};
                return ns.get(script, {}, options).fetch("https://user.internal/" + url.search);
              },
            };
            """;
    private static final String USER = """
            import { connect } from "cloudflare:sockets";
            export default {
              async fetch(request) {
                const port = Number(new URL(request.url).searchParams.get("port"));
                const s = connect({ hostname: "127.0.0.1", port });
                try {
                  await s.opened;
                  const w = s.writable.getWriter();
                  await w.write(new TextEncoder().encode("ping"));
                  const { value } = await s.readable.getReader().read();
                  await s.close();
                  return Response.json({ got: new TextDecoder().decode(value) });
                } catch (e) {
                  return Response.json({ error: e.name + ": " + e.message });
                }
              },
            };
            """;
    private static final String EGRESS = """
            export default { async fetch(request) { return new Response("egress saw " + request.url); } };
            """;

    @RegisterExtension
    static final WorkerFixture sim = OutboundDispatchFixture.of(DISPATCHER, "", USER, EGRESS);

    private static ServerSocket server;
    private static final AtomicInteger connections = new AtomicInteger();

    /** A one-line echo: what it reads first, it writes back. */
    @BeforeAll
    static void echo() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket c = server.accept(); InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
                    connections.incrementAndGet();
                    byte[] buf = new byte[1024];
                    int n = in.read(buf);
                    if (n > 0) out.write(buf, 0, n);
                    out.flush();
                    in.read(buf); // until the worker closes
                } catch (IOException e) {
                    // next
                }
            }
        }, "dispatch-socket-echo");
        t.setDaemon(true);
        t.start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    private static String path(String how) {
        return "/" + how + "/customer?port=" + server.getLocalPort();
    }

    @Test
    void withAnOutboundWorkerConnectIsRefused() {
        int before = connections.get();
        assertJson(Map.of("error", "TypeError: Incoming CONNECT on a worker not supported"), sim.get(path("out")).json());
        assertEquals(before, connections.get(), "nothing reached the server");
    }

    @Test
    void withoutAnOutboundWorkerConnectReachesTheNetwork() {
        assertJson(Map.of("got", "ping"), sim.get(path("direct")).json());
    }

    @Test
    void aSocketCountsAsASubrequest() {
        assertJson(Map.of("error", "Error: Too many subrequests by single Worker invocation."), sim.get(path("limited")).json());
    }
}
