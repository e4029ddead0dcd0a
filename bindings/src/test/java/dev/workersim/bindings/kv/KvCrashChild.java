package dev.workersim.bindings.kv;

import dev.workersim.bindings.AckingLoad;
import dev.workersim.core.Simulator;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link KvCrashTest}: writes keys from several threads forever and prints
 * "ACK n" once the put of key n has resolved, until the parent kills the process.
 */
public final class KvCrashChild {
    public static void main(String[] args) throws Exception {
        Simulator sim = KvWorkers.start("""
                "/put": async (kv, url) => { const n = url.searchParams.get("n"); await kv.put("key-" + n, "value-" + n); return "ok"; },
                """, Path.of(args[0]));
        AckingLoad.run(sim, "/put?n=", 8);
    }
}
