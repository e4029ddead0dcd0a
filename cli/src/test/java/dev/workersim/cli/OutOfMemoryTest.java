package dev.workersim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that grows a global array until the heap is full must not take the server with it:
 * `sim dev` runs in its own JVM with a small heap (256 MiB, so that the hog fills it in seconds and
 * cannot hurt the test's JVM), serving a front worker (KV, a service binding) and the hog beside it.
 */
class OutOfMemoryTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int KEYS = 20;
    private static final int BURST = 1000;

    @TempDir
    Path dir;

    @Test
    void aWorkerThatFillsTheHeapIsDiscardedAndEverythingElseGoesOn() throws Exception {
        Path front = project("front", """
                let served = 0; // lives as long as this isolate: it shows the isolate was not replaced
                export default {
                  async fetch(req, env) {
                    const url = new URL(req.url);
                    served++;
                    if (url.pathname.startsWith("/hog")) return env.HOG.fetch(req);
                    if (url.pathname === "/slow") {
                      try { return new Response(await env.HOG.slow()); }
                      catch (e) { return new Response("slow: " + e.message, { status: 502 }); }
                    }
                    const key = url.searchParams.get("k");
                    if (url.pathname === "/put") { await env.KV.put(key, "value-" + key); return new Response("stored"); }
                    if (url.pathname === "/get") return new Response(await env.KV.get(key));
                    return new Response("front " + served);
                  },
                };
                """, """
                [[kv_namespaces]]
                binding = "KV"
                id = "kv"

                [[services]]
                binding = "HOG"
                service = "hog"
                """);
        Path hog = project("hog", """
                import { WorkerEntrypoint } from "cloudflare:workers";
                const held = [];
                let calls = 0;
                export default class extends WorkerEntrypoint {
                  fetch(req) {
                    calls++;
                    if (new URL(req.url).pathname === "/hog/grow") for (;;) held.push(new Array(1e5).fill(1));
                    return new Response("hog " + calls + " " + held.length);
                  }
                  // An RPC call waiting in the hog's JS when it is discarded: its caller must hear so.
                  async slow() {
                    await new Promise((resolve) => setTimeout(resolve, 120_000));
                    return "slow answered";
                  }
                }
                """, "");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process sim = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-Xss2m", "-cp", System.getProperty("java.class.path"),
                "dev.workersim.cli.SimCommand", "dev", "-c", front.toString(), "-c", hog.toString(),
                "--port", "0", "--persist-to", dir.resolve("state").toString())
                .redirectErrorStream(true).start();
        Terminal terminal = new Terminal(sim.getInputStream());
        try {
            URI base = URI.create(terminal.await(Pattern.compile("Ready on (\\S+)"), 60).group(1));
            for (int i = 0; i < KEYS; i++) assertEquals("stored", get(base, "/put?k=k" + i).body());
            assertEquals("hog 1 0", get(base, "/hog").body());
            int servedBefore = Integer.parseInt(get(base, "/").body().substring("front ".length()));

            java.util.concurrent.CompletableFuture<HttpResponse<String>> slow = HTTP.sendAsync(
                    HttpRequest.newBuilder(base.resolve("/slow")).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());

            // The hog's request fails as in wrangler dev (workerd's isolate died: the connection is lost), not a hang.
            HttpResponse<String> grown = HTTP.send(HttpRequest.newBuilder(base.resolve("/hog/grow")).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(500, grown.statusCode(), grown.body());
            assertTrue(grown.body().contains("Network connection lost."), grown.body());
            terminal.await(Pattern.compile("Worker \"hog\" ran out of memory"), 10);
            // The RPC call that was waiting in the discarded hog fails too, at once, rather than never ending.
            HttpResponse<String> slowAnswer = slow.get(10, TimeUnit.SECONDS);
            assertEquals("slow: Network connection lost.", slowAnswer.body());

            // Within 10 s the other worker answers from its own isolate, untouched, and the hog from a fresh one.
            long t0 = System.nanoTime();
            assertEquals("front " + (servedBefore + 3), get(base, "/").body()); // after /slow, /hog/grow and this one
            assertEquals("hog 1 0", get(base, "/hog").body());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 10_000, "the next requests took " + ms + " ms");
            for (int i = 0; i < KEYS; i++) assertEquals("value-k" + i, get(base, "/get?k=k" + i).body());

            // The server kept the headroom it needs: a burst of connections is answered in full.
            assertEquals(BURST, burst(base), "answered requests of the burst\n" + terminal.text());

            // Ctrl-C / SIGTERM stops it within 5 s.
            long s0 = System.nanoTime();
            sim.destroy();
            assertTrue(sim.waitFor(5, TimeUnit.SECONDS), "sim dev still running 5 s after SIGTERM\n" + terminal.text());
            System.out.println("OutOfMemoryTest: stopped " + (System.nanoTime() - s0) / 1_000_000 + " ms after SIGTERM; terminal:\n" + terminal.text());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nsim dev's terminal:\n" + terminal.text(), e);
        } finally {
            sim.destroyForcibly();
        }
    }

    private Path project(String name, String worker, String extraToml) throws Exception {
        Path p = Files.createDirectories(dir.resolve(name));
        Files.writeString(p.resolve("worker.js"), worker);
        Files.writeString(p.resolve("wrangler.toml"),
                "name = \"" + name + "\"\nmain = \"worker.js\"\ncompatibility_date = \"2025-09-01\"\n" + extraToml);
        return p.resolve("wrangler.toml");
    }

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r;
    }

    /** Opens {@link #BURST} connections at once, then sends a request on each; returns how many got a 200. */
    private static int burst(URI base) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < BURST; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
                s.setSoTimeout(20_000);
                sockets.add(s);
            }
            byte[] request = ("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            for (Socket s : sockets) {
                OutputStream out = s.getOutputStream();
                out.write(request);
                out.flush();
            }
            int ok = 0;
            for (Socket s : sockets) {
                byte[] head = s.getInputStream().readNBytes(12);
                if (new String(head, StandardCharsets.US_ASCII).equals("HTTP/1.1 200")) ok++;
            }
            return ok;
        } finally {
            for (Socket s : sockets) s.close();
        }
    }

    /** What `sim dev` prints, read as it comes. */
    private static final class Terminal {
        private final StringBuilder text = new StringBuilder();

        Terminal(InputStream in) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (this) {
                            text.append(line).append('\n');
                            notifyAll();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            }, "sim-terminal");
            t.setDaemon(true);
            t.start();
        }

        synchronized String text() {
            return text.toString();
        }

        synchronized Matcher await(Pattern p, int seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (;;) {
                Matcher m = p.matcher(text);
                if (m.find()) return m;
                long left = end - System.nanoTime();
                assertTrue(left > 0, "no \"" + p + "\" within " + seconds + " s; the terminal said:\n" + text);
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }
}
