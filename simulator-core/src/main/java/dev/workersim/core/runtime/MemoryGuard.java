package dev.workersim.core.runtime;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Keeps one worker's memory growth from taking the whole process down, as workerd aborts an isolate
 * that passes its heap limit and wrangler restarts it.
 *
 * <p>GraalJS community has no per-Context heap limit ({@code sandbox.MaxHeapMemory} needs Truffle
 * Enterprise, graaljs-probe.md §6), and every worker shares the JVM heap with the server. So the
 * guard watches the heap's old generation, where a worker's growing globals end up: when the data
 * still live there after a collection passes {@link #limitBytes} (the generation's maximum less the
 * {@link #headroom} the JVM needs to go on working), it blames the
 * isolate whose event-loop thread allocated the most since the heap was last below the limit (a
 * worker's JS runs on its loop thread only; {@code com.sun.management.ThreadMXBean} counts each
 * thread's allocations) and discards it: its requests in flight fail, its Context is cancelled,
 * which frees its heap, and its host loads a fresh one. Others follow while the heap stays over the
 * limit. What is left is the server's headroom: Undertow's threads and the other workers' loops
 * never meet an OutOfMemoryError that would leave a port that accepts and never answers.
 *
 * <p>Why the old generation and not the whole heap: with a generational collector the JVM throws
 * OutOfMemoryError when the old generation is full, however empty the young one is (SerialGC at
 * -Xmx256m: old 170 MiB of 247 MiB), so a limit on the whole heap may never be reached.
 */
public final class MemoryGuard {
    /** What the guard can discard: one isolate, known by its worker's name and its loop thread. */
    public interface Guarded {
        String workerName();

        Thread loopThread();

        /** Discards the isolate; {@code why} is the terminal's account of it. Must not block for long. */
        void outOfMemory(String why);
    }

    private static final long MIB = 1024 * 1024;
    private static volatile MemoryGuard instance;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final MemoryPoolMXBean oldPool; // where long-lived data ends up (the whole heap for ZGC/Shenandoah)
    private final long maxBytes;
    private final long limitBytes;
    // Every guarded isolate and its loop's allocation count when the heap was last below the limit.
    private final Map<Guarded, Long> guarded = new ConcurrentHashMap<>();
    private final Semaphore pressure = new Semaphore(0);
    private volatile boolean urgent; // an OutOfMemoryError was met: look even while quiet
    // After a look that found the heap over the limit and nobody to blame (the server's own data, or a
    // worker that stopped allocating), collections over the limit are not looked at again for a while:
    // each look costs a full collection.
    private long quietUntil = System.nanoTime();
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(5);

    private MemoryGuard() {
        oldPool = oldGeneration();
        long max = oldPool.getUsage().getMax();
        maxBytes = max > 0 ? max : Runtime.getRuntime().maxMemory();
        limitBytes = maxBytes - headroom(maxBytes);
        threads.setThreadAllocatedMemoryEnabled(true);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> afterCollection((CompositeData) n.getUserData()),
                        n -> GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType()), null);
            }
        }
        Thread t = new Thread(this::run, "memory-guard");
        t.setDaemon(true);
        t.start();
    }

    /**
     * What the old generation keeps free: a quarter of it, and at least what one young collection
     * may promote into it at once (the young generation's size, when it has a fixed maximum) plus a
     * twentieth. Measured with SerialGC at -Xmx256m: the young generation is 78 MiB, and a hog's
     * old generation went from 125 MiB (below a 75% limit of 128) to full in one collection.
     */
    private long headroom(long oldMax) {
        long young = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            long m = p.getUsage().getMax();
            if (p.getType() == MemoryType.HEAP && p != oldPool && m > 0) young += m;
        }
        return Math.max(oldMax / 4, young + oldMax / 20);
    }

    /** The heap pool that outlives young collections: the one with a usage threshold and the largest maximum. */
    private static MemoryPoolMXBean oldGeneration() {
        MemoryPoolMXBean best = null;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() != MemoryType.HEAP || !p.isUsageThresholdSupported()) continue;
            if (best == null || p.getUsage().getMax() > best.getUsage().getMax()) best = p;
        }
        if (best == null) throw new IllegalStateException("this JVM reports no old-generation heap pool to guard");
        return best;
    }

    /** The process's guard, started on first use. */
    public static MemoryGuard get() {
        MemoryGuard g = instance;
        if (g == null) {
            synchronized (MemoryGuard.class) {
                g = instance;
                if (g == null) instance = g = new MemoryGuard();
            }
        }
        return g;
    }

    /** Watches {@code isolate} until {@link #forget}. */
    public void watch(Guarded isolate) {
        guarded.put(isolate, allocated(isolate));
    }

    public void forget(Guarded isolate) {
        guarded.remove(isolate);
    }

    /** Somebody met an OutOfMemoryError: look now rather than at the next collection. */
    public void check() {
        urgent = true;
        pressure.release();
    }

    /** The live-data limit in bytes. */
    public long limitBytes() {
        return limitBytes;
    }

    /** On the JVM's notification thread: only note whether the old generation is over the limit after this collection. */
    private void afterCollection(CompositeData data) {
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(data);
        MemoryUsage old = info.getGcInfo().getMemoryUsageAfterGc().get(oldPool.getName());
        if (old == null) return;
        if (old.getUsed() > limitBytes) {
            pressure.release();
        } else {
            guarded.replaceAll((isolate, since) -> allocated(isolate)); // the heap is fine: blame starts afresh
        }
    }

    private void run() {
        for (;;) {
            try {
                // A collection over the limit wakes the guard (the heap cannot fill without one).
                pressure.acquire();
                pressure.drainPermits();
                boolean look = urgent || System.nanoTime() - quietUntil >= 0;
                urgent = false;
                if (look && !relieve()) quietUntil = System.nanoTime() + QUIET_NANOS;
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                // The guard must outlive anything, an OutOfMemoryError of its own included.
            }
        }
    }

    /**
     * Discards the isolates that allocated most until the live data is below the limit again; false
     * when it stays above with nobody (else) to blame.
     */
    private boolean relieve() {
        // Measured afresh: a notification may be older than the last discard.
        long live = liveHeap();
        while (live > limitBytes) {
            Guarded culprit = null;
            long most = -1;
            for (Map.Entry<Guarded, Long> e : guarded.entrySet()) {
                long g = allocated(e.getKey()) - e.getValue();
                if (g > most) {
                    most = g;
                    culprit = e.getKey();
                }
            }
            // Nothing (else) to discard: the heap belongs to the server itself, or to a worker that no
            // longer allocates, which a collection will not save from the limit again.
            if (culprit == null || most < MIB) return false;
            guarded.remove(culprit);
            culprit.outOfMemory(String.format(
                    "Worker \"%s\" ran out of memory: the heap still held %d MiB of long-lived data after garbage collection"
                            + " (limit %d MiB of %d MiB), and this worker allocated the most since it was last below the limit (%d MiB)."
                            + " Its isolate was discarded, its requests in flight failed, and a fresh one is loading.",
                    culprit.workerName(), live / MIB, limitBytes / MIB, maxBytes / MIB, Math.max(0, most) / MIB));
            live = liveHeap();
        }
        return true;
    }

    /** The old generation's use after a full collection: what is really live there. */
    private long liveHeap() {
        System.gc();
        return oldUsed();
    }

    private long oldUsed() {
        return oldPool.getUsage().getUsed();
    }

    private long allocated(Guarded isolate) {
        long bytes = threads.getThreadAllocatedBytes(isolate.loopThread().getId());
        return Math.max(0, bytes);
    }
}
