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
        long groups;
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
            groups = db.durableGroups();
        }
        // Queued while a sync runs, writes join the next group: far fewer syncs than writes.
        assertTrue(groups < n / 10, n + " writes took " + groups + " syncs");
        try (GroupCommitDb db = GroupCommitDb.open(file, "test")) {
            assertEquals(n, db.db().hashMap("m", Serializer.STRING, Serializer.STRING).createOrOpen().size());
        }
    }

    /** Writes with redo records are durable in the log before MapDB commits; a reopen replays them. */
    @Test
    void loggedWritesSurviveWithoutACheckpoint(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.db");
        try (GroupCommitDb db = GroupCommitDb.open(file, "test")) {
            db.recover(r -> { });
            ConcurrentMap<String, String> map = db.db().hashMap("m", Serializer.STRING, Serializer.STRING).createOrOpen();
            db.db().commit(); // the map's creation is part of the checkpoint
            db.write("a=1".getBytes(), () -> {
                map.put("a", "1");
                return null;
            }).join();
            // A crash now: copy the files as they are on disk, before any checkpoint or close.
            try (var files = java.nio.file.Files.list(dir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith("t.db")) java.nio.file.Files.copy(f, dir.resolve("c" + name.substring(1)));
                }
            }
        }
        try (GroupCommitDb db = GroupCommitDb.open(dir.resolve("c.db"), "test")) {
            ConcurrentMap<String, String> map = db.db().hashMap("m", Serializer.STRING, Serializer.STRING).createOrOpen();
            List<String> replayed = new ArrayList<>();
            assertEquals(1, db.recover(r -> {
                String[] kv = new String(r).split("=");
                replayed.add(kv[0]);
                map.put(kv[0], kv[1]);
            }));
            assertEquals(List.of("a"), replayed);
            assertEquals("1", map.get("a"));
        }
        try (GroupCommitDb db = GroupCommitDb.open(dir.resolve("c.db"), "test")) {
            assertEquals(0, db.recover(r -> { }), "the replay was checkpointed and the log emptied");
            assertEquals("1", db.db().hashMap("m", Serializer.STRING, Serializer.STRING).createOrOpen().get("a"));
        }
    }
}
