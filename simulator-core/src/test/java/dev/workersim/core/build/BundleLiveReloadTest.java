package dev.workersim.core.build;

import static dev.workersim.core.build.TestEsbuild.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import dev.workersim.core.TestTerminal;
import dev.workersim.core.TestProjects;
import dev.workersim.core.runtime.WorkerError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live reload of a bundled worker: an edit of any file of its module graph (TypeScript, a file in
 * node_modules, a file outside the config's folder) is rebuilt and served; a broken edit keeps the
 * last good version serving while its build error is reported.
 */
class BundleLiveReloadTest {
    @TempDir
    Path dir;

    /** Skips the test (before it starts) when there is no esbuild binary and no npm to install one. */
    @BeforeEach
    void needsEsbuild() {
        TestEsbuild.binary();
    }

    private final TestTerminal terminal = new TestTerminal();

    private Simulator start(Path config) {
        return TestEsbuild.simulator(config, terminal).liveReload(true).failOnLoadError(false).build().start();
    }

    private String terminal() {
        return terminal.text();
    }

    private static String get(Simulator sim) {
        FetchResponse r = sim.dispatchFetch(FetchRequest.get("http://localhost/").header("accept", "text/plain"));
        return r.status() + " " + r.text();
    }

    private static void awaitBody(Simulator sim, String expected, String what) {
        assertTrue(TestProjects.eventually(15, () -> get(sim).equals(expected)), what + ": still " + get(sim));
    }

    private static final String INDEX = """
            import { word } from "./util";
            import { pad } from "padder";
            export default { fetch: (): Response => new Response(pad(word())) };
            """;

    private Path graphProject() {
        return project(dir, "",
                "src/index.ts", INDEX,
                "src/util.ts", "export const word = (): string => \"alpha\";\n",
                "node_modules/padder/package.json", "{ \"name\": \"padder\", \"main\": \"index.js\" }",
                "node_modules/padder/index.js", "exports.pad = (s) => `[${s}]`;\n");
    }

    @Test
    void anEditOfAnImportedTypeScriptFileIsServedByTheNextRequest() {
        Path config = graphProject();
        try (Simulator sim = start(config)) {
            assertEquals("200 [alpha]", get(sim));
            TestEsbuild.write(dir, "src/util.ts", "type W = string;\nexport const word = (): W => \"beta\";\n");
            awaitBody(sim, "200 [beta]", "the .ts edit was not picked up");
            // a new module joins the graph, and an edit of it reloads too
            TestEsbuild.write(dir, "src/extra.ts", "export const suffix: string = \"!\";\n");
            TestEsbuild.write(dir, "src/util.ts", "import { suffix } from \"./extra\";\nexport const word = (): string => \"gamma\" + suffix;\n");
            awaitBody(sim, "200 [gamma!]", "the second edit was not picked up");
            TestEsbuild.write(dir, "src/extra.ts", "export const suffix: string = \"?\";\n");
            awaitBody(sim, "200 [gamma?]", "the edit of the new module was not picked up");
        }
        assertTrue(terminal().contains("Reloaded bundle-test in "), terminal());
    }

    @Test
    void anEditInsideNodeModulesReloads() {
        Path config = graphProject();
        try (Simulator sim = start(config)) {
            assertEquals("200 [alpha]", get(sim));
            TestEsbuild.write(dir, "node_modules/padder/index.js", "exports.pad = (s) => `<${s}>`;\n");
            awaitBody(sim, "200 <alpha>", "the edit in node_modules was not picked up");
        }
    }

    @Test
    void aBrokenEditKeepsTheLastGoodVersionServingUntilFixed() {
        Path config = graphProject();
        try (Simulator sim = start(config)) {
            assertEquals("200 [alpha]", get(sim));
            TestEsbuild.write(dir, "src/util.ts", "export const word = (): string => \"beta\";\n");
            awaitBody(sim, "200 [beta]", "the good edit was not picked up");

            TestEsbuild.write(dir, "src/util.ts", "export const word = (): string => {\n  return \"broken\" +;\n};\n");
            WorkerError err = sim.reload();
            assertNotNull(err, "the broken edit must not build");
            assertEquals("BuildError", err.name());
            assertTrue(err.message().contains("src/util.ts:2:20: Unexpected \";\""), err.message());
            // the requests still get the last good version, also after the watcher's own reload
            assertTrue(TestProjects.eventually(3, () -> terminal().contains("the last good version goes on serving")), terminal());
            assertEquals("200 [beta]", get(sim));

            TestEsbuild.write(dir, "src/util.ts", "export const word = (): string => \"fixed\";\n");
            assertNull(sim.reload());
            assertEquals("200 [fixed]", get(sim));
        }
    }

    @Test
    void aBrokenImportInAnEditKeepsTheLastGoodVersionServing() {
        Path config = graphProject();
        try (Simulator sim = start(config)) {
            assertEquals("200 [alpha]", get(sim));
            TestEsbuild.write(dir, "src/index.ts", INDEX.replace("\"padder\"", "\"padder-two\""));
            WorkerError err = sim.reload();
            assertNotNull(err);
            assertEquals("BuildError", err.name());
            assertTrue(err.message().contains("src/index.ts:2:21: Could not resolve \"padder-two\""), err.message());
            assertTrue(err.message().contains("The package \"padder-two\" is not installed"), err.message());
            assertEquals("200 [alpha]", get(sim));
            // installing the package fixes it, without an edit of the sources
            TestEsbuild.write(dir, "node_modules/padder-two/package.json", "{ \"name\": \"padder-two\", \"main\": \"index.js\" }");
            TestEsbuild.write(dir, "node_modules/padder-two/index.js", "exports.pad = (s) => `{${s}}`;\n");
            assertNull(sim.reload());
            assertEquals("200 {alpha}", get(sim));
        }
    }

    @Test
    void anEditOfSharedCodeOutsideTheConfigFolderReloads() {
        TestEsbuild.write(dir, "app/wrangler.toml", """
                name = "outside"
                main = "../workers/hello.ts"
                compatibility_date = "2025-09-01"
                """);
        TestEsbuild.write(dir, "workers/hello.ts", """
                import { greet } from "../shared/greet";
                export default { fetch: (): Response => new Response(greet()) };
                """);
        TestEsbuild.write(dir, "shared/greet.ts", "export const greet = (): string => \"one\";\n");
        try (Simulator sim = start(dir.resolve("app/wrangler.toml"))) {
            assertEquals("200 one", get(sim));
            TestEsbuild.write(dir, "shared/greet.ts", "export const greet = (): string => \"two\";\n");
            awaitBody(sim, "200 two", "the edit outside the config folder was not picked up");
        }
    }

    @Test
    void theBuildCommandRunsAgainWhenItsWatchDirChanges() throws Exception {
        Path config = project(dir, """
                main = "dist/index.ts"
                [build]
                command = "mkdir -p dist && echo run >> runs.txt && cp src/worker.ts dist/index.ts"
                """,
                "src/worker.ts", "export default { fetch: (): Response => new Response(\"first\") };\n");
        try (Simulator sim = start(config)) {
            assertEquals("200 first", get(sim));
            TestEsbuild.write(dir, "src/worker.ts", "export default { fetch: (): Response => new Response(\"second\") };\n");
            awaitBody(sim, "200 second", "the build command did not run again");
        }
        assertEquals("run\nrun\n", Files.readString(dir.resolve("runs.txt")));
    }
}
