package dev.workersim.core.build;

import static dev.workersim.core.build.TestEsbuild.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import dev.workersim.core.TestTerminal;
import dev.workersim.core.runtime.WorkerLoadException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the developer sees when a bundled worker goes wrong: stack traces on the user's .ts
 * sources (through the bundle's source map), and build errors that name file:line:column.
 */
class BundleErrorsTest {
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

    @Test
    void aThrowShowsTheTypeScriptFileLineAndColumnOnThePageAndTheTerminal() {
        Path config = project(dir, "",
                "src/index.ts", """
                        import { check } from "./util";

                        interface Params {
                          id: number;
                          label?: string;
                        }

                        export default {
                          async fetch(request: Request): Promise<Response> {
                            const params: Params = { id: Number(new URL(request.url).searchParams.get("id")) };
                            if (params.id < 0) throw new RangeError(`negative id ${params.id}`);
                            return new Response(check(params.id));
                          },
                        } satisfies ExportedHandler;
                        """,
                "src/util.ts", """
                        type Checked = string;
                        export function check(n: number): Checked {
                          if (n === 13) {
                            throw new Error(`unlucky ${n}`);
                          }
                          return `ok ${n}`;
                        }
                        """);
        try (Simulator sim = builder(config).build().start()) {
            assertEquals("ok 1", sim.dispatchFetch(FetchRequest.get("http://localhost/?id=1")).text());

            FetchResponse r = sim.dispatchFetch(FetchRequest.get("http://localhost/?id=-2").header("accept", "text/plain"));
            assertEquals(500, r.status());
            String page = r.text();
            assertTrue(page.startsWith("RangeError: negative id -2"), page);
            assertTrue(page.contains("src/index.ts:11:30)"), "the frame names the throwing .ts line: " + page);
            assertTrue(!page.contains("index.js:"), "no frame of the bundle is left: " + page);

            FetchResponse deep = sim.dispatchFetch(FetchRequest.get("http://localhost/?id=13").header("accept", "text/plain"));
            assertEquals(500, deep.status());
            String text = deep.text();
            assertTrue(text.startsWith("Error: unlucky 13"), text);
            // the throw in util.ts, then its caller in index.ts
            int inUtil = text.indexOf("src/util.ts:4:11)");
            int inIndex = text.indexOf("src/index.ts:12:25)");
            assertTrue(inUtil > 0 && inIndex > inUtil, text);
            assertTrue(text.contains("at check ("), "the function names stay (keep_names): " + text);
        }
        String log = terminal();
        assertTrue(log.contains("RangeError: negative id -2"), log);
        assertTrue(log.contains("src/index.ts:11:"), log);
        assertTrue(log.contains("src/util.ts:4:"), log);
    }

    @Test
    void aThrowAtLoadPointsAtTheTypeScriptSource() {
        Path config = project(dir, "",
                "src/index.ts", """
                        const table: Record<string, number> = { a: 1 };

                        function mustHave(key: string): number {
                          const v: number | undefined = table[key];
                          if (v === undefined) throw new TypeError(`missing ${key}`);
                          return v;
                        }
                        export const b: number = mustHave("b");
                        export default { fetch: () => new Response("never") };
                        """);
        WorkerLoadException e = assertThrows(WorkerLoadException.class, () -> builder(config).build().start());
        assertTrue(e.getMessage().contains("TypeError: missing b"), e.getMessage());
        assertTrue(e.getMessage().contains("src/index.ts:5:30)"), e.getMessage());
        assertTrue(e.getMessage().contains("src/index.ts:8:26)"), e.getMessage());
    }

    @Test
    void anUnresolvedBareImportNamesThePlaceThePackageAndTheInstall() {
        Path config = project(dir, "",
                "package.json", "{ \"name\": \"app\", \"private\": true, \"dependencies\": { \"left-pad\": \"1.3.0\" } }",
                "src/index.ts", """
                        // the package is in package.json but was never installed
                        import { ok } from "./ok";
                        import leftPad from "left-pad";
                        export default { fetch: () => new Response(leftPad(ok, 5)) };
                        """,
                "src/ok.ts", "export const ok = 'ok';\n");
        WorkerLoadException e = assertThrows(WorkerLoadException.class, () -> builder(config).build().start());
        assertEquals("BuildError", e.error().name());
        String headline = e.error().message();
        assertTrue(headline.contains("src/index.ts:3:21: "), headline);
        assertTrue(headline.contains("Could not resolve \"left-pad\""), headline);
        assertTrue(headline.contains("The package \"left-pad\" is not installed"), headline);
        assertTrue(headline.contains("npm install"), headline);
        // the full report carries esbuild's code frame
        assertTrue(e.getMessage().contains("import leftPad from \"left-pad\";"), e.getMessage());
    }

    @Test
    void anUnresolvedScopedSubpathNamesTheScopedPackage() {
        Path config = project(dir, "",
                "src/index.ts", "import { x } from \"@acme/tools/strings\";\nexport default { fetch: () => new Response(x) };\n");
        WorkerLoadException e = assertThrows(WorkerLoadException.class, () -> builder(config).build().start());
        String headline = e.error().message();
        assertTrue(headline.contains("src/index.ts:1:19: "), headline);
        assertTrue(headline.contains("\"@acme/tools/strings\""), headline);
        assertTrue(headline.contains("The package \"@acme/tools\" is not installed"), headline);
    }

    @Test
    void aSubpathThePackageDoesNotExportIsNotCalledMissing() {
        Path config = project(dir, "",
                "src/index.ts", "import { x } from \"sealed/internal\";\nexport default { fetch: () => new Response(x) };\n",
                "node_modules/sealed/package.json", "{ \"name\": \"sealed\", \"exports\": { \".\": \"./index.js\" } }",
                "node_modules/sealed/index.js", "export const x = 1;\n",
                "node_modules/sealed/internal.js", "export const x = 2;\n");
        WorkerLoadException e = assertThrows(WorkerLoadException.class, () -> builder(config).build().start());
        String headline = e.error().message();
        assertTrue(headline.contains("src/index.ts:1:19: "), headline);
        assertTrue(headline.contains("\"sealed/internal\""), headline);
        assertTrue(!headline.contains("not installed"), headline);
        assertTrue(headline.contains("is installed"), headline);
    }

    @Test
    void anUnresolvedRelativeImportNamesTheFile() {
        Path config = project(dir, "",
                "src/index.ts", "import { helper } from \"./helpers/missing\";\nexport default { fetch: () => new Response(helper) };\n");
        WorkerLoadException e = assertThrows(WorkerLoadException.class, () -> builder(config).build().start());
        assertEquals("BuildError", e.error().name());
        assertTrue(e.error().message().contains("src/index.ts:1:24: Could not resolve \"./helpers/missing\""), e.error().message());
    }

    @Test
    void aSyntaxErrorNamesFileLineAndColumn() {
        Path config = project(dir, "",
                "src/index.ts", "import { value } from \"./value\";\nexport default { fetch: () => new Response(String(value)) };\n",
                "src/value.ts", """
                        export const fine: number = 1;

                        export const value: number = fine +;
                        """);
        WorkerLoadException e = assertThrows(WorkerLoadException.class, () -> builder(config).build().start());
        assertEquals("BuildError", e.error().name());
        assertTrue(e.error().message().contains("src/value.ts:3:36: Unexpected \";\""), e.error().message());
    }

    @Test
    void aTypeErrorIsNotABuildError() {
        // as wrangler: no type checking
        Path config = project(dir, "",
                "src/index.ts", "const n: number = \"not a number\" as unknown as string;\nexport default { fetch: () => new Response(String(n)) };\n");
        try (Simulator sim = builder(config).build().start()) {
            assertEquals("not a number", sim.dispatchFetch(FetchRequest.get("http://localhost/")).text());
        }
    }

    @Test
    void aBuildErrorUnderDevIsShownForEveryRequest() {
        Path config = project(dir, "",
                "src/index.ts", "import x from \"not-there\";\nexport default { fetch: () => new Response(x) };\n");
        try (Simulator sim = builder(config).failOnLoadError(false).build().start()) {
            FetchResponse r = sim.dispatchFetch(FetchRequest.get("http://localhost/").header("accept", "text/plain"));
            assertEquals(500, r.status());
            assertTrue(r.text().contains("src/index.ts:1:15: Could not resolve \"not-there\""), r.text());
            assertTrue(r.text().contains("npm install"), r.text());
        }
        assertTrue(terminal().contains("Could not resolve \"not-there\""), terminal());
    }

    @Test
    void aMissingEntryPointSaysSo() {
        Path config = project(dir, "main = \"src/nope.ts\"\n");
        RuntimeException e = assertThrows(RuntimeException.class, () -> builder(config).build().start());
        assertTrue(e.getMessage().contains("src/nope.ts"), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
