package dev.workersim.core.scheduled;

import dev.workersim.core.runtime.LogSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A log sink that passes everything on and also copies it to whichever captures are open, so a
 * scheduled run can hand back the console output it produced.
 */
public final class LogTap implements LogSink {
    private final LogSink out;
    private final List<Capture> open = new CopyOnWriteArrayList<>();

    public LogTap(LogSink out) {
        this.out = out;
    }

    @Override
    public void log(Level level, String text) {
        out.log(level, text);
        for (Capture c : open) c.add(text);
    }

    public Capture open() {
        Capture c = new Capture();
        open.add(c);
        return c;
    }

    /** Lines logged between {@link LogTap#open()} and {@link #close()}. */
    public final class Capture implements AutoCloseable {
        private final List<String> lines = new ArrayList<>();

        private synchronized void add(String line) {
            lines.add(line);
        }

        public synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void close() {
            open.remove(this);
        }
    }
}
