package dev.workersim.core.build;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.runtime.LogSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * wrangler's custom build: {@code [build] command} run by the shell in {@code cwd} (default: the
 * config's folder) before the worker is bundled, and again when a file under {@code watch_dir}
 * (default {@code src}) changes. Its output goes to the terminal; a non-zero exit is a build error.
 */
public final class CustomBuild {
    private final String command;
    private final Path cwd;
    private final List<Path> watchDirs;
    private final LogSink log;

    private CustomBuild(String command, Path cwd, List<Path> watchDirs, LogSink log) {
        this.command = command;
        this.cwd = cwd;
        this.watchDirs = watchDirs;
        this.log = log;
    }

    static CustomBuild from(JsonNode build, Path configDir, LogSink log) {
        if (build == null || !build.hasNonNull("command") || build.get("command").asText().isBlank()) return null;
        Path cwd = build.hasNonNull("cwd") ? configDir.resolve(build.get("cwd").asText()).normalize() : configDir;
        List<Path> watch = new ArrayList<>();
        JsonNode w = build.get("watch_dir");
        if (w == null || w.isNull()) {
            watch.add(configDir.resolve("src").normalize());
        } else if (w.isArray()) {
            w.forEach(d -> watch.add(configDir.resolve(d.asText()).normalize()));
        } else {
            watch.add(configDir.resolve(w.asText()).normalize());
        }
        return new CustomBuild(build.get("command").asText(), cwd, List.copyOf(watch), log);
    }

    public List<Path> watchDirs() {
        return watchDirs;
    }

    /** True when a change to {@code file} should run the command again. */
    public boolean watches(Path file) {
        return watchDirs.stream().anyMatch(file::startsWith);
    }

    /** Runs the command and waits for it; throws {@link BuildFailure} when it fails. */
    public void run() {
        log.log(LogSink.Level.INFO, "Running custom build: " + command);
        boolean windows = System.getProperty("os.name", "").toLowerCase().contains("win");
        ProcessBuilder pb = windows ? new ProcessBuilder("cmd", "/c", command) : new ProcessBuilder("sh", "-c", command);
        pb.directory(cwd.toFile()).redirectErrorStream(true);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new BuildFailure("Custom build `" + command + "` did not finish in 10 minutes", null, 0, 0, out);
            }
            if (!out.isEmpty()) log.log(LogSink.Level.LOG, out);
            if (p.exitValue() != 0) {
                throw new BuildFailure("Running custom build `" + command + "` failed with exit code " + p.exitValue(),
                        null, 0, 0, out);
            }
        } catch (IOException e) {
            throw new BuildFailure("Running custom build `" + command + "` failed: " + e.getMessage(), null, 0, 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailure("Custom build `" + command + "` was interrupted", null, 0, 0, null);
        }
    }
}
