package dev.workersim.bindings.d1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code [[d1_databases]]}: each entry gives {@code env[binding]}, a D1Database over a SQLite file. */
public final class D1Provider implements BindingProvider {
    @Override
    public String configKey() {
        return "d1_databases";
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        if (!section.isArray()) throw new ConfigException(context.configFile(), "`d1_databases` must be an array of tables");
        List<Binding> out = new ArrayList<>();
        // Two bindings of one database share its connection and its thread, so their statements stay serialized.
        Map<String, D1Binding.Shared> databases = new HashMap<>();
        int i = 0;
        for (JsonNode entry : section) {
            String where = "d1_databases[" + i++ + "]";
            String name = text(entry, "binding");
            if (name == null || name.isEmpty()) {
                throw new ConfigException(context.configFile(), where + ": missing \"binding\" (the name the worker sees in env)");
            }
            // wrangler dev keeps local data under the preview id when there is one.
            String id = text(entry, "preview_database_id");
            if (id == null || id.isEmpty()) id = text(entry, "database_id");
            if (id == null || id.isEmpty()) id = text(entry, "database_name");
            if (id == null || id.isEmpty()) id = name;
            if (!id.matches("[A-Za-z0-9._-]+")) {
                throw new ConfigException(context.configFile(), where + ": \"database_id\" may only hold letters, digits, '.', '_' and '-'");
            }
            String dbId = id;
            Path root = context.persistRoot();
            D1Binding.Shared shared = databases.computeIfAbsent(dbId,
                    k -> new D1Binding.Shared(D1Database.open(root == null ? null : D1Database.file(root, k), k)));
            shared.users++;
            out.add(new D1Binding(name, shared));
        }
        return out;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode v = entry.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
