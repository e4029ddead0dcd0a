package dev.workersim.core.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * esbuild's native binary for the bundling tests: {@code ESBUILD_BINARY_PATH} (environment or
 * system property); else the one installed under {@code target/test-esbuild}; else installed
 * there once with npm (esbuild's platform package arrives as its optional dependency, so npm's
 * warning about esbuild's unapproved install script does not matter); else the test is skipped.
 */
public final class TestEsbuild {
    /** The version wrangler 4.168 depends on. */
    public static final String VERSION = "0.28.2";
    private static Path found;
    private static String unavailable;

    private TestEsbuild() {
    }

    /** The binary, or the calling test is skipped (with one clear line) when there is none and no npm. */
    public static synchronized Path binary() {
        if (found == null && unavailable == null) locate();
        Assumptions.assumeTrue(found != null, unavailable);
        return found;
    }

    /**
     * A simulator for the project at {@code config}, bundling with {@link #binary()}: state in memory,
     * no socket, the terminal's lines to {@code log}.
     */
    public static dev.workersim.core.Simulator.Builder simulator(Path config, dev.workersim.core.runtime.LogSink log) {
        return dev.workersim.core.Simulator.builder().config(config).processEnv(env()).inMemory().http(false).log(log);
    }

    /** The process environment with ESBUILD_BINARY_PATH set to {@link #binary()}, for Simulator.builder().processEnv. */
    public static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("ESBUILD_BINARY_PATH", binary().toString());
        return env;
    }

    /** {@link #env()} plus the given name/value pairs. */
    public static Map<String, String> env(String... namesAndValues) {
        Map<String, String> env = env();
        for (int i = 0; i < namesAndValues.length; i += 2) env.put(namesAndValues[i], namesAndValues[i + 1]);
        return env;
    }

    /**
     * Writes a project: wrangler.toml from {@code toml} (name and compatibility_date added when
     * missing; {@code main} defaults to src/index.ts) and the given files ("path", "content", ...),
     * node_modules included (never committed: the tests write them). Returns the config's path.
     */
    public static Path project(Path dir, String toml, String... pathsAndContents) {
        StringBuilder config = new StringBuilder();
        if (!toml.contains("name =")) config.append("name = \"bundle-test\"\n");
        if (!toml.contains("main =")) config.append("main = \"src/index.ts\"\n");
        if (!toml.contains("compatibility_date")) config.append("compatibility_date = \"2025-09-01\"\n");
        // the added keys come first, so that a [table] in toml cannot swallow them
        String all = config + toml;
        write(dir, "wrangler.toml", all);
        for (int i = 0; i < pathsAndContents.length; i += 2) write(dir, pathsAndContents[i], pathsAndContents[i + 1]);
        return dir.resolve("wrangler.toml");
    }

    public static void write(Path dir, String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void locate() {
        String given = System.getenv("ESBUILD_BINARY_PATH");
        if (given == null || given.isBlank()) given = System.getProperty("ESBUILD_BINARY_PATH");
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given).toAbsolutePath();
            if (Files.isExecutable(p)) found = p;
            else unavailable = "ESBUILD_BINARY_PATH=" + given + " is not an executable file: bundling tests skipped";
            return;
        }
        Path prefix = moduleDir().resolve("target").resolve("test-esbuild");
        Path bin = prefix.resolve("node_modules/@esbuild").resolve(EsbuildBinary.platformPackage())
                .resolve(EsbuildBinary.platformPackage().startsWith("win32") ? "esbuild.exe" : "bin/esbuild");
        if (Files.isExecutable(bin)) {
            found = bin;
            return;
        }
        String npm = onPath(System.getProperty("os.name", "").toLowerCase().contains("win") ? "npm.cmd" : "npm");
        if (npm == null) {
            unavailable = "esbuild not available (no npm): bundling tests skipped";
            return;
        }
        String out;
        try {
            Files.createDirectories(prefix);
            Process p = new ProcessBuilder(npm, "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund",
                    "esbuild@" + VERSION).redirectErrorStream(true).start();
            p.getOutputStream().close();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                out += "\n(npm did not finish within 5 minutes)";
            }
        } catch (IOException e) {
            out = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out = e.toString();
        }
        if (Files.isExecutable(bin)) {
            found = bin;
        } else {
            unavailable = "esbuild not available (npm install esbuild@" + VERSION + " gave no " + bin + "): bundling tests skipped\n" + out.strip();
        }
    }

    // simulator-core, whether Maven runs from it or from the reactor root.
    private static Path moduleDir() {
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isDirectory(cwd.resolve("simulator-core").resolve("src"))) return cwd.resolve("simulator-core");
        return cwd;
    }

    private static String onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, exe);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }
}
