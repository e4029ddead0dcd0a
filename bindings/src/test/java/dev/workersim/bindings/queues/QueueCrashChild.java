package dev.workersim.bindings.queues;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.Simulator;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a child JVM by {@link QueueCrashTest}: sends messages from several threads forever (the
 * consumer never finishes a batch, so none is acknowledged) and prints "ACK n" once the send of
 * message n has resolved, until the parent kills the process.
 */
public final class QueueCrashChild {
    static final String TOML = RecordingConsumer.producer("crash") + RecordingConsumer.consumer("crash", "max_batch_size = 100");

    public static void main(String[] args) throws Exception {
        String script = """
                export default {
                  async fetch(req, env) { await env.Q.send(Number(new URL(req.url).searchParams.get("n"))); return new Response("ok"); },
                  async queue() { await new Promise(() => {}); },
                };
                """;
        Simulator sim = Simulator.builder().name("crash").script(script).inlineConfig(TOML).persistTo(Path.of(args[0]))
                .http(false).build().start();
        AtomicInteger next = new AtomicInteger();
        Runnable sender = () -> {
            for (;;) {
                int n = next.getAndIncrement();
                if (sim.dispatchFetch(FetchRequest.get("/send?n=" + n)).status() == 200) {
                    synchronized (System.out) {
                        System.out.println("ACK " + n);
                        System.out.flush();
                    }
                }
            }
        };
        for (int i = 0; i < 8; i++) new Thread(sender).start();
    }
}
