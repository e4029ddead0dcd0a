package dev.workersim.core.runtime;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The code to run: the entry file (or inline text), the folder imports are confined to, and its
 * format. A worker is in service-worker format when its entry has no import/export statement, as
 * wrangler decides.
 */
public record WorkerSource(Path entry, String inlineText, Path root, boolean module, Compatibility compat,
        ModuleRules rules, dev.workersim.core.build.SourceMaps maps) {
    private static final Pattern ESM = Pattern.compile(
            "(^|[\\n;])\\s*(export\\s+(default|const|let|var|function|async|class|\\{|\\*)|import\\s*[\\w{*'\"])");

    public static WorkerSource file(Path entry, Path root, String text) {
        return new WorkerSource(entry.toAbsolutePath().normalize(), null, root.toAbsolutePath().normalize(),
                looksLikeModule(text), Compatibility.DEFAULT, ModuleRules.DEFAULT, new dev.workersim.core.build.SourceMaps());
    }

    public static WorkerSource inline(String text, Path root) {
        return new WorkerSource(null, text, root.toAbsolutePath().normalize(), looksLikeModule(text),
                Compatibility.DEFAULT, ModuleRules.DEFAULT, new dev.workersim.core.build.SourceMaps());
    }

    /** The same code under the given compatibility date and flags. */
    public WorkerSource withCompat(Compatibility c) {
        return new WorkerSource(entry, inlineText, root, module, c, rules, maps);
    }

    /** The same code with the config's module rules (what non-JS imports become). */
    public WorkerSource withRules(ModuleRules r) {
        return new WorkerSource(entry, inlineText, root, module, compat, r, maps);
    }

    /** The code as built: {@code entry} and {@code root} from the build, its source maps, its format. */
    public static WorkerSource built(Path entry, Path root, boolean module, dev.workersim.core.build.SourceMaps maps) {
        return new WorkerSource(entry.toAbsolutePath().normalize(), null, root.toAbsolutePath().normalize(), module,
                Compatibility.DEFAULT, ModuleRules.DEFAULT, maps);
    }

    public static boolean looksLikeModule(String text) {
        return ESM.matcher(text).find();
    }

    public String displayName() {
        if (entry == null) return module ? "worker.mjs" : "worker.js";
        Path cwd = Path.of("").toAbsolutePath();
        return entry.startsWith(cwd) ? cwd.relativize(entry).toString() : entry.toString();
    }
}
