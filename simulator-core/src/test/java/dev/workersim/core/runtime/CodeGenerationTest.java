package dev.workersim.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.testing.WorkerResponse;
import dev.workersim.core.Simulator;
import dev.workersim.core.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code made at run time, as workerd rules it: eval, new Function and WebAssembly from bytes work in
 * top-level code and throw in handlers (web/code-generation, a case recorded from wrangler dev, holds
 * the messages for eval; WebAssembly needs Java 21+ and is checked here only).
 */
class CodeGenerationTest {
    private static final String REFUSED = "Code generation from strings disallowed for this context";

    private static final String EVAL_WORKER = """
            const atStartup = new Function("a", "return a + 1")(1) + eval("40");
            const keptEval = eval;
            function attempt(fn) {
              try { return String(fn()); } catch (e) { return e.name + ": " + e.message; }
            }
            export default { async fetch() {
              return Response.json({
                atStartup,
                eval: attempt(() => eval("1 + 1")),
                keptEval: attempt(() => keptEval("1 + 1")),
                newFunction: attempt(() => new Function("return 1")()),
                asyncFunction: attempt(() => typeof (async () => {}).constructor("return 1")),
                isFunction: (() => 1) instanceof Function && Function.prototype.constructor === Function,
              });
            } };
            """;

    @Test
    void handlersMayNotMakeCodeFromStringsButTopLevelCodeMay() throws Exception {
        try (Simulator sim = Simulator.builder().script(EVAL_WORKER).http(false).build().start()) {
            JsonNode r = WorkerResponse.of(sim.dispatchFetch(FetchRequest.get("/"))).ok().json();
            assertEquals(42, r.get("atStartup").asInt());
            assertEquals("EvalError: " + REFUSED, r.get("eval").asText());
            assertEquals("EvalError: " + REFUSED, r.get("newFunction").asText());
            assertEquals("EvalError: " + REFUSED, r.get("asyncFunction").asText());
            assertEquals(true, r.get("isFunction").asBoolean());
        }
    }

    @Test
    void aTestHarnessMayAllowEvalInHandlers() throws Exception {
        try (Simulator sim = Simulator.builder().script(EVAL_WORKER).http(false).allowEvalInHandlers(true).build().start()) {
            JsonNode r = WorkerResponse.of(sim.dispatchFetch(FetchRequest.get("/"))).ok().json();
            assertEquals("2", r.get("eval").asText());
            assertEquals("1", r.get("newFunction").asText());
            assertEquals("function", r.get("asyncFunction").asText());
        }
    }

    // (module (func (export "f") (result i32) i32.const N)) for N = 41, 42; and one exporting "g" returning 43
    private static final byte[] F41 = {0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 6, 1, 4, 0, 65, 41, 11};
    private static final byte[] F42 = {0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 6, 1, 4, 0, 65, 42, 11};
    private static final byte[] G43 = {0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 5, 1, 1, 103, 0, 0, 10, 6, 1, 4, 0, 65, 43, 11};

    /**
     * Bytes compile at startup only; a project's .wasm modules instantiate anywhere, even imported
     * late (the simulator compiles those bytes then, as workerd did up front; other bytes stay refused).
     */
    @Test
    void webAssemblyFromBytesIsRefusedInHandlersButModulesWork(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "GraalWasm needs Java 21+; .ci/run runs this test again on JDK 25");
        Path config = TestProjects.project(dir, "src/index.js", """
                import f42 from "./f42.wasm";
                const bytes = new Uint8Array([%s]);
                const atStartup = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f();
                const keptCompile = WebAssembly.compile;
                async function attempt(fn) {
                  try { return String(await fn()); } catch (e) { return e.name + ": " + e.message; }
                }
                export default { async fetch() {
                  return Response.json({
                    atStartup,
                    module: await attempt(() => new WebAssembly.Module(bytes)),
                    compile: await attempt(() => WebAssembly.compile(bytes)),
                    keptCompile: await attempt(() => keptCompile(bytes)),
                    instantiateBytes: await attempt(() => WebAssembly.instantiate(bytes)),
                    validate: await attempt(() => WebAssembly.validate(bytes)),
                    instantiateModule: await attempt(async () => (await WebAssembly.instantiate(f42)).exports.f()),
                    lateImport: await attempt(async () => new WebAssembly.Instance((await import("./g43.wasm")).default).exports.g()),
                    isModule: f42 instanceof WebAssembly.Module,
                  });
                } };
                """.formatted(jsBytes(F41)));
        Files.write(dir.resolve("src/f42.wasm"), F42);
        Files.write(dir.resolve("src/g43.wasm"), G43);
        try (Simulator sim = Simulator.builder().config(config).inMemory().http(false).build().start()) {
            JsonNode r = WorkerResponse.of(sim.dispatchFetch(FetchRequest.get("/"))).ok().json();
            assertEquals(41, r.get("atStartup").asInt());
            String wasmRefused = "Wasm code generation disallowed by embedder";
            assertEquals("CompileError: WebAssembly.Module(): " + wasmRefused, r.get("module").asText());
            assertEquals("CompileError: WebAssembly.compile(): " + wasmRefused, r.get("compile").asText());
            assertEquals("CompileError: WebAssembly.compile(): " + wasmRefused, r.get("keptCompile").asText());
            assertEquals("CompileError: WebAssembly.instantiate(): " + wasmRefused, r.get("instantiateBytes").asText());
            assertEquals("true", r.get("validate").asText());
            assertEquals("42", r.get("instantiateModule").asText());
            assertEquals("43", r.get("lateImport").asText());
            assertEquals(true, r.get("isModule").asBoolean());
        }
    }

    private static String jsBytes(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) sb.append(sb.length() == 0 ? "" : ",").append(b & 0xff);
        return sb.toString();
    }
}
