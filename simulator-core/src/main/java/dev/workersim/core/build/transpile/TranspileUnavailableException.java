package dev.workersim.core.build.transpile;

/** SWC cannot run here (no native library for this OS/CPU, or it failed to load). */
public final class TranspileUnavailableException extends TranspileException {
    public TranspileUnavailableException(String message) {
        super(message, null, 0, 0, null);
    }
}
