package dev.workersim.bindings.kv;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a child JVM by {@link KvCrashTest}: writes keys from several threads forever and prints
 * "ACK n" once the put of key n has resolved, until the parent kills the process.
 */
public final class KvCrashChild {
    public static void main(String[] args) throws Exception {
        Simulator sim = KvWorkers.start("""
                "/put": async (kv, url) => { const n = url.searchParams.get("n"); await kv.put("key-" + n, "value-" + n); return "ok"; },
                """, Path.of(args[0]));
        AtomicInteger next = new AtomicInteger();
        Runnable writer = () -> {
            for (;;) {
                int n = next.getAndIncrement();
                var r = sim.dispatchFetch(FetchRequest.get("/put?n=" + n));
                if (r.status() == 200) {
                    synchronized (System.out) {
                        System.out.println("ACK " + n);
                        System.out.flush();
                    }
                }
            }
        };
        for (int i = 0; i < 8; i++) new Thread(writer).start();
    }
}
