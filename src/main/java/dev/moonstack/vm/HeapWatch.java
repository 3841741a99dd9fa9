package dev.moonstack.vm;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.ref.WeakReference;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Watches the JVM's garbage collections and counts what the program allocates between them,
 * so that runtimes with weak tables or finalizers get Lua-level collections at Lua's pace
 * (Lua: the GC debt; a cycle starts when the program has allocated, since the last one,
 * {@code pause - 100} percent of what was in use after it).
 *
 * <p>One listener per JVM, installed when the first runtime needs it, on every collector
 * bean; it runs on the JVM's notification thread and only reads and writes volatile fields.
 * Allocation is measured as the growth of the heap between the end of one JVM collection and
 * the start of the next, over all threads.
 */
final class HeapWatch {
    private HeapWatch() {}

    /** Bytes the JVM has allocated in the heap since the listener was installed. */
    static volatile long allocated;
    /** Heap in use right after the last JVM collection, or -1 before the first one. */
    static volatile long usedAfterLastGc = -1;

    private static final CopyOnWriteArrayList<WeakReference<GarbageCollector>> WATCHERS = new CopyOnWriteArrayList<>();
    private static Set<String> heapPools;
    private static boolean installed;

    /** Starts reporting JVM collections to {@code gc}. */
    static synchronized void register(GarbageCollector gc) {
        if (!installed) {
            installed = true;
            install();
        }
        WATCHERS.add(new WeakReference<>(gc));
    }

    /** Stops reporting to {@code gc} (a closed runtime). */
    static void unregister(GarbageCollector gc) {
        WATCHERS.removeIf(r -> r.get() == null || r.get() == gc);
    }

    private static void install() {
        heapPools = new HashSet<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) heapPools.add(p.getName());
        }
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (b instanceof NotificationEmitter) {
                ((NotificationEmitter) b).addNotificationListener(HeapWatch::onNotification, null, null);
            }
        }
    }

    private static void onNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
        com.sun.management.GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
        long before = heapUsed(info.getMemoryUsageBeforeGc()), after = heapUsed(info.getMemoryUsageAfterGc());
        long last = usedAfterLastGc;
        if (last >= 0 && before > last) allocated += before - last;
        usedAfterLastGc = after;
        boolean stale = false;
        for (WeakReference<GarbageCollector> r : WATCHERS) {
            GarbageCollector gc = r.get();
            if (gc == null) stale = true;
            else gc.afterJvmCollection();
        }
        if (stale) WATCHERS.removeIf(r -> r.get() == null);
    }

    private static long heapUsed(Map<String, MemoryUsage> pools) {
        long sum = 0;
        for (Map.Entry<String, MemoryUsage> e : pools.entrySet()) {
            if (heapPools.contains(e.getKey())) sum += e.getValue().getUsed();
        }
        return sum;
    }
}
