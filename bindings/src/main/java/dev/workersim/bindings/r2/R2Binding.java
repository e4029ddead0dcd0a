package dev.workersim.bindings.r2;

import dev.workersim.bindings.store.SharedStore;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.HostLoop;

/** One R2 bucket bound into env. The store (and its work pool) outlives reloads of the worker. */
final class R2Binding implements Binding {
    static final BindingKind KIND = new BindingKind("r2", "/dev/workersim/bindings/r2/r2.js");

    private final String name;
    private final String bucket;
    private final SharedStore<R2Store> shared;

    R2Binding(String name, String bucket, SharedStore<R2Store> shared) {
        this.name = name;
        this.bucket = bucket;
        this.shared = shared;
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
        return new R2Ops(shared.store, shared.pool, loop);
    }

    @Override
    public dev.workersim.core.spi.ExplorerResource explorer() {
        return new R2Explorer(bucket, name, shared.store);
    }

    @Override
    public String configJson() {
        return Binding.json(java.util.Map.of("bucketName", bucket));
    }

    @Override
    public void close() {
        shared.release();
    }
}
