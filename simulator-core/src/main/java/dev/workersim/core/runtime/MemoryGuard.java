package dev.workersim.core.runtime;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
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
 * guard watches the heap: when the data still live after a collection passes {@link #limitBytes}
 * (80% of the maximum heap unless {@code -Dworkersim.heapLimitPercent} says otherwise), it blames the
 * isolate whose event-loop thread allocated the most since the heap was last below the limit (a
 * worker's JS runs on its loop thread only; {@code com.sun.management.ThreadMXBean} counts each
 * thread's allocations) and discards it: its requests in flight fail, its Context is cancelled,
 * which frees its heap, and its host loads a fresh one. Others follow while the heap stays over the
 * limit. The 20% left is the server's headroom: Undertow's threads and the other workers' loops
 * never meet an OutOfMemoryError that would leave a port that accepts and never answers.
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
    private final Set<String> heapPools = ConcurrentHashMap.newKeySet();
    private final long maxBytes;
    private final long limitBytes;
    // Every guarded isolate and its loop's allocation count when the heap was last below the limit.
    private final Map<Guarded, Long> guarded = new ConcurrentHashMap<>();
    private final Semaphore pressure = new Semaphore(0);

    private MemoryGuard() {
        long max = Runtime.getRuntime().maxMemory();
        maxBytes = max == Long.MAX_VALUE ? ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() : max;
        int percent = Integer.getInteger("workersim.heapLimitPercent", 80);
        limitBytes = maxBytes / 100 * Math.max(10, Math.min(95, percent));
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) heapPools.add(p.getName());
        }
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
        pressure.release();
    }

    /** The live-data limit in bytes. */
    public long limitBytes() {
        return limitBytes;
    }

    /** On the JVM's notification thread: only note whether the heap is over the limit after this collection. */
    private void afterCollection(CompositeData data) {
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(data);
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) used += e.getValue().getUsed();
        }
        if (used > limitBytes) {
            pressure.release();
        } else {
            guarded.replaceAll((isolate, since) -> allocated(isolate)); // the heap is fine: blame starts afresh
        }
    }

    private void run() {
        for (;;) {
            try {
                // A collection over the limit wakes the guard; the poll catches a heap that fills without one.
                boolean woken = pressure.tryAcquire(1, TimeUnit.SECONDS);
                pressure.drainPermits();
                if (woken || heapUsed() > limitBytes) relieve();
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                // The guard must outlive anything, an OutOfMemoryError of its own included.
            }
        }
    }

    /** Discards the isolates that allocated most until the live data is below the limit again. */
    private void relieve() {
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
            if (culprit == null) return; // nothing to discard: the heap belongs to the server itself
            guarded.remove(culprit);
            culprit.outOfMemory(String.format(
                    "Worker \"%s\" ran out of memory: %d MiB of the %d MiB heap were still in use after garbage collection"
                            + " (the limit is %d MiB), and it allocated the most (%d MiB) since the heap was last below the limit."
                            + " Its isolate was discarded, its requests in flight failed, and a fresh one is loading.",
                    culprit.workerName(), live / MIB, maxBytes / MIB, limitBytes / MIB, Math.max(0, most) / MIB));
            live = liveHeap();
        }
    }

    /** The heap in use after a full collection: what is really live. */
    private long liveHeap() {
        System.gc();
        return heapUsed();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private long allocated(Guarded isolate) {
        long bytes = threads.getThreadAllocatedBytes(isolate.loopThread().getId());
        return Math.max(0, bytes);
    }
}
