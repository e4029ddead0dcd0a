package dev.workersim.bindings.store;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A store and the work pool for its blocking I/O, shared by every binding of one namespace or
 * bucket: each binding {@link #use}s it, and the last one to {@link #release} it closes both. Kept in
 * the simulator's registry of shared objects, it is one of the users itself until the simulator
 * stops and {@link #close}s it.
 */
public final class SharedStore<S extends AutoCloseable> implements AutoCloseable {
    public final S store;
    public final ExecutorService pool;
    private int users;

    public SharedStore(S store, String threadName) {
        this.store = store;
        this.pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    public synchronized SharedStore<S> use() {
        users++;
        return this;
    }

    public void release() {
        synchronized (this) {
            if (--users > 0) return;
        }
        pool.shutdown();
        try {
            store.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing " + store + ": " + e.getMessage(), e);
        }
    }

    /** The registry's own release, when the simulator stops. */
    @Override
    public void close() {
        release();
    }
}
