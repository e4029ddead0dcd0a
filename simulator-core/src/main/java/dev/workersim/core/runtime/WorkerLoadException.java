package dev.workersim.core.runtime;

/** The worker could not be loaded: a syntax error, a failing import, or a throw at module top level. */
public final class WorkerLoadException extends RuntimeException {
    private final WorkerError error;

    public WorkerLoadException(WorkerError error) {
        super(error.describe());
        this.error = error;
    }

    public WorkerError error() {
        return error;
    }
}
