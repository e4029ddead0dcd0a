package dev.workersim.bindings.kv;

import dev.workersim.bindings.store.SharedStore;
import dev.workersim.core.runtime.SimClock;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.HostLoop;

/** One KV namespace bound into env. The store (and its executor) outlives reloads of the worker. */
final class KvBinding implements Binding {
    static final BindingKind KIND = new BindingKind("kv", "/dev/workersim/bindings/kv/kv.js");

    private final String name;
    private final String id;
    private final SharedStore<KvStore> shared;
    private final SimClock clock;

    KvBinding(String name, String id, SharedStore<KvStore> shared, SimClock clock) {
        this.name = name;
        this.id = id;
        this.shared = shared;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BindingKind kind() {
        return KIND;
    }

    @Override
    public Object opsFor(HostLoop loop) {
        return new KvOps(shared.store, shared.pool, clock, loop);
    }

    @Override
    public dev.workersim.core.spi.ExplorerResource explorer() {
        return new KvExplorer(id, name, shared.store, clock);
    }

    @Override
    public String configJson() {
        return Binding.json(java.util.Map.of("id", id));
    }

    @Override
    public void close() {
        shared.release();
    }
}
