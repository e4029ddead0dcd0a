package dev.workersim.bindings.d1;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.DB;

/**
 * What user SQL may do, as workerd's SQLite authorizer decides it for D1 and Durable Object
 * {@code sql.exec} (recorded: {@code conformance/other/sql-authorizer}). sqlite-jdbc has no
 * {@code sqlite3_set_authorizer}, so each statement's tokens are checked before it is prepared, and
 * the connection itself is closed to files: no database may be attached (SQLITE_LIMIT_ATTACHED = 0)
 * and extensions cannot load. Refused: ATTACH, DETACH, VACUUM (with or without INTO), TEMP objects,
 * {@code load_extension()} and the build-describing functions ({@code sqlite_version()}...), and every
 * PRAGMA (statement or {@code pragma_*} table-valued function) not on workerd's list, on a schema other
 * than main, or setting page_size. Nothing a worker runs can name a host file or learn the database's path.
 */
public final class SqlGuard {
    public static final String NOT_AUTHORIZED = "not authorized: SQLITE_AUTH";
    public static final String NO_VACUUM = "cannot VACUUM from within a transaction: SQLITE_ERROR";
    public static final String NO_FUNCTION = "not authorized: SQLITE_ERROR";

    /** The PRAGMAs wrangler dev answered (everything else: not authorized). */
    static final Set<String> ALLOWED_PRAGMAS = Set.of("table_info", "table_xinfo", "table_list", "index_list", "index_info",
            "index_xinfo", "foreign_keys", "foreign_key_check", "foreign_key_list", "defer_foreign_keys", "quick_check",
            "page_size", "case_sensitive_like", "recursive_triggers", "legacy_alter_table", "reverse_unordered_selects",
            "optimize", "data_version", "ignore_check_constraints");

    /** Functions workerd's authorizer refuses (they describe the build, not the data). */
    static final Set<String> DENIED_FUNCTIONS = Set.of("sqlite_version", "sqlite_source_id", "sqlite_compileoption_used",
            "sqlite_compileoption_get", "fts5_source_id");

    private static final int SQLITE_LIMIT_ATTACHED = 7;

    private SqlGuard() {}

    /** Closes a user-facing connection to other files: no ATTACH, no extension loading. */
    public static void lockDown(Connection conn) throws SQLException {
        DB db = ((SQLiteConnection) conn).getDatabase();
        db.limit(SQLITE_LIMIT_ATTACHED, 0);
        db.enable_load_extension(false);
    }

    /** Null when workerd would run {@code stmt}, else its error text (without the D1_ERROR prefix). */
    public static String refusal(String stmt) {
        List<String[]> t = tokens(stmt);
        int i = 0;
        while (i < t.size() && isWord(t.get(i), "EXPLAIN", "QUERY", "PLAN")) i++;
        if (i < t.size()) {
            String first = upper(t.get(i)[1]);
            switch (first) {
                case "ATTACH", "DETACH" -> { return NOT_AUTHORIZED; }
                case "VACUUM" -> { return NO_VACUUM; }
                case "PRAGMA" -> {
                    String name = word(t, i + 1);
                    int after = i + 2;
                    if (".".equals(word(t, i + 2))) { // only the main schema: PRAGMA temp.table_info(x) is refused
                        if (name == null || !name.equalsIgnoreCase("main")) return NOT_AUTHORIZED;
                        name = word(t, i + 3);
                        after = i + 4;
                    }
                    if (name == null || !ALLOWED_PRAGMAS.contains(name.toLowerCase(Locale.ROOT))) return NOT_AUTHORIZED;
                    String next = word(t, after);
                    if (name.equalsIgnoreCase("page_size") && ("=".equals(next) || "(".equals(next))) return NOT_AUTHORIZED; // read-only
                }
                case "CREATE" -> {
                    if (isWord(at(t, i + 1), "TEMP", "TEMPORARY")) return NOT_AUTHORIZED;
                }
                default -> { }
            }
        }
        for (int k = 0; k < t.size(); k++) {
            String[] tok = t.get(k);
            if (!tok[0].equals("w") && !tok[0].equals("q")) continue;
            String w = tok[1].toLowerCase(Locale.ROOT);
            if (w.startsWith("pragma_") && !ALLOWED_PRAGMAS.contains(w.substring(7))) return NOT_AUTHORIZED;
            if (w.equals("load_extension") && "(".equals(word(t, k + 1))) return NO_FUNCTION;
            if (DENIED_FUNCTIONS.contains(w) && "(".equals(word(t, k + 1))) {
                return "not authorized to use function: " + tok[1] + " at offset " + tok[2] + ": SQLITE_ERROR";
            }
        }
        return null;
    }

    private static String[] at(List<String[]> t, int i) {
        return i < t.size() ? t.get(i) : null;
    }

    private static String word(List<String[]> t, int i) {
        return i < t.size() && !t.get(i)[0].equals("s") ? t.get(i)[1] : null;
    }

    private static boolean isWord(String[] tok, String... words) {
        if (tok == null || !tok[0].equals("w")) return false;
        for (String w : words) if (w.equalsIgnoreCase(tok[1])) return true;
        return false;
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    /** Tokens as {kind, text, offset}: w(ord), q(uoted identifier), s(tring literal), p(unctuation); comments dropped. */
    static List<String[]> tokens(String s) {
        List<String[]> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                int end = s.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = s.charAt(j);
                    if (d == close) {
                        if (close != ']' && j + 1 < n && s.charAt(j + 1) == close) { // doubled quote
                            b.append(d);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    b.append(d);
                    j++;
                }
                out.add(new String[] {c == '\'' ? "s" : "q", b.toString(), String.valueOf(i)});
                i = j + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$' || s.charAt(i) > 127)) i++;
                out.add(new String[] {"w", s.substring(start, i), String.valueOf(start)});
            } else {
                out.add(new String[] {"p", String.valueOf(c), String.valueOf(i)});
                i++;
            }
        }
        return out;
    }
}
