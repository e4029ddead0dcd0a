package dev.workersim.bindings.cache;

import dev.workersim.bindings.store.DamagedStoreException;
import dev.workersim.bindings.store.GroupCommitDb;
import dev.workersim.bindings.store.KeyValueRedo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.mapdb.BTreeMap;
import org.mapdb.Serializer;

/**
 * Every cache of the simulator in one MapDB tree: key "cache name \0 URL", value the stored
 * response (expiry, status, flat headers, body). Under {@code <persist>/cache/cache.db}.
 */
final class CacheStore implements AutoCloseable {
    record Entry(long expiresAtMillis, int status, String headers, byte[] body) {
        byte[] encode() {
            byte[] h = headers.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(8 + 4 + 4 + h.length + body.length)
                    .putLong(expiresAtMillis).putInt(status).putInt(h.length).put(h).put(body).array();
        }

        static Entry decode(byte[] raw) {
            ByteBuffer b = ByteBuffer.wrap(raw);
            long expires = b.getLong();
            int status = b.getInt();
            byte[] h = new byte[b.getInt()];
            b.get(h);
            byte[] body = new byte[b.remaining()];
            b.get(body);
            return new Entry(expires, status, new String(h, StandardCharsets.UTF_8), body);
        }
    }

    private final GroupCommitDb db;
    private final BTreeMap<String, byte[]> map;

    private static final String HOLDS = "Cache API's responses (caches.default, caches.open)";

    CacheStore(Path root) {
        Path dir = root == null ? null : root.resolve("cache");
        Path file = dir == null ? null : dir.resolve("cache.db");
        db = DamagedStoreException.whileOpening(HOLDS, file, dir, () -> GroupCommitDb.open(file, "cache"));
        try {
            map = db.db().treeMap("responses", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
            db.recover(this::redo); // puts and deletes acknowledged after MapDB's last checkpoint
            map.forEach((k, v) -> { }); // reads every page once, so a damaged file is refused at open
        } catch (RuntimeException e) {
            db.close();
            throw DamagedStoreException.ifDamage(HOLDS, file, dir, e);
        }
    }

    /** Whether a persisted cache exists under {@code root} (then it is opened, and checked, at start). */
    static boolean existsUnder(Path root) {
        return root != null && java.nio.file.Files.exists(root.resolve("cache").resolve("cache.db"));
    }

    private static byte[] redoRecord(String key, byte[] raw) {
        return KeyValueRedo.encode(key.getBytes(StandardCharsets.UTF_8), raw);
    }

    private void redo(byte[] record) {
        KeyValueRedo.decode(record, (k, raw) -> map.put(new String(k, StandardCharsets.UTF_8), raw),
                k -> map.remove(new String(k, StandardCharsets.UTF_8)));
    }

    private static String key(String cache, String url) {
        return cache + "\0" + url;
    }

    Entry get(String cache, String url) {
        byte[] raw = map.get(key(cache, url));
        return raw == null ? null : Entry.decode(raw);
    }

    CompletableFuture<Void> put(String cache, String url, Entry e) {
        byte[] raw = e.encode();
        String key = key(cache, url);
        return db.write(redoRecord(key, raw), () -> {
            map.put(key, raw);
            return null;
        });
    }

    /** Completes with whether an entry was there. */
    CompletableFuture<Boolean> delete(String cache, String url) {
        boolean[] removed = new boolean[1];
        String key = key(cache, url);
        return db.write(redoRecord(key, null), () -> {
            removed[0] = map.remove(key) != null;
            return null;
        }).thenApply(v -> removed[0]);
    }

    @Override
    public void close() {
        db.close();
    }
}
