package dev.moonstack.vm;

import java.lang.management.ManagementFactory;

/**
 * The memory a runtime reports as in use (Lua: gettotalbytes, collectgarbage("count")): the
 * size of the Lua objects the last marking reached, estimated by {@link
 * dev.moonstack.value.GcMarker}, plus every byte the runtime's thread has allocated since.
 *
 * <p>Why not the JVM's heap usage: it moves with things a Lua program cannot see (other
 * threads, the size of allocation buffers, G1 rounding a 4 MB string up to two 4 MB regions),
 * so counts taken around a collection would not be comparable, and Lua programs compare them
 * to the kilobyte (gc.lua). This count, like Lua's, grows exactly as the program allocates and
 * drops exactly to what is reachable when a collection finishes. It does not drop when only the
 * JVM collects; automatic Lua collections ({@link GarbageCollector}) bring it back down.
 */
final class MemoryCount {
    private static final com.sun.management.ThreadMXBean THREADS = threadBean();

    /** Bytes counted up to {@link #snapshot} (the marking's estimate, plus earlier threads' allocation). */
    private long base;
    /** Thread whose allocation is counted, and its allocation counter at the snapshot. */
    private long threadId = -1, snapshot;

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean b = ManagementFactory.getThreadMXBean();
        if (!(b instanceof com.sun.management.ThreadMXBean)) return null;
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) b;
        if (!t.isThreadAllocatedMemorySupported()) return null;
        if (!t.isThreadAllocatedMemoryEnabled()) t.setThreadAllocatedMemoryEnabled(true);
        return t;
    }

    /** A marking found {@code liveBytes} reachable: the count restarts from there. */
    void reset(long liveBytes) {
        base = liveBytes;
        threadId = Thread.currentThread().getId();
        snapshot = allocated(threadId);
    }

    /** The count in bytes. A runtime used from another thread than before counts from there. */
    long bytes() {
        long id = Thread.currentThread().getId();
        if (id != threadId) {
            if (threadId >= 0) base += Math.max(0, allocated(threadId) - snapshot);
            threadId = id;
            snapshot = allocated(id);
            return base;
        }
        return base + Math.max(0, allocated(id) - snapshot);
    }

    /** Bytes allocated by a thread (the JVM heap in use where that is not measured). */
    private static long allocated(long id) {
        if (THREADS == null) {
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }
        long n = id == Thread.currentThread().getId() ? THREADS.getCurrentThreadAllocatedBytes()
                : THREADS.getThreadAllocatedBytes(id);
        return Math.max(n, 0);
    }
}
