package dev.workersim.core.build;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.build.transpile.TypeScriptTranspiler;
import dev.workersim.core.runtime.Compatibility;
import dev.workersim.core.runtime.LogSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The front of the pipeline for one worker, as wrangler's build: the custom {@code [build]}
 * command when there is one, then esbuild's bundle of {@code main} (when the project has esbuild
 * in node_modules, as every project that depends on wrangler does), or, without it, the modules
 * as they are, transpiled one by one on load (see runtime/ModuleFileSystem). Each {@link #build}
 * makes a fresh {@link Output}; the files it read are what live reload watches.
 */
public final class WorkerBuild implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();

    /**
     * What to load: the entry module, the folder its imports are confined to, its format, the
     * source maps its stack traces are read through, and the files it was made from.
     */
    /**
     * What a build made. {@code inputs} are the files it read; {@code inputsComplete} says whether they
     * are every file the worker can load (a bundle), or only the entry and the rules' modules (no
     * bundler: imports are resolved while the worker loads).
     */
    public record Output(Path entry, Path root, boolean module, SourceMaps maps, Set<Path> inputs,
            boolean inputsComplete, TypeScriptTranspiler transpiler) {
    }

    private final String name;
    private final Path configDir;
    private final Map<String, String> env;
    private final LogSink log;
    private final CustomBuild custom;
    private Path outDir;
    private EsbuildBundler bundler;
    private boolean announced;

    public WorkerBuild(String name, Path configDir, JsonNode raw, Map<String, String> env, LogSink log) {
        this.name = name;
        this.configDir = configDir;
        this.env = env;
        this.log = log;
        this.custom = CustomBuild.from(raw.get("build"), configDir, log);
    }

    /** The custom build, or null when the config has no {@code [build] command}. */
    public CustomBuild custom() {
        return custom;
    }

    /**
     * Builds {@code entry} under the config's current settings ({@code raw}, {@code compat}).
     * Throws {@link BuildFailure} with the place and text of the first error.
     */
    public synchronized Output build(Path entry, JsonNode raw, Compatibility compat, boolean looksLikeModule) {
        if (!Files.isRegularFile(entry)) {
            throw new BuildFailure("The entry-point file at \"" + SourceMaps.display(entry.toString()) + "\" was not found.",
                    null, 0, 0, null);
        }
        BuildSettings settings = BuildSettings.from(entry, configDir, raw, compat, env);
        if (!settings.noBundle()) {
            if (bundler == null) {
                Path binary = EsbuildBinary.find(configDir, env);
                // WORKERSIM_ESBUILD_SERVICE=0: a CLI process per build instead of the incremental service.
                if (binary != null) bundler = new EsbuildBundler(binary, !"0".equals(env.get("WORKERSIM_ESBUILD_SERVICE")));
            }
            if (bundler != null) {
                if (!announced) {
                    log.log(LogSink.Level.INFO, "Bundling " + SourceMaps.display(entry.toString()) + " with esbuild "
                            + bundler.version() + " (" + SourceMaps.display(bundler.binary().toString()) + ")");
                    announced = true;
                }
                Bundle b = bundler.bundle(settings, looksLikeModule, outDir());
                b.warnings().forEach(w -> log.log(LogSink.Level.WARN, w));
                SourceMaps maps = new SourceMaps();
                if (Files.isRegularFile(b.sourceMap())) maps.addFile(b.file(), b.sourceMap());
                return new Output(b.file(), b.root(), b.module(), maps, b.inputs(), true, TypeScriptTranspiler.DEFAULT);
            }
        }
        // No bundler: the modules load as they are (TypeScript transpiled one by one), confined to
        // the folders of the config and the entry. With no_bundle, as wrangler uploads them: main and
        // the additional modules the rules find, laid out by name (see AdditionalModules).
        Path root = commonAncestor(configDir, entry.getParent());
        Set<Path> inputs = new TreeSet<>(Set.of(entry));
        if (settings.noBundle()) {
            java.util.List<String> warnings = new java.util.ArrayList<>();
            Path modules = outDir().resolve("modules");
            Path main = AdditionalModules.layoutUnbundled(settings, modules, inputs, warnings);
            warnings.forEach(w -> log.log(LogSink.Level.WARN, w));
            Path shipped = entry.resolveSibling(entry.getFileName() + ".map");
            if (Files.isRegularFile(shipped)) {
                try {
                    Files.copy(shipped, main.resolveSibling(main.getFileName() + ".map"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    log.log(LogSink.Level.WARN, "cannot read " + shipped + ": " + e.getMessage());
                }
            }
            entry = main;
            root = modules;
        }
        SourceMaps maps = new SourceMaps();
        // A prebuilt bundle that ships its map (`main = "dist/index.js"` beside `index.js.map`).
        Path shipped = entry.resolveSibling(entry.getFileName() + ".map");
        if (Files.isRegularFile(shipped)) maps.addFile(entry, shipped);
        TypeScriptTranspiler transpiler = settings.tsconfig() == null && settings.jsxFactory() == null && settings.jsxFragment() == null
                ? TypeScriptTranspiler.DEFAULT
                : new TypeScriptTranspiler(settings.tsconfig(), settings.jsxFactory(), settings.jsxFragment());
        return new Output(entry, root, looksLikeModule, maps, inputs, false, transpiler);
    }

    private Path outDir() {
        if (outDir == null) {
            outDir = configDir.resolve(".wrangler").resolve("tmp")
                    .resolve("sim-" + name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet());
            try {
                Files.createDirectories(outDir);
            } catch (IOException e) {
                throw new BuildFailure("cannot create the build folder " + outDir + ": " + e.getMessage(), null, 0, 0, null);
            }
        }
        return outDir;
    }

    static Path commonAncestor(Path a, Path b) {
        Path x = a.toAbsolutePath().normalize();
        Path y = b.toAbsolutePath().normalize();
        while (x != null && !y.startsWith(x)) x = x.getParent();
        return x == null ? y.getRoot() : x;
    }

    /** The folders whose changes matter beyond the project folder: those of every input outside it. */
    public Set<Path> foldersOutside(Collection<Path> inputs, Path projectDir) {
        Set<Path> out = new TreeSet<>();
        for (Path in : inputs) {
            Path dir = in.getParent();
            if (dir != null && (!dir.startsWith(projectDir) || isUnderNodeModules(projectDir.relativize(dir)))) out.add(dir);
        }
        return out;
    }

    private static boolean isUnderNodeModules(Path relative) {
        for (Path part : relative) {
            if (part.toString().equals("node_modules")) return true;
        }
        return false;
    }

    @Override
    public synchronized void close() {
        if (bundler != null) bundler.close(); // the esbuild service's process
        if (outDir == null) return;
        try (var walk = Files.walk(outDir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
