package dev.workersim.bindings.d1;

import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.HostLoop;

/** {@code env[name]} for one {@code [[d1_databases]]} entry. The database outlives reloads; ops are per isolate. */
final class D1Binding implements Binding {
    static final BindingKind KIND = new BindingKind("d1", "/dev/workersim/bindings/d1/d1.js");

    /** A database and how many bindings use it: the last one to close closes it. */
    static final class Shared {
        final D1Database database;
        int users;

        Shared(D1Database database) {
            this.database = database;
        }
    }

    private final String name;
    private final Shared shared;

    private final String id;

    D1Binding(String name, String id, Shared shared) {
        this.name = name;
        this.id = id;
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
        return new D1Ops(loop, shared.database);
    }

    @Override
    public dev.workersim.core.spi.ExplorerResource explorer() {
        return new D1Explorer(id, name, shared.database);
    }

    @Override
    public void close() {
        synchronized (shared) {
            if (--shared.users == 0) shared.database.close();
        }
    }
}
