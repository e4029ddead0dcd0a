package dev.workersim.bindings.d1;

import dev.workersim.core.spi.HostLoop;
import java.nio.ByteBuffer;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

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
    public void run(String requestJson, Value resolve, Value reject) {
        loop.complete(database.executor(), () -> database.run(requestJson), resolve, reject);
    }

    /** Resolves to {@code {"count", "duration"}} as JSON. */
    @HostAccess.Export
    public void exec(String sql, Value resolve, Value reject) {
        loop.complete(database.executor(), () -> database.exec(sql), resolve, reject);
    }

    /** Resolves to the database file's bytes. */
    @HostAccess.Export
    public void dump(Value resolve, Value reject) {
        loop.complete(database.executor(), () -> ByteBuffer.wrap(database.dump()), resolve, reject);
    }
}
