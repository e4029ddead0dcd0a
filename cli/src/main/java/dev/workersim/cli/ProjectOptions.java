package dev.workersim.cli;

import dev.workersim.core.config.ConfigException;
import dev.workersim.core.config.ConfigLoader;
import dev.workersim.core.config.WorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every project command shares: which config, which environment, where local state lives. */
final class ProjectOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "wrangler.toml, wrangler.json or wrangler.jsonc (default: found from the current folder).")
    List<Path> configs = new ArrayList<>();

    @Option(names = {"-e", "--env"}, paramLabel = "NAME",
            description = "Use the config's [env.NAME] block (default: $CLOUDFLARE_ENV, else the top level).")
    String env;

    @Option(names = "--persist-to", paramLabel = "DIR",
            description = "Where local state lives (default: .wrangler/state next to the config).")
    Path persistTo;

    /** The config file: -c FILE, else PATH (a folder or a file), else the one found from the current folder. */
    Path configFile(Path path) {
        if (!configs.isEmpty()) return configs.get(0);
        if (path != null) {
            if (!Files.isDirectory(path)) return path;
            for (String n : ConfigLoader.FILE_NAMES) {
                if (Files.isRegularFile(path.resolve(n))) return path.resolve(n);
            }
            throw new ConfigException(path, "no wrangler.toml, wrangler.json or wrangler.jsonc in this folder");
        }
        Path found = ConfigLoader.find(Path.of(""));
        if (found == null) {
            throw new ConfigException(Path.of("").toAbsolutePath(),
                    "no wrangler.toml, wrangler.json or wrangler.jsonc here or above; pass -c FILE");
        }
        return found;
    }

    /** The config with the environment selected and local secrets loaded, as `sim dev` would run it. */
    WorkerConfig load(Path path) {
        WorkerConfig config = ConfigLoader.load(configFile(path), new ConfigLoader.Options(env, System.getenv()));
        config.warnings().forEach(w -> System.err.println("[warn] " + w.replace("\n", "\n       ")));
        return config;
    }

    /**
     * --persist-to, else the config's (loaded only then): for commands that need nothing else from
     * it. Null, with the reason printed to {@code err}, when the config cannot be loaded.
     */
    Path persistRoot(java.io.PrintStream err) {
        try {
            return persistTo != null ? persistTo.toAbsolutePath().normalize() : persistRoot(load(null));
        } catch (ConfigException e) {
            err.println("✘ " + e.getMessage());
            return null;
        }
    }

    /** --persist-to, else .wrangler/state next to the config: where `sim dev` keeps state by default. */
    Path persistRoot(WorkerConfig config) {
        return (persistTo != null ? persistTo : config.projectDir().resolve(".wrangler").resolve("state")).toAbsolutePath().normalize();
    }
}
