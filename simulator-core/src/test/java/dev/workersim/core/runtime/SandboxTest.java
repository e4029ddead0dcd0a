package dev.workersim.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import dev.workersim.core.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User code is untrusted: none of the host is reachable from a worker. */
class SandboxTest {
    @Test
    void noHostClassesThreadsProcessesEnvironmentOrFiles(@TempDir Path dir) throws Exception {
        Path outside = dir.resolve("secret.js");
        Files.writeString(outside, "export const secret = 'leaked';\n");
        Path project = dir.resolve("project");
        Path config = TestProjects.project(project, "src/index.js", """
                const attempts = {
                  javaGlobal: () => typeof Java === "undefined" ? "absent" : Java.type("java.lang.System").getenv("HOME"),
                  javaType: () => globalThis.Java.type("java.lang.Runtime"),
                  polyglot: () => typeof Polyglot === "undefined" ? "absent" : Polyglot.eval("js", "1"),
                  packages: () => typeof Packages === "undefined" ? "absent" : Packages.java.lang.System.exit(1),
                  javaPackage: () => typeof java === "undefined" ? "absent" : java.lang.System.getenv(),
                  graal: () => typeof Graal === "undefined" ? "absent" : Graal.versionGraalVM,
                  load: () => typeof load === "undefined" ? "absent" : load("/etc/passwd"),
                  print: () => typeof print === "undefined" ? "absent" : "present",
                  require: () => typeof require === "undefined" ? "absent" : require("fs"),
                  process: () => typeof process === "undefined" ? "absent" : process.env,
                  worker: () => typeof Worker === "undefined" ? "absent" : new Worker("x.js"),
                  functionCtor: () => typeof Function("return this")().Java,
                };
                export default { async fetch() {
                  const out = {};
                  for (const [name, attempt] of Object.entries(attempts)) {
                    try { out[name] = String(attempt()); } catch (e) { out[name] = "threw " + e.name; }
                  }
                  for (const [name, spec] of [["importOutside", "../../secret.js"], ["importAbsolute", "/etc/passwd"], ["importUnknownScheme", "node:fs"]]) {
                    try { await import(spec); out[name] = "imported"; } catch (e) { out[name] = "threw " + String(e.message).slice(0, 200); }
                  }
                  return Response.json(out);
                } };
                """);
        try (Simulator sim = Simulator.builder().config(config).http(false).build().start()) {
            JsonNode out = new ObjectMapper().readTree(sim.dispatchFetch(FetchRequest.get("/")).text());
            for (Iterator<Map.Entry<String, JsonNode>> it = out.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String v = e.getValue().asText();
                boolean blocked = v.equals("absent") || v.startsWith("threw") || v.equals("undefined");
                assertTrue(blocked, e.getKey() + " reached the host: " + v);
            }
            assertEquals("absent", out.get("javaGlobal").asText());
            assertTrue(out.get("importOutside").asText().contains("outside the project folder"), out.toString());
        }
    }

    @Test
    void aStaticImportOutsideTheProjectFailsTheLoadWithItsPath(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("outside.js"), "export const x = 1;\n");
        Path config = TestProjects.project(dir.resolve("p"),
                "src/index.js", "import { x } from '../../outside.js';\nexport default { fetch() { return new Response(String(x)); } };\n");
        WorkerLoadException e = assertThrows(WorkerLoadException.class,
                () -> Simulator.builder().config(config).http(false).build().start());
        assertTrue(e.getMessage().contains("outside.js"), e.getMessage());
    }

    @Test
    void aProjectReachedThroughASymlinkLoadsButALinkOutOfItDoesNot(@TempDir Path dir) throws Exception {
        Path real = dir.resolve("real");
        TestProjects.project(real,
                "src/index.js", "import { x } from './lib.js';\nexport default { fetch() { return new Response(String(x)); } };\n",
                "src/lib.js", "export const x = 'through the link';\n");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        try (Simulator sim = Simulator.builder().config(link.resolve("wrangler.toml")).http(false).build().start()) {
            assertEquals("through the link", sim.dispatchFetch(FetchRequest.get("/")).text());
        }
        Files.writeString(dir.resolve("secret.js"), "export const x = 'leaked';\n");
        Files.delete(real.resolve("src/lib.js"));
        Files.createSymbolicLink(real.resolve("src/lib.js"), dir.resolve("secret.js"));
        WorkerLoadException e = assertThrows(WorkerLoadException.class,
                () -> Simulator.builder().config(link.resolve("wrangler.toml")).http(false).build().start());
        assertTrue(e.getMessage().contains("outside the project folder"), e.getMessage());
    }
}
