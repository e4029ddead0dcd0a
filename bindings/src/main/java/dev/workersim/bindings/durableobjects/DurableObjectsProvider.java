package dev.workersim.bindings.durableobjects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.BindingProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code [durable_objects] bindings = [{name, class_name, script_name?}]}: a DurableObjectNamespace
 * in env per entry. A worker with bindings to its own classes but no {@code [[migrations]]} still
 * hosts them (Miniflare tolerates the missing migration), so this provider then adds the host half.
 */
public final class DurableObjectsProvider implements BindingProvider {
    static final String JS = "/dev/workersim/bindings/durableobjects/durable-objects.js";
    /** env.NAME of a Durable Object namespace. */
    static final BindingKind NAMESPACE_KIND = new BindingKind("durable_object_namespace", JS);
    /** Not in env: equips the runtime to host this worker's Durable Object classes. */
    static final BindingKind HOST_KIND = new BindingKind("durable_object_host", JS);

    @Override
    public String configKey() {
        return "durable_objects";
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        ObjectDirectory directory = ObjectDirectory.of(context.workers(), context.persistRoot(), context.clock());
        JsonNode entries = section.get("bindings");
        List<Binding> out = new ArrayList<>();
        if (entries == null || entries.isNull()) return out;
        if (!entries.isArray()) throw new ConfigException(context.configFile(), "`durable_objects.bindings` must be an array of tables");
        String self = context.workerName();
        JsonNode migrations = context.config().get("migrations");
        java.util.Map<String, Boolean> sqlite = Migrations.of(migrations, context).classes();
        java.util.Map<String, Boolean> ownClasses = new java.util.LinkedHashMap<>();
        int i = 0;
        for (JsonNode e : entries) {
            String where = "durable_objects.bindings[" + i++ + "]";
            String name = e.path("name").asText("");
            String className = e.path("class_name").asText("");
            if (name.isEmpty()) throw new ConfigException(context.configFile(), where + ": missing \"name\" (the name the worker sees in env)");
            if (className.isEmpty()) throw new ConfigException(context.configFile(), where + ": missing \"class_name\"");
            String script = e.path("script_name").asText("");
            DoExplorer explorer = null;
            if (script.isEmpty() || script.equals(self)) {
                script = self;
                ownClasses.put(className, false);
                explorer = new DoExplorer(self, className, Boolean.TRUE.equals(sqlite.get(className)), directory);
            }
            out.add(new NamespaceBinding(name, script, className, directory, explorer));
        }
        if (!ownClasses.isEmpty() && (migrations == null || migrations.isNull())) {
            out.add(new HostBinding(self, new Migrations(ownClasses, java.util.Map.of(), List.of()), directory));
        }
        return out;
    }
}
