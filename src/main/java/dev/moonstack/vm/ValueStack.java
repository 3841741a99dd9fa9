package dev.moonstack.vm;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.MemoryAccount;
import dev.moonstack.value.UpVal;
import java.util.Arrays;

/**
 * The value stack of one coroutine (Lua: the stack of lua_State): one flat array of tagged
 * values that holds the overlapping registers of every activation, as two parallel arrays
 * (see {@link dev.moonstack.value.NumTag}), plus the two lists that point into it: the open
 * upvalues and the to-be-closed variables.
 *
 * <p>Everything refers to slots by index, never by a cached array across an operation that may
 * grow the stack: {@link #ensure} may replace {@link #refs} and {@link #nums}.
 */
public final class ValueStack {
    /** Lua: LUAI_MAXSTACK. */
    public static final int MAX = 1_000_000;
    /** Room left to handle a stack overflow error (Lua: ERRORSTACKSIZE). */
    public static final int ERROR_SIZE = MAX + 200;
    /** Free slots guaranteed to a Java builtin on entry (Lua: LUA_MINSTACK). */
    public static final int MIN_FREE = 20;
    /** Stacks below this many slots grow by what is needed rather than by doubling. */
    static final int SMALL = 128;
    /** Largest stack that the torture mode still reallocates on every check. */
    static final int TORTURE_LIMIT = 1 << 14;
    /** Slots always kept beyond any activation's top (Lua: EXTRA_STACK). */
    static final int EXTRA = 5;
    /** Dead slots the interrupt slow path clears at most per poll (see {@link #sweepStep}). */
    static final int SWEEP_CHUNK = 1024;
    /** Smallest stack that {@link #releaseDead} shrinks. */
    static final int SHRINK_MIN = 1024;

    public Object[] refs;
    public long[] nums;
    /** First free slot (Lua: L->top). */
    public int top;

    /** Open upvalues, highest slot first (Lua: openupval). */
    UpVal openUpvals;
    /** Slots of the pending to-be-closed variables, in ascending order (Lua: tbclist). */
    int[] tbc = NO_TBC;
    int ntbc;

    /**
     * Reallocate on every growth check (Lua: HARDSTACKTESTS), to catch stale array caches.
     * Only while the stack is at most {@link #TORTURE_LIMIT} slots: reallocating a deep stack at
     * every call would make deep recursion quadratic.
     */
    boolean torture;
    /**
     * Every Lua call from the executor goes through Calls.enterLua instead of the executor's
     * inline copy: in the torture mode, and while a compiled tier is on (which counts calls
     * there), so that the inline path tests nothing more when both are off.
     */
    boolean slowCalls;
    /** Where the incremental sweep of dead slots goes on: it clears downwards from here. */
    private int sweepAt;

    ValueStack(int size) {
        refs = new Object[size];
        nums = new long[size];
    }

    /**
     * Copies {@code n} values from {@code from[first..]} to {@code to[at..]} (different stacks:
     * values passed between coroutines). A few values, the usual case of resume and yield, are
     * copied one by one, which costs less than the setup of two array copies.
     */
    static void transfer(ValueStack from, int first, ValueStack to, int at, int n) {
        if (n > 4) {
            System.arraycopy(from.refs, first, to.refs, at, n);
            System.arraycopy(from.nums, first, to.nums, at, n);
            return;
        }
        Object[] fr = from.refs, tr = to.refs;
        long[] fn = from.nums, tn = to.nums;
        for (int i = 0; i < n; i++) {
            tn[at + i] = fn[first + i];
            tr[at + i] = fr[first + i];
        }
    }

    /**
     * Makes slots up to {@code limit} (exclusive) plus {@link #EXTRA} usable (Lua:
     * luaD_checkstack). May reallocate the arrays; raises "stack overflow" past {@link #MAX}.
     */
    public void ensure(int limit) {
        if (limit + EXTRA > refs.length) grow(limit + EXTRA);
        else if (torture && refs.length <= TORTURE_LIMIT) resize(refs.length);   // same size, new arrays
    }

