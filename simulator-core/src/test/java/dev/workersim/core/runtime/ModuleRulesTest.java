package dev.workersim.core.runtime;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import dev.workersim.core.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Non-JS imports become what wrangler's module rules say: JSON values, Text strings, Data buffers, wasm modules. */
class ModuleRulesTest {
    @Test
    void defaultAndConfiguredRules(@TempDir Path dir) throws Exception {
        TestProjects.project(dir,
                "wrangler.toml", "main = \"src/w.js\"\n[[rules]]\ntype = \"Text\"\nglobs = [\"**/*.md\"]\n[[rules]]\ntype = \"Data\"\nglobs = [\"**/*.dat\"]\n",
                "src/w.js", """
                        import config from "./config.json";
                        import page from "../pages/index.html";
                        import readme from "./README.md";
                        import blob from "./blob.dat";
                        import again from "./config.json";
                        export default { fetch() {
                          return Response.json({ config, page, readme, blob: [...new Uint8Array(blob)], isBuffer: blob instanceof ArrayBuffer,
                            same: again === config });
                        } };
                        """,
                "src/config.json", "{\"name\": \"app\", \"list\": [1, 2]}",
                "pages/index.html", "<h1>\"quoted\" \u00e9</h1>\n",
                "src/README.md", "# readme");
        Files.write(dir.resolve("src/blob.dat"), new byte[] {0, (byte) 255, 7});
        try (Simulator sim = Simulator.builder().config(dir.resolve("wrangler.toml")).inMemory().http(false).build().start()) {
            assertJson(Map.of("config", Map.of("name", "app", "list", List.of(1, 2)), "page", "<h1>\"quoted\" é</h1>\n",
                    "readme", "# readme", "blob", List.of(0, 255, 7), "isBuffer", true, "same", true),
                    sim.dispatchFetch(FetchRequest.get("/")).text());
        }
    }

    @Test
    void aWasmImportIsACompiledModule(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21, "GraalWasm needs Java 21+");
        TestProjects.project(dir, "wrangler.toml", "main = \"w.js\"\n", "w.js", """
                import demo from "./demo.wasm";
                export default { async fetch() {
                  const instance = await WebAssembly.instantiate(demo, { env: { log() {} } });
                  return new Response(String(demo instanceof WebAssembly.Module) + " " + instance.exports.fib(12));
                } };
                """);
        try (var in = ModuleRulesTest.class.getResourceAsStream("/wasm/demo.wasm")) {
            Files.write(dir.resolve("demo.wasm"), in.readAllBytes());
        }
        try (Simulator sim = Simulator.builder().config(dir.resolve("wrangler.toml")).inMemory().http(false).build().start()) {
            assertEquals("true 144", sim.dispatchFetch(FetchRequest.get("/")).text());
        }
    }
}
