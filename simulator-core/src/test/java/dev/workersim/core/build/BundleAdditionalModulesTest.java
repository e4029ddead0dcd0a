package dev.workersim.core.build;

import static dev.workersim.core.build.TestEsbuild.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import dev.workersim.core.runtime.Compatibility;
import dev.workersim.core.runtime.WorkerLoadException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wrangler's {@code find_additional_modules}, {@code base_dir}, {@code rules} and {@code no_bundle}
 * as `wrangler dev` 4.168 behaves (probed): the modules the rules find under the module root are
 * separate modules named relative to it, importable at run time (a specifier esbuild cannot see
 * included), beside a main module at the top of that name space; nothing else is.
 */
class BundleAdditionalModulesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsEsbuild() {
        TestEsbuild.binary();
    }

    private Simulator.Builder builder(Path config) {
        return TestEsbuild.simulator(config, (level, text) -> { });
    }

    /** A worker that imports `?x=` at run time (a specifier esbuild cannot see) and answers with its default export or the error. */
    private static final String IMPORTER = """
            export default {
              async fetch(req: Request): Promise<Response> {
                const spec: string = new URL(req.url).searchParams.get("x") ?? "";
                try {
                  const m = await import(spec);
                  return new Response(String(m.default ?? m.hello));
                } catch (e) {
                  return new Response("failed: " + String(e));
                }
              },
            };
            """;

    private static String importing(Simulator sim, String spec) {
        FetchResponse r = sim.dispatchFetch(FetchRequest.get("http://localhost/?x=" + URLEncoder.encode(spec, StandardCharsets.UTF_8)));
        assertEquals(200, r.status(), r.text());
        return r.text();
    }

    @Test
    void anAdditionalModuleIsImportedAtRunTimeAndTheRestIsNot() {
        Path config = project(dir, """
                find_additional_modules = true
                rules = [{ type = "ESModule", globs = ["lang/*.mjs"] }]
                """,
                "src/index.ts", IMPORTER,
                "src/lang/en.mjs", "export const hello = \"hi\";\n",
                "src/lang/fr.mjs", "import { suffix } from \"./shared/suffix.mjs\";\nexport const hello = \"salut\" + suffix;\n",
                "src/lang/shared/suffix.mjs", "export const suffix = \"!\";\n",
                "src/other.mjs", "export default \"other\";\n");
        try (Simulator sim = builder(config).build().start()) {
            assertEquals("hi", importing(sim, "./lang/en.mjs"));
            // "lang/*.mjs" does not reach into lang/shared: fr.mjs's own import is not a module of the worker
            assertTrue(importing(sim, "./lang/fr.mjs").startsWith("failed: "), importing(sim, "./lang/fr.mjs"));
            // wrangler: `No such module "other.mjs".`: only what the rules find is uploaded
            assertTrue(importing(sim, "./other.mjs").startsWith("failed: "));
        }
    }

    @Test
    void aDynamicImportEsbuildCanSeeAlsoWorks() {
        Path config = project(dir, """
                find_additional_modules = true
                rules = [{ type = "ESModule", globs = ["lang/**/*.mjs"] }]
                """,
                "src/index.ts", """
                        export default {
                          async fetch(req: Request): Promise<Response> {
                            const name = new URL(req.url).searchParams.get("l") ?? "en";
                            const m = await import("./lang/" + name + ".mjs");
                            return new Response(m.hello);
                          },
                        };
                        """,
                "src/lang/en.mjs", "export const hello = \"hi\";\n",
                "src/lang/fr.mjs", "import { suffix } from \"./shared/suffix.mjs\";\nexport const hello = \"salut\" + suffix;\n",
                "src/lang/shared/suffix.mjs", "export const suffix = \"!\";\n");
        try (Simulator sim = builder(config).build().start()) {
            assertEquals("salut!", sim.dispatchFetch(FetchRequest.get("http://localhost/?l=fr")).text());
            assertEquals("hi", sim.dispatchFetch(FetchRequest.get("http://localhost/?l=en")).text());
        }
    }

    @Test
    void textAndDataModulesFoundByTheRules() {
        Path config = project(dir, """
                find_additional_modules = true
                rules = [{ type = "Text", globs = ["**/*.md"], fallthrough = true }]
                """,
                "src/index.ts", """
                        import readme from "./notes/readme.md";
                        import hello from "./hello.txt";
                        export default {
                          async fetch(req: Request): Promise<Response> {
                            const spec = new URL(req.url).searchParams.get("x");
                            if (spec) return new Response(String((await import(spec)).default));
                            return new Response(readme + "|" + hello);
                          },
                        };
                        """,
                "src/notes/readme.md", "# notes",
                "src/notes/more.md", "more notes",
                "src/hello.txt", "hello text");
        try (Simulator sim = builder(config).build().start()) {
            assertEquals("# notes|hello text", sim.dispatchFetch(FetchRequest.get("http://localhost/")).text());
            assertEquals("more notes", importing(sim, "./notes/more.md"));
        }
    }

    @Test
    void baseDirIsWhereNamesStartAndMainSitsAtTheTop() {
        Path config = project(dir, """
                find_additional_modules = true
                base_dir = "."
                rules = [{ type = "ESModule", globs = ["src/lang/*.mjs"] }]
                """,
                "src/index.ts", IMPORTER,
                "src/lang/fr.mjs", "export const hello = \"salut\";\n",
                "src/data/a.txt", "text a");
        try (Simulator sim = builder(config).build().start()) {
            assertEquals("salut", importing(sim, "./src/lang/fr.mjs"));
            assertEquals("text a", importing(sim, "./src/data/a.txt"));
            // names are relative to base_dir, not to main's folder
            assertTrue(importing(sim, "./lang/fr.mjs").startsWith("failed: "));
        }
    }

    @Test
    void findAdditionalModulesNeedsAModuleWorker() {
        Path config = project(dir, "find_additional_modules = true\n",
                "src/index.ts", "addEventListener(\"fetch\", (e: any) => e.respondWith(new Response(\"sw\")));\n");
        WorkerLoadException e = assertThrows(WorkerLoadException.class, () -> builder(config).build().start());
        assertTrue(e.getMessage().contains("`find_additional_modules` can only be used with an ES module entrypoint."), e.getMessage());
    }

    @Test
    void textImportsWorkWhateverPreserveFileNamesSays() {
        // preserve_file_names only changes the names wrangler uploads collected modules under
        // (sha1-prefixed or as written): nothing the worker can see.
        for (String preserve : new String[] {"true", "false"}) {
            Path project = dir.resolve(preserve);
            Path config = project(project, "preserve_file_names = " + preserve + "\n",
                    "src/index.ts", "import { page } from \"./lib/page\";\nexport default { fetch: (): Response => new Response(page) };\n",
                    "src/lib/page.ts", "import page from \"../static/page.html\";\nexport { page };\n",
                    "src/static/page.html", "<p>page</p>");
            try (Simulator sim = builder(config).build().start()) {
                assertEquals("<p>page</p>", sim.dispatchFetch(FetchRequest.get("http://localhost/")).text());
            }
        }
    }

    @Test
    void noBundleShipsMainAndWhatTheRulesFindOnly() {
        Path config = project(dir, """
                main = "src/index.mjs"
                no_bundle = true
                rules = [{ type = "ESModule", globs = ["**/*.mjs"] }]
                """,
                "src/index.mjs", IMPORTER.replace(": Promise<Response>", "").replace("(req: Request)", "(req)").replace(": string", ""),
                "src/util.mjs", "export default \"util\";\n",
                "src/util.js", "export default \"util.js\";\n",
                "src/a.txt", "text a");
        try (Simulator sim = builder(config).build().start()) {
            assertEquals("util", importing(sim, "./util.mjs"));
            assertEquals("text a", importing(sim, "./a.txt"));
            // wrangler: `No such module "util.js".` (no rule matches it, so it is not uploaded)
            assertTrue(importing(sim, "./util.js").startsWith("failed: "));
        }
    }

    @Test
    void noBundleWithoutFindAdditionalModulesHasMainAlone() {
        Path config = project(dir, """
                main = "src/index.mjs"
                no_bundle = true
                find_additional_modules = false
                """,
                "src/index.mjs", IMPORTER.replace(": Promise<Response>", "").replace("(req: Request)", "(req)").replace(": string", ""),
                "src/a.txt", "text a");
        try (Simulator sim = builder(config).build().start()) {
            assertTrue(importing(sim, "./a.txt").startsWith("failed: "));
        }
    }

    @Test
    void foundModulesAreInputsForLiveReload() throws Exception {
        Path config = project(dir, """
                find_additional_modules = true
                rules = [{ type = "ESModule", globs = ["lang/*.mjs"] }]
                """,
                "src/index.ts", IMPORTER,
                "src/lang/en.mjs", "export const hello = \"hi\";\n");
        var raw = new ObjectMapper().readTree("{\"find_additional_modules\": true, \"rules\": [{\"type\": \"ESModule\", \"globs\": [\"lang/*.mjs\"]}]}");
        try (WorkerBuild build = new WorkerBuild("t", dir, raw, TestEsbuild.env(), (level, text) -> {
        })) {
            WorkerBuild.Output out = build.build(dir.resolve("src/index.ts"), raw, Compatibility.DEFAULT, true);
            assertTrue(out.inputs().contains(dir.resolve("src/lang/en.mjs").toAbsolutePath().normalize()), out.inputs().toString());
            assertTrue(java.nio.file.Files.isRegularFile(out.root().resolve("lang/en.mjs")), out.root().toString());
        }
        assertTrue(config.toFile().isFile());
    }
}
