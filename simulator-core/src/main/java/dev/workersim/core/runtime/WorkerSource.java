package dev.workersim.core.runtime;

import dev.workersim.core.build.SourceMaps;
import dev.workersim.core.build.transpile.TypeScriptTranspiler;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The code to run: the entry file (or inline text), the folder imports are confined to, and its
 * format. A worker is in service-worker format when its entry has no import/export statement, as
 * wrangler decides. {@code maps} gets the source maps of built code; {@code transpiler} turns the
 * TypeScript/JSX modules that nothing bundled into JS as they load.
 */
public record WorkerSource(Path entry, String inlineText, Path root, boolean module, Compatibility compat,
        ModuleRules rules, SourceMaps maps, TypeScriptTranspiler transpiler) {
    // An import or export statement; TypeScript's own exports (enum, interface, type, abstract
    // class, declare, namespace) count too, so a .ts entry is told apart before it is transpiled.
    private static final Pattern ESM = Pattern.compile(
            "(^|[\\n;])\\s*(export\\s+(default|const|let|var|function|async|class|enum|interface|type|abstract|declare"
                    + "|namespace|\\{|\\*)|import\\s*[\\w{*'\"])");

    public static WorkerSource inline(String text, Path root) {
        return new WorkerSource(null, text, root.toAbsolutePath().normalize(), looksLikeModule(text),
                Compatibility.DEFAULT, ModuleRules.DEFAULT, new SourceMaps(), TypeScriptTranspiler.DEFAULT);
    }

    /** The same code under the given compatibility date and flags. */
    public WorkerSource withCompat(Compatibility c) {
        return new WorkerSource(entry, inlineText, root, module, c, rules, maps, transpiler);
    }

    /** The same code with the config's module rules (what non-JS imports become). */
    public WorkerSource withRules(ModuleRules r) {
        return new WorkerSource(entry, inlineText, root, module, compat, r, maps, transpiler);
    }

    /** The code as built: {@code entry} and {@code root} from the build, its source maps, its format. */
    public static WorkerSource built(Path entry, Path root, boolean module, SourceMaps maps, TypeScriptTranspiler transpiler) {
        preloadTranspiler(entry);
        return new WorkerSource(entry.toAbsolutePath().normalize(), null, root.toAbsolutePath().normalize(), module,
                Compatibility.DEFAULT, ModuleRules.DEFAULT, maps, transpiler);
    }

    /** A TypeScript/JSX entry will be transpiled: SWC's native library loads while the isolate starts. */
    private static void preloadTranspiler(Path entry) {
        if (TypeScriptTranspiler.handles(entry)) {
            TypeScriptTranspiler.preload();
        }
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
