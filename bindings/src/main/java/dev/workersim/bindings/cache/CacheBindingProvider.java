package dev.workersim.bindings.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingProvider;
import dev.workersim.core.spi.HostLoop;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Always on: the Cache API's {@code caches} global, backed by {@code <persist>/cache/}. */
public final class CacheBindingProvider implements BindingProvider {
    @Override
    public String configKey() {
        return null;
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        return List.of(new CacheBinding(context));
    }

    static final class CacheBinding implements Binding {
        static final BindingKind KIND = new BindingKind("cache", "/dev/workersim/bindings/cache/cache.js");

        private final BindingContext context;
        private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "workersim-cache-io");
            t.setDaemon(true);
            return t;
        });
        private CacheStore store; // a new cache is made on first use, so a worker that never caches pays nothing at start

        CacheBinding(BindingContext context) {
            this.context = context;
            // A cache left by an earlier run is opened now: a damaged one stops the start, not a later match().
            if (CacheStore.existsUnder(context.persistRoot())) store();
        }

        public String name() {
            return "caches";
        }

        @Override
        public BindingKind kind() {
            return KIND;
        }

        @Override
        public boolean global() {
            return true;
        }

        public Object opsFor(HostLoop loop) {
            return new CacheOps(this::store, pool, context.clock(), loop);
        }

        private synchronized CacheStore store() {
            if (store == null) store = new CacheStore(context.persistRoot());
            return store;
        }

        @Override
        public synchronized void close() {
            pool.shutdown();
            if (store != null) store.close();
        }
    }
}
