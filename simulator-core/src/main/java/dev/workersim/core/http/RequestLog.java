package dev.workersim.core.http;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One line per request ("GET /path 200 OK (3ms)"), written by a background thread in batches so
 * that a load test is not slowed by a synchronised println per request.
 */
public final class RequestLog implements AutoCloseable {
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>(100_000);
    private final PrintStream out;
    private final Thread writer;
    private volatile boolean open = true;

    public RequestLog(PrintStream out) {
        this.out = out;
        this.writer = new Thread(this::drain, "request-log");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public void log(String line) {
        lines.offer(line); // if the terminal cannot keep up, lines are dropped rather than slowing requests
    }

    private void drain() {
        List<String> batch = new ArrayList<>();
        while (open || !lines.isEmpty()) {
            try {
                String first = lines.take();
                batch.add(first);
                lines.drainTo(batch, 10_000);
                StringBuilder sb = new StringBuilder();
                for (String l : batch) sb.append(l).append('\n');
                out.print(sb);
                out.flush();
                batch.clear();
            } catch (InterruptedException e) {
                if (!open) break;
            }
        }
    }

    @Override
    public void close() {
        open = false;
        writer.interrupt();
    }
}
