package dev.workersim.core.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Finds esbuild's native binary. Every project that depends on wrangler has it in node_modules
 * (wrangler depends on esbuild, whose platform package holds the binary), and it runs without
 * Node.js; so a project with npm dependencies is bundled by the very bundler wrangler uses.
 * {@code ESBUILD_BINARY_PATH} (esbuild's own variable) overrides the search.
 */
public final class EsbuildBinary {
    private EsbuildBinary() {
    }

    /** The binary for a project in {@code projectDir} (searched up its parents), or null when none is installed. */
    public static Path find(Path projectDir, java.util.Map<String, String> env) {
        String override = env.get("ESBUILD_BINARY_PATH");
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            return Files.isExecutable(p) ? p.toAbsolutePath() : null;
        }
        String platform = platformPackage();
        String exe = platform.startsWith("win32") ? "esbuild.exe" : "bin/esbuild";
        for (Path dir = projectDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path modules = dir.resolve("node_modules");
            if (!Files.isDirectory(modules)) continue;
            Path direct = modules.resolve("@esbuild").resolve(platform).resolve(exe);
            if (Files.isExecutable(direct)) return direct;
            Path pnpm = inPnpmStore(modules.resolve(".pnpm"), platform, exe);
            if (pnpm != null) return pnpm;
        }
        return null;
    }

    // pnpm keeps packages under node_modules/.pnpm/@esbuild+<platform>@<version>/node_modules/@esbuild/<platform>.
    private static Path inPnpmStore(Path store, String platform, String exe) {
        if (!Files.isDirectory(store)) return null;
        try (var dirs = Files.newDirectoryStream(store, "@esbuild+" + platform + "@*")) {
            Path best = null;
            for (Path d : dirs) {
                Path bin = d.resolve("node_modules/@esbuild").resolve(platform).resolve(exe);
                if (Files.isExecutable(bin) && (best == null || d.getFileName().toString().compareTo(best.toString()) > 0)) best = bin;
            }
            return best;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** esbuild's name for this OS and CPU, as its npm packages are named (@esbuild/linux-x64, ...). */
    static String platformPackage() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("win") ? "win32" : "linux";
        String a = switch (arch) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return o + "-" + a;
    }
}
