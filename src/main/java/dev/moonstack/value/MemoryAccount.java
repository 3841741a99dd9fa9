package dev.moonstack.value;

import java.lang.management.ManagementFactory;

/**
 * The memory one runtime has in use and its cap (Lua: g->totalbytes and GCdebt, and a host's
 * limiting lua_Alloc): what collectgarbage("count") reports and what a memory limit is held to.
 *
 * <p><b>The count.</b> Bytes in use = the size of the Lua objects the last marking reached
 * (estimated by {@link GcMarker}, see docs/embedding-io.md "Memory") plus every byte the JVM
 * has allocated on the runtime's thread since, while the runtime was running: between a host
 * call's entry and its return ({@link #enter}, {@link #leave}), and not while another runtime
 * runs inside it on the same thread (the {@link #CURRENT} chain). So allocation is counted
 * where it happens, by the JVM's own per-thread counter, with no code at allocation sites;
 * frees are learned when a marking finds what is still reachable, as Lua learns them when it
 * sweeps.
 *
 * <p><b>The cap.</b> With a limit set, the count is checked at the executor's slow path every
 * {@link #CHECK_WINDOW} instructions, at every poll of a long builtin, and before every
 * allocation that may be large ({@link #reserve}: table and stack growth, string buffers,
 * concatenation, string.rep, ...), with the size about to be made. Over the limit, the runtime
 * first runs an emergency marking to learn what is still live (Lua: luaC_fullgc(L, 1) when an
 * allocation fails), and raises "not enough memory" only if still over.
 *
 * <p><b>The profiler's feed.</b> The allocation sites of Lua objects (tables and their
 * growth, strings, closures, upvalues, userdata, coroutines and their stacks) report each
 * object with its size in the size model, the one a marking counts (docs/profiling.md), to a
 * {@link Listener}: behind one test of {@link #profiled}, a static read, so that they cost
 * nothing more while no runtime of the JVM is profiled.
 */
public final class MemoryAccount {
    private static final com.sun.management.ThreadMXBean THREADS = threadBean();
    /** The account of the runtime running on each thread, innermost first. */
    private static final ThreadLocal<MemoryAccount> CURRENT = new ThreadLocal<>();
    /** Runtimes of the JVM with a {@link Listener}; with none, {@link #profiled} is false. */
    private static volatile int listeners;
    /** Whether any runtime of the JVM has a limit; with none, {@link #reserve} is one static read. */
    private static volatile boolean anyLimit;
    /** Instructions between two checks of the count in the executor's slow path, when there is a limit. */
    public static final int CHECK_WINDOW = 1024;
    /** Allocations smaller than this are left to the periodic checks. */
    private static final long SMALL = 1 << 12;

    /** Bytes counted up to {@link #snapshot}. */
    private long base;
    /** The thread's allocation counter when counting last (re)started, valid while {@link #counting}. */
    private long snapshot;
    private boolean counting;
    /** The memory profiler of this runtime, or null. */
    private Listener listener;
    /** The account that was counting on this thread when the running host call came. */
    private MemoryAccount outer;
    /** The limit in bytes, Long.MAX_VALUE for none. */
    private long limit = Long.MAX_VALUE;
    /** Learns what is live (an emergency marking), then calls {@link #reset}; set by the collector. */
    private final Runnable emergency;
    /** The error for a passed limit, made in advance (Lua: g->memerrmsg). */
    private final LuaError error;
    private boolean inEmergency;
    /** The count right after the last marking. */
    private long afterMarking;

