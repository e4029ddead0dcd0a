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

/** Makes a worker's bindings with the providers on the classpath, and closes them at the end. */
final class Bindings {
    private Bindings() {
    }

    static List<Binding> create(JsonNode raw, Path configFile, Path persistRoot, SimClock clock) {
        BindingContext context = new BindingContext() {
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
        for (BindingProvider provider : ServiceLoader.load(BindingProvider.class)) {
            JsonNode section = provider.configKey() == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                    : raw.get(provider.configKey());
            if (section == null || (section.isNull() && provider.configKey() != null)) continue;
            for (Binding b : provider.create(section, context)) {
                if (b.global()) {
                    out.add(b);
                    continue;
                }
                String before = seen.put(b.name(), provider.configKey());
                if (before != null) {
                    closeAll(out, LogSink.TERMINAL);
                    throw new dev.workersim.core.config.ConfigException(configFile, "two bindings are named \"" + b.name()
                            + "\" (in `" + before + "` and `" + provider.configKey() + "`)");
                }
                out.add(b);
            }
        }
        return List.copyOf(out);
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
