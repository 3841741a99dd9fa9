package dev.moonstack.vm;

import dev.moonstack.code.Instr;
import dev.moonstack.code.OpCode;
import dev.moonstack.value.GcMarker;
import dev.moonstack.value.GcObject;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.LuaUserdata;
import dev.moonstack.value.MemoryAccount;
import dev.moonstack.value.TM;
import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * Lua's garbage-collection semantics on top of the JVM's collector (Lua: lgc.c): weak tables,
 * finalizers ({@code __gc}), {@code collectgarbage}'s controls and the finalizers run when a
 * runtime closes. The JVM frees memory; a Lua-level collection is one stop-the-world marking
 * in the manner of lgc.c's atomic phase ({@link GcMarker}), which decides which weak entries
 * to clear and which objects to finalize.
 *
 * <p>Roots: the registry (globals, loaded modules), the main coroutine, the running one, the
 * metatables of the basic types, the objects waiting for their finalizer and the values hosts
 * {@link #anchor}. The contract for Java code is Lua's C API contract: a Lua value kept only in
 * a Java field that the marker cannot see (a field of a host object, a variable captured by a
 * builtin's lambda) is not a root. Such a value may be removed from weak tables, or finalized,
 * while Java still holds it. Keep values on the value stack, in the registry, in a table, or
 * in a builtin made with {@link Builtin#closure}.
 *
 * <p>Collections run when {@code collectgarbage} asks, and automatically: once a runtime has a
 * weak table or an object with a finalizer, {@link HeapWatch} counts the JVM's allocation and,
 * when the program has allocated {@code pause - 100} percent of the heap in use after the last
 * collection, asks for one at the executor's next poll ({@link Interrupts}); the finalizers
 * then run there. A runtime with neither never marks anything, unless it has a memory limit:
 * passing it runs an {@link #emergency} marking, which only measures.
 */
public final class GarbageCollector {
    private static final LuaString GC = TM.key(TM.GC);
    private static final GcObject[] NONE = {};
    /** Work of a basic step in KB (collectgarbage("step", 0)) at step multiplier 100. */
    private static final int STEP_KB = 64;

    private final GlobalState G;
    private final GcMarker marker = new GcMarker();
    /** The runtime's memory in use and its limit; see {@link MemoryAccount}. */
    final MemoryAccount count;
    /** The coroutine running the executor's slow path, while it checks the memory limit. */
    private LuaThread checking;
    /** A marking is under way: an emergency waits (it would reuse the marker). */
    private boolean marking;

    /** Lua: gcstp's user stop (collectgarbage("stop")): no automatic collections. */
    private volatile boolean stopped;
    /** Lua: gckind. Only reported; both modes collect the same way here. */
    private boolean generational;
    /** Lua: gcpause and gcstepmul, stored as Lua stores them (a quarter, in a byte). */
    private int pauseParam = 200 / 4, stepMulParam = 100 / 4;

    /** Objects with a finalizer, oldest first (Lua: finobj, newest first). */
    private GcObject[] finobj = NONE;
    private int nFinobj;
    /** Unreachable objects whose finalizers are due, in calling order (Lua: tobefnz). */
    private GcObject[] tobefnz = NONE;
    private int tbfHead, tbfTail;
    /** Lua: GCSTPGC. A finalizer is running: no collection starts. */
    private boolean inFinalizer;
    /** Lua: GCSTPCLS. The runtime is closing: no new finalizers. */
    private boolean closed;

    /** Values kept alive while a Java object (their holder) is alive; see {@link #anchor}. */
    private WeakReference<?>[] anchorHolders = new WeakReference<?>[0];
    private GcObject[] anchorValues = NONE;
    private int nAnchors;

    /** Whether HeapWatch reports to this runtime (it has had weak tables or finalizers). */
    private boolean watching;
    /** {@link HeapWatch#allocated} at the end of the last collection, and the allocation that starts the next. */
    private volatile long allocatedAtLast, threshold;
    /** Memory count after the last collection, in KB (Lua: GCestimate). */
    private double estimateKB;
    /** Work done by steps since the last collection, in KB. */
    private double stepCredit;
    /** Instructions an automatic collection has waited for known live registers. */
    private int deferred;
    /** The most instructions an automatic collection waits for known live registers. */
    private static final int MAX_DEFER = 10_000;
    /** Collections done (for tests and measurements). */
    private long cycles;
    /** Finalizers called so far, each once (a host draining a hostile script's leftovers counts them). */
    private long finalizerCalls;

    GarbageCollector(GlobalState G) {
        this.G = G;
        this.count = new MemoryAccount(this::emergency, G.memoryError);
    }

    // ---------------------------------------------------------------- registration

    /**
     * After {@code o} got metatable {@code mt} (Lua: luaC_checkfinalizer): an object whose new
     * metatable has a {@code __gc} field gets on the finalizer list, once. Also starts automatic
     * collections when {@code mt} makes a table weak.
     */
    public void checkFinalizer(GcObject o, LuaTable mt) {
        if (mt == null) return;
        if (!watching && (mt.getStrRef(GC) != null || LuaTable.isWeakMetatable(mt))) startWatching();
        if (GcMarker.toBeFinalized(o) || closed || mt.getStrRef(GC) == null) return;
        GcMarker.setToBeFinalized(o, true);
        if (nFinobj == finobj.length) finobj = Arrays.copyOf(finobj, Math.max(16, nFinobj * 2));
        finobj[nFinobj++] = o;
    }

    /**
     * Keeps {@code value} (and what it refers to) alive for Lua's collector while
     * {@code holder} is alive for the JVM's: for host objects that hold Lua values, as a C
     * host keeps them in the registry.
     */
    public void anchor(Object holder, GcObject value) {
        if (nAnchors == anchorValues.length) {
            int n = Math.max(8, nAnchors * 2);
            anchorHolders = Arrays.copyOf(anchorHolders, n);
            anchorValues = Arrays.copyOf(anchorValues, n);
        }
        anchorHolders[nAnchors] = new WeakReference<>(holder);
        anchorValues[nAnchors++] = value;
    }

    private void startWatching() {
        watching = true;
        resetDebt();
        HeapWatch.register(this);
    }

    // ---------------------------------------------------------------- collections

    /**
     * Lua: luaC_fullgc, collectgarbage("collect"): a full collection, then every pending
     * finalizer. The JVM is not asked to collect: the memory count does not depend on it.
     */
    public void collect(LuaThread L) {
        atomic(L);
        callPendingFinalizers(L);
        resetDebt();
        count.collected();                  // memprof: the objects found dead get their FREE events
    }

    /**
     * collectgarbage("step", kb). In incremental mode a step adds {@code kb} (a basic step if
     * 0) times the step multiplier to the work done, and the step that brings it to the heap
     * in use completes a cycle, a full collection, and returns true. In generational mode every
     * step collects (as a young collection would) and returns false, as lua5.4 does.
     */
    public boolean step(LuaThread L, long kb) {
        if (generational) {
            atomic(L);
            callPendingFinalizers(L);
            resetDebt();
            return false;
        }
        stepCredit += (kb > 0 ? kb : STEP_KB) * Math.max(stepMulParam * 4, 1) / 100.0;
        if (stepCredit < estimateKB) return false;
        collect(L);
        return true;
    }

    /**
     * From the executor's poll when {@link HeapWatch} asked: a collection and the pending
     * finalizers, run by coroutine {@code L} between two instructions of Lua activation
     * {@code ci}. Returns false to be asked again at the next instruction: the collection
     * waits for an instruction at which the running function's live registers are known
     * (see {@link #liveRegisters}), for at most {@link #MAX_DEFER} instructions, after which it
     * counts all the function's registers as live.
     */
    boolean collectAutomatic(LuaThread L, Activation ci) {
        if (stopped || closed || inFinalizer) return true;  // Lua: no steps while a finalizer runs
        int live = liveRegisters(ci);
        if (live < 0 && ++deferred < MAX_DEFER) return false;
        deferred = 0;
        L.markTop = live;
        try {
            atomic(L);
        } finally {
            L.markTop = -1;
        }
        callPendingFinalizers(L);
        resetDebt();
        return true;
    }

    /**
     * The end of the live registers of Lua activation {@code ci} before the instruction at its
     * saved pc, or -1 when not known there. Lua collects inside the instructions that
     * allocate, with the top just past their target (lvm.c: checkGC(L, ra + 1)); the code
     * generator puts the target of NEWTABLE and the arguments of a CALL and a CONCAT at the
     * top of the registers in use, so everything above is dead. Marking dead registers
     * would keep their garbage alive (db.lua: a loop of {@code local a = {}} waits for the
     * finalizer of an object left in a dead register).
     */
    private static int liveRegisters(Activation ci) {
        if (!ci.isLua() || ci.savedPc < 1) return -1;
        int i = ci.closure.p.code[ci.savedPc - 1];
        switch (Instr.op(i)) {
            case OpCode.OP_NEWTABLE:
                return ci.base + Instr.a(i);
            case OpCode.OP_CALL:
            case OpCode.OP_CONCAT:
                return Instr.b(i) == 0 ? -1 : ci.base + Instr.a(i) + Instr.b(i);
            default:
                return -1;
        }
    }

    /** Called on the JVM's notification thread after each JVM collection. */
    void afterJvmCollection() {
        if (!stopped && HeapWatch.allocated - allocatedAtLast >= threshold) G.interrupts.requestCollection();
    }

    /**
     * After a collection (Lua: setpause): steps start over, and the next automatic collection
     * comes once the JVM heap has grown by pause - 100 percent of what was in use after the
     * last JVM collection (the JVM's measure: that is the memory the pause is about).
     */
    private void resetDebt() {
        estimateKB = count.estimate() / 1024.0;
        stepCredit = 0;
        allocatedAtLast = HeapWatch.allocated;
        long inUse = HeapWatch.usedAfterLastGc;
        if (inUse < 0) inUse = jvmHeapInUse();
        threshold = inUse * Math.max(pauseParam * 4 - 100, 0) / 100;
    }

    private static long jvmHeapInUse() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * Lua: atomic. Marks from the roots, clears weak values, separates the unreachable objects
     * with finalizers and marks them again (resurrection), then clears weak keys and the
     * values of weak tables met while resurrecting.
     */
    private void atomic(LuaThread L) {
        GcMarker m = marker;
        marking = true;
        try {
            m.begin();
            markRoots(L);
            m.propagate();
            m.clearValues();
            separateToBeFinalized(false);
            for (int i = tbfHead; i < tbfTail; i++) m.mark(tobefnz[i]);
            m.propagate();
            m.clearKeysAndNewValues();
            count.reset(m.bytes());
            if (m.sawWeakTables() && !watching) startWatching();
        } finally {
            m.end();
            marking = false;
        }
        cycles++;
    }

    /**
     * From the executor's slow path while a memory limit is set: raises "not enough memory"
     * if the count passes the limit even after an emergency marking (see {@link MemoryAccount}).
     */
    void checkMemory(LuaThread L) {
        checking = L;
        try {
            count.check(0);
        } finally {
            checking = null;
        }
    }

    /**
     * Lua: luaC_fullgc(L, 1), the emergency collection of a failing allocation, reduced to
     * what it tells the allocator: marks from the roots to learn the size of what is live,
     * and restarts the memory count from it. It may run inside any allocation, so it changes
     * nothing (no weak entry cleared, no finalizer due, dead stack slots counted as live);
     * the next ordinary collection does those. The roots are those of {@link #atomic}, with
     * the coroutine the slow path runs, or else the main one (a running coroutine is reached
     * from its resumer's stack).
     */
    private void emergency() {
        if (marking || closed) return;
        GcMarker m = marker;
        marking = true;
        try {
            m.begin(true);
            LuaThread L = checking;
            markRoots(L != null ? L : G.mainThread);
            m.propagate();
            count.reset(m.bytes());
        } finally {
            m.end();
            marking = false;
        }
    }

    private void markRoots(LuaThread L) {
        GcMarker m = marker;
        m.mark(G.registry);
        m.mark(G.globals);
        m.mark(G.mainThread);
        m.mark(L);
        for (LuaTable mt : G.typeMetatables) m.mark(mt);
        for (int i = tbfHead; i < tbfTail; i++) m.mark(tobefnz[i]);
        int w = 0;
        for (int i = 0; i < nAnchors; i++) {
            if (anchorHolders[i].get() == null) continue;
            anchorHolders[w] = anchorHolders[i];
            anchorValues[w++] = anchorValues[i];
            m.mark(anchorValues[i]);
        }
        Arrays.fill(anchorHolders, w, nAnchors, null);
        Arrays.fill(anchorValues, w, nAnchors, null);
        nAnchors = w;
    }

    /**
     * Lua: separatetobefnz. Moves the objects with finalizers that were not reached (all of
     * them if {@code all}) to the end of the to-be-finalized list, newest first, so that
     * finalizers run in the reverse order of their objects' setmetatable.
     */
    private void separateToBeFinalized(boolean all) {
        for (int i = nFinobj - 1; i >= 0; i--) {
            if (all || !marker.isMarked(finobj[i])) {
                if (tbfTail == tobefnz.length) growToBeFinalized();
                tobefnz[tbfTail++] = finobj[i];
            }
        }
        int w = 0;
        if (!all) {
            for (int i = 0; i < nFinobj; i++) if (marker.isMarked(finobj[i])) finobj[w++] = finobj[i];
        }
        Arrays.fill(finobj, w, nFinobj, null);
        nFinobj = w;
    }

    private void growToBeFinalized() {
        int live = tbfTail - tbfHead;
        GcObject[] a = live * 2 < tobefnz.length ? tobefnz : new GcObject[Math.max(16, tobefnz.length * 2)];
        System.arraycopy(tobefnz, tbfHead, a, 0, live);
        if (a == tobefnz) Arrays.fill(a, live, tbfTail, null);
        tobefnz = a;
        tbfHead = 0;
        tbfTail = live;
    }

    // ---------------------------------------------------------------- finalizers

    /** Lua: callallpendingfinalizers. Finalizers may register new objects and resurrect any. */
    private void callPendingFinalizers(LuaThread L) {
        while (tbfHead < tbfTail) {
            GcObject o = tobefnz[tbfHead];
            tobefnz[tbfHead++] = null;
            if (tbfHead == tbfTail) tbfHead = tbfTail = 0;
            GcMarker.setToBeFinalized(o, false);        // setmetatable may register it again
            callFinalizer(L, o);
        }
    }

    /**
     * Lua: GCTM. Calls the object's current {@code __gc} in protected mode, hooks off and no
     * collection meanwhile; an error becomes a warning. When the running activation is a Lua
     * one (the executor's poll), the call goes above all its registers.
     */
    private void callFinalizer(LuaThread L, GcObject o) {
        LuaTable mt = o instanceof LuaTable ? ((LuaTable) o).metatable : ((LuaUserdata) o).metatable;
        Object tm = mt == null ? null : mt.getStrRef(GC);
        if (tm == null) return;
        finalizerCalls++;
        ValueStack s = L.stack;
        Activation ci = L.calls.current();
        int savedTop = s.top;
        if (ci.isLua() && s.top < ci.top) s.top = ci.top;
        boolean allowHook = L.allowHook, wasIn = inFinalizer;
        int flags = ci.flags;
        inFinalizer = true;
        L.allowHook = false;
        ci.flags |= Activation.FINALIZER;           // names the call "metamethod '__gc'"
        try {
            int f = s.top;
            L.push(tm, 0);
            L.push(o, 0);
            LuaError e = L.pcall(f, 0, null);
            if (e != null) {
                if (e.uncatchable) throw e;
                String msg = e.ref instanceof LuaString ? e.ref.toString() : "error object is not a string";
                G.warning("error in __gc (" + msg + ")");   // Lua: luaE_warnerror
            }
        } finally {
            ci.flags = flags;
            L.allowHook = allowHook;
            inFinalizer = wasIn;
            s.top = savedTop;
        }
    }

    /**
     * Lua: close_state. Closes the main coroutine's pending to-be-closed variables (when it
     * is the one closing), then calls the pending finalizers and those of every object that
     * still has one, newest first (Lua: luaC_freeallobjects). Afterwards no object gets a
     * finalizer. Only the first call does anything.
     */
    public void closeState(LuaThread L) {
        if (closed) {               // closing again from a finalizer (os.exit(code, true) in a __gc):
            callPendingFinalizers(L);   // finish the close, as lua_close called there does
            return;
        }
        if (L == G.mainThread) {
            LuaError none = new LuaError(null, 0);
            Upvalues.closeForError(L, 1, none, null);
        }
        closed = true;
        separateToBeFinalized(true);
        callPendingFinalizers(L);
        if (watching) HeapWatch.unregister(this);
    }

    // ---------------------------------------------------------------- controls

    /** Whether a finalizer is running: collectgarbage then does nothing and fails (Lua: GCSTPGC). */
    public boolean isBlocked() { return inFinalizer; }

    /** collectgarbage("stop") / ("restart"): automatic collections off or on. */
    public void setRunning(boolean on) { stopped = !on; }

    public boolean isRunning() { return !stopped; }

    /** Sets the mode (true: generational); returns the previous one. */
    public boolean setGenerational(boolean on) {
        boolean old = generational;
        generational = on;
        return old;
    }

    /** Lua: LUA_GCSETPAUSE. Stored as Lua stores it, a quarter in a byte; returns the old value. */
    public int setPause(int pause) {
        int old = pauseParam * 4;
        pauseParam = (pause / 4) & 0xFF;
        resetDebt();
        return old;
    }

    /** Lua: LUA_GCSETSTEPMUL, stored as setPause does; returns the old value. */
    public int setStepMul(int stepMul) {
        int old = stepMulParam * 4;
        stepMulParam = (stepMul / 4) & 0xFF;
        return old;
    }

    /**
     * Memory in use in KB (collectgarbage("count")), as {@link MemoryAccount} counts it. The
     * first count of a runtime that never collected collects, for a starting estimate.
     */
    public double countKB(LuaThread L) {
        if (cycles == 0 && !inFinalizer && !closed) collect(L);
        return count.bytes() / 1024.0;
    }

    /** Lua-level collections done so far. */
    public long cycles() { return cycles; }

    /** How many finalizers have been called: each pending one is taken off its queue before it runs. */
    public long finalizerCalls() { return finalizerCalls; }

    /** Whether HeapWatch reports to this runtime, i.e. automatic collections are armed. */
    public boolean isWatching() { return watching; }
}
