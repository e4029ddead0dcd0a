package dev.workersim.core.runtime;

/**
 * Which handler of a worker a request goes to, and what the invocation carries besides the
 * request: a named entrypoint (null: the default export) and an {@link Invocation} (null: none).
 */
public record DispatchTarget(String entrypoint, Invocation invocation) {
    /** The default export's fetch(), as a request from the edge reaches it. */
    public static final DispatchTarget DEFAULT = new DispatchTarget(null, null);

    /** A named entrypoint (null: the default export), e.g. a service binding's. */
    public static DispatchTarget entrypoint(String entrypoint) {
        return entrypoint == null ? DEFAULT : new DispatchTarget(entrypoint, null);
    }

    /** The default export: the front door's assets may answer first. */
    public boolean isDefault() {
        return entrypoint == null;
    }
}
