package dev.workersim.core.runtime;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.workersim.core.build.SourceMaps;
import dev.workersim.core.build.transpile.ImportProbe;
import dev.workersim.core.build.transpile.TranspileException;
import dev.workersim.core.build.transpile.TypeScriptTranspiler;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The only file access a worker's Context has: read-only, confined to the project folder, plus the
 * builtin modules (`cloudflare:workers`) served from resources. GraalJS resolves every
 * {@code import} through here, so a module outside the root, or a write of any kind, fails with
 * an error that names the path.
 *
 * <p>Without a bundler (a project with no node_modules) this is also where wrangler's build is
 * imitated module by module: a TypeScript or JSX file is served as the JavaScript SWC makes of it
 * (its source map registered in the worker's {@link SourceMaps}); a relative import that names no
 * file exactly is probed as esbuild probes it ({@link ImportProbe}); a bare import (an npm package)
 * fails with esbuild's "Could not resolve" and what to do about it.
 */
final class ModuleFileSystem implements FileSystem {
    /** Builtin module specifiers are mapped into this fake folder so they resolve like files. */
    static final Path BUILTIN_ROOT = Path.of("/__workersim_builtin__");

    private final FileSystem delegate = FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
    private final Path root;
    // The project folder with symlinks resolved: a project reached through a link is still the
    // project, and a link inside it that leads elsewhere is still outside.
    private final Path realRoot;
    private final Map<String, byte[]> builtins;
    private final Map<Path, byte[]> builtinsByPath = new java.util.HashMap<>();
    // For a specifier that names no module (an unknown `node:` module, `fs` under nodejs_compat):
    // the error workerd gives, or null to let the file system decide.
    private final java.util.function.Function<String, String> missing;

    ModuleFileSystem(Path root, Map<String, byte[]> builtins) {
        this(root, builtins, spec -> null, ModuleRules.DEFAULT);
    }

    // Non-JS imports (Text, Data, CompiledWasm, JSON) are served as generated modules under virtual names.
    private final ModuleRules rules;
    // Where the source maps of transpiled modules go (the worker's, read by its error output).
    private final SourceMaps maps;
    // The config's tsconfig / jsx_factory / jsx_fragment, for modules transpiled on load.
    private TypeScriptTranspiler transpiler = TypeScriptTranspiler.DEFAULT;
    // The code of every module served, in order: GraalJS asks for a bare specifier alone, and the
    // error should say which file imports the missing package. Searched only when that happens, so
    // a load that resolves everything pays nothing for it.
    private final Map<Path, String> served = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    // What made the load fail as a build would (a module that does not transpile, a package that is
    // not installed), by the message GraalJS passes on; see buildError.
    private final Map<String, WorkerError> buildErrors = new java.util.concurrent.ConcurrentHashMap<>();

    ModuleFileSystem(Path root, Map<String, byte[]> builtins, java.util.function.Function<String, String> missing,
            ModuleRules rules) {
        this(root, builtins, missing, rules, new SourceMaps());
    }

    // Told the bytes of each CompiledWasm module served (see ops/CodeGenerationOps).
    private java.util.function.Consumer<byte[]> onCompiledWasm = bytes -> { };

    /** Tells {@code listener} the bytes of each CompiledWasm module this loader serves. */
    ModuleFileSystem onCompiledWasm(java.util.function.Consumer<byte[]> listener) {
        this.onCompiledWasm = listener;
        return this;
    }

    /** Transpiles TypeScript/JSX modules with {@code t} (the config's settings) instead of the defaults. */
    ModuleFileSystem transpiler(TypeScriptTranspiler t) {
        this.transpiler = t;
        return this;
    }

    ModuleFileSystem(Path root, Map<String, byte[]> builtins, java.util.function.Function<String, String> missing,
            ModuleRules rules, SourceMaps maps) {
        this.rules = rules;
        this.maps = maps;
        this.root = root.toAbsolutePath().normalize();
        Path real;
        try {
            real = this.root.toRealPath();
        } catch (IOException e) {
            real = this.root;
        }
        this.realRoot = real;
        this.builtins = builtins;
        this.missing = missing;
        builtins.forEach((spec, bytes) -> builtinsByPath.put(builtinPath(spec), bytes));
    }

    /** Where a specifier that names no module resolves: reading it fails with {@code message}. */
    private static final Path MISSING_ROOT = BUILTIN_ROOT.resolve("__missing__");
    private final Map<Path, String> missingByPath = new java.util.concurrent.ConcurrentHashMap<>();

    private Path missingPath(String spec, String message) {
        Path p = MISSING_ROOT.resolve(java.net.URLEncoder.encode(spec, StandardCharsets.UTF_8) + ".mjs");
        missingByPath.put(p, message);
        return p;
    }

    // GraalJS turns an IOException from the module loader into a JS Error with its message.
    private void checkMissing(Path path) throws IOException {
        String message = missingByPath.get(path);
        if (message != null) throw new IOException(message);
    }

    static Path builtinPath(String specifier) {
        return BUILTIN_ROOT.resolve(specifier.replace(':', '/') + ".mjs");
    }

    @Override
    public Path parsePath(URI uri) {
        String scheme = uri.getScheme();
        if (scheme != null && !scheme.equals("file")) {
            String spec = uri.toString();
            if (builtins.containsKey(spec)) return builtinPath(spec);
            String message = missing.apply(spec);
            return missingPath(spec, message != null ? message : "No such module \"" + spec + "\".");
        }
        return virtualIfRuled(delegate.parsePath(uri));
    }

    @Override
    public Path parsePath(String path) {
        if (builtins.containsKey(path)) return builtinPath(path);
        String message = missing.apply(path);
        if (message != null) return missingPath(path, message);
        // GraalJS looks a bare specifier up as a path relative to the working folder; esbuild looks in
        // node_modules, which a project loaded without a bundler does not have.
        if (isBare(path)) return missingPath(path, unresolved(path));
        return virtualIfRuled(delegate.parsePath(path));
    }

    /** An npm-style specifier: not relative, not absolute (a scheme such as node: arrives as a URI). */
    static boolean isBare(String spec) {
        if (spec.isEmpty() || spec.startsWith("/") || spec.startsWith("./") || spec.startsWith("../")
                || spec.equals(".") || spec.equals("..") || spec.startsWith("\\")) {
            return false;
        }
        try {
            return !Path.of(spec).isAbsolute();
        } catch (java.nio.file.InvalidPathException e) {
            return true;
        }
    }

    /** esbuild's "Could not resolve", with which file imports the package and what to do. */
    private String unresolved(String spec) {
        Path importer = importerOf(spec);
        String by = importer == null ? "" : " (imported by " + SourceMaps.display(importer.toString()) + ")";
        Path from = importer != null ? importer.getParent() : root;
        String pkg = packageName(spec);
        String message;
        if (installedIn(from, pkg)) {
            // node_modules is there but esbuild is not: only wrangler's bundler loads packages.
            message = "Could not resolve \"" + spec + "\"" + by + ": npm packages are loaded through wrangler's bundler"
                    + " (esbuild), which is not installed. Add wrangler to the project's devDependencies and run npm install"
                    + " (or your package manager's install) in " + projectFolder(from) + ".";
        } else {
            message = "Could not resolve \"" + spec + "\"" + by + ": the package is not installed. Run npm install"
                    + " (or your package manager's install) in " + projectFolder(from) + ".";
        }
        buildErrors.put(message, new WorkerError("BuildError", message, "Build failed: " + message));
        return message;
    }

    /** "@scope/name" or "name" of a specifier that may go on into the package ("hono/jsx/jsx-runtime"). */
    static String packageName(String spec) {
        String[] parts = spec.split("/");
        if (spec.startsWith("@") && parts.length > 1) return parts[0] + "/" + parts[1];
        return parts[0];
    }

    private static boolean installedIn(Path from, String pkg) {
        for (Path d = from; d != null; d = d.getParent()) {
            if (java.nio.file.Files.isDirectory(d.resolve("node_modules").resolve(pkg))) return true;
        }
        return false;
    }

    /** Where to run the install: the nearest folder with a package.json, else the project folder. */
    private Path projectFolder(Path from) {
        for (Path d = from; d != null; d = d.getParent()) {
            if (java.nio.file.Files.isRegularFile(d.resolve("package.json"))) return d;
        }
        return root;
    }

    // The specifiers of import/export declarations and import() calls in served code: enough to know
    // who imports a package (a match inside a string or comment only risks naming the wrong importer).
    private static final Pattern IMPORT_SPEC = Pattern.compile("(?:\\bfrom|\\bimport)\\s*\\(?\\s*([\"'])([^\"'\\r\\n]+)\\1");

    private void recordImports(Path module, String code) {
        served.putIfAbsent(module, code);
    }

    /** The first served module that imports {@code spec}, or null. */
    private Path importerOf(String spec) {
        synchronized (served) {
            for (Map.Entry<Path, String> e : served.entrySet()) {
                if (!e.getValue().contains(spec)) continue;
                Matcher m = IMPORT_SPEC.matcher(e.getValue());
                while (m.find()) {
                    if (m.group(2).equals(spec)) return e.getKey();
                }
            }
        }
        return null;
    }

    /**
     * The build failure behind a load error whose message is {@code message} (GraalJS passes ours
     * on, maybe prefixed), or null when the load failed for another reason. A build failure keeps
     * the last good version serving, as in wrangler dev.
     */
    WorkerError buildError(String message) {
        if (message == null) return null;
        for (Map.Entry<String, WorkerError> e : buildErrors.entrySet()) {
            if (message.contains(e.getKey())) return e.getValue();
        }
        return null;
    }

    /**
     * The entry module's code as the worker runs it (the isolate reads the entry itself): transpiled
     * when it is TypeScript or JSX, its source map registered under {@link #entryFile}.
     *
     * @throws WorkerLoadException (a build failure) when it does not transpile
     */
    String entryText(Path entry) throws IOException {
        Path abs = entry.toAbsolutePath().normalize();
        String text = java.nio.file.Files.readString(abs);
        if (!TypeScriptTranspiler.handles(abs)) {
            recordImports(abs, text);
            return text;
        }
        try {
            return transpiled(abs, text, entryFile(abs).toPath());
        } catch (TranspileException e) {
            throw WorkerLoadException.buildFailed(buildFailure(e));
        }
    }

    /**
     * The file the entry module is evaluated as: a TypeScript/JSX entry under its virtual module
     * name, as an imported one (see virtualIfRuled), in the same folder so its imports resolve alike.
     */
    java.io.File entryFile(Path entry) {
        Path abs = entry.toAbsolutePath().normalize();
        if (!TypeScriptTranspiler.handles(abs)) return abs.toFile();
        return abs.resolveSibling(abs.getFileName() + ModuleRules.SUFFIX).toFile();
    }

    private static WorkerError buildFailure(TranspileException e) {
        String full = e.getMessage();
        int nl = full.indexOf('\n');
        String headline = nl < 0 ? full : full.substring(0, nl);
        return new WorkerError("BuildError", headline, "Build failed: " + full);
    }

    /**
     * {@code text} of the TypeScript/JSX file {@code file} as JavaScript; its map goes to the
     * worker's maps under {@code shownAs}, the path GraalJS shows in stack frames for the module.
     */
    private String transpiled(Path file, String text, Path shownAs) {
        TypeScriptTranspiler.Result r = transpiler.transpile(file, text);
        maps.add(shownAs, r.map());
        recordImports(file, r.code());
        return r.code();
    }

    /**
     * The bytes GraalJS gets for the module file {@code real}: transpiled (its map under
     * {@code shownAs}), or as they are; either way its imports are noted.
     */
    private byte[] moduleBytes(Path real, Path shownAs) throws IOException {
        byte[] bytes = java.nio.file.Files.readAllBytes(real);
        if (!TypeScriptTranspiler.handles(real)) {
            recordImports(real, new String(bytes, StandardCharsets.UTF_8));
            return bytes;
        }
        try {
            return transpiled(real, new String(bytes, StandardCharsets.UTF_8), shownAs).getBytes(StandardCharsets.UTF_8);
        } catch (TranspileException e) {
            WorkerError err = buildFailure(e);
            buildErrors.put(e.getMessage(), err);
            // GraalJS turns this into the import's error, with our message.
            throw new IOException(e.getMessage());
        }
    }

    private static boolean isJsModule(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString();
        return n.endsWith(".js") || n.endsWith(".mjs") || n.endsWith(".cjs") || TypeScriptTranspiler.handles(p);
    }

    /** The file an import of {@code confined} (absolute, inside the project) names, as esbuild probes; null: none. */
    private static Path probed(Path confined) {
        return ImportProbe.resolve(confined);
    }

    /**
     * A file a module rule covers, or a TypeScript/JSX file, becomes its virtual module name;
     * anything else stays as it is. A transpiled module needs a name of its own: its source map
     * maps that name to the .ts file, and stack text may go through the maps more than once (the
     * page's text, then the terminal's log), which is harmless only when the two names differ.
     */
    private Path virtualIfRuled(Path p) {
        if (p.getFileName() == null || p.getFileName().toString().endsWith(ModuleRules.SUFFIX)) return p;
        Path n = p.normalize();
        Path rel = !p.isAbsolute() ? n : n.startsWith(root) ? root.relativize(n) : n.startsWith(realRoot) ? realRoot.relativize(n) : null;
        if (rel == null || (rules.typeOf(rel) == null && !TypeScriptTranspiler.handles(n))) return p;
        return p.resolveSibling(p.getFileName() + ModuleRules.SUFFIX);
    }

    /** The real file behind a virtual module name, or null when {@code path} is not one. */
    private static Path ruledFile(Path path) {
        Path name = path.getFileName();
        if (name == null || !name.toString().endsWith(ModuleRules.SUFFIX)) return null;
        String n = name.toString();
        return path.resolveSibling(n.substring(0, n.length() - ModuleRules.SUFFIX.length()));
    }

    private byte[] generated(Path virtual, Path file) throws IOException {
        Path rel = root.relativize(confine(file));
        ModuleRules.Type type = rules.typeOf(rel);
        boolean transpiled = type == null && TypeScriptTranspiler.handles(file);
        if (type == null && !transpiled) throw new NoSuchFileException(virtual.toString());
        Path real = delegate.toRealPath(confine(file));
        if (!real.startsWith(realRoot)) {
            throw new SecurityException("Module access outside the project folder is not allowed: " + file + " (a link to " + real + ")");
        }
        // the map's key: the canonical virtual name, which toRealPath gave GraalJS
        if (transpiled) return moduleBytes(real, real.resolveSibling(real.getFileName() + ModuleRules.SUFFIX));
        byte[] content = java.nio.file.Files.readAllBytes(real);
        if (type == ModuleRules.Type.COMPILED_WASM) onCompiledWasm.accept(content);
        return ModuleRules.module(type, content);
    }

    private byte[] builtin(Path path) {
        return builtinsByPath.get(path);
    }

    private Path confine(Path path) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        if (!abs.startsWith(root) && !abs.startsWith(realRoot)) {
            throw new SecurityException("Module access outside the project folder is not allowed: " + abs
                    + " (project folder: " + root + ")");
        }
        return abs;
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... options) throws IOException {
        if (builtin(path) != null) return;
        checkMissing(path);
        if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
            throw new SecurityException("Workers cannot write or execute files: " + path);
        }
        Path file = ruledFile(path);
        Path confined = confine(file != null ? file : path);
        try {
            delegate.checkAccess(confined, modes, options);
        } catch (NoSuchFileException e) {
            // `./util` for util.ts, `./util.js` for util.ts: exists when the probe finds a file
            Path p = file == null ? probed(confined) : null;
            if (p == null) throw e;
            delegate.checkAccess(p, modes, options);
        }
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
            FileAttribute<?>... attrs) throws IOException {
        byte[] b = builtin(path);
        if (b != null) return new BytesChannel(b);
        checkMissing(path);
        for (OpenOption o : options) {
            if (o != StandardOpenOption.READ) throw new SecurityException("Workers cannot write files: " + path);
        }
        Path ruled = ruledFile(path);
        if (ruled != null) return new BytesChannel(generated(path, ruled));
        Path confined = confine(path);
        Path file = java.nio.file.Files.exists(confined) ? confined : probed(confined);
        if (file == null) file = confined; // the delegate reports the missing file
        // Resolve symlinks too: a link inside the project must not lead outside it.
        Path real = delegate.toRealPath(file);
        if (!real.startsWith(realRoot)) {
            throw new SecurityException("Module access outside the project folder is not allowed: " + confined
                    + " (a link to " + real + ")");
        }
        if (isJsModule(real)) return new BytesChannel(moduleBytes(real, real));
        return delegate.newByteChannel(file, options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) {
        throw new SecurityException("Workers cannot list directories: " + dir);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw new SecurityException("Workers cannot create directories: " + dir);
    }

    @Override
    public void delete(Path path) {
        throw new SecurityException("Workers cannot delete files: " + path);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        if (path.startsWith(BUILTIN_ROOT)) return path;
        return path.isAbsolute() ? path : root.resolve(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... options) throws IOException {
        if (builtin(path) != null) return path;
        checkMissing(path);
        if (path.startsWith(BUILTIN_ROOT)) throw new NoSuchFileException(path.toString());
        Path ruled = ruledFile(path);
        if (ruled != null) {
            Path real = delegate.toRealPath(confine(ruled), options);
            return real.resolveSibling(real.getFileName() + ModuleRules.SUFFIX);
        }
        // GraalJS resolves an import to its canonical file and takes the module's kind from that
        // name: a file a rule covers canonicalises to its virtual module name. An import that names
        // no file exactly canonicalises to the file esbuild's probing finds (util.ts for ./util), so
        // the module is known, read and shown in stack traces by that file's path.
        Path confined = confine(path);
        Path file = java.nio.file.Files.isRegularFile(confined) ? confined : probed(confined);
        return virtualIfRuled(delegate.toRealPath(file != null ? confine(file) : confined, options));
    }

    /**
     * GraalJS takes a module's kind from its MIME type. Imports of TypeScript/JSX arrive under their
     * virtual .mjs names; should a .ts path itself be read, it is an ES module too.
     */
    @Override
    public String getMimeType(Path path) {
        if (TypeScriptTranspiler.handles(path)) return "application/javascript+module";
        return delegate.getMimeType(path);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        if (builtin(path) != null) return Map.of("isRegularFile", true, "isDirectory", false);
        checkMissing(path);
        Path ruled = ruledFile(path);
        if (ruled != null) {
            Map<String, Object> attrs = new java.util.HashMap<>(delegate.readAttributes(confine(ruled), attributes, options));
            if (attrs.containsKey("size")) attrs.put("size", (long) generated(path, ruled).length);
            return attrs;
        }
        Path confined = confine(path);
        Path file = confined;
        if (!java.nio.file.Files.exists(confined)) {
            Path p = probed(confined);
            if (p != null) file = p;
        }
        Map<String, Object> attrs = delegate.readAttributes(file, attributes, options);
        if (attrs.containsKey("size") && TypeScriptTranspiler.handles(file) && java.nio.file.Files.isRegularFile(file)) {
            // the size of what GraalJS will read, the JavaScript
            attrs = new java.util.HashMap<>(attrs);
            Path real = delegate.toRealPath(file);
            attrs.put("size", (long) moduleBytes(real, real).length);
        }
        return attrs;
    }

    /** A read-only channel over a builtin module's bytes. */
    private static final class BytesChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private int pos;

        BytesChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        public int read(ByteBuffer dst) {
            if (pos >= bytes.length) return -1;
            int n = Math.min(dst.remaining(), bytes.length - pos);
            dst.put(bytes, pos, n);
            pos += n;
            return n;
        }

        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        public long position() {
            return pos;
        }

        public SeekableByteChannel position(long p) {
            pos = (int) Math.min(p, bytes.length);
            return this;
        }

        public long size() {
            return bytes.length;
        }

        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        public boolean isOpen() {
            return true;
        }

        public void close() {
        }
    }
}
