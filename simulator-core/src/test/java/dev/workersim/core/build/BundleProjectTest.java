package dev.workersim.core.build;

import static dev.workersim.core.build.TestEsbuild.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import dev.workersim.core.TestTerminal;
import dev.workersim.core.runtime.WorkerLoadException;
import dev.workersim.core.testing.WorkerFixture;
import dev.workersim.core.testing.WorkerResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project around the bundle: Node built-ins with and without nodejs_compat, a `main` outside
 * the config's folder, and wrangler's custom build ({@code [build] command}).
 */
class BundleProjectTest {
    @TempDir
    Path dir;

    /** Skips the test (before it starts) when there is no esbuild binary and no npm to install one. */
    @BeforeEach
    void needsEsbuild() {
        TestEsbuild.binary();
    }

    private final TestTerminal terminal = new TestTerminal();

    private Simulator.Builder builder(Path config) {
        return TestEsbuild.simulator(config, terminal);
    }

    private String terminal() {
        return terminal.text();
    }

    private static final String BUFFER_WORKER = """
            import { Buffer } from "node:buffer";
            export default { fetch: (): Response => new Response(Buffer.from("hi").toString("hex")) };
            """;

    @Test
    void aNodeImportWithNodejsCompatIsTheRuntimesModule() {
        Path config = project(dir, "compatibility_flags = [\"nodejs_compat\"]\n", "src/index.ts", BUFFER_WORKER);
        try (WorkerFixture sim = WorkerFixture.of(builder(config)).start()) {
            assertEquals("6869", sim.getText("/"));
        }
    }

    @Test
    void aNodeImportWithoutNodejsCompatFailsAsInWorkerd() {
        // wrangler leaves node:buffer external with a warning; workerd then refuses the module:
        // `Uncaught Error: No such module "node:buffer".`
        Path config = project(dir, "", "src/index.ts", BUFFER_WORKER);
        WorkerLoadException e = assertThrows(WorkerLoadException.class, () -> builder(config).build().start());
        assertTrue(e.getMessage().contains("No such module \"node:buffer\""), e.getMessage());
        // and, as wrangler, the build warns first
        assertTrue(terminal().contains("WARN ▲ [WARNING] The package \"node:buffer\" wasn't found on the file system but is built into node."),
                terminal());
        assertTrue(terminal().contains("unless you enable the \"nodejs_compat\" compatibility flag"), terminal());
        assertTrue(terminal().contains("Imported from:\n   - src/index.ts"), terminal());
    }

    @Test
    void aBareBuiltinWithoutNodejsCompatIsABuildErrorThatSuggestsTheFlag() {
        Path config = project(dir, "",
                "src/index.ts", "import { EventEmitter } from \"events\";\nexport default { fetch: () => new Response(typeof EventEmitter) };\n");
        WorkerLoadException e = assertThrows(WorkerLoadException.class, () -> builder(config).build().start());
        assertEquals("BuildError", e.error().name());
        String headline = e.error().message();
        assertTrue(headline.contains("src/index.ts:1:30: Could not resolve \"events\""), headline);
        assertTrue(headline.contains("The package \"events\" wasn't found on the file system but is built into node"), headline);
        assertTrue(e.getMessage().contains("Add the \"nodejs_compat\" compatibility flag to your project"), e.getMessage());
    }

    @Test
    void mainOutsideTheConfigFolderWithSharedCodeAndPackagesFromParentFolders() {
        TestEsbuild.write(dir, "app/wrangler.toml", """
                name = "outside"
                main = "../workers/hello.ts"
                compatibility_date = "2025-09-01"
                """);
        TestEsbuild.write(dir, "workers/hello.ts", """
                import { greet } from "../shared/greet";
                import { shout } from "@mono/strings";
                export default { fetch: (): Response => new Response(shout(greet("outside"))) };
                """);
        TestEsbuild.write(dir, "shared/greet.ts", "export const greet = (who: string): string => `hello from ${who}`;\n");
        // a workspace package, linked into the monorepo root's node_modules
        TestEsbuild.write(dir, "node_modules/@mono/strings/package.json",
                "{ \"name\": \"@mono/strings\", \"exports\": { \".\": { \"workerd\": \"./src/index.ts\", \"default\": \"./dist/index.js\" } } }");
        TestEsbuild.write(dir, "node_modules/@mono/strings/src/index.ts", "export const shout = (s: string): string => s.toUpperCase() + \"!\";\n");
        try (WorkerFixture sim = WorkerFixture.of(builder(dir.resolve("app/wrangler.toml"))).start()) {
            assertEquals("HELLO FROM OUTSIDE!", sim.getText("/"));
        }
    }

