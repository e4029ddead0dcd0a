package dev.workersim.bindings;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The write load of the crash tests' child JVMs: requests {@code pathPrefix + n} for n = 0, 1, ...
 * from several threads forever and prints "ACK n" once request n answered 200 (its write resolved),
 * until the parent kills the process.
 */
public final class AckingLoad {
    public static void run(Simulator sim, String pathPrefix, int threads) {
        AtomicInteger next = new AtomicInteger();
        Runnable writer = () -> {
            for (;;) {
                int n = next.getAndIncrement();
                var r = sim.dispatchFetch(FetchRequest.get(pathPrefix + n));
                if (r.status() == 200) {
                    synchronized (System.out) {
                        System.out.println("ACK " + n);
                        System.out.flush();
                    }
                }
            }
        };
        for (int i = 0; i < threads; i++) new Thread(writer).start();
    }

    private AckingLoad() {
    }
}
