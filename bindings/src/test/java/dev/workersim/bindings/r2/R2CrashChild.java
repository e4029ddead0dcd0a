package dev.workersim.bindings.r2;

import dev.workersim.bindings.AckingLoad;
import dev.workersim.core.testing.WorkerFixture;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link R2CrashTest}: puts objects of varying sizes, with metadata, from several
 * threads forever and prints "ACK n" once the put of object n has resolved.
 */
public final class R2CrashChild {
    public static void main(String[] args) throws Exception {
        WorkerFixture worker = R2BucketTest.r2("""
                "/put": async (b, req, url) => {
                  const n = url.searchParams.get("n");
                  await b.put("obj-" + n, "body-" + n + "-".repeat(n % 300), { customMetadata: { n } });
                  return "ok";
                },
                """).persistTo(Path.of(args[0])).start();
        AckingLoad.run(worker.simulator(), "/put?n=", 6);
    }

    private R2CrashChild() {
    }
}
