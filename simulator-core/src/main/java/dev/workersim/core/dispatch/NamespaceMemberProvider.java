package dev.workersim.core.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingProvider;
import java.util.List;

/**
 * A user Worker's top-level {@code dispatch_namespace = "NAME"}: it makes no binding, it enters the
 * worker in the simulator's {@link DispatchDirectory}, where dispatchers bound to NAME find it.
 */
public final class NamespaceMemberProvider implements BindingProvider {
    @Override
    public String configKey() {
        return "dispatch_namespace";
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        if (!section.isTextual() || section.asText().isEmpty()) {
            throw new ConfigException(context.configFile(), "`dispatch_namespace` must be the name of a dispatch namespace (a string)");
        }
        if (context.workers() != null && context.workerName() != null) {
            DispatchDirectory.of(context.workers()).join(context.workerName(), section.asText());
        }
        return List.of();
    }
}
