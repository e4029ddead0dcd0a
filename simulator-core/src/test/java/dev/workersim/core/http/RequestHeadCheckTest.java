package dev.workersim.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.Simulator;
import dev.workersim.core.TestProjects;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Raw bytes on the dev server's socket: heads a careful server refuses get workerd's 400/414/431
 * (and the connection closes), a head that trickles in is cut off, and ordinary keep-alive use,
 * bodies with any bytes in them, chunked bodies with trailers and pipelining still work.
 */
class RequestHeadCheckTest {
    private static Simulator sim;

    @BeforeAll
    static void start() {
        sim = Simulator.builder().script("""
                export default { async fetch(request) {
                  const body = request.body ? await request.text() : "";
                  return new Response(new URL(request.url).pathname + " " + body.length
                      + " " + [...request.headers.keys()].filter((k) => k.startsWith("x-")).join(","));
                } };
                """).build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String send(String head) throws Exception {
        return TestProjects.raw(sim.url(), head);
    }

    private static void assertRefused(String response, String statusLine, String text) {
        assertTrue(response.startsWith("HTTP/1.1 " + statusLine + "\r\n"), response);
        assertTrue(response.contains("\r\nConnection: close\r\n"), response);
        assertTrue(response.endsWith("\r\n\r\n" + text), response); // and then the server closed
    }

    @Test
    void aHeaderLineWithoutAColonIsRefused() throws Exception {
        assertRefused(send("GET / HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n"), "400 Bad Request", "invalid HTTP header parsed");
        assertRefused(send("GET / HTTP/1.1\r\nHost: x\r\nX-A : b\r\n\r\n"), "400 Bad Request", "invalid HTTP header parsed");
    }

    @Test
    void aCarriageReturnInsideAValueIsRefused() throws Exception {
        // Undertow alone read this as two headers, x-a and x-injected
        assertRefused(send("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rX-Injected: 1\r\n\r\n"), "400 Bad Request", "invalid HTTP header parsed");
        assertRefused(send("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n"), "400 Bad Request", "invalid HTTP header parsed");
    }

    @Test
    void aFoldedLineAndBadFramingAreRefused() throws Exception {
        assertRefused(send("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n"), "400 Bad Request", "invalid HTTP header parsed");
        assertRefused(send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"),
                "400 Bad Request", "invalid content-length parsed");
        assertRefused(send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"), "400 Bad Request", "invalid transfer-encoding parsed");
        assertRefused(send("GET / HTTP/9.9\r\nHost: x\r\n\r\n"), "400 Bad Request", "invalid HTTP version parsed");
    }

    @Test
    void aMegabyteUrlGets414() throws Exception {
        String response = send("GET /" + "a".repeat(1 << 20) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertRefused(response, "414 URI Too Long", "URI too long");
        // just under the limit is served
        String ok = send("GET /" + "a".repeat(RequestHeadCheck.MAX_TARGET - 2) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(ok.startsWith("HTTP/1.1 200 OK\r\n"), ok.substring(0, Math.min(200, ok.length())));
    }

    @Test
    void aHugeHeadGets431() throws Exception {
        String response = send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(600 * 1024) + "\r\n\r\n");
        assertRefused(response, "431 Request Header Fields Too Large", "message head is too large");
    }

    @Test
    void keepAliveWithBodiesAndPipeliningStillWorks() throws Exception {
        try (Socket s = new Socket(sim.url().getHost(), sim.url().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            // a body full of what a head may not hold: CRs, NULs, lines without colons
            String body = "line without colon\rX: y\0\r\n\r\nGET /evil HTTP/1.1\r\n";
            out.write(("POST /one HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("/one " + body.length() + " ", readResponse(in));
            // chunked with a trailer, then a pipelined GET in the same write
            out.write(("POST /two HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\nab\rcd\r\n3\r\nNoC\r\n0\r\nX-Trailer: t\r\n\r\n"
                    + "GET /three HTTP/1.1\r\nHost: x\r\nX-Ok: 1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("/two 8 ", readResponse(in));
            assertEquals("/three 0 x-ok", readResponse(in));
            // a pause between requests is fine (the head timeout counts from a head's first byte)
            Thread.sleep(1500);
            out.write("GET /four HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("/four 0 ", readResponse(in));
        }
    }

    @Test
    void aHeadTrickledInIsCutOffAndAnIdleConnectionClosed() throws Exception {
        try (Socket s = new Socket(sim.url().getHost(), sim.url().getPort());
                Socket idle = new Socket(sim.url().getHost(), sim.url().getPort())) {
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            long start = System.nanoTime();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
            int line = 0;
            boolean closed = false;
            while (!closed && System.nanoTime() - start < 40e9) {
                try {
                    out.write(("X-Slow-" + line++ + ": 1\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    closed = s.getInputStream().read() < 0;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // one more line
                } catch (java.io.IOException reset) {
                    closed = true;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(closed, "still open after " + seconds + " s");
            assertTrue(seconds >= HttpSocket.HEAD_TIMEOUT_MS / 1000.0 - 1 && seconds < HttpSocket.HEAD_TIMEOUT_MS / 1000.0 + 5,
                    "closed after " + seconds + " s");
            // the connection that sent nothing went the same way (workerd's 15 s for both)
            idle.setSoTimeout(5_000);
            assertEquals(-1, idle.getInputStream().read());
            double idleSeconds = (System.nanoTime() - start) / 1e9;
            assertTrue(idleSeconds < HttpSocket.IDLE_TIMEOUT_MS / 1000.0 + 5, "idle closed after " + idleSeconds + " s");
        }
    }

    /** One response with a Content-Length, its body as text. */
    private static String readResponse(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new AssertionError("closed after " + head);
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        assertTrue(h.startsWith("HTTP/1.1 200 "), h);
        int at = h.toLowerCase().indexOf("content-length: ");
        int length = Integer.parseInt(h.substring(at + 16, h.indexOf('\r', at)));
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
