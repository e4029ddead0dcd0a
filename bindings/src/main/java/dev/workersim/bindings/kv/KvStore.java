package dev.workersim.bindings.kv;

import dev.workersim.bindings.store.DamagedStoreException;
import dev.workersim.bindings.store.GroupCommitDb;
import dev.workersim.bindings.store.KeyValueRedo;
import dev.workersim.core.runtime.SimClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.mapdb.BTreeMap;
import org.mapdb.Serializer;

/**
 * One KV namespace: a MapDB B-tree from the key's UTF-8 bytes to a {@link KvRecord}, mirrored in a
 * concurrent skip list that serves every read. MapDB's reads wait while a commit holds its locks,
 * and the worker's loop must never wait on a sync, so MapDB is only written (by the commit thread)
 * and read once, at open. Keys compare as unsigned bytes: UTF-8 byte order, the order `list` returns.
 * Values above {@link #BLOB_THRESHOLD} live in files under {@code blobs/}, so the tree's pages stay
 * small; a blob is synced before the record naming it is committed, and removed after the commit
 * that replaced it.
 */
public final class KvStore implements AutoCloseable {
    static final int BLOB_THRESHOLD = 64 * 1024;

    private final GroupCommitDb db;
    private final BTreeMap<byte[], byte[]> map;
    private final ConcurrentSkipListMap<byte[], byte[]> live = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final Path blobDir; // null in memory
    private final SimClock clock;

    /** One listed key: its expiration (epoch ms, or -1) and metadata JSON (or null). */
    public record Listed(String name, long expiresAtMillis, String metadataJson) {
    }

    record Page(List<Listed> keys, boolean complete) {
    }

    /** @param holds what the store is, naming the binding, for the error a damaged file gives */
    KvStore(Path dir, SimClock clock, String holds) {
        this.clock = clock;
        Path file = dir == null ? null : dir.resolve("kv.db");
        this.db = DamagedStoreException.whileOpening(holds, file, dir, () -> GroupCommitDb.open(file, "kv"));
        try {
            this.map = db.db().treeMap("entries", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).createOrOpen();
            db.recover(this::redo); // writes acknowledged after MapDB's last checkpoint
            live.putAll(map); // reads every entry, so a damaged tree is found now, not by a later get()
        } catch (RuntimeException e) {
            db.close();
            throw DamagedStoreException.ifDamage(holds, file, dir, e);
        }
        this.blobDir = dir == null ? null : dir.resolve("blobs");
        if (blobDir != null) removeOrphanBlobs();
    }

    /**
     * Opens the local store of namespace {@code namespaceId} under a persist root, where a worker's
     * KV binding keeps it (for `sim kv`; a running `sim dev` holds the same file open).
     */
    public static KvStore openLocal(Path persistRoot, String namespaceId, SimClock clock) {
        return new KvStore(persistRoot.resolve("kv").resolve(namespaceId), clock, "KV namespace \"" + namespaceId + "\"");
    }

    /** The value of {@code key}, or null when absent or expired. */
    public byte[] read(String key) {
        KvRecord r = get(key);
        return r == null ? null : value(r);
    }

    /** The metadata JSON of {@code key}, or null. */
    public String readMetadata(String key) {
        KvRecord r = get(key);
        return r == null ? null : r.metadataJson();
    }

    /** Stores {@code value} and waits until it is durable ({@code expiresAtMillis} -1: never expires). */
    public void write(String key, byte[] value, long expiresAtMillis, String metadataJson) {
        put(key, value, expiresAtMillis, metadataJson).join();
    }

    /** Deletes {@code key} and waits until that is durable. */
    public void remove(String key) {
        delete(key).join();
    }

    /** Every live key starting with {@code prefix}, in KV's order. */
    public List<Listed> keys(String prefix) {
        return list(prefix, Integer.MAX_VALUE, null).keys();
    }

    static byte[] keyBytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** The live record of {@code key}, or null when absent or expired (an expired one is removed). */
    KvRecord get(String key) {
        byte[] k = keyBytes(key);
        byte[] raw = live.get(k);
        if (raw == null) return null;
        KvRecord r = KvRecord.decode(raw);
        if (r.expiredAt(clock.millis())) {
            removeIfExpired(k, raw);
            return null;
        }
        return r;
    }

