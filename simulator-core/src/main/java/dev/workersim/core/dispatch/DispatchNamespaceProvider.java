package dev.workersim.core.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.runtime.Compatibility;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingEntries;
import dev.workersim.core.spi.BindingProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code [[dispatch_namespaces]]}: {@code binding}, {@code namespace}, and an optional
 * {@code outbound = { service, environment, parameters = [...] }}. {@code remote = true} is accepted
 * and ignored: user Workers are always the local ones (run with {@code -c}).
 */
public final class DispatchNamespaceProvider implements BindingProvider {
    @Override
    public String configKey() {
        return "dispatch_namespaces";
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        boolean tunnel = tunnelsExceptions(context.config());
        List<Binding> out = new ArrayList<>();
        for (BindingEntries.Entry e : BindingEntries.of(section, configKey(), context)) {
            String namespace = e.text("namespace");
            if (namespace == null || namespace.isEmpty()) {
                throw new ConfigException(context.configFile(), e.where() + ": missing \"namespace\" (the dispatch namespace's name)");
            }
            out.add(new DispatchNamespaceBinding(e.binding(), namespace, outbound(e, context), tunnel,
                    DispatchDirectory.of(context.workers()), context.workers()));
        }
        return out;
    }

    private static DispatchNamespaceBinding.Outbound outbound(BindingEntries.Entry e, BindingContext context) {
        JsonNode o = e.node().get("outbound");
        if (o == null || o.isNull()) return null;
        String where = e.where() + ".outbound";
        JsonNode service = o.get("service");
        if (!o.isObject() || service == null || !service.isTextual()) {
            throw new ConfigException(context.configFile(), where + ": needs \"service\", the outbound Worker's name");
        }
        JsonNode env = o.get("environment");
        String name = env != null && env.isTextual() ? service.asText() + "-" + env.asText() : service.asText();
        List<String> parameters = new ArrayList<>();
        JsonNode params = o.get("parameters");
        if (params != null && !params.isNull()) {
            if (!params.isArray()) throw new ConfigException(context.configFile(), where + ".parameters must be an array of names");
            for (JsonNode p : params) {
                if (!p.isTextual()) throw new ConfigException(context.configFile(), where + ".parameters must be an array of names");
                parameters.add(p.asText());
            }
        }
        return new DispatchNamespaceBinding.Outbound(name, List.copyOf(parameters));
    }

    /** DISP-05: the dispatcher's compatibility decides how a user Worker's exception reaches it. */
    private static boolean tunnelsExceptions(JsonNode config) {
        JsonNode date = config.get("compatibility_date");
        List<String> flags = new ArrayList<>();
        JsonNode f = config.get("compatibility_flags");
        if (f != null && f.isArray()) f.forEach(x -> flags.add(x.asText()));
        return Compatibility.of(date == null || date.isNull() ? null : date.asText(), flags)
                .enabled("dynamic_dispatch_tunnel_exceptions");
    }
}