    /**
     * Lua: luaD_growstack. A small stack (below {@link #SMALL} slots) grows to what is needed
     * plus a margin, so that thousands of idle coroutines stay small; a larger one doubles, up
     * to {@link #MAX}; past it, the error size and an error.
     */
    private void grow(int needed) {
        int size = refs.length;
        if (size > MAX) {                       // already handling an overflow: Lua's LUA_ERRERR
            LuaError e = LuaError.plain("error in error handling");
            e.skipHandler = true;
            throw e;
        }
        if (needed <= MAX) {
            int grown = size < SMALL ? Math.max(needed + 8, size + 16) : Math.max(2 * size, needed);
            resize(Math.min(grown, MAX));
            return;
        }
        resize(ERROR_SIZE);                     // room to handle the error
        throw LuaError.run("stack overflow");
    }

    /** Reallocates to {@code newSize} slots and repoints open upvalues (Lua: luaD_reallocstack). */
    void resize(int newSize) {
        int oldSize = refs.length;
        if (newSize > oldSize) MemoryAccount.reserve(12L * newSize);   // a reference and a long per slot
        Object[] r = Arrays.copyOf(refs, newSize);      // both made before either is installed:
        long[] n = Arrays.copyOf(nums, newSize);        // running out of memory or Java stack in
        refs = r;                                       // between must leave the stack as it was
        nums = n;
        for (UpVal uv = openUpvals; uv != null; uv = uv.next) {
            uv.refs = refs;
            uv.nums = nums;
        }
        if (MemoryAccount.profiled()) MemoryAccount.resized(this, -1, 12L * oldSize, 12L * newSize);   // memprof
    }

    /**
     * After an error was caught with slots from {@code inUse} up dead: clears the dead slots
     * up to {@code oldTop} (so that they do not keep garbage alive) and shrinks a stack that
     * grew past its limit back (Lua: luaD_shrinkstack).
     */
    void afterUnwind(int inUse, int oldTop) {
        if (oldTop > inUse) java.util.Arrays.fill(refs, inUse, Math.min(oldTop, refs.length), null);
        if (refs.length > MAX && inUse + EXTRA < MAX / 2) resize(Math.max(inUse * 2, 64));
    }

    /** Clears every slot from {@code live} up: they are dead (see {@link Invariants}). */
    void clearAbove(int live) {
        Object[] r = refs;
        for (int i = Math.max(live, 0); i < r.length; i++) if (r[i] != null) r[i] = null;
    }

    /**
     * The interrupt slow path's share of clearing dead slots, which returns and errors leave
     * behind (Lua's collector clears them in traversethread; nothing else would here). Clears
     * at most {@link #SWEEP_CHUNK} slots, moving down from the end of the stack to {@code live}
     * over successive calls and then starting over, so a poll costs a bounded amount however
     * large the stack is, and nothing is added to the call path.
     */
    void sweepStep(int live) {
        int hi = Math.min(sweepAt, refs.length);
        if (hi <= live) {
            sweepAt = refs.length;
            return;
        }
        int lo = Math.max(live, hi - SWEEP_CHUNK);
        Object[] r = refs;
        for (int i = lo; i < hi; i++) if (r[i] != null) r[i] = null;
        sweepAt = lo;
    }

    /**
     * At a host boundary (Lua: what a collection does to a thread's stack): shrinks a stack
     * that is more than four times what is live to twice what any activation needs, which
     * {@code keep} computes (Lua: luaD_shrinkstack), then clears the dead slots from
     * {@code live} up; so the clearing costs in proportion to what is in use.
     */
    void releaseDead(int live, java.util.function.IntSupplier keep) {
        if (refs.length > SHRINK_MIN && refs.length > 4 * live && refs.length <= MAX) {
            int k = keep.getAsInt() + EXTRA;
            if (refs.length > 4 * k) resize(Math.max(2 * k, 48));
        }
        clearAbove(live);
    }

    /** Clears the slots from {@code from} up, so that garbage above the top is not kept alive. */
    public void clearFrom(int from) {
        if (from < refs.length) Arrays.fill(refs, from, refs.length, null);
    }

    /** Records slot {@code idx} as a pending to-be-closed variable (Lua: luaF_newtbcupval). */
    private static final int[] NO_TBC = {};

    void pushTbc(int idx) {
        if (ntbc == tbc.length) tbc = Arrays.copyOf(tbc, Math.max(4, ntbc * 2));
        tbc[ntbc++] = idx;
    }

    /** Slot of the innermost pending to-be-closed variable, or -1. */
    int lastTbc() { return ntbc == 0 ? -1 : tbc[ntbc - 1]; }

    int popTbc() { return tbc[--ntbc]; }

    public int size() { return refs.length; }
}
