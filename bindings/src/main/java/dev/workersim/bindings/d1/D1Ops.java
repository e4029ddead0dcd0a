package dev.workersim.bindings.d1;

import dev.workersim.core.spi.HostLoop;
import dev.workersim.core.spi.Pending;
import java.nio.ByteBuffer;
import org.graalvm.polyglot.HostAccess;

/** What d1.js calls: plain strings in, JSON strings (or bytes) out, the work on the database's own thread. */
public final class D1Ops {
    private final HostLoop loop;
    private final D1Database database;

    D1Ops(HostLoop loop, D1Database database) {
        this.loop = loop;
        this.database = database;
    }

    /** Statements as {@code {"batch", "stmts": [{"sql", "params"}]}}; resolves to a JSON array of results. */
    @HostAccess.Export
    public Pending run(String requestJson) {
        return loop.complete(database.executor(), () -> database.run(requestJson));
    }

    /** Resolves to {@code {"count", "duration"}} as JSON. */
    @HostAccess.Export
    public Pending exec(String sql) {
        return loop.complete(database.executor(), () -> database.exec(sql));
    }

    /** Resolves to the database file's bytes. */
    @HostAccess.Export
    public Pending dump() {
        return loop.complete(database.executor(), () -> ByteBuffer.wrap(database.dump()));
    }
}
