package dev.workersim.core.services;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.outbound.OutboundError;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.HostLoop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code services}: {@code env.NAME} is a Fetcher for another worker of this simulator
 * (its default export, or the named {@code entrypoint}), with fetch() and RPC method calls.
 */
public final class ServiceBinding implements Binding {
    /** The script of every Fetcher-like binding: service bindings, ASSETS, dispatch namespaces. */
    public static final String SCRIPT = "/dev/workersim/core/services/service-binding.js";
    public static final BindingKind KIND = new BindingKind("service", SCRIPT);

    private final String name;
    private final String service;
    private final String entrypoint;
    private final ServiceRegistry registry;

    ServiceBinding(String name, String service, String entrypoint, ServiceRegistry registry) {
        this.name = name;
        this.service = service;
        this.entrypoint = entrypoint;
        this.registry = registry;
    }

    /** The bindings of a config's {@code services} array (null or absent: none). */
    public static List<Binding> fromConfig(JsonNode section, Path configFile, ServiceRegistry registry) {
        List<Binding> out = new ArrayList<>();
        if (section == null || section.isNull()) return out;
        if (!section.isArray()) throw new ConfigException(configFile, "`services` must be an array of tables");
        for (int i = 0; i < section.size(); i++) {
            JsonNode e = section.get(i);
            String at = "services[" + i + "]";
            String binding = text(e, "binding", at, configFile, true);
            String service = text(e, "service", at, configFile, true);
            String entrypoint = text(e, "entrypoint", at, configFile, false);
            out.add(new ServiceBinding(binding, service, entrypoint, registry));
        }
        return out;
    }

    private static String text(JsonNode entry, String key, String at, Path file, boolean required) {
        JsonNode v = entry.get(key);
        if (v == null || v.isNull()) {
            if (required) throw new ConfigException(file, "`" + at + "` has no `" + key + "`");
            return null;
        }
        if (!v.isTextual()) throw new ConfigException(file, "`" + at + "." + key + "` must be a string");
        return v.asText();
    }

    /** What a call to a worker that is not running in this simulator fails with. */
    static OutboundError notRunning(String service, String entrypoint) {
        return new OutboundError("Error", "Couldn't find a local dev session for the \""
                + (entrypoint == null ? "default" : entrypoint) + "\" entrypoint of service \"" + service
                + "\" to proxy to");
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
        return new ServiceOps(loop, registry, service, entrypoint);
    }

    @Override
    public String configJson() {
        return Binding.json(java.util.Map.of("service", service));
    }

    public String service() {
        return service;
    }

    public String entrypoint() {
        return entrypoint;
    }
}
