package dev.workersim.bindings.d1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingEntries;
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
        List<Binding> out = new ArrayList<>();
        // Two bindings of one database share its connection and its thread, so their statements stay serialized.
        Map<String, D1Binding.Shared> databases = new HashMap<>();
        Path root = context.persistRoot();
        for (BindingEntries.Entry entry : BindingEntries.of(section, configKey(), context)) {
            // wrangler dev keeps local data under the preview id when there is one.
            String id = entry.storeId("preview_database_id", "database_id", "database_name");
            D1Binding.Shared shared = databases.computeIfAbsent(id,
                    k -> new D1Binding.Shared(D1Database.open(root == null ? null : D1Database.file(root, k), k,
                            "D1 database \"" + k + "\" (binding " + entry.binding() + ")")));
            shared.users++;
            out.add(new D1Binding(entry.binding(), id, shared));
        }
        return out;
    }
}
