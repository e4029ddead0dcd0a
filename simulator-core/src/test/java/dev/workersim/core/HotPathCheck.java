package dev.workersim.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.runtime.JsEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The CI guard of the request path (issue 21): a cheap benchmark, not a timed test. Off in `mvn
 * verify`; `.ci/run` turns it on with {@code -Dworkersim.hotpath=check}.
 *
 * <p>It measures hello-world requests per second over one kept-alive socket, and in the same JVM a
 * fixed piece of plain JavaScript (allocation, strings, a Map) per second on the same engine. Their
 * ratio cancels most of the machine's speed and the JS mode, so it can be compared with the ratio
 * recorded in {@code bench/hot-path-baseline.properties}: a change that costs the request path a
 * third of its throughput fails the check. {@code -Dworkersim.hotpath=record} writes a new baseline
 * (after a change that is meant to cost, say why in the commit).
 */
class HotPathCheck {
    private static final Path BASELINE = Path.of("..", "bench", "hot-path-baseline.properties");
    private static final double FLOOR = 0.67; // of the baseline ratio: a third lost fails
    private static final String HELLO = "export default { fetch() { return new Response('Hello World'); } };";
    // Work of the kind the runtime's JS does per request, with no runtime around it.
    private static final String CALIBRATION = """
            (function (n) {
              let total = 0;
              for (let i = 0; i < n; i++) {
                const headers = new Map([["content-type", "text/plain"], ["x-n", String(i)]]);
                const parts = [];
                for (const [k, v] of headers) parts.push(k + ": " + v);
                total += parts.join("\\r\\n").length + JSON.stringify({ i, ok: true }).length;
              }
              return total;
            })
            """;

    @Test
    void requestPathKeepsItsSpeed() throws Exception {
        String mode = System.getProperty("workersim.hotpath", "");
        Assumptions.assumeTrue(mode.equals("check") || mode.equals("record"), "a benchmark: .ci/run runs it");
        double ratio = measure();
        if (mode.equals("record")) {
            Properties p = new Properties();
            p.setProperty("ratio", String.format(java.util.Locale.ROOT, "%.4f", ratio));
            try (OutputStream out = Files.newOutputStream(BASELINE)) {
                p.store(out, "requests/s of hello over one socket / calibration JS runs/s; written by HotPathCheck (record)");
            }
            System.out.printf("hot path: recorded ratio %.4f%n", ratio);
            return;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(BASELINE)) {
            p.load(in);
        }
        double baseline = Double.parseDouble(p.getProperty("ratio"));
        if (ratio < FLOOR * baseline) ratio = Math.max(ratio, measure()); // a busy moment gets a second chance
        System.out.printf("hot path: ratio %.4f, baseline %.4f (%.0f%%)%n", ratio, baseline, 100 * ratio / baseline);
        assertTrue(ratio >= FLOOR * baseline, String.format(java.util.Locale.ROOT,
                "the request path lost speed: ratio %.4f is %.0f%% of the baseline %.4f (floor %.0f%%)",
                ratio, 100 * ratio / baseline, baseline, 100 * FLOOR));
    }

    /** Best of three rounds of each, alternated, after a warm-up. */
    private static double measure() throws Exception {
        try (Simulator sim = Simulator.builder().script(HELLO).build().start();
                Context js = Context.newBuilder("js").engine(JsEngine.get()).build();
                Socket socket = new Socket(sim.url().getHost(), sim.port())) {
            socket.setTcpNoDelay(true);
            Value calibration = js.eval("js", CALIBRATION);
            // A fresh JVM's first seconds run colder (class loading, the interpreter's inline caches):
            // a CI run once measured 0.41 there and 0.74 right after, so the warm-up is long.
            requestsPerSecond(socket, 4_000);
            callsPerSecond(calibration, 2_000);
            double requests = 0;
            double calls = 0;
            for (int round = 0; round < 3; round++) {
                requests = Math.max(requests, requestsPerSecond(socket, 1_500));
                calls = Math.max(calls, callsPerSecond(calibration, 1_500));
            }
            System.out.printf("hot path: %.0f requests/s, %.0f calibration runs/s%n", requests, calls);
            return requests / calls;
        }
    }

    private static double requestsPerSecond(Socket socket, long millis) throws IOException {
        byte[] request = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        long end = System.nanoTime() + millis * 1_000_000L;
        long start = System.nanoTime();
        int n = 0;
        while (System.nanoTime() < end) {
            out.write(request);
            out.flush();
            readResponse(in);
            n++;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Reads one response with a Content-Length body ("Hello World"). */
    private static void readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed; got " + head);
            head.append((char) b);
        }
        String h = head.toString().toLowerCase(java.util.Locale.ROOT);
        if (!h.startsWith("http/1.1 200")) throw new IOException("not a 200: " + head);
        int at = h.indexOf("content-length:");
        int length = Integer.parseInt(h.substring(at + 15, h.indexOf('\r', at)).trim());
        in.readNBytes(length);
    }

    private static double callsPerSecond(Value calibration, long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long start = System.nanoTime();
        int n = 0;
        while (System.nanoTime() < end) {
            calibration.execute(20);
            n++;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
