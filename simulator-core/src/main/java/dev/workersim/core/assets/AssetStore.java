package dev.workersim.core.assets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of the assets folder, read from disk at each request so that new and edited files are
 * served at once (wrangler dev's live reload of assets). A lookup takes a decoded pathname such as
 * "/blog/index.html" and never leaves the folder: "." and ".." segments, backslashes and NULs are
 * refused outright, and the file's real path (symbolic links resolved) must lie inside the folder.
 */
final class AssetStore {
    private final Path root;
    private volatile Path realRoot;
    private volatile IgnoreRules ignore;
    private volatile FileTime ignoreStamp;
    private final Map<Path, Tag> etags = new ConcurrentHashMap<>();

    private record Tag(long size, FileTime modified, String etag) {
    }

    AssetStore(Path root) {
        this.root = root;
    }

    /** The file for a decoded pathname ("/a/b.css"), or null when there is no such asset. */
    Path find(String pathname) {
        if (!pathname.startsWith("/") || pathname.endsWith("/")) return null;
        String relative = pathname.substring(1);
        if (relative.isEmpty() || relative.indexOf('\\') >= 0 || relative.indexOf('\0') >= 0) return null;
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) return null;
        }
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) return null;
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(realRoot())) return null;
        } catch (IOException e) {
            return null;
        }
        return ignoreRules().ignored(relative) ? null : file;
    }

    private Path realRoot() throws IOException {
        Path r = realRoot;
        if (r == null) realRoot = r = root.toRealPath();
        return r;
    }

    private IgnoreRules ignoreRules() {
        FileTime stamp;
        try {
            stamp = Files.getLastModifiedTime(root.resolve(IgnoreRules.FILE), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            stamp = FileTime.fromMillis(0);
        }
        IgnoreRules rules = ignore;
        if (rules == null || !stamp.equals(ignoreStamp)) {
            ignore = rules = IgnoreRules.read(root);
            ignoreStamp = stamp;
        }
        return rules;
    }

    /**
     * The file's ETag: 32 hex digits of a hash of its path, size and modification time, quoted (the
     * shape of workerd's; wrangler dev too hashes the path and modification time, not the content,
     * so nothing is read to make it). An edit gives a new ETag.
     */
    String etag(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        Tag t = etags.get(file);
        if (t != null && t.size() == attrs.size() && t.modified().equals(attrs.lastModifiedTime())) return t.etag();
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest((file + "\0" + attrs.size() + "\0"
                    + attrs.lastModifiedTime().toMillis()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String etag = "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        etags.put(file, new Tag(attrs.size(), attrs.lastModifiedTime(), etag));
        return etag;
    }
}
