package dev.workersim.core.runtime;

/** The worker could not be loaded: a syntax error, a failing import, or a throw at module top level. */
public final class WorkerLoadException extends RuntimeException {
    private final WorkerError error;
    private final boolean keepServing;

    public WorkerLoadException(WorkerError error) {
        this(error, false);
    }

    private WorkerLoadException(WorkerError error, boolean keepServing) {
        super(error.describe());
        this.error = error;
        this.keepServing = keepServing;
    }

    /**
     * A failed build (the bundler's error): as in wrangler dev, the worker that was serving goes on
     * serving, and the error shows on the terminal until an edit fixes it.
     */
    public static WorkerLoadException buildFailed(WorkerError error) {
        return new WorkerLoadException(error, true);
    }

    public WorkerError error() {
        return error;
    }

    /** True when the current worker should keep serving despite this failure. */
    public boolean keepServing() {
        return keepServing;
    }
}
