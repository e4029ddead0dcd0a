package dev.workersim.bindings.d1;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * An error as D1 reports it: {@code D1_ERROR: <sqlite message>: SQLITE_<CODE>} (with the
 * extended code in parentheses when there is one). The JS half turns the message into an Error
 * whose cause holds the text after the prefix.
 */
public final class D1Exception extends RuntimeException {
    public static final String TRANSACTIONS = "To execute a transaction, please use the state.storage.transaction() or"
            + " state.storage.transactionSync() APIs instead of the SQL BEGIN TRANSACTION or SAVEPOINT statements."
            + " The JavaScript API is safer because it will automatically roll back on exceptions, and because it"
            + " interacts correctly with Durable Objects' automatic atomic write coalescing.";
    static final String NO_STATEMENTS = "No SQL statements detected.";
    static final String WRONG_BINDINGS = "Wrong number of parameter bindings for SQL query.";
    static final String NOT_AUTHORIZED = "not authorized: SQLITE_AUTH";

    D1Exception(String message) {
        super(message);
    }

    /** A D1_ERROR carrying {@code detail}. */
    static D1Exception error(String detail) {
        return new D1Exception("D1_ERROR: " + detail);
    }

    /** The text D1 shows for a failed SQLite call, without the D1 prefix. */
    public static String sqliteText(SQLException e, String sql) {
        if (!(e instanceof SQLiteException se)) return e.getMessage();
        SQLiteErrorCode code = se.getResultCode();
        String inner = innerMessage(se, code);
        SQLiteErrorCode base = SQLiteErrorCode.getErrorCode(se.getErrorCode() & 0xff);
        // SQLite points at the offending token of a syntax error; workerd shows that offset.
        if (inner.startsWith("near \"") && inner.endsWith("syntax error") && sql != null) {
            String token = inner.substring(6, inner.indexOf('"', 6));
            int at = sql.indexOf(token);
            if (at >= 0) inner += " at offset " + at;
        }
        String text = inner + ": " + base.name();
        if (code != base && code != SQLiteErrorCode.UNKNOWN_ERROR) text += " (extended: " + code.name() + ")";
        return text;
    }

    // The driver's message is "[CODE] description (sqlite's own message)"; D1 shows only the last part.
    private static String innerMessage(SQLiteException e, SQLiteErrorCode code) {
        String m = e.getMessage();
        String head = "[" + code.name() + "] " + code.message + " (";
        if (m != null && m.startsWith(head) && m.endsWith(")")) return m.substring(head.length(), m.length() - 1);
        return m == null ? code.message : m;
    }
}
