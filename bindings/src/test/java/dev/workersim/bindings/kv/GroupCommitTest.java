package dev.workersim.bindings.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.bindings.store.GroupCommitDb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.Serializer;

/** Writes queued together are committed together, so many concurrent writes cost few syncs. */
class GroupCommitTest {
    @Test
    void concurrentWritesShareCommitsAndAllBecomeDurable(@TempDir Path dir) {
        Path file = dir.resolve("t.db");
        int n = 5000;
        long start = System.nanoTime();
        try (GroupCommitDb db = GroupCommitDb.open(file, "test")) {
            ConcurrentMap<String, String> map = db.db().hashMap("m", Serializer.STRING, Serializer.STRING).createOrOpen();
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String k = "k" + i;
                writes.add(db.write(() -> {
                    map.put(k, "v");
                    return null;
                }));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        // One sync per write would take several seconds for 5000 writes (~780 syncs/s measured).
        assertTrue(ms < 4000, n + " writes took " + ms + " ms");
        try (GroupCommitDb db = GroupCommitDb.open(file, "test")) {
            assertEquals(n, db.db().hashMap("m", Serializer.STRING, Serializer.STRING).createOrOpen().size());
        }
    }
}
