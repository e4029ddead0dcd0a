package dev.workersim.bindings.kv;

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

/** {@code [[kv_namespaces]]}: each entry gives {@code env[binding]}, a KvNamespace over the store of its id. */
public final class KvBindingProvider implements BindingProvider {
    @Override
    public String configKey() {
        return "kv_namespaces";
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        if (!section.isArray()) throw new ConfigException(context.configFile(), "`kv_namespaces` must be an array of tables");
        List<Binding> out = new ArrayList<>();
        // Two bindings of one namespace id share one store (MapDB allows one opener per file).
        Map<String, KvBinding.Shared> stores = new HashMap<>();
        int i = 0;
        for (JsonNode entry : section) {
            String where = "kv_namespaces[" + i++ + "]";
            String name = text(entry, "binding");
            if (name == null || name.isEmpty()) {
                throw new ConfigException(context.configFile(), where + ": missing \"binding\" (the name the worker sees in env)");
            }
            // Like wrangler dev (local), the namespace is its `id`; a missing id falls back to the binding name.
            String id = text(entry, "id");
            if (id == null || id.isEmpty()) id = name;
            if (!id.matches("[A-Za-z0-9._-]+")) {
                throw new ConfigException(context.configFile(), where + ": \"id\" may only hold letters, digits, '.', '_' and '-'");
            }
            String storeId = id;
            Path root = context.persistRoot();
            KvBinding.Shared shared = stores.computeIfAbsent(storeId,
                    k -> new KvBinding.Shared(new KvStore(root == null ? null : root.resolve("kv").resolve(k), context.clock())));
            shared.users++;
            out.add(new KvBinding(name, storeId, shared, context.clock()));
        }
        return out;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode v = entry.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
