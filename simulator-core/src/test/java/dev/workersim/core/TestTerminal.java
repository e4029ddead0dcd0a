package dev.workersim.core;

import dev.workersim.core.runtime.LogSink;

/** A log sink for tests: keeps every line ("LEVEL text") so a test can read what the terminal showed. */
public final class TestTerminal implements LogSink {
    private final StringBuilder lines = new StringBuilder();

    @Override
    public synchronized void log(Level level, String text) {
        lines.append(level).append(' ').append(text).append('\n');
    }

    /** Everything logged so far. */
    public synchronized String text() {
        return lines.toString();
    }
}