    public MemoryAccount(Runnable emergency, LuaError error) {
        this.emergency = emergency;
        this.error = error;
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean b = ManagementFactory.getThreadMXBean();
        if (!(b instanceof com.sun.management.ThreadMXBean)) return null;
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) b;
        if (!t.isThreadAllocatedMemorySupported()) return null;
        if (!t.isThreadAllocatedMemoryEnabled()) t.setThreadAllocatedMemoryEnabled(true);
        return t;
    }

    /** Bytes allocated so far by the current thread (the JVM heap in use where that is not measured). */
    private static long allocated() {
        if (THREADS == null) {
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }
        return Math.max(THREADS.getCurrentThreadAllocatedBytes(), 0);
    }

    // ---------------------------------------------------------------- counting

    /**
     * The outermost host call enters the runtime on the current thread: its allocation counts
     * here, and no longer for a runtime that was running on this thread (it resumes at
     * {@link #leave}).
     */
    public void enter() {
        startCounting();
    }

    private void startCounting() {
        MemoryAccount o = CURRENT.get();
        if (o != null) o.stopCounting();
        outer = o;
        CURRENT.set(this);
        snapshot = allocated();
        counting = true;
    }

    /** The host call {@link #enter} announced returns. */
    public void leave() {
        if (!counting) return;
        stopCounting();
        MemoryAccount o = outer;
        outer = null;
        if (o != null) {
            CURRENT.set(o);
            o.snapshot = allocated();
            o.counting = true;
        } else {
            CURRENT.remove();
        }
    }

    private void stopCounting() {
        if (!counting) return;
        base += Math.max(0, allocated() - snapshot);
        counting = false;
    }

    /** A marking found {@code liveBytes} reachable: the count restarts from there. */
    public void reset(long liveBytes) {
        base = liveBytes;
        afterMarking = liveBytes;
        if (counting) snapshot = allocated();
    }

    /** The count in bytes (Lua: gettotalbytes). */
    public long bytes() {
        return counting ? base + Math.max(0, allocated() - snapshot) : base;
    }

    /** The count as the last marking left it, without starting to keep it (for a collector's pacing). */
    public long estimate() { return base; }


    // ---------------------------------------------------------------- the limit

    /** Sets the limit in bytes; 0 or less removes it. */
    public void setLimit(long bytes) {
        limit = bytes <= 0 ? Long.MAX_VALUE : bytes;
        if (limit != Long.MAX_VALUE) {
            anyLimit = true;
        }
    }

    /** The limit in bytes, 0 for none. */
    public long limit() { return limit == Long.MAX_VALUE ? 0 : limit; }

    public boolean limited() { return limit != Long.MAX_VALUE; }

    /**
     * Before making about {@code bytes} bytes on the running runtime's behalf: raises "not
     * enough memory" when that would pass its limit (see {@link #check}). Costs one static
     * read while no runtime has a limit, and nothing more for small allocations.
     */
    public static void reserve(long bytes) {
        if (!anyLimit || bytes < SMALL) return;
        MemoryAccount a = CURRENT.get();
        if (a != null) a.check(bytes);
    }

    /**
     * Raises "not enough memory" if the count plus {@code bytes} about to be made passes the
     * limit even after an emergency marking (Lua: luaM_malloc_ failing after luaC_fullgc).
     * Nothing while the marking itself runs, which keeps no garbage it would need to count.
     *
     * <p>The size model may count less than the JVM allocates (an object whose layout it
     * simplifies), and near the limit every check would then mark the whole heap again to
     * find the difference. So small steps may pass the limit by a slack of 1/32 of it after
     * a marking that found little to free: a marking comes at most once per slack of
     * allocation, and the count stays within the limit plus the slack.
     */
    public void check(long bytes) {
        if (limit == Long.MAX_VALUE || inEmergency) return;
        long now = bytes();
        if (now + bytes <= limit) return;
        long slack = limit >> 5;
        if (bytes < slack && now - afterMarking < slack && now + bytes <= limit + slack) return;
        inEmergency = true;
        try {
            emergency.run();
        } finally {
            inEmergency = false;
        }
        if (bytes() + bytes > limit) {
            error.traceback = null;
            throw error;
        }
    }

    // ---------------------------------------------------------------- the profiler's feed

    /**
     * What a memory profiler (prof.Memprof) learns of the allocations of the runtime running
     * on the current thread, in the size model's bytes. Called on that thread, inside the
     * allocation; it must not allocate Lua objects.
     */
    public interface Listener {
        /** {@code o} was made, of {@code bytes} bytes. */
        void made(Object o, long bytes);

        /**
         * Part {@code part} of {@code o} changed from {@code oldBytes} to {@code newBytes}, 0
         * meaning none: a table's array part (0) or hash part (1), each an allocation of its
         * own as in Lua; {@code part} -1 is the object itself (a coroutine's value stack).
         */
        void resized(Object o, int part, long oldBytes, long newBytes);

        /** A full Lua-level collection has run (collectgarbage("collect")). */
        void collected();
    }

    /** Sets this runtime's listener, null to remove it. */
    public void listen(Listener l) {
        synchronized (MemoryAccount.class) {
            if (listener == null && l != null) listeners++;
            if (listener != null && l == null) listeners--;
            listener = l;
        }
    }

    /** Whether some runtime of the JVM has a listener: the allocation sites' one test. */
    public static boolean profiled() { return listeners != 0; }

    /** Lua object {@code o} of {@code bytes} bytes was made (call behind {@link #profiled}). */
    public static void made(Object o, long bytes) {
        MemoryAccount a = CURRENT.get();
        if (a != null && a.listener != null) a.listener.made(o, bytes);
    }

    /** Part {@code part} of {@code o} was resized (see {@link Listener#resized}; call behind {@link #profiled}). */
    public static void resized(Object o, int part, long oldBytes, long newBytes) {
        MemoryAccount a = CURRENT.get();
        if (a != null && a.listener != null) a.listener.resized(o, part, oldBytes, newBytes);
    }

    /** A full collection of this runtime has run. */
    public void collected() {
        if (listener != null) listener.collected();
    }
}
