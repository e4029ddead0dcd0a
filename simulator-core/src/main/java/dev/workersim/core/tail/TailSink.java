package dev.workersim.core.tail;

/**
 * Where a worker's runtime (tail/tail.js) sends the trace of each finished invocation: a
 * JSON array of raw TraceItems (its own item, then any nested ones). {@link TailConsumers} passes
 * them to the tail_consumers' tail(); another sink may keep them, e.g. to nest a dispatched user
 * worker's item in its dispatcher's trace (see Trace.nested in tail.js). Implementations annotate
 * {@code deliver} with {@code @HostAccess.Export}.
 */
public interface TailSink {
    void deliver(String itemsJson);
}
