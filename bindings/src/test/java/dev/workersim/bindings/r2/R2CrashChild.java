package dev.workersim.bindings.r2;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a child JVM by {@link R2CrashTest}: puts objects from several threads forever (every tenth
 * one replacing an earlier key) and prints "ACK n" once the put of object n has resolved.
 */
public final class R2CrashChild {
    public static void main(String[] args) throws Exception {
        Simulator sim = R2Workers.start("""
                "/put": async (b, req, url) => {
                  const n = url.searchParams.get("n");
                  await b.put("obj-" + n, "body-" + n + "-".repeat(n % 300), { customMetadata: { n } });
                  return "ok";
                },
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
        for (int i = 0; i < 6; i++) new Thread(writer).start();
    }

    private R2CrashChild() {
    }
}
