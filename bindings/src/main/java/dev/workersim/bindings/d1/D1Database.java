package dev.workersim.bindings.d1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.DB;

/**
 * One D1 database: a SQLite connection and the single thread that owns it. D1 runs a database's
 * queries one at a time, so every call here is made on {@link #executor()}, which also keeps the
 * connection (not thread-safe) on one thread. Files use WAL journaling: a process that dies mid-write
 * leaves the last committed state behind, never a torn file.
 */
public final class D1Database implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    // PRAGMAs that would change how the file is stored or bypass the schema: workerd's authorizer denies them.
    private static final int CACHE_SIZE = 128;

    private final Connection conn;
    private final DB db;
    private final ExecutorService thread;
    private final RowCounter counter;
    private final Map<String, PreparedStatement> statements = lru();
    private final Map<String, List<String>> splits = lru();
    private final Map<String, Analysis> analyses = lru();
    private PreparedStatement metaQuery;
    private long lastRowId;

    private D1Database(Connection conn, String name) {
        this.conn = conn;
        this.db = ((SQLiteConnection) conn).getDatabase();
        this.counter = new RowCounter(conn);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "d1-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (creating it if needed) the database file; {@code file == null} gives an in-memory database. */
    public static D1Database open(Path file, String name) {
        return open(file, name, "D1 database \"" + name + "\"");
    }

    /** @param holds what it is, naming the binding, for the error a damaged file gives */
    public static D1Database open(Path file, String name, String holds) {
        String damage = file == null ? null : dev.workersim.bindings.store.StoreFileCheck.sqlite(file);
        if (damage != null) throw new dev.workersim.bindings.store.DamagedStoreException(holds, file, file, damage, null);
        Connection conn = null;
        try {
            if (file != null) Files.createDirectories(file.toAbsolutePath().getParent());
            conn = DriverManager.getConnection(file == null ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = conn.createStatement()) {
                if (file != null) {
                    s.execute("PRAGMA journal_mode = WAL");
                    s.execute("PRAGMA synchronous = NORMAL"); // with WAL: durable against a process crash
                }
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("PRAGMA foreign_keys = ON"); // D1 enforces foreign keys by default
            }
            SqlGuard.lockDown(conn);
            return new D1Database(conn, name);
        } catch (SQLException e) {
            closeQuietly(conn);
            if (file != null && dev.workersim.bindings.store.StoreFileCheck.sqliteSaysDamaged(e)) {
                throw new dev.workersim.bindings.store.DamagedStoreException(holds, file, file, e);
            }
            throw new IllegalStateException("cannot open D1 database " + (file == null ? name : file) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(Connection conn) {
        try {
            if (conn != null) conn.close();
        } catch (SQLException ignored) {
            // the open's own failure is what matters
        }
    }

    /** The file of database {@code databaseId} under a persist root (e.g. .wrangler/state). */
    public static Path file(Path persistRoot, String databaseId) {
        return persistRoot.resolve("d1").resolve(databaseId + ".sqlite");
    }

    /**
     * Runs SQL text (one or more statements) against a database under a persist root and returns
     * the results as a JSON array of {@code {columns, rows, meta}}: what a {@code sim d1 execute}
     * command needs.
     */
    public static String executeScript(Path persistRoot, String databaseId, String sql) {
        try (D1Database d = open(file(persistRoot, databaseId), databaseId)) {
            StringBuilder b = new StringBuilder("[");
            List<String> parts = SqlText.split(sql);
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) b.append(',');
                d.runPart(parts.get(i), List.of(), b);
            }
            return b.append(']').toString();
        }
    }

    /** The thread every other method must be called on. */
    public ExecutorService executor() {
        return thread;
    }

    /**
     * Runs a request from the JS half: {@code {"batch": bool, "stmts": [{"sql", "params"}]}}. A
     * batch runs in one transaction and rolls back entirely on the first error. Returns a JSON array
     * with one {@code {columns, rows, meta}} per statement.
     */
    public String run(String requestJson) {
        JsonNode req;
        try {
            req = MAPPER.readTree(requestJson);
        } catch (IOException e) {
            throw D1Exception.error("malformed request: " + e.getMessage());
        }
        JsonNode stmts = req.get("stmts");
        if (stmts.isEmpty()) throw D1Exception.error(D1Exception.NO_STATEMENTS);
        boolean batch = req.path("batch").asBoolean(false);
        StringBuilder out = new StringBuilder(256).append('[');
        try {
            if (batch) conn.setAutoCommit(false);
            for (int i = 0; i < stmts.size(); i++) {
                if (i > 0) out.append(',');
                JsonNode s = stmts.get(i);
                runStatement(s.get("sql").asText(), params(s.get("params")), out);
            }
            if (batch) conn.commit();
        } catch (SQLException e) {
            throw D1Exception.error(D1Exception.sqliteText(e, null));
        } finally {
            if (batch) rollbackQuietly();
        }
        return out.append(']').toString();
    }

    /**
     * {@code exec()}: the statements of a script, without parameters, in one transaction. Returns
     * {@code {"count", "duration"}}; an error names the line of the statement that failed.
     */
    public String exec(String script) {
        long t0 = System.nanoTime();
        List<String> parts = SqlText.split(script);
        if (parts.isEmpty()) throw new D1Exception("D1_EXEC_ERROR: Error in line 1: " + script.strip() + ": " + D1Exception.NO_STATEMENTS);
        StringBuilder sink = new StringBuilder();
        int at = 0;
        try {
            conn.setAutoCommit(false);
            for (String part : parts) {
                sink.setLength(0);
                try {
                    runPart(part, List.of(), sink);
                } catch (D1Exception e) {
                    at = script.indexOf(part, at);
                    throw execError(script, Math.max(at, 0), e.getMessage().replaceFirst("^D1_ERROR: ", ""));
                }
                at = Math.max(at, script.indexOf(part, at) + part.length());
            }
            conn.commit();
        } catch (SQLException e) {
            throw new D1Exception("D1_EXEC_ERROR: " + D1Exception.sqliteText(e, null));
        } finally {
            rollbackQuietly();
        }
        StringBuilder b = new StringBuilder("{\"count\":").append(parts.size()).append(",\"duration\":");
        Json.number(b, (System.nanoTime() - t0) / 1e6);
        return b.append('}').toString();
    }

    // "Error in line N: <that line>: <error>", as D1 words it.
    private static D1Exception execError(String script, int offset, String detail) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (script.charAt(i) == '\n') line++;
        }
        int start = script.lastIndexOf('\n', Math.max(offset - 1, 0)) + 1;
        if (offset == 0) start = 0;
        int end = script.indexOf('\n', offset);
        String text = script.substring(start, end < 0 ? script.length() : end).strip();
        return new D1Exception("D1_EXEC_ERROR: Error in line " + line + ": " + text + ": " + detail);
    }

    /** The whole database as one SQLite file image ({@code dump()}). */
    public byte[] dump() {
        try {
            return db.serialize("main");
        } catch (SQLException e) {
            throw new D1Exception("D1_DUMP_ERROR: " + D1Exception.sqliteText(e, null));
        }
    }

    private void rollbackQuietly() {
        try {
            if (!conn.getAutoCommit()) {
                conn.rollback();
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // The transaction is already gone; nothing is left to undo.
        }
    }

    private static List<Object> params(JsonNode node) {
        if (node == null || node.isEmpty()) return List.of();
        List<Object> out = new ArrayList<>(node.size());
        for (JsonNode p : node) {
            if (p.isNull()) {
                out.add(null);
            } else if (p.isNumber()) {
                out.add(p.doubleValue()); // D1 binds every JS number as a REAL
            } else if (p.isTextual()) {
                out.add(p.textValue());
            } else if (p.isBoolean()) {
                out.add(p.booleanValue() ? 1.0 : 0.0);
            } else {
                JsonNode bytes = p.get("blob");
                byte[] b = new byte[bytes.size()];
                for (int i = 0; i < b.length; i++) b[i] = (byte) bytes.get(i).asInt();
                out.add(b);
            }
        }
        return out;
    }

    // prepare() may hold several statements: D1 runs them all and answers with the last one's results.
    private void runStatement(String sql, List<Object> params, StringBuilder out) {
        List<String> parts = splits.computeIfAbsent(sql, SqlText::split);
        if (parts.isEmpty()) throw D1Exception.error(D1Exception.NO_STATEMENTS);
        StringBuilder sink = new StringBuilder();
        for (int i = 0; i < parts.size() - 1; i++) {
            sink.setLength(0);
            runPart(parts.get(i), List.of(), sink);
        }
        runPart(parts.get(parts.size() - 1), params, out);
    }

    private void runPart(String sql, List<Object> params, StringBuilder out) {
        Analysis a = analyses.computeIfAbsent(sql, Analysis::of);
        if (a.kind() == Analysis.Kind.TRANSACTION) throw D1Exception.error(D1Exception.TRANSACTIONS);
        String refused = SqlGuard.refusal(sql);
        if (refused != null) throw D1Exception.error(refused);
        long t0 = System.nanoTime();
        try {
            long changesBefore = db.total_changes();
            RowCounter.Before before = counter.before(sql, a, lastRowId);
            PreparedStatement ps = statement(sql);
            try {
                if (ps.getParameterMetaData().getParameterCount() != params.size()) throw D1Exception.error(D1Exception.WRONG_BINDINGS);
                bind(ps, params);
                out.append("{\"columns\":");
                long returned = ps.execute() ? writeRows(ps.getResultSet(), out) : writeNoRows(out);
                long changes = db.total_changes() - changesBefore;
                if (a.ddl()) counter.schemaChanged(); // cached statements re-prepare themselves; our facts do not
                writeMeta(out, sql, a, before, returned, changes, t0);
            } finally {
                ps.clearParameters();
            }
        } catch (SQLException e) {
            throw D1Exception.error(D1Exception.sqliteText(e, sql));
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = conn.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            if (v == null) ps.setNull(i + 1, java.sql.Types.NULL);
            else if (v instanceof Double d) ps.setDouble(i + 1, d);
            else if (v instanceof String s) ps.setString(i + 1, s);
            else ps.setBytes(i + 1, (byte[]) v);
        }
    }

    /** Writes `[names],"rows":[[values]...]` and returns the number of rows. */
    public static long writeRows(ResultSet rs, StringBuilder out) throws SQLException {
        try (rs) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            out.append('[');
            for (int i = 1; i <= n; i++) {
                if (i > 1) out.append(',');
                Json.string(out, md.getColumnLabel(i));
            }
            out.append("],\"rows\":[");
            long rows = 0;
            while (rs.next()) {
                if (rows++ > 0) out.append(',');
                out.append('[');
                for (int i = 1; i <= n; i++) {
                    if (i > 1) out.append(',');
                    Json.value(out, rs.getObject(i));
                }
                out.append(']');
            }
            out.append(']');
            return rows;
        }
    }

    private static long writeNoRows(StringBuilder out) {
        out.append("[],\"rows\":[]");
        return 0;
    }

    // The meta object in the order D1 gives its keys.
    private void writeMeta(StringBuilder out, String sql, Analysis a, RowCounter.Before before, long returned, long changes,
            long t0) throws SQLException {
        long sizeAfter;
        if (metaQuery == null) {
            metaQuery = conn.prepareStatement("SELECT last_insert_rowid(), page_count * page_size FROM pragma_page_count(), pragma_page_size()");
        }
        try (ResultSet rs = metaQuery.executeQuery()) {
            rs.next();
            lastRowId = rs.getLong(1);
            sizeAfter = rs.getLong(2);
        }
        long[] rw = counter.count(sql, a, before, returned, changes, lastRowId);
        double ms = (System.nanoTime() - t0) / 1e6;
        out.append(",\"meta\":{\"served_by\":\"workersim.db\",\"served_by_primary\":true,\"total_attempts\":1,\"timings\":{\"sql_duration_ms\":");
        Json.number(out, ms);
        out.append("},\"duration\":");
        Json.number(out, ms);
        out.append(",\"changes\":").append(changes)
                .append(",\"last_row_id\":").append(lastRowId)
                .append(",\"changed_db\":").append(a.writes())
                .append(",\"size_after\":").append(sizeAfter)
                .append(",\"rows_read\":").append(rw[0])
                .append(",\"rows_written\":").append(rw[1])
                .append("}}");
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            conn.close(); // closes the cached statements and checkpoints the WAL
        } catch (SQLException e) {
            // Closing at shutdown: nothing to report to.
        }
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                if (size() <= CACHE_SIZE) return false;
                if (eldest.getValue() instanceof PreparedStatement ps) {
                    try {
                        ps.close();
                    } catch (SQLException e) {
                        // An evicted statement that fails to close only leaks until the connection closes.
                    }
                }
                return true;
            }
        };
    }
}
