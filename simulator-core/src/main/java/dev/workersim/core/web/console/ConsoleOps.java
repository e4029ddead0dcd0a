package dev.workersim.core.web.console;

import dev.workersim.core.runtime.LogSink;
import org.graalvm.polyglot.HostAccess;

/** Where {@code console.*} output goes: the terminal in `sim dev`, a listener in tests. */
public final class ConsoleOps {
    private final LogSink sink;

    public ConsoleOps(LogSink sink) {
        this.sink = sink;
    }

    /** {@code level} is one of debug, log, info, warn, error; {@code text} is already formatted by JS. */
    @HostAccess.Export
    public void write(String level, String text) {
        sink.log(LogSink.Level.of(level), text);
    }
}
