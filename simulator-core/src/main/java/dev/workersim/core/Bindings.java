package dev.workersim.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.runtime.LogSink;
import dev.workersim.core.runtime.SimClock;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Makes a worker's bindings with the providers on the classpath, and closes them: at stop, and when a
 * reload finds a binding section of the config changed (Simulator.rebindIfChanged).
 */
final class Bindings {
    private Bindings() {
    }

    static List<Binding> create(String workerName, JsonNode raw, Path configFile, Path persistRoot, SimClock clock,
            dev.workersim.core.services.ServiceRegistry services) {
        BindingContext context = new BindingContext() {
            public String workerName() {
                return workerName;
            }

            public JsonNode config() {
                return raw;
            }

            public dev.workersim.core.services.ServiceRegistry workers() {
                return services;
            }

            public Path configFile() {
                return configFile;
            }

            public Path persistRoot() {
                return persistRoot;
            }

            public SimClock clock() {
                return clock;
            }
        };
        List<Binding> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        Map<String, List<Binding>> byKey = new java.util.LinkedHashMap<>();
        // Service bindings belong to the core (they reach other workers of this simulator).
        byKey.put("services", dev.workersim.core.services.ServiceBinding.fromConfig(raw.get("services"), configFile, services));
        for (BindingProvider provider : ServiceLoader.load(BindingProvider.class)) {
            JsonNode section = provider.configKey() == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                    : raw.get(provider.configKey());
            if (section == null || (section.isNull() && provider.configKey() != null)) continue;
            byKey.computeIfAbsent(provider.configKey(), k -> new ArrayList<>()).addAll(provider.create(section, context));
        }
        for (Map.Entry<String, List<Binding>> kind : byKey.entrySet()) {
            for (Binding b : kind.getValue()) {
                if (b.global()) {
                    out.add(b);
                    continue;
                }
                String before = seen.put(b.name(), kind.getKey());
                if (before != null) {
                    closeAll(out, LogSink.TERMINAL);
                    throw new dev.workersim.core.config.ConfigException(configFile, "two bindings are named \"" + b.name()
                            + "\" (in `" + before + "` and `" + kind.getKey() + "`)");
                }
                out.add(b);
            }
        }
        return List.copyOf(out);
    }

    /**
     * What the bindings of {@code raw} are made from: the sections each provider reads, plus
     * {@code services}. Two configs with the same fingerprint have the same bindings.
     */
    static String fingerprint(JsonNode raw) {
        StringBuilder sb = new StringBuilder();
        java.util.List<String> keys = new ArrayList<>();
        keys.add("services");
        for (BindingProvider provider : ServiceLoader.load(BindingProvider.class)) {
            if (provider.configKey() != null) keys.add(provider.configKey());
        }
        for (String k : keys) sb.append(k).append('=').append(raw.get(k)).append('\n');
        return sb.toString();
    }

    static void closeAll(List<Binding> bindings, LogSink log) {
        for (Binding b : bindings) {
            try {
                b.close();
            } catch (Exception e) {
                log.log(LogSink.Level.WARN, "closing binding " + b.name() + ": " + e.getMessage());
            }
        }
    }
}
