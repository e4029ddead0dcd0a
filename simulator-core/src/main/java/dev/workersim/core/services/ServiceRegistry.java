package dev.workersim.core.services;

import dev.workersim.core.runtime.WorkerHost;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The workers of one simulator by name: the primary and the auxiliary ones (`sim dev -c a -c b`).
 * Service bindings find their target here when called, so the order workers start in does not matter.
 * It also holds what the workers share for the simulator's life (e.g. the queue broker every
 * producer and consumer talks to), closed when the primary worker stops.
 */
public final class ServiceRegistry {
    private final Map<String, WorkerHost> workers = new ConcurrentHashMap<>();
    private final Map<String, AutoCloseable> shared = Collections.synchronizedMap(new LinkedHashMap<>());

    public void register(String name, WorkerHost host) {
        workers.put(name, host);
    }

    public void unregister(String name, WorkerHost host) {
        workers.remove(name, host);
    }

    /** The running worker of that name, or null. */
    public WorkerHost find(String name) {
        return workers.get(name);
    }

    public java.util.Set<String> names() {
        return java.util.Set.copyOf(workers.keySet());
    }

    /**
     * The one object of this simulator under {@code key}, made by {@code make} on first use. It lives
     * until {@link #closeShared()}: reloads and re-made bindings find the same one.
     */
    @SuppressWarnings("unchecked")
    public <T extends AutoCloseable> T shared(String key, Supplier<T> make) {
        synchronized (shared) {
            return (T) shared.computeIfAbsent(key, k -> make.get());
        }
    }

    /** Closes the shared objects, newest first (the simulator is stopping). */
    public void closeShared() {
        List<AutoCloseable> all;
        synchronized (shared) {
            all = new ArrayList<>(shared.values());
            shared.clear();
        }
        Collections.reverse(all);
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e.getMessage());
            }
        }
    }
}
