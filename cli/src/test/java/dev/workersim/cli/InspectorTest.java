package dev.workersim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `sim dev --inspector-port`: a real Chrome DevTools endpoint. Runs `sim dev` in its own JVM, as
 * the JS engine (and so the debugger) is set up once per process.
 */
class InspectorTest {
    @TempDir
    Path dir;

    @Test
    void devToolsAttachesAndSeesTheWorkersScript() throws Exception {
        Files.writeString(dir.resolve("worker.js"), "export default { fetch() { return new Response('hi'); } };\n");
        Files.writeString(dir.resolve("wrangler.toml"), "name = \"debugged\"\nmain = \"worker.js\"\ncompatibility_date = \"2025-09-01\"\n");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The inspector's jars, laid out by the build in cli/target/inspect/ (kept off the test JVM's classpath).
        String classpath = System.getProperty("java.class.path") + File.pathSeparator + Path.of("target", "inspect", "*");
        Process p = new ProcessBuilder(java, "-cp", classpath, "dev.workersim.cli.SimCommand",
                "dev", dir.toString(), "--port", "0", "--inspector-port", String.valueOf(port), "--persist-to", dir.resolve("state").toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line; (line = out.readLine()) != null && !line.startsWith("Ready on"); ) seen.append(line).append('\n');
            assertTrue(seen.toString().contains("Debugger listening on ws://127.0.0.1:" + port + "/workersim"), seen.toString());

            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(list.contains("\"webSocketDebuggerUrl\":\"ws://127.0.0.1:" + port + "/workersim\""), list);

            // The DevTools protocol itself: enabling the debugger lists the scripts already loaded,
            // the worker's own file among them (so breakpoints can be set in it).
            CompletableFuture<String> answer = new CompletableFuture<>();
            StringBuilder text = new StringBuilder();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/workersim"),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                if (text.indexOf("Debugger.scriptParsed") >= 0 && text.indexOf("worker.js") >= 0) answer.complete(text.toString());
                                text.setLength(0);
                            }
                            w.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText("{\"id\":1,\"method\":\"Runtime.enable\"}", true).join();
            ws.sendText("{\"id\":2,\"method\":\"Debugger.enable\"}", true).join();
            String parsed = answer.get(20, TimeUnit.SECONDS);
            assertTrue(parsed.contains("\"url\":\"file://") && parsed.contains("worker.js"), parsed);
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
