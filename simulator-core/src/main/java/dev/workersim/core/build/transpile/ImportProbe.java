package dev.workersim.core.build.transpile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which file a relative import names when it does not name one exactly, as esbuild (and so
 * wrangler) decides: {@code ./util} is util.tsx, util.ts, util.jsx, util.js or util.json (esbuild's
 * default resolveExtensions, in its order); {@code ./util.js} is util.ts when util.js does not exist
 * (TypeScript's convention of importing by the output's name); a folder is its index file.
 */
public final class ImportProbe {
    /** esbuild's default resolveExtensions, less .css (a Worker has no use for it). */
    static final List<String> EXTENSIONS = List.of(".tsx", ".ts", ".jsx", ".js", ".json");

    private ImportProbe() {
    }

    /**
     * The file {@code requested} (absolute) resolves to: itself when it is a file, else the first
     * probe that exists, else null.
     */
    public static Path resolve(Path requested) {
        if (Files.isRegularFile(requested)) return requested;
        Path found = asFile(requested);
        if (found != null) return found;
        if (Files.isDirectory(requested)) return index(requested);
        return null;
    }

    /** For a path that is a folder (which a module cannot be): its index file, or null. */
    public static Path index(Path dir) {
        for (String ext : EXTENSIONS) {
            Path p = dir.resolve("index" + ext);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    // esbuild's loadAsFile: the extensions appended, then the TypeScript rewrite of a .js-style name.
    private static Path asFile(Path requested) {
        Path name = requested.getFileName();
        if (name == null) return null;
        String n = name.toString();
        for (String ext : EXTENSIONS) {
            Path p = requested.resolveSibling(n + ext);
            if (Files.isRegularFile(p)) return p;
        }
        int dot = n.lastIndexOf('.');
        if (dot <= 0) return null;
        String stem = n.substring(0, dot);
        List<String> rewrites = switch (n.substring(dot)) {
            case ".js", ".jsx" -> List.of(".ts", ".tsx");
            case ".mjs" -> List.of(".mts");
            case ".cjs" -> List.of(".cts");
            default -> List.of();
        };
        for (String ext : rewrites) {
            Path p = requested.resolveSibling(stem + ext);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }
}
