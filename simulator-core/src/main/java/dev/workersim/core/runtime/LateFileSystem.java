package dev.workersim.core.runtime;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The Context's file system, chosen after the Context exists: a worker's Context and runtime
 * prelude are made while its build (esbuild, a custom command) still runs, and only the build
 * says which folder its modules come from. Until {@link #use} the builtin modules alone are
 * served (nothing reads worker files before the worker is evaluated).
 */
final class LateFileSystem implements FileSystem {
    private volatile FileSystem target;

    LateFileSystem(FileSystem first) {
        this.target = first;
    }

    void use(FileSystem fs) {
        this.target = fs;
    }

    @Override
    public Path parsePath(URI uri) {
        return target.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        return target.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... options) throws IOException {
        target.checkAccess(path, modes, options);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        target.createDirectory(dir, attrs);
    }

    @Override
    public void delete(Path path) throws IOException {
        target.delete(path);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return target.newByteChannel(path, options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        return target.newDirectoryStream(dir, filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return target.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... options) throws IOException {
        return target.toRealPath(path, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return target.readAttributes(path, attributes, options);
    }
}
