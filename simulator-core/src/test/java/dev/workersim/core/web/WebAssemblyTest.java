package dev.workersim.core.web;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import dev.workersim.core.testing.WorkerResponse;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WebAssembly through GraalWasm: a C-compiled module (resources/wasm/demo.c) run by a worker. */
class WebAssemblyTest {
    private static String demoBytesAsJs() throws Exception {
        try (InputStream in = WebAssemblyTest.class.getResourceAsStream("/wasm/demo.wasm")) {
            StringBuilder sb = new StringBuilder("new Uint8Array([");
            for (byte b : in.readAllBytes()) sb.append(b & 0xff).append(',');
            return sb.append("])").toString();
        }
    }

    @Test
    void aCompiledCModuleRunsWithMemoryAndImports() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21,
                "GraalWasm needs Java 21+; .ci/run runs this test again on JDK 25");
        // Compiled in top-level code: in a handler, workerd (and the simulator) refuse bytes.
        String worker = "const bytes = " + demoBytesAsJs() + ";\n" + """
                const module = new WebAssembly.Module(bytes);
                export default { async fetch() {
                  const seen = [];
                  const instance = await WebAssembly.instantiate(module, { env: { log: (n) => seen.push(n) } });
                  const { buf, fnv1a, fib, fib_each, memory } = instance.exports;
                  const text = new TextEncoder().encode("hello");
                  new Uint8Array(memory.buffer, buf(), text.length).set(text);
                  fib_each(10);
                  return Response.json({ fnv: (fnv1a(text.length) >>> 0).toString(16), fib: fib(20), seen,
                    isModule: module instanceof WebAssembly.Module, exports: WebAssembly.Module.exports(module).map((e) => e.name).sort(),
                    validates: WebAssembly.validate(bytes), rejects: WebAssembly.validate(new Uint8Array([0, 1, 2])) });
                } };
                """;
        try (Simulator sim = Simulator.builder().script(worker).http(false).build().start()) {
            JsonNode r = WorkerResponse.of(sim.dispatchFetch(FetchRequest.get("/"))).ok().json();
            assertEquals("4f9f2cab", r.get("fnv").asText(), "FNV-1a of \"hello\"");
            assertEquals(6765, r.get("fib").asInt());
            assertJson(List.of(0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55), r.get("seen"));
            assertEquals(true, r.get("isModule").asBoolean());
            assertEquals(true, r.get("validates").asBoolean());
            assertEquals(false, r.get("rejects").asBoolean());
            assertJson(List.of("buf", "fib", "fib_each", "fnv1a", "memory"),
                    r.get("exports").toString().replace("\"__data_end\",", "")
                    .replace("\"__dso_handle\",", "").replace("\"__global_base\",", "").replace("\"__heap_base\",", "")
                    .replace("\"__memory_base\",", "").replace("\"__table_base\",", "").replace(",\"__heap_end\"", ""));
        }
    }

    /** A TypeScript project's own modules count when deciding whether the worker needs WebAssembly. */
    @Test
    void aTypeScriptWorkerThatNamesWebAssemblyGetsIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21,
                "GraalWasm needs Java 21+; .ci/run runs this test again on JDK 25");
        java.nio.file.Path config = dev.workersim.core.TestProjects.project(dir, "src/index.ts", "export default {\n"
                + "  async fetch(): Promise<Response> {\n"
                + "    const ok: boolean = WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));\n"
                + "    return new Response(String(ok));\n"
                + "  },\n};\n");
        java.nio.file.Files.writeString(config, java.nio.file.Files.readString(config).replace("src/index.js", "src/index.ts"));
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.remove("ESBUILD_BINARY_PATH");
        try (Simulator sim = Simulator.builder().config(config).processEnv(env).inMemory().http(false).build().start()) {
            assertEquals("true", sim.dispatchFetch(FetchRequest.get("/")).text());
        }
    }

    /**
     * The Context is made before the bundle exists, with WebAssembly guessed from the project's own
     * files; a bundled npm package that uses it makes the load start again with it on.
     */
    @Test
    void aBundledPackageThatUsesWebAssemblyGetsIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21,
                "GraalWasm needs Java 21+; .ci/run runs this test again on JDK 25");
        dev.workersim.core.build.TestEsbuild.binary();
        java.nio.file.Path config = dev.workersim.core.build.TestEsbuild.project(dir, "",
                "node_modules/wasm-check/package.json", "{ \"name\": \"wasm-check\", \"main\": \"index.js\" }",
                "node_modules/wasm-check/index.js",
                "exports.valid = () => WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));",
                "src/index.ts", "import { valid } from \"wasm-check\";\n"
                        + "export default { fetch: (): Response => new Response(String(valid())) };\n");
        try (Simulator sim = Simulator.builder().config(config).processEnv(dev.workersim.core.build.TestEsbuild.env())
                .inMemory().http(false).build().start()) {
            assertEquals("true", sim.dispatchFetch(FetchRequest.get("/")).text());
        }
    }

    /** The same explanation for a bundled worker, whose need is only known once it is built. */
    @Test
    void onJava17ABundledWorkerIsToldWhatWebAssemblyNeeds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() < 21);
        dev.workersim.core.build.TestEsbuild.binary();
        java.nio.file.Path config = dev.workersim.core.build.TestEsbuild.project(dir, "",
                "node_modules/wasm-check/package.json", "{ \"name\": \"wasm-check\", \"main\": \"index.js\" }",
                "node_modules/wasm-check/index.js",
                "exports.compile = () => WebAssembly.compile(new Uint8Array(8));",
                "src/index.ts", "import { compile } from \"wasm-check\";\n"
                        + "export default { async fetch(): Promise<Response> {\n"
                        + "  try { await compile(); } catch (e) { return new Response((e as Error).message); }\n"
                        + "  return new Response('compiled');\n} };\n");
        try (Simulator sim = Simulator.builder().config(config).processEnv(dev.workersim.core.build.TestEsbuild.env())
                .inMemory().http(false).build().start()) {
            String text = sim.dispatchFetch(FetchRequest.get("/")).text();
            assertEquals(true, text.startsWith("WebAssembly needs Java 21 or newer (GraalWasm)"), text);
        }
    }

    @Test
    void onJava17WebAssemblyExplainsWhatItNeeds() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() < 21);
        String worker = "export default { async fetch() { try { await WebAssembly.compile(new Uint8Array(8)); }"
                + " catch (e) { return new Response(e.message); } return new Response('compiled'); } };";
        try (Simulator sim = Simulator.builder().script(worker).http(false).build().start()) {
            String text = sim.dispatchFetch(FetchRequest.get("/")).text();
            assertEquals(true, text.startsWith("WebAssembly needs Java 21 or newer (GraalWasm); this simulator runs on Java 17."), text);
        }
    }
}
