package dev.workersim.core.runtime;

import java.util.function.Supplier;

/**
 * Holds the worker that currently serves: a loaded isolate, or the error that stopped the last
 * load. {@link #reload()} builds a fresh isolate and swaps it in only if it loads, so a broken edit
 * shows its error until it is fixed, and a good one replaces the old code without a restart.
 */
public final class WorkerHost implements AutoCloseable {
    private final Supplier<WorkerIsolate> loader;
    private final LogSink log;
    private volatile WorkerIsolate current;
    private volatile WorkerError loadError;
    // The socket opens while the first load runs (to overlap their start-up); requests that
    // arrive before it ends wait here instead of failing. So do those that arrive while an isolate
    // discarded by the memory guard is being replaced.
    private boolean loaded;
    private final java.util.List<Runnable> waitingForLoad = new java.util.ArrayList<>();
    // What answers a request before the worker (static assets), or null.
    private volatile FrontRoute frontRoute;

    /** Answers some requests to the default entrypoint instead of the worker (static assets). */
    @FunctionalInterface
    public interface FrontRoute {
        /** True when it has answered {@code exchange}; false: the worker runs. */
        boolean handle(ExchangeHandle exchange, IncomingRequest request);
    }

    /** True when a loaded worker is serving (not a load error). */
    public boolean hasWorker() {
        return current != null;
    }

    public void frontRoute(FrontRoute route) {
        this.frontRoute = route;
    }

    public WorkerHost(Supplier<WorkerIsolate> loader, LogSink log) {
        this.loader = loader;
        this.log = log;
    }

    /** Loads (or reloads) the worker. Returns the error if it failed; the previous isolate keeps nothing. */
    public WorkerError reload() {
        WorkerError result = swap();
        java.util.List<Runnable> waiting;
        synchronized (this) {
            loaded = true;
            waiting = new java.util.ArrayList<>(waitingForLoad);
            waitingForLoad.clear();
        }
        waiting.forEach(Runnable::run);
        return result;
    }

    private synchronized WorkerError swap() {
        WorkerIsolate fresh;
        try {
            fresh = loader.get();
        } catch (WorkerLoadException e) {
            if (e.keepServing() && current != null) return e.error();
            loadError = e.error();
            WorkerIsolate old = current;
            current = null;
            if (old != null) retire(old);
            return loadError;
        }
        WorkerIsolate old = current;
        current = fresh;
        fresh.onDiscarded(() -> replace(fresh), (exchange, again) -> withIsolate(again, exchange::failFromHost));
        loadError = null;
        if (old != null) retire(old);
        return null;
    }

    /** Old isolates finish what they are doing (responses in flight) before their Context is closed. */
    private void retire(WorkerIsolate old) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException ignored) {
                // close now
            }
            old.close();
        }, "retire-isolate");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The memory guard discarded {@code dead} (it ran out of memory): a fresh isolate loads, as
     * wrangler restarts workerd, and requests wait for it. State in the stores is untouched.
     */
    private void replace(WorkerIsolate dead) {
        synchronized (this) {
            if (current != dead) return; // already replaced by a reload
            current = null;
            loaded = false;
        }
        dead.close();
        Thread t = new Thread(() -> {
            WorkerError failed = reload();
            if (failed == null) log.log(LogSink.Level.INFO, "Worker \"" + dead.workerName() + "\" restarted after running out of memory.");
        }, "replace-" + dead.workerName());
        t.setDaemon(true);
        t.start();
    }

    public WorkerError loadError() {
        return loadError;
    }

    /**
     * Hands {@code request} to the worker's handler named by {@code target}: the front door's and
     * {@code dispatchFetch}'s ({@link DispatchTarget#DEFAULT}, which meets the assets first), a
     * service binding's entrypoint, a dispatch namespace's call or a subrequest reaching an outbound
     * Worker (with its {@link Invocation}).
     */
    public void dispatch(ExchangeHandle exchange, IncomingRequest request, DispatchTarget target) {
        FrontRoute route = frontRoute;
        if (target.isDefault() && route != null && route.handle(exchange, request)) return;
        withIsolate(isolate -> isolate.dispatch(exchange, request, target), exchange::failFromHost);
    }

    /** Runs the scheduled handler of the current worker (waiting for the first load, like {@link #dispatch}). */
    public void dispatchScheduled(String cron, double scheduledTimeMillis,
            dev.workersim.core.scheduled.ScheduledCompletion done) {
        withIsolate(isolate -> isolate.dispatchScheduled(cron, scheduledTimeMillis, done), done::failFromHost);
    }

    /** Runs the queue handler of the current worker on one batch (see {@link WorkerIsolate#dispatchQueue}). */
    public void dispatchQueue(String queue, String messagesJson, String metadataJson, QueueCompletion done) {
        withIsolate(isolate -> isolate.dispatchQueue(queue, messagesJson, metadataJson, done), done::failFromHost);
    }

    /** Where this worker's console and the runtime's messages about it go (e.g. a queue broker's batch lines). */
    public LogSink log() {
        return log;
    }

    /** Calls an RPC method of an entrypoint (service bindings); the arguments and result cross as wire text. */
    public void dispatchRpc(DispatchTarget target, String method, String argsWire, RpcCompletion done) {
        withIsolate(isolate -> isolate.dispatchRpc(target, method, argsWire, done),
                err -> done.reject(err.name(), err.message(), err.stack()));
    }

    /** Delivers a producer's TraceItems (a JSON array) to this worker's tail() handler (Tail Workers). */
    public void dispatchTail(String itemsJson) {
        withIsolate(isolate -> isolate.dispatchTail(itemsJson),
                err -> log.log(LogSink.Level.WARN, "A tail event was dropped: the tail worker is not loaded (" + err.message() + ")"));
    }

    /** Hands the current isolate to {@code action}, after the first load if it is still running. */
    public void withIsolate(java.util.function.Consumer<WorkerIsolate> action,
            java.util.function.Consumer<WorkerError> onNoWorker) {
        WorkerIsolate isolate = current;
        if (isolate == null) {
            synchronized (this) {
                if (!loaded) {
                    waitingForLoad.add(() -> withIsolate(action, onNoWorker));
                    return;
                }
                isolate = current; // the load may have finished since the read above
            }
        }
        if (isolate == null) {
            WorkerError err = loadError;
            onNoWorker.accept(err != null ? err : new WorkerError("Error", "the worker is not loaded", null));
            return;
        }
        action.accept(isolate);
    }

    @Override
    public synchronized void close() {
        WorkerIsolate c = current;
        current = null;
        if (c != null) c.close();
    }
}