    @Test
    void theBuildCommandRunsBeforeTheLoad() throws Exception {
        Path config = project(dir, """
                main = "dist/index.ts"
                [build]
                command = "sh ./gen.sh"
                """,
                "gen.sh", """
                        set -e
                        mkdir -p dist
                        echo run >> runs.txt
                        sed "s/@WHEN@/generated by the build/" template/index.ts > dist/index.ts
                        echo "gen.sh wrote dist/index.ts"
                        """,
                "template/index.ts", "const when: string = \"@WHEN@\";\nexport default { fetch: (): Response => new Response(when) };\n");
        try (WorkerFixture sim = WorkerFixture.of(builder(config)).start()) {
            assertEquals("generated by the build", sim.getText("/"));
        }
        assertEquals("run\n", Files.readString(dir.resolve("runs.txt")), "the command ran once");
        assertTrue(terminal().contains("gen.sh wrote dist/index.ts"), "its output reaches the terminal: " + terminal());
    }

    @Test
    void theBuildCommandRunsInItsCwd() {
        Path config = project(dir, """
                main = "out/index.js"
                [build]
                command = "mkdir -p ../out && cp worker.js ../out/index.js"
                cwd = "tools"
                """,
                "tools/worker.js", "export default { fetch: () => new Response('copied from tools') };\n");
        try (WorkerFixture sim = WorkerFixture.of(builder(config)).start()) {
            assertEquals("copied from tools", sim.getText("/"));
        }
    }

    @Test
    void aFailingBuildCommandIsABuildError() {
        Path config = project(dir, """
                [build]
                command = "echo compiling; echo 'tsc: 2 errors' >&2; exit 3"
                """,
                "src/index.ts", "export default { fetch: () => new Response('stale') };\n");
        WorkerLoadException e = assertThrows(WorkerLoadException.class, () -> builder(config).build().start());
        assertEquals("BuildError", e.error().name());
        assertTrue(e.error().message().contains("exit code 3"), e.error().message());
        assertTrue(e.getMessage().contains("tsc: 2 errors"), e.getMessage());
    }
    @Test
    void nonJsModulesByWranglersRulesBesideTypeScriptTypeOnlyImports() {
        Path config = project(dir, """
                [[rules]]
                type = "Text"
                globs = ["**/*.md"]
                """,
                "src/index.ts", """
                        import type { Shape } from "./types";
                        import page from "./assets/page.html";
                        import notes from "../docs/notes.md";
                        import bytes from "./assets/data.bin";
                        export default {
                          fetch: (): Response => new Response([page.trim(), notes.trim(), new Uint8Array(bytes).length].join("|")),
                        };
                        """,
                // only types: esbuild drops the import, and there is no ./types file to copy
                "src/types.ts", "export interface Shape { sides: number }\n",
                "src/assets/page.html", "<p>page</p>\n",
                "src/assets/data.bin", "\u0001\u0002\u0003",
                "docs/notes.md", "# notes\n");
        try (WorkerFixture sim = WorkerFixture.of(builder(config)).start()) {
            assertEquals("<p>page</p>|# notes|3", sim.getText("/"));
        }
    }

    @Test
    void aServiceWorkerFormatTypeScriptWorkerIsBundledToo() {
        Path config = project(dir, "",
                "src/index.ts", """
                        import { pad } from "padder";
                        addEventListener("fetch", (event: FetchEvent) => {
                          event.respondWith(new Response(pad("service worker")));
                        });
                        """,
                "node_modules/padder/package.json", "{ \"name\": \"padder\", \"main\": \"index.js\" }",
                "node_modules/padder/index.js", "exports.pad = (s) => `[${s}]`;\n");
        try (WorkerFixture sim = WorkerFixture.of(builder(config)).start()) {
            assertEquals("[service worker]", sim.getText("/"));
        }
    }

    @Test
    void nodeEnvFromTheProcessEnvironmentIsDefined() {
        Path config = project(dir, "",
                "src/index.ts", """
                        declare const process: { env: { NODE_ENV: string } };
                        export default { fetch: (): Response => new Response(process.env.NODE_ENV) };
                        """);
        try (WorkerFixture sim = WorkerFixture.config(config)
                .configure(b -> b.processEnv(TestEsbuild.env("NODE_ENV", "production")).inMemory().log((l, t) -> { })).start()) {
            assertEquals("production", sim.getText("/"));
        }
    }

    @Test
    void aMinifiedBundleStillMapsItsStackToTheSources() {
        Path config = project(dir, "minify = true\n",
                "src/index.ts", """
                        function explode(reason: string): never {
                          throw new Error("boom: " + reason);
                        }
                        export default {
                          fetch(): Response {
                            return explode("minified");
                          },
                        };
                        """);
        try (WorkerFixture sim = WorkerFixture.of(builder(config)).start()) {
            WorkerResponse r = sim.fetch(FetchRequest.get("http://localhost/").header("accept", "text/plain"));
            assertEquals(500, r.status());
            assertTrue(r.text().startsWith("Error: boom: minified"), r.text());
            assertTrue(r.text().contains("src/index.ts:2:9)"), r.text());
            assertTrue(r.text().contains("src/index.ts:6:12)"), r.text());
        }
    }
}
