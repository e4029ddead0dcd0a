package dev.workersim.bindings.r2;

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
import java.util.function.Supplier;

/** {@code [[r2_buckets]]}: each entry gives {@code env[binding]}, an R2Bucket over the store of its bucket_name. */
public final class R2Provider implements BindingProvider {
    @Override
    public String configKey() {
        return "r2_buckets";
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        List<Binding> out = new ArrayList<>();
        // Two bindings of one bucket share its store (one H2 database, one blob folder).
        Map<String, SharedStore<R2Store>> stores = new HashMap<>();
        Path root = context.persistRoot();
        for (BindingEntries.Entry entry : BindingEntries.of(section, configKey(), context)) {
            // As wrangler dev does locally, the bucket is its `bucket_name`, else the binding name.
            String bucket = entry.storeId("bucket_name");
            Supplier<SharedStore<R2Store>> open = () -> new SharedStore<>(
                    root == null ? new R2Store(null, context.clock()) : R2Store.openLocal(root, bucket, context.clock()), "workersim-r2-io");
            // Every worker of the simulator that binds this bucket sees the same one, as under wrangler dev.
            SharedStore<R2Store> shared = context.workers() != null
                    ? context.workers().shared("r2-bucket:" + root + ":" + bucket, () -> open.get().use())
                    : stores.computeIfAbsent(bucket, b -> open.get());
            out.add(new R2Binding(entry.binding(), bucket, shared.use()));
        }
        return out;
    }
}
