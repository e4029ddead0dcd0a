package dev.workersim.core.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workersim.core.services.ServiceRegistry;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.HostLoop;
import java.util.List;

/**
 * One {@code [[dispatch_namespaces]]} entry: {@code env.NAME.get(script, args, options)} gives a
 * Fetcher for the user Worker {@code script} of the namespace (the JS half is in
 * services/service-binding.js, beside the Fetcher it reuses).
 */
final class DispatchNamespaceBinding implements Binding {
    static final BindingKind KIND = new BindingKind("dispatch_namespace", dev.workersim.core.services.ServiceBinding.SCRIPT);

    /** The outbound Worker every subrequest of the namespace's user Workers goes to, and the parameter names it takes. */
    record Outbound(String service, List<String> parameters) {
    }

    private final String name;
    private final String namespace;
    private final Outbound outbound;
    private final boolean tunnelExceptions;
    private final DispatchDirectory directory;
    private final ServiceRegistry workers;

    DispatchNamespaceBinding(String name, String namespace, Outbound outbound, boolean tunnelExceptions,
            DispatchDirectory directory, ServiceRegistry workers) {
        this.name = name;
        this.namespace = namespace;
        this.outbound = outbound;
        this.tunnelExceptions = tunnelExceptions;
        this.directory = directory;
        this.workers = workers;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BindingKind kind() {
        return KIND;
    }

    @Override
    public Object opsFor(HostLoop loop) {
        return new DispatchOps(loop, this);
    }

    /** The JS side needs the parameter names only (it picks them from {@code options.outbound}). */
    @Override
    public String configJson() {
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("namespace", namespace);
        json.putPOJO("parameters", outbound == null ? List.of() : outbound.parameters());
        json.put("outbound", outbound != null);
        return json.toString();
    }

    String namespace() {
        return namespace;
    }

    Outbound outbound() {
        return outbound;
    }

    boolean tunnelExceptions() {
        return tunnelExceptions;
    }

    DispatchDirectory directory() {
        return directory;
    }

    ServiceRegistry workers() {
        return workers;
    }
}
