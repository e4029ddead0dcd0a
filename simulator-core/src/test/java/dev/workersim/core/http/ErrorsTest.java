package dev.workersim.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.Simulator;
import dev.workersim.core.TestProjects;
import dev.workersim.core.runtime.WorkerLoadException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the developer sees when the worker is broken: file:line:column, the message, the stack. */
class ErrorsTest {
    @Test
    void aSyntaxErrorNamesFileLineAndColumn(@TempDir Path dir) {
        Path config = TestProjects.project(dir, "src/index.js",
                "export default {\n  fetch() {\n    return new Response(\"x\";\n  }\n};\n");
        WorkerLoadException e = assertThrows(WorkerLoadException.class,
                () -> Simulator.builder().config(config).http(false).build().start());
        assertTrue(e.getMessage().contains("index.js:3:"), e.getMessage());
        assertEquals("SyntaxError", e.error().name());
    }

    @Test
    void aBrokenWorkerUnderDevServesItsErrorInsteadOfExiting(@TempDir Path dir) {
        Path config = TestProjects.project(dir, "src/index.js", "export default { fetch() { return new Response(1 +); } };\n");
        try (Simulator sim = Simulator.builder().config(config).failOnLoadError(false).log((l, t) -> { }).build().start()) {
            HttpResponse<String> r = TestProjects.get(sim.url(), "/", "accept", "text/html");
            assertEquals(500, r.statusCode());
            assertTrue(r.body().contains("SyntaxError"), r.body());
            assertTrue(r.body().contains("index.js:1:"), r.body());
        }
    }

    @Test
    void anUncaughtThrowGivesA500PageWithTheJsStack(@TempDir Path dir) {
        Path config = TestProjects.project(dir, "src/index.js", """
                function validate(path) {
                  if (path === "/bad") throw new TypeError("bad <input>");
                }
                export default {
                  async fetch(request) {
                    validate(new URL(request.url).pathname);
                    await new Promise((r) => setTimeout(r, 1));
                    if (new URL(request.url).pathname === "/later") throw new Error("async failure");
                    return new Response("fine");
                  },
                };
                """);
        StringBuilder terminal = new StringBuilder();
        try (Simulator sim = Simulator.builder().config(config).log((l, t) -> { synchronized (terminal) { terminal.append(t).append('\n'); } })
                .build().start()) {
            HttpResponse<String> html = TestProjects.get(sim.url(), "/bad", "accept", "text/html,application/xhtml+xml");
            assertEquals(500, html.statusCode());
            assertTrue(html.headers().firstValue("content-type").orElse("").startsWith("text/html"));
            assertTrue(html.body().contains("TypeError: bad &lt;input&gt;"), html.body());
            assertTrue(html.body().contains("index.js:2:"), "the stack names the throwing line: " + html.body());

            HttpResponse<String> plain = TestProjects.get(sim.url(), "/later");
            assertEquals(500, plain.statusCode());
            assertTrue(plain.body().startsWith("Error: async failure"), plain.body());
            assertTrue(plain.body().contains("index.js:8:"), plain.body());

            assertEquals("fine", TestProjects.get(sim.url(), "/").body());
        }
        assertTrue(terminal.toString().contains("TypeError: bad <input>"), terminal.toString());
        assertTrue(terminal.toString().contains("index.js:2:"), terminal.toString());
    }

    @Test
    void returningSomethingOtherThanAResponseSaysSo() {
        try (Simulator sim = Simulator.builder().script("export default { fetch() { return { not: 'a response' }; } };")
                .log((l, t) -> { }).build().start()) {
            HttpResponse<String> r = TestProjects.get(sim.url(), "/");
            assertEquals(500, r.statusCode());
            assertTrue(r.body().contains("did not resolve to 'Response'"), r.body());
        }
    }

    @Test
    void aThrowAtModuleTopLevelFailsTheLoadWithItsLocation(@TempDir Path dir) {
        Path config = TestProjects.project(dir, "src/index.js", "const x = 1;\nnull.boom;\nexport default {};\n");
        WorkerLoadException e = assertThrows(WorkerLoadException.class,
                () -> Simulator.builder().config(config).http(false).build().start());
        assertEquals("TypeError", e.error().name());
        assertTrue(e.getMessage().contains("index.js:2:"), e.getMessage());
    }
}
