package dev.workersim.core.build;

/**
 * A build that did not produce a worker: a syntax error, an import that does not resolve, a
 * custom build command that failed. {@link #headline()} is {@code file:line:column: message} for
 * the first error; {@link #report()} is everything the bundler said, for the terminal and the
 * error page.
 */
public final class BuildFailure extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String report;

    public BuildFailure(String message, String file, int line, int column, String report) {
        super(message);
        this.file = file;
        this.line = line;
        this.column = column;
        this.report = report;
    }

    /** Where the first error is (relative to the working folder), or null when it has no place. */
    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String headline() {
        return file == null ? getMessage() : file + ":" + line + ":" + column + ": " + getMessage();
    }

    public String report() {
        return report;
    }
}
