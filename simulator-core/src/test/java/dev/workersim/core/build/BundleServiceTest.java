package dev.workersim.core.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.runtime.Compatibility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * esbuild as a long-lived service: a rebuild after an edit is an incremental rebuild in the same
 * process and sees the edit; its errors read as the CLI's; a dead process is replaced.
 */
class BundleServiceTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsEsbuild() {
        TestEsbuild.binary();
    }

    private BuildSettings settings() {
        return BuildSettings.from(dir.resolve("src/index.ts"), dir, new ObjectMapper().createObjectNode(), Compatibility.DEFAULT, Map.of());
    }

    private void graph() {
        TestEsbuild.project(dir, "",
                "src/index.ts", "import { word } from \"./util\";\nexport default { fetch: (): Response => new Response(word()) };\n",
                "src/util.ts", "export const word = (): string => \"alpha\";\n");
    }

    private String bundle(EsbuildBundler bundler, Path out) throws IOException {
        return Files.readString(bundler.bundle(settings(), true, out).file());
    }

    @Test
    void aRebuildAfterAnEditRunsInTheSameProcessAndSeesTheEdit() throws IOException {
        graph();
        try (EsbuildBundler bundler = new EsbuildBundler(TestEsbuild.binary())) {
            Path out = dir.resolve("out");
            assertTrue(bundle(bundler, out).contains("\"alpha\""));
            assertEquals(1, bundler.serviceProcessesStarted());
            TestEsbuild.write(dir, "src/util.ts", "export const word = (): string => \"beta\";\n");
            String second = bundle(bundler, out);
            assertTrue(second.contains("\"beta\"") && !second.contains("\"alpha\""), second);
            // a broken edit fails, and the fix after it builds, still in the one process
            TestEsbuild.write(dir, "src/util.ts", "export const word = (): string => \"gamma\" +;\n");
            assertThrows(BuildFailure.class, () -> bundle(bundler, out));
            TestEsbuild.write(dir, "src/util.ts", "export const word = (): string => \"delta\";\n");
            assertTrue(bundle(bundler, out).contains("\"delta\""));
            assertEquals(1, bundler.serviceProcessesStarted());
        }
    }

    @Test
    void errorsAndWarningsReadAsTheClisDo() {
        TestEsbuild.project(dir, "",
                "src/index.ts", "import { word } from \"./util\";\nimport \"missing-pkg\";\nexport default { fetch: (): Response => new Response(word()) };\n",
                "src/util.ts", "const o = { a: \"a\", a: \"b\" };\nexport const word = (): string => o.a + (typeof o == \"strin\" ? 1 : 2);\n");
        BuildFailure service;
        BuildFailure cli;
        try (EsbuildBundler bundler = new EsbuildBundler(TestEsbuild.binary())) {
            service = assertThrows(BuildFailure.class, () -> bundler.bundle(settings(), true, dir.resolve("out")));
            assertEquals(1, bundler.serviceProcessesStarted());
        }
        try (EsbuildBundler bundler = new EsbuildBundler(TestEsbuild.binary(), false)) {
            cli = assertThrows(BuildFailure.class, () -> bundler.bundle(settings(), true, dir.resolve("out")));
        }
        assertTrue(service.headline().contains("src/index.ts:2:8: Could not resolve \"missing-pkg\""), service.headline());
        assertEquals(cli.headline(), service.headline());
        assertEquals(cli.report(), service.report());

        TestEsbuild.write(dir, "src/index.ts", "import { word } from \"./util\";\nexport default { fetch: (): Response => new Response(word()) };\n");
        Bundle withService;
        Bundle withCli;
        try (EsbuildBundler bundler = new EsbuildBundler(TestEsbuild.binary())) {
            withService = bundler.bundle(settings(), true, dir.resolve("out"));
        }
        try (EsbuildBundler bundler = new EsbuildBundler(TestEsbuild.binary(), false)) {
            withCli = bundler.bundle(settings(), true, dir.resolve("out2"));
        }
        assertTrue(!withCli.warnings().isEmpty(), "the CLI reported no warning");
        assertEquals(withCli.warnings(), withService.warnings());
    }

    @Test
    void aDeadProcessIsReplacedByTheNextBuild() throws Exception {
        graph();
        try (EsbuildBundler bundler = new EsbuildBundler(TestEsbuild.binary())) {
            Path out = dir.resolve("out");
            bundle(bundler, out);
            long pid = bundler.serviceProcessId();
            assertNotEquals(-1, pid);
            ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
            p.destroyForcibly();
            p.onExit().get(10, TimeUnit.SECONDS);
            TestEsbuild.write(dir, "src/util.ts", "export const word = (): string => \"after\";\n");
            assertTrue(bundle(bundler, out).contains("\"after\""));
            assertEquals(2, bundler.serviceProcessesStarted());
            assertNotEquals(pid, bundler.serviceProcessId());
        }
    }
}
