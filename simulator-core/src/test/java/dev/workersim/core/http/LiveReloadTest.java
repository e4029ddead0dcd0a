package dev.workersim.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.Simulator;
import dev.workersim.core.TestProjects;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits under `sim dev` are picked up without a restart; a broken edit shows its error until fixed. */
class LiveReloadTest {
    @Test
    void editBreakAndFix(@TempDir Path dir) throws Exception {
        Path config = TestProjects.project(dir,
                "src/index.js", "import { word } from './word.js';\nexport default { fetch() { return new Response('v1 ' + word); } };\n",
                "src/word.js", "export const word = 'alpha';\n");
        try (Simulator sim = live(config)) {
            int port = sim.port();
            assertTrue(TestProjects.get(sim.url(), "/").body().equals("v1 alpha"));

            // An imported file changes: picked up too.
            TestProjects.write(dir.resolve("src/word.js"), "export const word = 'beta';\n");
            assertTrue(TestProjects.eventually(15, () -> TestProjects.get(sim.url(), "/").body().equals("v1 beta")), "edit not picked up");

            // A broken edit: the server stays up and shows the error.
            TestProjects.write(dir.resolve("src/index.js"), "export default { fetch() { return new Response('v2' }; };\n");
            assertTrue(TestProjects.eventually(15, () -> {
                var r = TestProjects.get(sim.url(), "/");
                return r.statusCode() == 500 && r.body().contains("SyntaxError") && r.body().contains("index.js:1:");
            }), "broken edit not shown");

            // Fixed: served again, on the same port, by the same process.
            TestProjects.write(dir.resolve("src/index.js"), "export default { fetch() { return new Response('v3'); } };\n");
            assertTrue(TestProjects.eventually(15, () -> TestProjects.get(sim.url(), "/").body().equals("v3")), "fix not picked up");
            assertTrue(sim.port() == port);
        }
    }

    @Test
    void aFileThatIsNotASourceLeavesTheWorkerRunning(@TempDir Path dir) throws Exception {
        // The isolate's own counter shows whether it was replaced: a reload starts it again at 1.
        Path config = TestProjects.project(dir,
                "src/index.js", "let n = 0;\nexport default { fetch() { return new Response('v1 ' + ++n); } };\n");
        try (Simulator sim = live(config)) {
            assertEquals("v1 1", TestProjects.get(sim.url(), "/").body());
            // `sim dev > dev.log` in the project, an editor's swap file, wrangler's own state folder
            TestProjects.write(dir.resolve("dev.log"), "Ready on http://127.0.0.1:8787/\n");
            TestProjects.write(dir.resolve("src/.index.js.swp"), "swap");
            TestProjects.write(dir.resolve(".wrangler/state/v3/kv/x.sqlite"), "state");
            Thread.sleep(1500); // past the watcher's debounce: a reload would have happened by now
            assertEquals("v1 2", TestProjects.get(sim.url(), "/").body(), "a file that is not a source reloaded the worker");

            // a source still does
            TestProjects.write(dir.resolve("src/index.js"), "let n = 0;\nexport default { fetch() { return new Response('v2 ' + ++n); } };\n");
            assertTrue(TestProjects.eventually(15, () -> TestProjects.get(sim.url(), "/").body().startsWith("v2 ")), "edit not picked up");
        }
    }

    @Test
    void anEditOfMainInTheConfigServesTheNewEntry(@TempDir Path dir) throws Exception {
        Path config = TestProjects.project(dir,
                "src/index.js", "export default { fetch() { return new Response('first entry'); } };\n",
                "src/other.js", "export default { fetch() { return new Response('second entry'); } };\n");
        try (Simulator sim = live(config)) {
            assertEquals("first entry", TestProjects.get(sim.url(), "/").body());
            TestProjects.write(config, "name = \"test-worker\"\nmain = \"src/other.js\"\ncompatibility_date = \"2025-09-01\"\n");
            assertTrue(TestProjects.eventually(15, () -> TestProjects.get(sim.url(), "/").body().equals("second entry")),
                    "the new main was not picked up");
        }
    }

    /** sim dev's way: live reload on, a failed load shown instead of thrown, the terminal quiet. */
    private static Simulator live(Path config) {
        return Simulator.builder().config(config).liveReload(true).failOnLoadError(false).log((l, t) -> { }).build().start();
    }
}