    /** The value bytes of {@code r}; reads the blob file for a large value. */
    byte[] value(KvRecord r) {
        if (!r.isBlob()) return r.inlineValue();
        try {
            return Files.readAllBytes(blobDir.resolve(r.blobName()));
        } catch (IOException e) {
            throw new UncheckedIOException("KV blob " + r.blobName() + " unreadable", e);
        }
    }

    /** Stores the value; call off the loop when it may be large (the blob is written here). */
    CompletableFuture<Void> put(String key, byte[] value, long expiresAtMillis, String metadataJson) {
        KvRecord record;
        if (blobDir != null && value.length > BLOB_THRESHOLD) {
            String name = UUID.randomUUID().toString();
            writeBlob(name, value);
            record = KvRecord.blob(name, value.length, expiresAtMillis, metadataJson);
        } else {
            record = KvRecord.inline(value, expiresAtMillis, metadataJson);
        }
        byte[] k = keyBytes(key);
        byte[] encoded = record.encode();
        // The mirror and the commit queue change together, so the disk sees writes in the order readers did.
        synchronized (this) {
            live.put(k, encoded);
            return db.write(redoRecord(k, encoded), () -> dropBlobAfterCommit(map.put(k, encoded)));
        }
    }

    CompletableFuture<Void> delete(String key) {
        byte[] k = keyBytes(key);
        synchronized (this) {
            live.remove(k);
            return db.write(redoRecord(k, null), () -> dropBlobAfterCommit(map.remove(k)));
        }
    }

    /** Live keys starting with {@code prefix}, after the key {@code after} (exclusive) when given. */
    Page list(String prefix, int limit, byte[] after) {
        byte[] p = keyBytes(prefix);
        // A cursor before the prefix (or from another prefix) starts at the prefix itself.
        Map<byte[], byte[]> tail = after != null && Arrays.compareUnsigned(after, p) >= 0
                ? live.tailMap(after, false) : live.tailMap(p, true);
        long now = clock.millis();
        List<Listed> out = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : tail.entrySet()) {
            byte[] k = e.getKey();
            if (!startsWith(k, p)) break;
            KvRecord r = KvRecord.decode(e.getValue());
            if (r.expiredAt(now)) continue;
            if (out.size() == limit) return new Page(out, false);
            out.add(new Listed(new String(k, StandardCharsets.UTF_8), r.expiresAtMillis(), r.metadataJson()));
        }
        return new Page(out, true);
    }

    private void removeIfExpired(byte[] k, byte[] expired) {
        synchronized (this) {
            if (!live.remove(k, expired)) return; // rewritten meanwhile
            db.write(redoRecord(k, null), () -> dropBlobAfterCommit(map.remove(k)));
        }
    }

    private static byte[] redoRecord(byte[] key, byte[] encoded) {
        return KeyValueRedo.encode(key, encoded);
    }

    private void redo(byte[] record) {
        KeyValueRedo.decode(record, map::put, map::remove);
    }

    private Runnable dropBlobAfterCommit(byte[] replaced) {
        if (replaced == null || blobDir == null) return null;
        KvRecord old = KvRecord.decode(replaced);
        if (!old.isBlob()) return null;
        return () -> {
            try {
                Files.deleteIfExists(blobDir.resolve(old.blobName()));
            } catch (IOException e) {
                // an orphan blob is harmless and is removed at the next open
            }
        };
    }

    private void writeBlob(String name, byte[] value) {
        try {
            Files.createDirectories(blobDir);
            try (FileChannel ch = FileChannel.open(blobDir.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(value);
                while (b.hasRemaining()) ch.write(b);
                ch.force(true);
            }
            // The directory entry must be durable too, or a crash can lose the file the record names.
            try (FileChannel dir = FileChannel.open(blobDir, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // not every platform can sync a directory
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Blobs written by a put whose commit never happened (a crash in between). */
    private void removeOrphanBlobs() {
        if (!Files.isDirectory(blobDir)) return;
        Set<String> referenced = new HashSet<>();
        for (byte[] raw : map.values()) {
            KvRecord r = KvRecord.decode(raw);
            if (r.isBlob()) referenced.add(r.blobName());
        }
        try (Stream<Path> files = Files.list(blobDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!referenced.contains(f.getFileName().toString())) Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean startsWith(byte[] k, byte[] p) {
        return k.length >= p.length && Arrays.equals(k, 0, p.length, p, 0, p.length);
    }

    @Override
    public void close() {
        db.close();
    }
}
