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
import org.graalvm.polyglot.io.FileSystem;

/**
 * The only file access a worker's Context has: read-only, confined to the project folder, plus the
 * builtin modules (`cloudflare:workers`) served from resources. GraalJS resolves every
 * {@code import} through here, so a module outside the root, or a write of any kind, fails with
 * an error that names the path.
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

    ModuleFileSystem(Path root, Map<String, byte[]> builtins, java.util.function.Function<String, String> missing,
            ModuleRules rules) {
        this.rules = rules;
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
        return virtualIfRuled(delegate.parsePath(path));
    }

    /** A file a module rule covers becomes its virtual module name; anything else stays as it is. */
    private Path virtualIfRuled(Path p) {
        if (p.getFileName() == null || p.getFileName().toString().endsWith(ModuleRules.SUFFIX)) return p;
        Path n = p.normalize();
        Path rel = !p.isAbsolute() ? n : n.startsWith(root) ? root.relativize(n) : n.startsWith(realRoot) ? realRoot.relativize(n) : null;
        if (rel == null || rules.typeOf(rel) == null) return p;
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
        if (type == null) throw new NoSuchFileException(virtual.toString());
        Path real = delegate.toRealPath(confine(file));
        if (!real.startsWith(realRoot)) {
            throw new SecurityException("Module access outside the project folder is not allowed: " + file + " (a link to " + real + ")");
        }
        return ModuleRules.module(type, java.nio.file.Files.readAllBytes(real));
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
        delegate.checkAccess(confine(file != null ? file : path), modes, options);
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
        // Resolve symlinks too: a link inside the project must not lead outside it.
        Path real = delegate.toRealPath(confined);
        if (!real.startsWith(realRoot)) {
            throw new SecurityException("Module access outside the project folder is not allowed: " + confined
                    + " (a link to " + real + ")");
        }
        return delegate.newByteChannel(confined, options, attrs);
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
        // name: a file a rule covers canonicalises to its virtual module name.
        return virtualIfRuled(delegate.toRealPath(confine(path), options));
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
        return delegate.readAttributes(confine(path), attributes, options);
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
