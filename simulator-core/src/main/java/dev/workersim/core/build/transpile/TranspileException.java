package dev.workersim.core.build.transpile;

import java.nio.file.Path;

/**
 * A module that cannot be transpiled: a syntax error (with its file, 1-based line and column, and
 * the source line marked), an unreadable tsconfig.json, or SWC not available on this machine.
 */
public class TranspileException extends RuntimeException {
    private final Path file;
    private final int line;
    private final int column;
    private final String detail;

    public TranspileException(String detail, Path file, int line, int column, String excerpt) {
        super(headline(detail, file, line, column) + (excerpt == null || excerpt.isBlank() ? "" : "\n\n" + excerpt));
        this.detail = detail;
        this.file = file;
        this.line = line;
        this.column = column;
    }

    private static String headline(String detail, Path file, int line, int column) {
        if (file == null) return detail;
        String where = dev.workersim.core.build.SourceMaps.display(file.toString());
        return line > 0 ? where + ":" + line + ":" + column + ": " + detail : where + ": " + detail;
    }

    /** The file at fault, or null when the failure is not about one file. */
    public Path file() {
        return file;
    }

    /** 1-based; 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based; 0 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong, without the place. */
    public String detail() {
        return detail;
    }
}
