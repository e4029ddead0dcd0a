package dev.workersim.core.dispatch;

import dev.workersim.core.runtime.WorkerHost;
import dev.workersim.core.services.ServiceRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which worker of this simulator is a user Worker of which dispatch namespace: a worker whose config
 * says {@code dispatch_namespace = "customers"} (as `wrangler deploy --dispatch-namespace customers`
 * would put it there). One per simulator, shared by every worker through the {@link ServiceRegistry}.
 */
final class DispatchDirectory implements AutoCloseable {
    private static final String KEY = "dispatch-namespaces";

    /** Worker name → its namespace (a worker is in one namespace at most). */
    private final Map<String, String> namespaceOf = new ConcurrentHashMap<>();
    private final ServiceRegistry workers;

    private DispatchDirectory(ServiceRegistry workers) {
        this.workers = workers;
    }

    static DispatchDirectory of(ServiceRegistry workers) {
        return workers.shared(KEY, () -> new DispatchDirectory(workers));
    }

    void join(String worker, String namespace) {
        namespaceOf.put(worker, namespace);
    }

    /** The running user Worker {@code script} of {@code namespace}, or null: a name outside the namespace is not found. */
    WorkerHost find(String namespace, String script) {
        return namespace.equals(namespaceOf.get(script)) ? workers.find(script) : null;
    }

    @Override
    public void close() {
        namespaceOf.clear();
    }
}
