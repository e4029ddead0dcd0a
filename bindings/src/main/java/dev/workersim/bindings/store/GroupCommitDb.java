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
 * writer thread applies every write queued while the previous commit ran, commits them together,
 * and only then completes their futures: a write is acknowledged once it is on disk.
 *
 * <p>Reads may go straight to the maps from any thread (MapDB's maps are thread-safe); they can see
 * a write a little before it is acknowledged, never after it is lost.
 */
public final class GroupCommitDb implements AutoCloseable {
    /** A change to apply on the writer thread; returns what to do once it is committed, or null. */
    @FunctionalInterface
    public interface Mutation extends Supplier<Runnable> {
    }

    private record Pending(Mutation mutation, CompletableFuture<Void> done) {
    }

    private static final Pending STOP = new Pending(null, null);

    private final DB db;
    private final boolean durable;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    private GroupCommitDb(DB db, boolean durable, String name) {
        this.db = db;
        this.durable = durable;
        this.writer = new Thread(this::run, "workersim-commit-" + name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Opens (or creates) {@code file} with a write-ahead log; {@code null} keeps everything in memory. */
    public static GroupCommitDb open(Path file, String name) {
        if (file == null) return new GroupCommitDb(DBMaker.memoryDB().make(), false, name);
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
        return new GroupCommitDb(db, true, name);
    }

    public DB db() {
        return db;
    }

    public boolean durable() {
        return durable;
    }

    /** Queues {@code mutation}; the future completes once the commit holding it is durable. */
    public CompletableFuture<Void> write(Mutation mutation) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the store is closed"));
            return done;
        }
        queue.add(new Pending(mutation, done));
        return done;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        List<Runnable> afterCommit = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
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
    }

    private void commit(List<Pending> applied, List<Runnable> afterCommit) {
        if (applied.isEmpty()) return;
        try {
            if (durable) db.commit();
        } catch (RuntimeException e) {
            try {
                db.rollback();
            } catch (RuntimeException ignored) {
                // the commit's own failure is what callers need to see
            }
            for (Pending p : applied) p.done.completeExceptionally(e);
            return;
        }
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
        StoreLockedException(Path file) {
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
    }
}
