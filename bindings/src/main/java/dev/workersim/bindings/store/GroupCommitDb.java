package dev.workersim.bindings.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.mapdb.DB;
import org.mapdb.DBMaker;

/**
 * A MapDB database whose writes become durable in groups. A commit syncs the write-ahead log, and
 * one sync per write caps a store at ~780 writes/s (shared/research/storage-probe.md), so a single
 * writer thread applies every write queued while the previous commit ran, makes them durable
 * together, and only then completes their futures: a write is acknowledged once it is on disk.
 *
 * <p>A write that comes with a redo record (see {@link #write(byte[], Mutation)}) is made durable by
 * appending the record to a {@link RedoLog} with one fdatasync; MapDB itself commits only at
 * checkpoints (every second or few MB, and at close), because its commit costs several syncs. After
 * a crash MapDB opens at its last checkpoint and {@link #recover} replays the log over it.
 *
 * <p>Reads may go straight to the maps from any thread (MapDB's maps are thread-safe); they can see
 * a write a little before it is acknowledged, never after it is lost.
 */
public final class GroupCommitDb implements AutoCloseable {
    /** A change to apply on the writer thread; returns what to do once it is committed, or null. */
    @FunctionalInterface
    public interface Mutation extends Supplier<Runnable> {
    }

    private record Pending(byte[] redo, Mutation mutation, CompletableFuture<Void> done) {
    }

    private static final Pending STOP = new Pending(null, null, null);
    private static final long CHECKPOINT_BYTES = 8L << 20;
    private static final long CHECKPOINT_NANOS = 1_000_000_000L;

    private final DB db;
    private final boolean durable;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final RedoLog redo; // null in memory
    private long lastCheckpoint = System.nanoTime();
    private boolean uncheckpointed; // the log holds records MapDB has not committed
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong groups = new java.util.concurrent.atomic.AtomicLong();

    private GroupCommitDb(DB db, boolean durable, String name, RedoLog redo) {
        this.db = db;
        this.durable = durable;
        this.redo = redo;
        this.writer = new Thread(this::run, "workersim-commit-" + name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Opens (or creates) {@code file} with a write-ahead log; {@code null} keeps everything in memory. */
    public static GroupCommitDb open(Path file, String name) {
        if (file == null) return new GroupCommitDb(DBMaker.memoryDB().make(), false, name, null);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DB db;
        try {
            db = DBMaker.fileDB(file.toFile()).transactionEnable().closeOnJvmShutdown().make();
        } catch (org.mapdb.DBException.FileLocked e) {
            // Two processes on one store would corrupt it; MapDB's lock refuses the second one.
            throw new StoreLockedException(file);
        }
        return new GroupCommitDb(db, true, name, new RedoLog(RedoLog.beside(file)));
    }

    /**
     * Replays the redo records a crash left over MapDB's last checkpoint ({@code apply} redoes one
     * record on the store's maps), then checkpoints. Call once after opening the maps, before any
     * write and before reading the maps.
     */
    public int recover(java.util.function.Consumer<byte[]> apply) {
        if (redo == null) return 0;
        int n = redo.replay(apply);
        if (n > 0) {
            try {
                db.commit();
                redo.truncate();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return n;
    }

    public DB db() {
        return db;
    }

    public boolean durable() {
        return durable;
    }

    /** How many groups have been made durable so far (each cost one log sync or one MapDB commit). */
    public long durableGroups() {
        return groups.get();
    }

    /** Queues {@code mutation}; the future completes once the commit holding it is durable. */
    public CompletableFuture<Void> write(Mutation mutation) {
        return write(null, mutation);
    }

    /**
     * Queues {@code mutation} with the record that redoes it after a crash (what the store's
     * {@link #recover} callback reads); the future completes once the record is on disk.
     */
    public CompletableFuture<Void> write(byte[] redoRecord, Mutation mutation) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the store is closed"));
            return done;
        }
        queue.add(new Pending(redoRecord, mutation, done));
        return done;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        List<Runnable> afterCommit = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                Pending first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) { // idle: a good moment to fold the log into MapDB
                    if (uncheckpointed) checkpoint();
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, through STOP, so no queued write is dropped
            }
            queue.drainTo(batch);
            List<Pending> applied = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                if (p == STOP) {
                    stop = true;
                    continue;
                }
                try {
                    Runnable after = p.mutation.get();
                    if (after != null) afterCommit.add(after);
                    applied.add(p);
                } catch (RuntimeException e) {
                    p.done.completeExceptionally(e);
                }
            }
            commit(applied, afterCommit);
            batch.clear();
            afterCommit.clear();
        }
        if (uncheckpointed) checkpoint();
    }

    /** Commits MapDB, which then holds everything the log does, and empties the log. */
    private void checkpoint() {
        try {
            db.commit();
            redo.truncate();
            uncheckpointed = false;
        } catch (IOException | RuntimeException e) {
            // The log still holds every acknowledged write; the next checkpoint or recover() retries.
        }
        lastCheckpoint = System.nanoTime();
    }

    private void commit(List<Pending> applied, List<Runnable> afterCommit) {
        if (applied.isEmpty()) return;
        groups.incrementAndGet();
        if (durable && redo != null && applied.stream().allMatch(p -> p.redo != null) && logged(applied)) {
            finish(applied, afterCommit);
            if (redo.size() > CHECKPOINT_BYTES || System.nanoTime() - lastCheckpoint > CHECKPOINT_NANOS) checkpoint();
            return;
        }
        try {
            if (durable) {
                db.commit();
                if (redo != null && uncheckpointed) {
                    redo.truncate();
                    uncheckpointed = false;
                }
            }
        } catch (IOException e) {
            uncheckpointed = true; // the commit held; the log is only longer than it needs to be
        } catch (RuntimeException e) {
            try {
                db.rollback();
            } catch (RuntimeException ignored) {
                // the commit's own failure is what callers need to see
            }
            for (Pending p : applied) p.done.completeExceptionally(e);
            return;
        }
        finish(applied, afterCommit);
    }

    /** Appends the batch's records with one sync; false if the log failed (MapDB's commit then makes them durable). */
    private boolean logged(List<Pending> applied) {
        List<byte[]> records = new ArrayList<>(applied.size());
        for (Pending p : applied) records.add(p.redo);
        try {
            redo.appendAndSync(records);
            uncheckpointed = true;
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void finish(List<Pending> applied, List<Runnable> afterCommit) {
        for (Runnable r : afterCommit) {
            try {
                r.run();
            } catch (RuntimeException ignored) {
                // clean-up after a commit (deleting a replaced blob) must not fail the write
            }
        }
        for (Pending p : applied) p.done.complete(null);
    }

    /** The store is open in another process (usually a running `sim dev` on the same state folder). */
    public static final class StoreLockedException extends IllegalStateException {
        public StoreLockedException(Path file) {
            super(file + " is in use by another process (a `sim dev` running on the same state?). "
                    + "Stop it first, or point this command elsewhere with --persist-to. Nothing was written.");
        }
    }

    /** Commits what is queued, then closes the database. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        queue.add(STOP);
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!db.isClosed()) db.close();
        if (redo != null) redo.close();
    }
}
