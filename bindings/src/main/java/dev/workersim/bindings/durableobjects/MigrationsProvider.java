package dev.workersim.bindings.durableobjects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingProvider;
import java.util.List;

/**
 * {@code [[migrations]]}: the Durable Object classes this worker exports. Such a worker hosts their
 * objects (for its own bindings and for other workers' {@code script_name} bindings).
 */
public final class MigrationsProvider implements BindingProvider {
    @Override
    public String configKey() {
        return "migrations";
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        Migrations migrations = Migrations.of(section, context);
        ObjectDirectory directory = ObjectDirectory.of(context.workers(), context.persistRoot(), context.clock());
        return List.of(new HostBinding(context.workerName(), migrations, directory));
    }
}
