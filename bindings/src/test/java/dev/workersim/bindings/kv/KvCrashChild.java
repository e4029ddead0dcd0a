package dev.workersim.bindings.kv;

import dev.workersim.bindings.AckingLoad;
import dev.workersim.core.testing.RouteWorker;
import dev.workersim.core.testing.WorkerFixture;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link KvCrashTest}: writes keys from several threads forever and prints
 * "ACK n" once the put of key n has resolved, until the parent kills the process.
 */
public final class KvCrashChild {
    public static void main(String[] args) throws Exception {
        WorkerFixture worker = WorkerFixture.script(RouteWorker.script("""
                "/put": async (kv, url) => { const n = url.searchParams.get("n"); await kv.put("key-" + n, "value-" + n); return "ok"; },
                """, "env.KV, url, env")).toml("[[kv_namespaces]]\nbinding = \"KV\"\nid = \"abc\"").persistTo(Path.of(args[0])).start();
        AckingLoad.run(worker.simulator(), "/put?n=", 8);
    }
}
