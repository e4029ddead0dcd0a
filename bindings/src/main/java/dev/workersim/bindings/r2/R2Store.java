package dev.workersim.bindings.r2;

import dev.workersim.core.runtime.SimClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * One R2 bucket: object and multipart metadata in H2 ({@link MetaDb}), bodies as files under
 * {@code blobs/}. A body is synced before the row naming it commits, and a replaced body is removed
 * only after the commit that replaced it, so a crash leaves at worst an orphan file (removed at the
 * next open), never a row without its body.
 */
public final class R2Store implements AutoCloseable {
    static final long MIN_PART_BYTES = 5L * 1024 * 1024;
    /** Up to this many bytes a get reads the body whole; a larger body streams from its file. */
    static final int WHOLE_READ_BYTES = 1024 * 1024;
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS objects (object_key VARCHAR PRIMARY KEY, version VARCHAR NOT NULL, size BIGINT NOT NULL,
              etag VARCHAR NOT NULL, uploaded BIGINT NOT NULL, http_metadata VARCHAR NOT NULL,
              custom_metadata VARCHAR NOT NULL, checksums VARCHAR NOT NULL, blob VARCHAR NOT NULL);
            CREATE TABLE IF NOT EXISTS uploads (upload_id VARCHAR PRIMARY KEY, object_key VARCHAR NOT NULL,
              http_metadata VARCHAR NOT NULL, custom_metadata VARCHAR NOT NULL, state INT NOT NULL, created BIGINT NOT NULL);
            CREATE TABLE IF NOT EXISTS parts (upload_id VARCHAR NOT NULL, part_number INT NOT NULL, etag VARCHAR NOT NULL,
              size BIGINT NOT NULL, blob VARCHAR NOT NULL, PRIMARY KEY (upload_id, part_number));
            """;
    private static final String OBJECT_COLUMNS = "object_key, version, size, etag, uploaded, http_metadata, custom_metadata, checksums, blob";
    private static final int OPEN = 0, COMPLETED = 1, ABORTED = 2;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MetaDb db;
    private final Path blobDir;
    private final boolean temporary; // in memory: the blob folder is a temp dir removed at close
    private final SimClock clock;
    /** Bodies being streamed to workers; a body a worker never reads is closed with the store. */
    private final Set<BodySource> openBodies = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** What put stores besides the body. */
    record PutOptions(String httpMetadataJson, String customMetadataJson, Conditions onlyIf) {
    }

    /** A part as complete() names it. */
    record PartRef(int partNumber, String etag) {
    }

    /** A get's answer: the object, the range served, and the body (null when a precondition failed). */
    record Got(ObjectMeta meta, long[] range, BodySource body) {
    }

    /** A page of list(): objects and rolled-up prefixes in key order, and the cursor when truncated. */
    record Page(List<ObjectMeta> objects, List<String> delimitedPrefixes, String cursor) {
    }

    /** Where a body's bytes come from: read whole already, or a file channel to stream. */
    public static final class BodySource implements AutoCloseable {
        final byte[] bytes;
        private final FileChannel channel;
        private final Set<BodySource> open; // the store's streams not yet read to the end
        private long position;
        private long remaining;

        BodySource(byte[] bytes) {
            this.bytes = bytes;
            this.channel = null;
            this.open = null;
        }

        BodySource(FileChannel channel, long position, long length, Set<BodySource> open) {
            this.bytes = null;
            this.channel = channel;
            this.position = position;
            this.remaining = length;
            this.open = open;
            open.add(this);
        }

        /** The next chunk (at most {@code max} bytes), or null at the end (then the file is closed). */
        public ByteBuffer next(int max) throws IOException {
            if (bytes != null) throw new IllegalStateException("a whole body has no chunks");
            if (remaining <= 0) {
                close();
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(max, remaining));
            while (b.hasRemaining()) {
                int n = channel.read(b, position);
                if (n < 0) throw new IOException("R2 body file ended early");
                position += n;
            }
            remaining -= b.capacity();
            return b.flip();
        }

        @Override
        public void close() {
            if (open != null) open.remove(this);
            try {
                if (channel != null) channel.close();
            } catch (IOException ignored) {
                // a read-only handle
            }
        }
    }

    R2Store(Path dir, SimClock clock) {
        this.clock = clock;
        try {
            this.temporary = dir == null;
            this.blobDir = dir == null ? Files.createTempDirectory("workersim-r2-") : Files.createDirectories(dir.resolve("blobs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.db = new MetaDb(dir == null ? null : dir.resolve("meta"), SCHEMA,
                "R2 bucket \"" + (dir == null ? "" : dir.getFileName()) + "\"");
        if (!temporary) removeOrphanBlobs();
    }

    /** The store of bucket {@code bucket} under a persist root, where the R2 binding keeps it (for `sim r2`). */
    public static R2Store openLocal(Path persistRoot, String bucket, SimClock clock) {
        return new R2Store(persistRoot.resolve("r2").resolve(bucket), clock);
    }

    // ---- reads (blocking: call off the worker's loop) ----

    ObjectMeta head(String key) {
        return db.read(c -> row(c, key));
    }

    /**
     * The object with its body (the range of it), or without when {@code onlyIf} fails; null when
     * absent. The body's file is opened before the row can be replaced, so it reads one version.
     */
    Got get(String key, Conditions onlyIf, RangeSpec range) {
        for (int attempt = 0; ; attempt++) {
            ObjectMeta m = head(key);
            if (m == null) return null;
            if (!onlyIf.pass(m)) return new Got(m, m.whole(), null);
            long[] r = range.resolve(m.size());
            try {
                FileChannel ch = FileChannel.open(blobDir.resolve(m.blob()), StandardOpenOption.READ);
                if (r[1] > WHOLE_READ_BYTES) return new Got(m, r, new BodySource(ch, r[0], r[1], openBodies));
                try (ch) {
                    ByteBuffer b = ByteBuffer.allocate((int) r[1]);
                    while (b.hasRemaining() && ch.read(b, r[0] + b.position()) >= 0) {
                        // read until full
                    }
                    return new Got(m, r, new BodySource(b.array()));
                }
            } catch (NoSuchFileException e) {
                if (attempt >= 3) throw new UncheckedIOException(e); // replaced under us: read the new row
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Page list(String prefix, int limit, String cursor, String startAfter, String delimiter) {
        String after = startAfter;
        String skipPrefix = null;
        if (cursor != null && !cursor.isEmpty()) {
            String c = decodeCursor(cursor);
            String last = c.length() >= 2 ? c.substring(2) : "";
            if (after == null || last.compareTo(after) > 0) after = last;
            if (c.startsWith("p:")) skipPrefix = last;
        }
        String from = after;
        String skip = skipPrefix;
        return db.read(c -> {
            String sql = "SELECT " + OBJECT_COLUMNS + " FROM objects WHERE object_key >= ?" + (from == null ? "" : " AND object_key > ?") + " ORDER BY object_key";
            List<ObjectMeta> objects = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            String lastItem = null;
            boolean truncated = false;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, prefix);
                if (from != null) ps.setString(2, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(1);
                        if (!key.startsWith(prefix)) break;
                        if (skip != null && key.startsWith(skip)) continue;
                        String rolled = null;
                        if (delimiter != null && !delimiter.isEmpty()) {
                            int i = key.indexOf(delimiter, prefix.length());
                            if (i >= 0) rolled = key.substring(0, i + delimiter.length());
                        }
                        if (rolled != null && !prefixes.isEmpty() && rolled.equals(prefixes.get(prefixes.size() - 1))) continue;
                        if (objects.size() + prefixes.size() == limit) {
                            truncated = true;
                            break;
                        }
                        if (rolled != null) {
                            prefixes.add(rolled);
                            lastItem = "p:" + rolled;
                        } else {
                            objects.add(meta(rs));
                            lastItem = "k:" + key;
                        }
                    }
                }
            }
            return new Page(objects, prefixes, truncated ? encodeCursor(lastItem) : null);
        });
    }

    static String encodeCursor(String item) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(item.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor.replace('+', '-').replace('/', '_').replace("=", "")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "k:" + cursor; // not ours: start after it as if it were a key
        }
    }

    // ---- writes: each completes once durable ----

    /** A new blob file to write a body into (then hand it to put or uploadPart). */
    StagedBody stage(String extraChecksum) {
        return new StagedBody(blobDir, extraChecksum);
    }

    /** Stores a finished body as {@code key}; null (and the body dropped) when {@code onlyIf} fails. */
    CompletableFuture<ObjectMeta> put(String key, StagedBody body, PutOptions o) {
        RuntimeException unwritten = finish(body);
        if (unwritten != null) return CompletableFuture.failedFuture(unwritten);
        return db.write((c, after) -> {
            ObjectMeta old = row(c, key);
            if (!o.onlyIf().isEmpty() && !o.onlyIf().pass(old)) {
                after.add(body::discard);
                return null;
            }
            String etag = HexFormat.of().formatHex(body.sum("md5"));
            ObjectMeta m = new ObjectMeta(key, newVersion(), body.size(), etag, clock.millis(), o.httpMetadataJson(),
                    o.customMetadataJson(), body.checksumsJson(), body.blob);
            upsert(c, m);
            if (old != null) after.add(() -> dropBlob(old.blob()));
            return m;
        }).whenComplete((m, err) -> {
            if (err != null) body.discard();
        });
    }

    /** Syncs a staged body; the failure (and the file dropped) when it could not be written, else null. */
    private static RuntimeException finish(StagedBody body) {
        try {
            body.finish();
            return null;
        } catch (RuntimeException e) {
            body.discard();
            return e;
        }
    }

    CompletableFuture<Void> delete(List<String> keys) {
        return db.write((c, after) -> {
            for (String key : keys) {
                ObjectMeta old = row(c, key);
                if (old == null) continue;
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM objects WHERE object_key = ?")) {
                    ps.setString(1, key);
                    ps.executeUpdate();
                }
                after.add(() -> dropBlob(old.blob()));
            }
            return null;
        });
    }

    CompletableFuture<String> createUpload(String key, String httpMetadataJson, String customMetadataJson) {
        String id = randomHex(32) + randomHex(32);
        return db.write((c, after) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO uploads VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, key);
                ps.setString(3, httpMetadataJson);
                ps.setString(4, customMetadataJson);
                ps.setInt(5, OPEN);
                ps.setLong(6, clock.millis());
                ps.executeUpdate();
            }
            return id;
        });
    }

    /** Stores a part; its etag is its MD5 (hex). Error 10024 when the upload is not open for this key. */
    CompletableFuture<String> uploadPart(String uploadId, String key, int partNumber, StagedBody body) {
        RuntimeException unwritten = finish(body);
        if (unwritten != null) return CompletableFuture.failedFuture(unwritten);
        return db.write((c, after) -> {
            Upload u = upload(c, uploadId);
            if (u == null || u.state != OPEN || !u.key.equals(key)) throw R2Error.noSuchUpload();
            String etag = HexFormat.of().formatHex(body.sum("md5"));
            String old = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT blob FROM parts WHERE upload_id = ? AND part_number = ?")) {
                ps.setString(1, uploadId);
                ps.setInt(2, partNumber);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) old = rs.getString(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO parts KEY (upload_id, part_number) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, uploadId);
                ps.setInt(2, partNumber);
                ps.setString(3, etag);
                ps.setLong(4, body.size());
                ps.setString(5, body.blob);
                ps.executeUpdate();
            }
            String replaced = old;
            if (replaced != null) after.add(() -> dropBlob(replaced));
            return etag;
        }).whenComplete((etag, err) -> {
            if (err != null) body.discard();
        });
    }

    /**
     * Joins the named parts, in the order given, into the object. The checks and their errors are
     * wrangler dev's (recorded): unknown upload 10001, finished one 10024, a part missing or with
     * another etag 10025, a non-final part under 5 MiB 10011, parts of unequal size 10048.
     */
    CompletableFuture<ObjectMeta> complete(String uploadId, String key, List<PartRef> parts) {
        return db.write((c, after) -> {
            Upload u = upload(c, uploadId);
            if (u == null) throw R2Error.internal();
            if (u.state != OPEN || !u.key.equals(key)) throw R2Error.noSuchUpload();
            Set<Integer> seen = new HashSet<>();
            for (PartRef p : parts) {
                if (!seen.add(p.partNumber())) throw R2Error.internal();
            }
            List<Part> stored = new ArrayList<>();
            for (PartRef p : parts) {
                Part s = part(c, uploadId, p.partNumber());
                if (s == null || !s.etag.equals(p.etag())) throw new R2Error(R2Error.INVALID_PART, "One or more of the specified parts could not be found.");
                stored.add(s);
            }
            for (int i = 0; i < stored.size() - 1; i++) {
                if (stored.get(i).size < MIN_PART_BYTES) {
                    throw new R2Error(R2Error.ENTITY_TOO_SMALL, "Your proposed upload is smaller than the minimum allowed object size.");
                }
                if (stored.get(i).size != stored.get(0).size) throw badUpload();
            }
            if (stored.size() > 1 && stored.get(stored.size() - 1).size > stored.get(0).size) throw badUpload();
            ObjectMeta m = join(key, u, stored);
            ObjectMeta old = row(c, key);
            upsert(c, m);
            try (PreparedStatement ps = c.prepareStatement("UPDATE uploads SET state = ? WHERE upload_id = ?")) {
                ps.setInt(1, COMPLETED);
                ps.setString(2, uploadId);
                ps.executeUpdate();
            }
            dropParts(c, uploadId, after);
            if (old != null) after.add(() -> dropBlob(old.blob()));
            return m;
        });
    }

    /** Aborts an open upload (a finished one is left as it is); an unknown upload is error 10001. */
    CompletableFuture<Void> abort(String uploadId, String key) {
        return db.write((c, after) -> {
            Upload u = upload(c, uploadId);
            if (u == null) throw R2Error.internal();
            if (u.state == OPEN && u.key.equals(key)) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE uploads SET state = ? WHERE upload_id = ?")) {
                    ps.setInt(1, ABORTED);
                    ps.setString(2, uploadId);
                    ps.executeUpdate();
                }
                dropParts(c, uploadId, after);
            }
            return null;
        });
    }

    // ---- for `sim r2` and the explorer: blocking calls ----

    /**
     * Stores {@code in} as {@code key} and waits until it is durable. {@code httpMetadataJson}: the
     * object's httpMetadata as the binding stores it ({"contentType": ..., "cacheExpiry": ms}).
     */
    public ObjectMeta write(String key, InputStream in, String httpMetadataJson) throws IOException {
        StagedBody body = stage(null);
        try {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) body.write(buf, 0, n);
        } catch (IOException | RuntimeException e) {
            body.discard();
            throw e;
        }
        return put(key, body, new PutOptions(httpMetadataJson, "{}", Conditions.NONE)).join();
    }

    /** The object's metadata, or null. */
    public ObjectMeta stat(String key) {
        return head(key);
    }

    /** The object's body as a stream (the caller closes it), or null when absent. */
    public InputStream open(String key) throws IOException {
        for (int attempt = 0; ; attempt++) {
            ObjectMeta m = head(key);
            if (m == null) return null;
            try {
                return Files.newInputStream(blobDir.resolve(m.blob()));
            } catch (NoSuchFileException e) {
                if (attempt >= 3) throw e;
            }
        }
    }

    /** Deletes {@code key} and waits until that is durable. */
    public void remove(String key) {
        delete(List.of(key)).join();
    }

    /** Every object whose key starts with {@code prefix}, in key order. */
    public List<ObjectMeta> objects(String prefix) {
        return list(prefix, Integer.MAX_VALUE, null, null, null).objects();
    }

    // ---- rows ----

    private record Upload(String key, String httpMetadataJson, String customMetadataJson, int state) {
    }

    private record Part(int number, String etag, long size, String blob) {
    }

    private static ObjectMeta row(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + OBJECT_COLUMNS + " FROM objects WHERE object_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? meta(rs) : null;
            }
        }
    }

    private static ObjectMeta meta(ResultSet rs) throws SQLException {
        return new ObjectMeta(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9));
    }

    private static void upsert(Connection c, ObjectMeta m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO objects (" + OBJECT_COLUMNS + ") KEY (object_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, m.key());
            ps.setString(2, m.version());
            ps.setLong(3, m.size());
            ps.setString(4, m.etag());
            ps.setLong(5, m.uploadedMillis());
            ps.setString(6, m.httpMetadataJson());
            ps.setString(7, m.customMetadataJson());
            ps.setString(8, m.checksumsJson());
            ps.setString(9, m.blob());
            ps.executeUpdate();
        }
    }

    private static Upload upload(Connection c, String uploadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT object_key, http_metadata, custom_metadata, state FROM uploads WHERE upload_id = ?")) {
            ps.setString(1, uploadId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Upload(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)) : null;
            }
        }
    }

    private static Part part(Connection c, String uploadId, int number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT etag, size, blob FROM parts WHERE upload_id = ? AND part_number = ?")) {
            ps.setString(1, uploadId);
            ps.setInt(2, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Part(number, rs.getString(1), rs.getLong(2), rs.getString(3)) : null;
            }
        }
    }

    private void dropParts(Connection c, String uploadId, List<Runnable> after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT blob FROM parts WHERE upload_id = ?")) {
            ps.setString(1, uploadId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String blob = rs.getString(1);
                    after.add(() -> dropBlob(blob));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM parts WHERE upload_id = ?")) {
            ps.setString(1, uploadId);
            ps.executeUpdate();
        }
    }

    /** Copies the parts into one new blob; the etag is the MD5 of the parts' MD5s, then "-" and the count. */
    private ObjectMeta join(String key, Upload u, List<Part> parts) throws IOException {
        StagedBody body = stage(null);
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[256 * 1024];
            for (Part p : parts) {
                md5.update(HexFormat.of().parseHex(p.etag));
                try (InputStream in = Files.newInputStream(blobDir.resolve(p.blob))) {
                    for (int n; (n = in.read(buf)) >= 0; ) body.write(buf, 0, n);
                }
            }
            body.finish();
        } catch (IOException | RuntimeException e) {
            body.discard();
            throw e;
        } catch (java.security.NoSuchAlgorithmException e) {
            body.discard();
            throw new IllegalStateException(e);
        }
        String etag = HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
        return new ObjectMeta(key, newVersion(), body.size(), etag, clock.millis(), u.httpMetadataJson, u.customMetadataJson, "{}", body.blob);
    }

    private static R2Error badUpload() {
        return new R2Error(R2Error.BAD_UPLOAD, "There was a problem with the multipart upload.");
    }

    private void dropBlob(String blob) {
        try {
            Files.deleteIfExists(blobDir.resolve(blob));
        } catch (IOException ignored) {
            // removed as an orphan at the next open
        }
    }

    /** Blob files no row names: a crash between writing a body and committing its row leaves these. */
    private void removeOrphanBlobs() {
        Set<String> named = db.read(c -> {
            Set<String> s = new HashSet<>();
            for (String sql : List.of("SELECT blob FROM objects", "SELECT blob FROM parts")) {
                try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) s.add(rs.getString(1));
                }
            }
            return s;
        });
        try (Stream<Path> files = Files.list(blobDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!named.contains(f.getFileName().toString())) Files.deleteIfExists(f);
            }
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static String newVersion() {
        return randomHex(32);
    }

    private static String randomHex(int digits) {
        byte[] b = new byte[digits / 2];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        for (BodySource b : List.copyOf(openBodies)) b.close();
        db.close();
        if (temporary) {
            try (Stream<Path> files = Files.walk(blobDir)) {
                for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // a temp folder
            }
        }
    }
}
