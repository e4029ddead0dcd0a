package dev.workersim.bindings.d1;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads SQL text without parsing it: splits a script into statements and finds a statement's
 * leading keywords. D1 accepts several statements in one prepare() and in exec(), and the
 * JDBC driver only runs the first one of a string, so we split ourselves.
 */
public final class SqlText {
    private SqlText() {
    }

    /**
     * The statements of {@code sql}, trimmed, without their semicolons; empty ones (only
     * whitespace and comments) are dropped. Quotes, comments and trigger bodies
     * ({@code CREATE TRIGGER ... BEGIN ...; END}) keep their semicolons.
     */
    public static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (c == '[') {
                int end = sql.indexOf(']', i + 1);
                i = end < 0 ? n : end + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';') {
                String stmt = sql.substring(start, i);
                // A trigger body holds statements of its own: its end is the ';' after END.
                if (isTrigger(stmt) && !endsWithEnd(stmt)) {
                    i++;
                    continue;
                }
                add(out, stmt);
                start = ++i;
            } else {
                i++;
            }
        }
        add(out, sql.substring(start));
        return out;
    }

    private static int skipQuoted(String sql, int i, char quote) {
        int n = sql.length();
        int j = i + 1;
        while (j < n) {
            if (sql.charAt(j) == quote) {
                if (j + 1 < n && sql.charAt(j + 1) == quote) {
                    j += 2; // a doubled quote is an escaped one
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return n;
    }

    private static void add(List<String> out, String stmt) {
        if (!stripComments(stmt).isBlank()) out.add(stmt.strip());
    }

    private static boolean isTrigger(String stmt) {
        List<String> words = keywords(stmt, 4);
        if (words.isEmpty() || !words.get(0).equals("CREATE")) return false;
        for (String w : words) {
            if (w.equals("TRIGGER")) return true;
        }
        return false;
    }

    private static boolean endsWithEnd(String stmt) {
        String s = stripComments(stmt).strip().toUpperCase(Locale.ROOT);
        return s.endsWith("END") && (s.length() == 3 || !Character.isLetterOrDigit(s.charAt(s.length() - 4)) && s.charAt(s.length() - 4) != '_');
    }

    /** The text with comments replaced by spaces (quotes left alone). */
    static String stripComments(String sql) {
        if (sql.indexOf("--") < 0 && sql.indexOf("/*") < 0) return sql;
        StringBuilder b = new StringBuilder(sql.length());
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = skipQuoted(sql, i, c);
                b.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
                b.append(' ');
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                b.append(' ');
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /** Up to {@code max} leading words of the statement, upper-cased (comments skipped). */
    static List<String> keywords(String stmt, int max) {
        String s = stripComments(stmt);
        List<String> out = new ArrayList<>(max);
        int i = 0;
        int n = s.length();
        while (i < n && out.size() < max) {
            while (i < n && !isWordChar(s.charAt(i))) {
                char c = s.charAt(i);
                if (c == '(' || c == '\'' || c == '"') return out; // past the leading keywords
                i++;
            }
            int start = i;
            while (i < n && isWordChar(s.charAt(i))) i++;
            if (i > start) out.add(s.substring(start, i).toUpperCase(Locale.ROOT));
        }
        return out;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
