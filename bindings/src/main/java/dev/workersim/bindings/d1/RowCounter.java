package dev.workersim.bindings.d1;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Estimates D1's {@code rows_read} and {@code rows_written}. workerd counts them inside a patched
 * SQLite's virtual machine (every row a cursor visits, every row and index entry written); the
 * stock SQLite in sqlite-jdbc has no such counters, so we model them from the statement's kind,
 * its query plan and the schema. The model matches wrangler dev for the common shapes: full scans,
 * key lookups, LIMIT, inserts with indexes and AUTOINCREMENT, upserts, CREATE TABLE and CREATE INDEX.
 * Schema facts are cached and dropped whenever a statement changes the schema.
 */
public final class RowCounter {
    /** The facts gathered before a statement runs that the estimate needs afterwards. */
    public record Before(long scanned, long schemaRows, long tables, long indexes, long lastRowId) {
    }

    private final Connection conn;
    private final Map<String, List<String>> scans = new HashMap<>();   // sql -> tables it fully scans
    private final Map<String, Boolean> searches = new HashMap<>();     // sql -> uses an index or key lookup
    private final Map<String, int[]> tableFacts = new HashMap<>();     // table -> {indexes, autoincrement}

    public RowCounter(Connection conn) {
        this.conn = conn;
    }

    public void schemaChanged() {
        scans.clear();
        searches.clear();
        tableFacts.clear();
    }

    public Before before(String sql, Analysis a, long lastRowId) throws SQLException {
        long scanned = 0;
        long schemaRows = 0;
        long tables = 0;
        long indexes = 0;
        switch (a.kind()) {
            case UPDATE, DELETE -> scanned = scannedRows(sql);
            case CREATE, DROP, ALTER, CREATE_INDEX -> {
                try (Statement s = conn.createStatement();
                        ResultSet rs = s.executeQuery("SELECT type, count(*) FROM sqlite_schema GROUP BY type")) {
                    while (rs.next()) {
                        long n = rs.getLong(2);
                        schemaRows += n;
                        if (rs.getString(1).equals("index")) indexes += n; else tables += n;
                    }
                }
            }
            default -> {
            }
        }
        return new Before(scanned, schemaRows, tables, indexes, lastRowId);
    }

    /** {rows_read, rows_written} for a statement that returned {@code returned} rows and changed {@code changes}. */
    public long[] count(String sql, Analysis a, Before b, long returned, long changes, long lastRowId) throws SQLException {
        switch (a.kind()) {
            case READ -> {
                if (a.limited()) return new long[] {returned, 0};
                long scanned = scannedRows(sql);
                boolean search = Boolean.TRUE.equals(searches.get(sql));
                return new long[] {scanned > 0 ? scanned + (search ? returned : 0) : (search ? returned : 0), 0};
            }
            case INSERT -> {
                int[] facts = tableFacts(a.table());
                if (facts == null) facts = new int[] {0, 0};
                long read = facts[1] + (a.returning() ? returned : 0);
                if (a.conflictClause()) read += changes; // the lookup of the conflicting row
                // An upsert that took its DO UPDATE path inserted nothing: the rowid did not move.
                boolean updated = a.conflictClause() && lastRowId == b.lastRowId() && changes > 0 && !isReplace(sql);
                long written = updated ? changes : changes * (1 + facts[0]) + (changes > 0 ? facts[1] : 0);
                return new long[] {read, written};
            }
            case UPDATE, DELETE -> {
                long read = b.scanned() > 0 ? b.scanned() : changes;
                return new long[] {read + (a.returning() ? returned : 0), changes};
            }
            case CREATE -> {
                long[] now = schemaCounts();
                long newTables = Math.max(0, now[0] - b.tables());
                long newIndexes = Math.max(0, now[1] - b.indexes());
                return new long[] {newTables, 2 * newTables + newIndexes};
            }
            case CREATE_INDEX -> {
                long[] now = schemaCounts();
                if (now[1] == b.indexes()) return new long[] {0, 0}; // IF NOT EXISTS and it existed
                long rows = countRows(a.table());
                return new long[] {b.schemaRows() + rows, 1 + rows};
            }
            case DROP -> {
                return new long[] {b.schemaRows() + 1, 0};
            }
            case ALTER -> {
                return new long[] {b.schemaRows(), 1};
            }
            default -> {
                return new long[] {returned, changes};
            }
        }
    }

    private static boolean isReplace(String sql) {
        String head = SqlText.stripComments(sql).strip().toUpperCase(Locale.ROOT);
        return head.startsWith("REPLACE") || head.matches("(?s)^INSERT\\s+OR\\s+REPLACE\\b.*");
    }

    private long[] schemaCounts() throws SQLException {
        long tables = 0;
        long indexes = 0;
        try (Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery("SELECT type, count(*) FROM sqlite_schema GROUP BY type")) {
            while (rs.next()) {
                if (rs.getString(1).equals("index")) indexes += rs.getLong(2); else tables += rs.getLong(2);
            }
        }
        return new long[] {tables, indexes};
    }

    // Rows of every table the statement's plan scans in full (a SCAN step), as they are now.
    private long scannedRows(String sql) throws SQLException {
        List<String> tables = scans.get(sql);
        if (tables == null) {
            tables = new ArrayList<>();
            boolean search = false;
            try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
                while (rs.next()) {
                    String detail = rs.getString("detail");
                    if (detail.startsWith("SEARCH ")) search = true;
                    if (detail.startsWith("SCAN ")) {
                        String name = Analysis.tokens(detail.substring(5), 1).stream().findFirst().orElse("");
                        if (tableFacts(name) != null) tables.add(name);
                    }
                }
            } catch (SQLException e) {
                // A statement the planner cannot explain (a PRAGMA, say) scans nothing we can count.
            }
            scans.put(sql, tables);
            searches.put(sql, search);
        }
        long total = 0;
        for (String t : tables) total += countRows(t);
        return total;
    }

    private long countRows(String table) throws SQLException {
        if (table == null) return 0;
        try (Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    /** {number of indexes, 1 if AUTOINCREMENT else 0} for a table, or null when there is no such table. */
    private int[] tableFacts(String table) throws SQLException {
        if (table == null) return new int[] {0, 0};
        int[] facts = tableFacts.get(table);
        if (facts != null) return facts;
        try (var p = conn.prepareStatement("SELECT sql, (SELECT count(*) FROM sqlite_schema i WHERE i.type = 'index' AND i.tbl_name = t.name)"
                + " FROM sqlite_schema t WHERE t.type = 'table' AND t.name = ? COLLATE NOCASE")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) return null;
                String ddl = rs.getString(1);
                boolean autoinc = ddl != null && ddl.toUpperCase(Locale.ROOT).contains("AUTOINCREMENT");
                facts = new int[] {rs.getInt(2), autoinc ? 1 : 0};
            }
        }
        tableFacts.put(table, facts);
        return facts;
    }
}
