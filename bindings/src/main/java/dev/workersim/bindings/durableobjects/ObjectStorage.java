package dev.workersim.bindings.durableobjects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.bindings.d1.Analysis;
import dev.workersim.bindings.d1.D1Database;
import dev.workersim.bindings.d1.D1Exception;
import dev.workersim.bindings.d1.SqlGuard;
import dev.workersim.bindings.d1.Json;
import dev.workersim.bindings.d1.RowCounter;
import dev.workersim.bindings.d1.SqlText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.graalvm.polyglot.HostAccess;
import org.sqlite.SQLiteConnection;

/**
 * The storage of one Durable Object: one SQLite file (in memory without a persist root), as workerd
 * keeps it locally for both backends. The key-value API lives in the table {@code _cf_KV} (made on
 * first write), the alarm in {@code _cf_METADATA}, and SQL-backed objects add their own tables.
 *
 * <p>Every method is synchronous and runs on the loop of the isolate hosting the object (the SQL API
 * is synchronous in workerd too). Writes collect in one open transaction that the JS half commits
 * with {@link #flush()} once the current turn is done: puts of one turn share one commit (group
 * commit), and a put resolves only after it. WAL with synchronous=FULL makes each commit durable.
 */
public final class ObjectStorage implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Connection conn;
    private final org.sqlite.core.DB db;
    private final RowCounter counter;
    private final Deque<Savepoint> savepoints = new ArrayDeque<>();
    private boolean kvTable;
    private Long alarm;          // what getAlarm() answers (null while the alarm runs)
    private Long persistedAlarm; // what the file holds, until a run succeeds
    private volatile AlarmListener listener = (s, at) -> { };

    /** Hears when the alarm time changes (the scheduler). */
    interface AlarmListener {
        void alarmChanged(ObjectStorage storage, Long at);
    }

    private ObjectStorage(Connection conn) throws SQLException {
        this.conn = conn;
        this.db = ((SQLiteConnection) conn).getDatabase();
        this.counter = new RowCounter(conn);
        try (Statement s = conn.createStatement()) {
            if (tableExists("_cf_METADATA")) {
                try (ResultSet rs = s.executeQuery("SELECT value FROM _cf_METADATA WHERE key = 1")) {
                    if (rs.next()) persistedAlarm = rs.getLong(1);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_master WHERE name = '_cf_KV'")) {
                kvTable = rs.next();
            }
        }
        alarm = persistedAlarm;
        conn.setAutoCommit(false);
    }

    /** @param holds what it is (class and object), for the error a damaged file gives */
    static ObjectStorage open(Path file, String holds) {
        String damage = file == null ? null : dev.workersim.bindings.store.StoreFileCheck.sqlite(file);
        if (damage != null) throw new dev.workersim.bindings.store.DamagedStoreException(holds, file, file, damage, null);
        Connection c = null;
        try {
            if (file != null) Files.createDirectories(file.toAbsolutePath().getParent());
            c = DriverManager.getConnection(file == null ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                if (file != null) {
                    s.execute("PRAGMA journal_mode = WAL");
                    s.execute("PRAGMA synchronous = FULL"); // a resolved put survives a power cut too
                }
                s.execute("PRAGMA foreign_keys = ON");
            }
            SqlGuard.lockDown(c);
            return new ObjectStorage(c);
        } catch (SQLException e) {
            try {
                if (c != null) c.close();
            } catch (SQLException ignored) {
                // the open's own failure is what matters
            }
            if (file != null && dev.workersim.bindings.store.StoreFileCheck.sqliteSaysDamaged(e)) {
                throw new dev.workersim.bindings.store.DamagedStoreException(holds, file, file, e);
            }
            throw new IllegalStateException("cannot open Durable Object storage " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void listen(AlarmListener l) {
        listener = l;
    }

    // ---- key-value API: values arrive and leave as the JS half's serialized text ----

    /** The value of {@code key}, or null. */
    @HostAccess.Export
    public synchronized String get(String key) {
        if (!kvTable) return null;
        try (PreparedStatement ps = conn.prepareStatement("SELECT value FROM _cf_KV WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @HostAccess.Export
    public synchronized void put(String key, String value) {
        try {
            ensureKvTable();
            try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO _cf_KV (key, value) VALUES (?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, value);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** True when the key existed. */
    @HostAccess.Export
    public synchronized boolean delete(String key) {
        if (!kvTable) return false;
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM _cf_KV WHERE key = ?")) {
            ps.setString(1, key);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Entries in UTF-8 key order (SQLite's BINARY collation compares UTF-8 bytes) as a JSON array of
     * {@code [key, value]}; null bounds are absent, {@code limit <= 0} means none.
     */
    @HostAccess.Export
    public synchronized String list(String start, String startAfter, String end, String prefix, boolean reverse, int limit) {
        if (!kvTable) return "[]";
        StringBuilder sql = new StringBuilder("SELECT key, value FROM _cf_KV WHERE 1");
        List<String> args = new ArrayList<>();
        if (start != null) { sql.append(" AND key >= ?"); args.add(start); }
        if (startAfter != null) { sql.append(" AND key > ?"); args.add(startAfter); }
        if (end != null) { sql.append(" AND key < ?"); args.add(end); }
        if (prefix != null && !prefix.isEmpty()) {
            sql.append(" AND key >= ? AND substr(key, 1, length(?)) = ?");
            args.add(prefix);
            args.add(prefix);
            args.add(prefix);
        }
        sql.append(" ORDER BY key").append(reverse ? " DESC" : "");
        if (limit > 0) sql.append(" LIMIT ").append(limit);
        try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) ps.setString(i + 1, args.get(i));
            StringBuilder out = new StringBuilder("[");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (out.length() > 1) out.append(',');
                    out.append('[');
                    Json.string(out, rs.getString(1));
                    out.append(',');
                    Json.string(out, rs.getString(2));
                    out.append(']');
                }
            }
            return out.append(']').toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Removes every table (the key-value data and SQL tables) and, when asked, the alarm. */
    @HostAccess.Export
    public synchronized void deleteAll(boolean alarmToo) {
        try (Statement s = conn.createStatement()) {
            List<String[]> objects = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view')"
                    + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '_cf_METADATA'")) {
                while (rs.next()) objects.add(new String[] {rs.getString(1), rs.getString(2)});
            }
            s.execute("PRAGMA defer_foreign_keys = ON");
            for (String[] o : objects) s.execute("DROP " + o[0].toUpperCase() + " IF EXISTS \"" + o[1].replace("\"", "\"\"") + "\"");
            kvTable = false;
            counter.schemaChanged();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (alarmToo) deleteAlarm();
    }

    // ---- transactions ----

    /** Commits what this turn wrote, unless a transaction() is still open. */
    @HostAccess.Export
    public synchronized void flush() {
        if (!savepoints.isEmpty()) return;
        try {
            conn.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Durable Object storage commit failed: " + e.getMessage(), e);
        }
    }

    @HostAccess.Export
    public synchronized void begin() {
        try {
            savepoints.push(conn.setSavepoint());
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Ends the innermost transaction: kept, or undone. */
    @HostAccess.Export
    public synchronized void end(boolean keep) {
        Savepoint sp = savepoints.pop();
        try {
            if (!keep) {
                conn.rollback(sp);
                kvTable = tableExists("_cf_KV");
                counter.schemaChanged();
            }
            conn.releaseSavepoint(sp);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private boolean tableExists(String name) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM sqlite_master WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void ensureKvTable() throws SQLException {
        if (kvTable) return;
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS _cf_KV (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID");
        }
        kvTable = true;
    }

    // ---- SQL API ----

    /**
     * Runs {@code sql} (one or more statements; the cursor shows the last) with bindings given as a
     * JSON array (numbers, strings, null, {@code {"blob": [bytes]}}). Returns
     * {@code {"columns", "rows", "read", "written"}} as JSON, or {@code "!" + message} on error.
     */
    @HostAccess.Export
    public synchronized String exec(String sql, String bindingsJson) {
        List<String> parts = SqlText.split(sql);
        if (parts.isEmpty()) parts = List.of(sql);
        long read = 0;
        long written = 0;
        StringBuilder out = new StringBuilder(128);
        try {
            JsonNode bindings = MAPPER.readTree(bindingsJson);
            for (int i = 0; i < parts.size(); i++) {
                boolean last = i == parts.size() - 1;
                out.setLength(0);
                long[] rw = runPart(parts.get(i), last ? bindings : MAPPER.createArrayNode(), out);
                read += rw[0];
                written += rw[1];
            }
        } catch (IOException e) {
            return "!" + e.getMessage();
        } catch (SqlError e) {
            return "!" + e.getMessage();
        }
        return out.append(",\"read\":").append(read).append(",\"written\":").append(written).append('}').toString();
    }

    private static final class SqlError extends RuntimeException {
        SqlError(String message) {
            super(message);
        }
    }

    private long[] runPart(String sql, JsonNode bindings, StringBuilder out) {
        Analysis a = Analysis.of(sql);
        if (a.kind() == Analysis.Kind.TRANSACTION) throw new SqlError(D1Exception.TRANSACTIONS);
        String refused = SqlGuard.refusal(sql);
        if (refused != null) throw new SqlError(refused);
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int expected = ps.getParameterMetaData().getParameterCount();
            if (expected != bindings.size()) {
                throw new SqlError("Wrong number of parameter bindings for SQL query.");
            }
            for (int i = 0; i < bindings.size(); i++) bind(ps, i + 1, bindings.get(i));
            long changesBefore = db.total_changes();
            long lastRowId = lastRowId();
            RowCounter.Before before = counter.before(sql, a, lastRowId);
            long returned;
            out.append("{\"columns\":");
            if (ps.execute()) {
                returned = D1Database.writeRows(ps.getResultSet(), out);
            } else {
                out.append("[],\"rows\":[]");
                returned = 0;
            }
            long changes = db.total_changes() - changesBefore;
            if (a.ddl()) counter.schemaChanged();
            if (a.ddl() || a.kind() == Analysis.Kind.OTHER) kvTable = tableExists("_cf_KV");
            return counter.count(sql, a, before, returned, changes, lastRowId());
        } catch (SQLException e) {
            throw new SqlError(D1Exception.sqliteText(e, sql));
        }
    }

    private long lastRowId() throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    // Whole numbers bind as INTEGER (as workerd binds them), others as REAL.
    private static void bind(PreparedStatement ps, int at, JsonNode v) throws SQLException {
        if (v == null || v.isNull()) {
            ps.setNull(at, java.sql.Types.NULL);
        } else if (v.isNumber()) {
            double d = v.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) ps.setLong(at, (long) d); else ps.setDouble(at, d);
        } else if (v.isTextual()) {
            ps.setString(at, v.textValue());
        } else if (v.has("blob")) {
            JsonNode bytes = v.get("blob");
            byte[] b = new byte[bytes.size()];
            for (int i = 0; i < b.length; i++) b[i] = (byte) bytes.get(i).asInt();
            ps.setBytes(at, b);
        } else {
            ps.setString(at, v.toString());
        }
    }

    /** The database's size in bytes ({@code sql.databaseSize}). */
    @HostAccess.Export
    public synchronized double databaseSize() {
        try (Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    // ---- alarm ----

    /** The scheduled time in ms, or null (also while the alarm handler runs). */
    @HostAccess.Export
    public synchronized Double getAlarm() {
        return alarm == null ? null : alarm.doubleValue();
    }

    @HostAccess.Export
    public synchronized void setAlarm(double at) {
        alarm = (long) at;
        writeAlarm(alarm);
        listener.alarmChanged(this, alarm);
    }

    @HostAccess.Export
    public synchronized void deleteAlarm() {
        alarm = null;
        writeAlarm(null);
        listener.alarmChanged(this, null);
    }

    /** The persisted alarm (the scheduler reads it when the object's file is opened). */
    synchronized Long scheduledAlarm() {
        return alarm;
    }

    /** The alarm handler is starting: getAlarm() answers null unless the handler sets another. */
    synchronized boolean startAlarm(long at) {
        if (alarm == null || alarm != at) return false;
        alarm = null;
        return true;
    }

    /** The run ended; with {@code done} (success, or retries used up) its time is forgotten unless a new one was set. */
    synchronized void endAlarm(boolean done) {
        if (done && alarm == null && persistedAlarm != null) writeAlarm(null);
    }

    // The alarm row commits on its own: alarms are bookkeeping, not part of the object's write batch.
    private void writeAlarm(Long at) {
        try {
            if (at == null && persistedAlarm == null) return;
            try (Statement s = conn.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS _cf_METADATA (key INTEGER PRIMARY KEY, value BLOB)");
            }
            try (PreparedStatement ps = conn.prepareStatement(at == null ? "DELETE FROM _cf_METADATA WHERE key = 1"
                    : "INSERT OR REPLACE INTO _cf_METADATA (key, value) VALUES (1, ?)")) {
                if (at != null) ps.setLong(1, at);
                ps.executeUpdate();
            }
            if (savepoints.isEmpty()) conn.commit();
            persistedAlarm = at;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (savepoints.isEmpty()) conn.commit();
            conn.close();
        } catch (SQLException e) {
            // at shutdown there is nobody to tell
        }
    }
}
