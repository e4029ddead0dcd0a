package dev.workersim.core.dev;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which edits under the project folder call for a reload, as wrangler dev's watcher decides: the
 * config and its variable files, and the worker's sources. A log the user redirects into the
 * project (`sim dev > dev.log`), an editor's swap file, or anything under `.wrangler/` does not: a
 * reload there would restart the worker in a loop, losing its in-memory state each time.
 */
public final class ReloadTrigger {
    // What a module can be when nothing bundles the worker: code, and the default module rules'
    // kinds (Text: txt/html/sql, Data: bin, CompiledWasm: wasm); custom rules are matched by the load.
    private static final Pattern MODULE = Pattern.compile(
            ".*\\.(js|mjs|cjs|ts|mts|cts|jsx|tsx|json|jsonc|toml|wasm|txt|html|sql|bin)$");
    private static final Pattern SETTINGS = Pattern.compile("(\\.dev\\.vars|\\.env)(\\..*)?|wrangler\\.(toml|json|jsonc)|package\\.json|tsconfig.*\\.json");

    private final Path projectDir;
    private final Path configFile;

    public ReloadTrigger(Path projectDir, Path configFile) {
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.configFile = configFile.toAbsolutePath().normalize();
    }

    /**
     * Whether any of {@code changed} matters. {@code inputs} are the files the last build read; when
     * {@code inputsComplete} (a bundle), a source outside them cannot reach the worker.
     */
    public boolean matters(Collection<Path> changed, Set<Path> inputs, boolean inputsComplete) {
        for (Path p : changed) {
            Path file = p.toAbsolutePath().normalize();
            if (file.equals(configFile) || inputs.contains(file)) return true;
            if (file.startsWith(projectDir.resolve(".wrangler")) || file.startsWith(projectDir.resolve(".git"))) continue;
            String name = file.getFileName().toString();
            if (SETTINGS.matcher(name).matches()) return true;
            if (!inputsComplete && MODULE.matcher(name).matches()) return true;
        }
        return false;
    }
}
