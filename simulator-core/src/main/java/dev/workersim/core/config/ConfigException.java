package dev.workersim.core.config;

import java.nio.file.Path;

/** A configuration problem, always naming the file and, where known, the line or key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(Path file, String detail) {
        super(file + ": " + detail);
    }

    public ConfigException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
    }
}
