package dev.workersim.core.services;

import dev.workersim.core.runtime.WorkerHost;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workers of one simulator by name: the primary and the auxiliary ones (`sim dev -c a -c b`).
 * Service bindings find their target here when called, so the order workers start in does not matter.
 */
public final class ServiceRegistry {
    private final Map<String, WorkerHost> workers = new ConcurrentHashMap<>();

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
}
