package dev.workersim.core.build.transpile;

import com.caoccao.javet.swc4j.Swc4j;
import com.caoccao.javet.swc4j.Swc4jLibLoader;
import com.caoccao.javet.swc4j.interfaces.ISwc4jLibLoadingListener;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * swc4j's native library, loaded once per process.
 *
 * <p>Left to itself, swc4j copies its 18 MB library out of the jar into a new folder under the
 * temp directory at every start, runs {@code chmod} in a subprocess and deletes other processes'
 * copies: about 130 ms of a TypeScript worker's start here, a subprocess, and files in a shared
 * folder. Instead the library is copied once into a per-user cache folder (its name carries
 * swc4j's version; a copy whose size differs from the jar's is replaced) and swc4j is told to load
 * it from there without deploying anything.
 */
final class SwcNative {
    /** swc4j's version: it names the library inside the native jar. Keep in step with the pom's swc4j.version. */
    static final String VERSION = "2.0.0";

    private static final Object LOCK = new Object();
    private static volatile Swc4j swc;
    private static volatile RuntimeException failure;

    private SwcNative() {
    }

    /** The transpiler, loading the native library on the first call; a clear error when it cannot load. */
    static Swc4j get() {
        Swc4j s = swc;
        if (s != null) return s;
        synchronized (LOCK) {
            if (swc != null) return swc;
            if (failure != null) throw failure;
            try {
                swc = load();
                return swc;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
    }

    /**
     * Starts loading the library on a background thread, so that its cost (about 0.2 s) overlaps
     * the rest of a worker's start when a TypeScript module is known to come.
     */
    static void preload() {
        if (swc != null || failure != null) return;
        Thread t = new Thread(() -> {
            try {
                get();
            } catch (RuntimeException ignored) {
                // reported to whoever transpiles first
            }
        }, "swc4j-preload");
        t.setDaemon(true);
        t.start();
    }

    /** The library's file name as swc4j names it for this machine, or null for a platform swc4j does not build for. */
    static String libraryName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName;
        String ext;
        if (os.contains("linux")) {
            osName = "linux";
            ext = "so";
        } else if (os.contains("mac") || os.contains("darwin")) {
            osName = "macos";
            ext = "dylib";
        } else if (os.contains("windows")) {
            osName = "windows";
            ext = "dll";
        } else {
            return null;
        }
        String archName;
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            archName = "x86_64";
        } else if (arch.equals("aarch64") || arch.equals("arm64")) {
            archName = "arm64";
        } else {
            return null;
        }
        return "libswc4j-" + osName + "-" + archName + ".v." + VERSION + "." + ext;
    }

    private static Swc4j load() {
        String name = libraryName();
        String platform = System.getProperty("os.name") + " " + System.getProperty("os.arch");
        if (name == null) {
            throw new TranspileUnavailableException("TypeScript and JSX without a bundler need SWC (swc4j), which has no build for "
                    + platform + ". Install the project's npm dependencies (npm install) so that wrangler's esbuild bundles the worker instead.");
        }
        URL resource = Swc4jLibLoader.class.getResource("/" + name);
        if (resource == null) {
            String artifact = "swc4j-" + name.substring("libswc4j-".length(), name.indexOf(".v."));
            throw new TranspileUnavailableException("TypeScript and JSX without a bundler need SWC's native library for " + platform
                    + " (com.caoccao.javet:" + artifact + ":" + VERSION + "), which is not on the class path"
                    + " (workersim was built for another platform). Rebuild workersim on this machine, or install the project's"
                    + " npm dependencies (npm install) so that wrangler's esbuild bundles the worker instead.");
        }
        Path dir = cachedCopy(resource, name);
        Swc4jLibLoader.setLibLoadingListener(new ISwc4jLibLoadingListener() {
            @Override
            public File getLibPath() {
                return dir.toFile();
            }

            @Override
            public boolean isDeploy() {
                return false; // already copied, see cachedCopy
            }
        });
        try {
            Swc4j s = new Swc4j();
            s.getVersion(); // a native call: fails here, not in the first transpile, when the library did not load
            return s;
        } catch (Throwable t) { // UnsatisfiedLinkError, ExceptionInInitializerError: nothing else would report them
            throw new TranspileUnavailableException("SWC's native library (" + dir.resolve(name) + ") does not load on "
                    + platform + ": " + t);
        }
    }

    /** The folder holding an up-to-date copy of the library, copying it there when needed. */
    private static Path cachedCopy(URL resource, String name) {
        long expected;
        try {
            URLConnection c = resource.openConnection();
            expected = c.getContentLengthLong(); // from the jar's directory: no decompression
        } catch (IOException e) {
            expected = -1;
        }
        IOException firstFailure = null;
        java.util.List<Path> dirs = preferredDirs();
        for (int i = 0; i <= dirs.size(); i++) {
            Path dir;
            try {
                // Last resort, made only when needed: a fresh private folder under the temp directory
                // (never a fixed name there, where another user could plant a library of their own).
                dir = i < dirs.size() ? dirs.get(i) : Files.createTempDirectory("workersim-swc4j-");
            } catch (IOException e) {
                if (firstFailure == null) firstFailure = e;
                break;
            }
            try {
                Path lib = dir.resolve(name);
                if (expected > 0 && Files.isRegularFile(lib) && Files.size(lib) == expected) return dir;
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, name, ".part");
                try (InputStream in = resource.openStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    try {
                        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
                return dir;
            } catch (IOException e) {
                // Another start racing us leaves a complete copy too (each writes its own temp file first).
                if (expected > 0 && sizeIs(dir.resolve(name), expected)) return dir;
                if (firstFailure == null) firstFailure = e;
            }
        }
        throw new TranspileUnavailableException("cannot copy SWC's native library " + name + " out of its jar: " + firstFailure);
    }

    private static boolean sizeIs(Path file, long size) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == size;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where the copy may live: a folder named by the system property workersim.native.dir, else the user's cache folder. */
    private static java.util.List<Path> preferredDirs() {
        java.util.List<Path> dirs = new java.util.ArrayList<>();
        String override = System.getProperty("workersim.native.dir");
        if (override != null && !override.isBlank()) dirs.add(Path.of(override));
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            dirs.add(Path.of(xdg, "workersim", "native"));
        } else if (home != null && !home.isBlank()) {
            dirs.add(Path.of(home, ".cache", "workersim", "native"));
        }
        return dirs;
    }
}
