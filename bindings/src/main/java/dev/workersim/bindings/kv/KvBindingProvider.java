package dev.workersim.bindings.kv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.bindings.store.SharedStore;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingEntries;
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
        List<Binding> out = new ArrayList<>();
        // Two bindings of one namespace id share one store (MapDB allows one opener per file).
        Map<String, SharedStore<KvStore>> stores = new HashMap<>();
        Path root = context.persistRoot();
        for (BindingEntries.Entry entry : BindingEntries.of(section, configKey(), context)) {
            // Like wrangler dev (local), the namespace is its `id`; a missing id falls back to the binding name.
            String id = entry.storeId("id");
            SharedStore<KvStore> shared = stores.computeIfAbsent(id, k -> new SharedStore<>(
                    new KvStore(root == null ? null : root.resolve("kv").resolve(k), context.clock(),
                            "KV namespace \"" + k + "\" (binding " + entry.binding() + ")"), "workersim-kv-io"));
            out.add(new KvBinding(entry.binding(), id, shared.use(), context.clock()));
        }
        return out;
    }
}
