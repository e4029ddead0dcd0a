package dev.workersim.bindings.kv;

import dev.workersim.core.runtime.SimClock;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.HostLoop;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** One KV namespace bound into env. The store (and its executor) outlives reloads of the worker. */
final class KvBinding implements Binding {
    /** A store and the work pool for its large values, shared by the bindings of one namespace id. */
    static final class Shared {
        final KvStore store;
        final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "workersim-kv-io");
            t.setDaemon(true);
            return t;
        });
        int users;

        Shared(KvStore store) {
            this.store = store;
        }
    }

    private final String name;
    private final String id;
    private final Shared shared;
    private final SimClock clock;

    KvBinding(String name, String id, Shared shared, SimClock clock) {
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
    public String type() {
        return "kv";
    }

    @Override
    public String jsResource() {
        return "/dev/workersim/bindings/kv/kv.js";
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
        return "{\"id\":\"" + id + "\"}";
    }

    @Override
    public void close() {
        synchronized (shared) {
            if (--shared.users > 0) return;
        }
        shared.pool.shutdown();
        shared.store.close();
    }
}
