package dev.workersim.bindings.r2;

import dev.workersim.bindings.store.GroupCommitDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bucket's metadata database (H2, embedded): one writer thread that applies transactions and makes
 * them durable in groups (every transaction queued while the last sync ran shares the next
 * {@code CHECKPOINT SYNC}), and a few connections for reads, which H2's MVCC serves beside writes.
 * A transaction's future completes only once its commit is on disk.
 */
final class MetaDb implements AutoCloseable {
    /** Work inside one transaction; {@code after} collects what to do once it is durable. */
    @FunctionalInterface
    interface Tx<T> {
        T run(Connection c, List<Runnable> after) throws Exception;
    }

    @FunctionalInterface
    interface Read<T> {
        T run(Connection c) throws Exception;
    }

    private record Job(Tx<?> tx, CompletableFuture<Object> done, List<Runnable> after) {
    }

    private static final Job STOP = new Job(null, null, null);
    private static final int READERS = 2;

    private final String url;
    private final boolean durable;
    private final Connection writer;
    private final LinkedBlockingQueue<Connection> readers = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    /** {@code file} without H2's ".mv.db" suffix; null keeps the database in memory. */
    MetaDb(Path file, String schema, String holds) {
        Path mvFile = file == null ? null : file.resolveSibling(file.getFileName() + ".mv.db");
        String damage = mvFile == null ? null : dev.workersim.bindings.store.StoreFileCheck.h2(mvFile);
        // Moving only this file aside would make the next open delete every body as an orphan: the folder goes.
        if (damage != null) throw new dev.workersim.bindings.store.DamagedStoreException(holds, mvFile, file.getParent(), damage, null);
        this.durable = file != null;
        this.url = file == null ? "jdbc:h2:mem:r2-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
                : "jdbc:h2:file:" + file.toAbsolutePath();
        try {
            writer = open(file);
            writer.setAutoCommit(false);
            try (Statement s = writer.createStatement()) {
                for (String ddl : schema.split(";")) {
                    if (!ddl.isBlank()) s.execute(ddl);
                }
            }
            writer.commit();
            for (int i = 0; i < READERS; i++) readers.add(DriverManager.getConnection(url));
        } catch (SQLException e) {
            if (mvFile != null && dev.workersim.bindings.store.StoreFileCheck.h2SaysDamaged(e)) {
                throw new dev.workersim.bindings.store.DamagedStoreException(holds, mvFile, file.getParent(), e);
            }
            throw new IllegalStateException("R2 metadata database " + url + ": " + e.getMessage(), e);
        }
        thread = new Thread(this::run, "workersim-r2-commit");
        thread.setDaemon(true);
        thread.start();
    }

    private Connection open(Path file) throws SQLException {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            // 90020: "Database may be already in use" – another process (a running `sim dev`) holds it.
            if (e.getErrorCode() == 90020 && file != null) throw new GroupCommitDb.StoreLockedException(file.resolveSibling(file.getFileName() + ".mv.db"));
            throw e;
        }
    }

    /** Queues {@code tx} for the writer; completes with its result once durable. */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> write(Tx<T> tx) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the R2 store is closed"));
        } else {
            queue.add(new Job(tx, done, new ArrayList<>()));
        }
        return (CompletableFuture<T>) (CompletableFuture<?>) done;
    }

    /** Runs a read on a pooled connection; call it off the worker's loop. */
    <T> T read(Read<T> read) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try {
            return read.run(c);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    private void run() {
        List<Job> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                Job first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, so no queued job is dropped
            }
            queue.drainTo(batch);
            List<Job> committed = new ArrayList<>();
            List<Object> results = new ArrayList<>();
            for (Job j : batch) {
                if (j == STOP) {
                    stop = true;
                    continue;
                }
                try {
                    Object r = j.tx.run(writer, j.after);
                    writer.commit();
                    committed.add(j);
                    results.add(r);
                } catch (Exception e) {
                    try {
                        writer.rollback();
                    } catch (SQLException ignored) {
                        // the job's own failure is what its caller needs
                    }
                    j.done.completeExceptionally(e);
                }
            }
            batch.clear();
            finish(committed, results);
        }
    }

    private void finish(List<Job> committed, List<Object> results) {
        if (committed.isEmpty()) return;
        if (durable) {
            try (Statement s = writer.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            } catch (SQLException e) {
                for (Job j : committed) j.done.completeExceptionally(e);
                return;
            }
        }
        for (int i = 0; i < committed.size(); i++) {
            Job j = committed.get(i);
            for (Runnable r : j.after) {
                try {
                    r.run();
                } catch (RuntimeException ignored) {
                    // clean-up after a commit (removing a replaced blob) must not fail the write
                }
            }
            j.done.complete(results.get(i));
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        queue.add(STOP);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (!durable) {
                try (Statement s = writer.createStatement()) {
                    s.execute("SHUTDOWN");
                }
            }
            for (Connection c : readers) c.close();
            writer.close();
        } catch (SQLException ignored) {
            // closing: nothing left to protect
        }
    }
}
