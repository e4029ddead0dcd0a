package dev.workersim.core.runtime;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Whether a worker needs the WebAssembly API. Turning GraalWasm on costs ~0.3 s of the first
 * Context's start-up (measured), so it is on only for projects that hold a .wasm file or whose own
 * code (outside node_modules) names {@code WebAssembly}.
 */
final class WasmUse {
    private static final Set<String> SKIP = Set.of(".git", ".wrangler", "target");
    private static final long MAX_SCANNED_FILE = 4L << 20;

    private WasmUse() {
    }

    /** GraalWasm 25 calls Java 21 APIs (List.removeLast), so it runs only on JDK 21 or newer. */
    static final boolean AVAILABLE = Runtime.version().feature() >= 21;

    static boolean needed(WorkerSource source) {
        if (source.inlineText() != null && source.inlineText().contains("WebAssembly")) return true;
        if (source.entry() == null) return false;
        return neededIn(source.root(), false);
    }

    /**
     * Whether the files under {@code root} hold a .wasm file or own code naming WebAssembly;
     * {@code ownFilesOnly} leaves node_modules out (a quick guess before a bundle exists, which is
     * checked again: wrangler's own dependencies ship .wasm files every project would match).
     */
    static boolean neededIn(Path root, boolean ownFilesOnly) {
        boolean[] found = new boolean[1];
        try {
            Files.walkFileTree(root, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), 12,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            String name = String.valueOf(dir.getFileName());
                            return SKIP.contains(name) || (ownFilesOnly && name.equals("node_modules"))
                                    ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            String name = file.getFileName().toString();
                            if (name.endsWith(".wasm") || (isScript(name) && !file.toString().contains("node_modules")
                                    && attrs.size() < MAX_SCANNED_FILE && mentionsWasm(file))) {
                                found[0] = true;
                                return FileVisitResult.TERMINATE;
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            return true; // cannot tell: rather slower than missing an API
        }
        return found[0];
    }

    // TypeScript and JSX too: without node_modules they are the worker's own modules, transpiled on load.
    private static boolean isScript(String name) {
        return name.endsWith(".js") || name.endsWith(".mjs") || name.endsWith(".cjs")
                || dev.workersim.core.build.transpile.TypeScriptTranspiler.handles(java.nio.file.Path.of(name));
    }

    private static boolean mentionsWasm(Path file) {
        try {
            return Files.readString(file).contains("WebAssembly");
        } catch (IOException | RuntimeException e) {
            return false; // not text we can read: not a script that names the API
        }
    }
}
