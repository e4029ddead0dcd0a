package dev.workersim.bindings.queues;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The messages of every queue of one simulator, in H2 (one table). A single writer thread owns the
 * connection: it takes every change queued while its last transaction ran and commits them together
 * (group commit), then completes their futures, so a send is acknowledged only once its message is
 * stored, without one commit per message. On a file database the broker reloads all messages at
 * start: what was sent and not yet acknowledged survives a restart.
 */
final class QueueStore implements AutoCloseable {
    /** One change, run inside the writer's transaction. */
    @FunctionalInterface
    private interface Change {
        void apply(Connection c) throws SQLException;
    }

    private record Pending(Change change, CompletableFuture<Void> done) {
    }

    private static final Pending STOP = new Pending(null, null);

    private final Connection connection;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;

    private static final String HOLDS = "messages of every queue (queues.producers and queues.consumers)";

    /** @param dir where the database files go, or null for a database in memory */
    QueueStore(Path dir) {
        Path file = dir == null ? null : dir.resolve("messages.mv.db");
        String damage = file == null ? null : dev.workersim.bindings.store.StoreFileCheck.h2(file);
        if (damage != null) throw new dev.workersim.bindings.store.DamagedStoreException(HOLDS, file, dir, damage, null);
        try {
            String url;
            if (dir == null) {
                url = "jdbc:h2:mem:";
            } else {
                Files.createDirectories(dir);
                // WRITE_DELAY=0: a commit is written out when it returns, not half a second later.
                url = "jdbc:h2:file:" + dir.resolve("messages").toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
            }
            connection = DriverManager.getConnection(url);
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS queue_messages (id VARCHAR(64) PRIMARY KEY, seq BIGINT NOT NULL, "
                        + "queue VARCHAR(1024) NOT NULL, content_type VARCHAR(8) NOT NULL, body VARBINARY NOT NULL, "
                        + "sent_at BIGINT NOT NULL, visible_at BIGINT NOT NULL, failed_attempts INT NOT NULL)");
            }
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            if (file != null && dev.workersim.bindings.store.StoreFileCheck.h2SaysDamaged(e)) {
                throw new dev.workersim.bindings.store.DamagedStoreException(HOLDS, file, dir, e);
            }
            throw new IllegalStateException("cannot open the queue store" + (dir == null ? "" : " in " + dir) + ": "
                    + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot open the queue store" + (dir == null ? "" : " in " + dir) + ": "
                    + e.getMessage(), e);
        }
        writer = new Thread(this::writeLoop, "workersim-queues-db");
        writer.setDaemon(true);
        writer.start();
    }

    /** Every stored message, in send order (read once, at start). */
    List<QueueMessage> loadAll() {
        List<QueueMessage> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("SELECT id, seq, queue, content_type, body, sent_at, visible_at, failed_attempts "
                        + "FROM queue_messages ORDER BY seq")) {
            while (r.next()) {
                out.add(new QueueMessage(r.getString(1), r.getLong(2), r.getString(3), r.getString(4), r.getBytes(5),
                        r.getLong(6), r.getLong(7), r.getInt(8)));
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the queue store: " + e.getMessage(), e);
        }
        return out;
    }

    CompletableFuture<Void> insert(List<QueueMessage> messages) {
        return submit(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO queue_messages VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (QueueMessage m : messages) {
                    p.setString(1, m.id);
                    p.setLong(2, m.seq);
                    p.setString(3, m.queue);
                    p.setString(4, m.contentType);
                    p.setBytes(5, m.body);
                    p.setLong(6, m.timestamp);
                    p.setLong(7, m.visibleAt);
                    p.setInt(8, m.failedAttempts);
                    p.addBatch();
                }
                p.executeBatch();
            }
        });
    }

    /** Stores where a message now stands (retried, or moved to a dead letter queue). */
    CompletableFuture<Void> update(String id, String queueName, long visibleAt, int failedAttempts) {
        return submit(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE queue_messages SET queue = ?, visible_at = ?, failed_attempts = ? WHERE id = ?")) {
                p.setString(1, queueName);
                p.setLong(2, visibleAt);
                p.setInt(3, failedAttempts);
                p.setString(4, id);
                p.executeUpdate();
            }
        });
    }

    /** Forgets acknowledged or dropped messages. */
    CompletableFuture<Void> delete(List<String> ids) {
        return submit(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM queue_messages WHERE id = ?")) {
                for (String id : ids) {
                    p.setString(1, id);
                    p.addBatch();
                }
                p.executeBatch();
            }
        });
    }

    private CompletableFuture<Void> submit(Change change) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(change, done));
        return done;
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group);
            boolean stop = group.remove(STOP);
            commit(group);
            group.clear();
            if (stop) return;
        }
    }

    private void commit(List<Pending> group) {
        if (group.isEmpty()) return;
        try {
            for (Pending p : group) p.change.apply(connection);
            connection.commit();
            group.forEach(p -> p.done.complete(null));
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the failure below is what the callers hear
            }
            group.forEach(p -> p.done.completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        queue.add(STOP);
        try {
            writer.join(10_000);
            connection.close();
        } catch (InterruptedException | SQLException e) {
            Thread.currentThread().interrupt();
        }
    }
}
