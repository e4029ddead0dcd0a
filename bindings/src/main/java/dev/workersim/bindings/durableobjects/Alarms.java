package dev.workersim.bindings.durableobjects;

import dev.workersim.core.runtime.RpcCompletion;
import dev.workersim.core.runtime.SimClock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fires Durable Object alarms on the simulator's clock. A thread looks every few milliseconds for
 * alarms that are due by {@link SimClock#millis()} (so a test that moves the clock makes them fire at
 * once) and delivers {@code alarm(alarmInfo)} to the object. A run that throws is retried after 2 s,
 * 4 s, 8 s... up to 6 retries, as Cloudflare does; a new setAlarm() meanwhile replaces the retries.
 */
final class Alarms implements AutoCloseable {
    static final int MAX_RETRIES = 6;
    private static final long POLL_MILLIS = 10;

    /** Which object an alarm belongs to. */
    record Target(String script, String className, String idHex) {
    }

    /** One scheduled run: when, which attempt, and whether it is being delivered now. */
    private static final class Run {
        final Target target;
        volatile long at;
        final long scheduled; // the time setAlarm() gave, which identifies the alarm
        volatile int retry;
        volatile boolean running;

        Run(Target target, long at) {
            this.target = target;
            this.at = at;
            this.scheduled = at;
        }
    }

    private final SimClock clock;
    private final ObjectDirectory directory;
    private final Map<ObjectStorage, Run> runs = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    Alarms(SimClock clock, ObjectDirectory directory) {
        this.clock = clock;
        this.directory = directory;
        this.thread = new Thread(this::loop, "durable-object-alarms");
        thread.setDaemon(true);
        thread.start();
    }

    /** Follows the alarm of a newly opened object, scheduling the one its file holds. */
    void watch(ObjectStorage storage, Target target) {
        storage.listen((s, at) -> {
            if (at == null) runs.remove(s); else runs.put(s, new Run(target, at));
        });
        Long at = storage.scheduledAlarm();
        if (at != null) runs.put(storage, new Run(target, at));
    }

    private void loop() {
        while (!closed) {
            long now = clock.millis();
            for (Map.Entry<ObjectStorage, Run> e : runs.entrySet()) {
                Run run = e.getValue();
                if (!run.running && run.at <= now) fire(e.getKey(), run);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    private void fire(ObjectStorage storage, Run run) {
        if (run.retry == 0 && !storage.startAlarm(run.scheduled)) {
            runs.remove(storage, run); // replaced or deleted since
            return;
        }
        run.running = true;
        String info = "{\"$\":\"o\",\"v\":[[\"retryCount\"," + run.retry + "],[\"isRetry\"," + (run.retry > 0) + "]]}";
        Target t = run.target;
        directory.deliver(t.script(), t.className(), t.idHex(), null, "alarm", "alarm", info, new RpcCompletion.Listener() {
            @Override
            public void resolved(String reply) {
                if (!reply.startsWith("R")) { // the handler threw ("E") or the object aborted ("A")
                    rejected("Error", reply, null);
                    return;
                }
                if (runs.remove(storage, run)) storage.endAlarm(true);
            }

            @Override
            public void rejected(String name, String message, String stack) {
                if (runs.get(storage) != run) return; // a new alarm was set: it replaces the retries
                if (run.retry >= MAX_RETRIES) {
                    runs.remove(storage, run);
                    storage.endAlarm(true);
                    return;
                }
                run.retry++;
                run.at = clock.millis() + 2000L * (1L << (run.retry - 1));
                run.running = false;
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
