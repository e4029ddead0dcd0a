package dev.workersim.bindings.d1;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the text of one statement says about it: its kind, the table it writes, and the clauses
 * that change how D1 counts rows. Computed once per SQL string and cached.
 */
public record Analysis(Kind kind, String table, boolean limited, boolean conflictClause, boolean returning) {
    public enum Kind { READ, INSERT, UPDATE, DELETE, CREATE_INDEX, CREATE, DROP, ALTER, PRAGMA, PRAGMA_WRITE, TRANSACTION, OTHER }

    private static final Pattern LIMIT = Pattern.compile("\\bLIMIT\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern RETURNING = Pattern.compile("\\bRETURNING\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONFLICT = Pattern.compile("\\bON\\s+CONFLICT\\b|^\\s*(INSERT\\s+OR\\s+REPLACE|REPLACE)\\b",
            Pattern.CASE_INSENSITIVE);
    // The main statement after a WITH clause's common table expressions.
    private static final Pattern AFTER_CTE = Pattern.compile("\\)\\s*(INSERT|REPLACE|UPDATE|DELETE)\\b", Pattern.CASE_INSENSITIVE);

    /** True when the statement may change the database (D1's {@code changed_db}). */
    boolean writes() {
        return kind != Kind.READ && kind != Kind.PRAGMA;
    }

    public boolean ddl() {
        return kind == Kind.CREATE || kind == Kind.CREATE_INDEX || kind == Kind.DROP || kind == Kind.ALTER;
    }

    public static Analysis of(String sql) {
        String text = SqlText.stripComments(sql).strip();
        if (text.regionMatches(true, 0, "WITH", 0, 4)) {
            Matcher m = AFTER_CTE.matcher(text);
            if (m.find()) text = text.substring(m.start(1));
        }
        List<String> t = tokens(text, 12);
        String first = t.isEmpty() ? "" : t.get(0).toUpperCase(Locale.ROOT);
        boolean limited = LIMIT.matcher(text).find();
        boolean returning = RETURNING.matcher(text).find();
        boolean conflict = CONFLICT.matcher(text).find();
        return switch (first) {
            case "INSERT", "REPLACE" -> new Analysis(Kind.INSERT, after(t, "INTO"), limited, conflict, returning);
            case "UPDATE" -> new Analysis(Kind.UPDATE, updateTarget(t), limited, false, returning);
            case "DELETE" -> new Analysis(Kind.DELETE, after(t, "FROM"), limited, false, returning);
            case "CREATE" -> isIndex(t) ? new Analysis(Kind.CREATE_INDEX, after(t, "ON"), false, false, false)
                    : new Analysis(Kind.CREATE, null, false, false, false);
            case "DROP" -> new Analysis(Kind.DROP, null, false, false, false);
            case "ALTER" -> new Analysis(Kind.ALTER, null, false, false, false);
            case "PRAGMA" -> new Analysis(text.indexOf('=') >= 0 ? Kind.PRAGMA_WRITE : Kind.PRAGMA, null, false, false, false);
            case "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE" ->
                    new Analysis(Kind.TRANSACTION, null, false, false, false);
            case "SELECT", "VALUES", "WITH", "EXPLAIN" -> new Analysis(Kind.READ, null, limited, false, false);
            default -> new Analysis(Kind.OTHER, null, false, false, false);
        };
    }

    private static boolean isIndex(List<String> t) {
        for (int i = 1; i < Math.min(3, t.size()); i++) {
            if (t.get(i).equalsIgnoreCase("INDEX")) return true;
        }
        return false;
    }

    private static String updateTarget(List<String> t) {
        int i = 1;
        if (i < t.size() && t.get(i).equalsIgnoreCase("OR")) i += 2;
        return name(t, i);
    }

    private static String after(List<String> t, String word) {
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).equalsIgnoreCase(word)) return name(t, i + 1);
        }
        return null;
    }

    // A possibly schema-qualified name: "main.users" -> "users".
    private static String name(List<String> t, int i) {
        if (i >= t.size()) return null;
        if (i + 2 < t.size() && t.get(i + 1).equals(".")) return t.get(i + 2);
        return t.get(i);
    }

    /** Identifiers (quotes removed) and single punctuation characters, up to {@code max}. */
    static List<String> tokens(String s, int max) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n && out.size() < max) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int end = s.indexOf(close, i + 1);
                if (end < 0) end = n;
                out.add(s.substring(i + 1, end));
                i = end + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) i++;
                out.add(s.substring(start, i));
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }
}
