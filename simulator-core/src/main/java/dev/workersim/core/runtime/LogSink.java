package dev.workersim.core.runtime;

/** Receives a worker's console output and the runtime's own messages about it. */
@FunctionalInterface
public interface LogSink {
    enum Level {
        DEBUG, LOG, INFO, WARN, ERROR;

        public static Level of(String name) {
            return switch (name) {
                case "debug", "trace" -> DEBUG;
                case "info" -> INFO;
                case "warn" -> WARN;
                case "error" -> ERROR;
                default -> LOG;
            };
        }
    }

    void log(Level level, String text);

    /** Writes to the terminal: warnings and errors to stderr, the rest to stdout. */
    LogSink TERMINAL = (level, text) -> {
        var out = level == Level.WARN || level == Level.ERROR ? System.err : System.out;
        String prefix = switch (level) {
            case DEBUG -> "[debug] ";
            case WARN -> "[warn] ";
            case ERROR -> "[error] ";
            default -> "";
        };
        out.println(prefix.isEmpty() ? text : prefix + text.replace("\n", "\n" + " ".repeat(prefix.length())));
    };
}
