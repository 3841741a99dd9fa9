package dev.moonstack.vm;

import dev.moonstack.value.LuaError;

/**
 * The executor's one slow path for everything that interrupts execution (Duktape:
 * duk__executor_interrupt): the host's interrupt request, the instruction budget, debug
 * hooks ({@link Hooks}) and automatic Lua-level collections with their finalizers
 * ({@link GarbageCollector}); the debugger and profiler samples plug in here later.
 *
 * <p>The executor keeps a countdown in a local variable, decrements it before every
 * instruction and calls {@link #service} when it reaches zero; {@code service} returns the
 * next countdown. With nothing to watch the countdown is long ({@link #POLL_PERIOD}), so the
 * cost is one decrement and one well-predicted branch per instruction.
 *
 * <p>Instructions are counted exactly within one executor invocation. XXX: when a builtin
 * re-enters Lua, the outer invocation's countdown does not see the inner one's instructions,
 * so a budget may be overrun by up to one countdown period per nesting level.
 */
public final class Interrupts {
    /** Countdown between polls of the host's interrupt flag when nothing else is watched. */
    static final int POLL_PERIOD = 1 << 14;

    private volatile boolean interruptRequested;
    /** A Lua-level collection is due (set by {@link HeapWatch}'s thread, see {@link GarbageCollector}). */
    private volatile boolean collectionRequested;
    /** Instructions executed so far by this coroutine (exact up to the note above). */
    long executed;
    /** Stop when {@link #executed} reaches this (Long.MAX_VALUE = no budget). */
    long budget = Long.MAX_VALUE;
    /** Test mode: serve after every instruction. */
    boolean everyInstruction;
    /** Test mode: check the stack invariants before every instruction. */
    boolean checkInvariants;
    /** Instructions run since the slow path last swept dead stack slots. */
    private long sinceSweep;

    /** Asks the coroutine to stop at its next poll with an uncatchable "interrupted" error. */
    public void requestInterrupt() { interruptRequested = true; }

    /** Asks for a Lua-level collection and its finalizers at the next poll. */
    void requestCollection() { collectionRequested = true; }

    /** Sets the budget of instructions from now on (a non-positive value removes it). */
    public void setBudget(long instructions) {
        budget = instructions <= 0 ? Long.MAX_VALUE : executed + instructions;
    }

    public long executed() { return executed; }

    public void setEveryInstruction(boolean on) { everyInstruction = on; }

    /**
     * Test mode: before every instruction, check the stack invariants of the innermost
     * activations and clear the dead slots (see {@link Invariants#atInstruction}); a violation
     * throws an AssertionError, which no Lua handler catches.
     */
    public void setCheckInvariants(boolean on) { checkInvariants = on; }

    /**
     * The countdown to start with in coroutine {@code L}: 1 while it has a call or line hook
     * (they look at every instruction), in a test mode that looks at every instruction, or while
     * a collection waits for its moment; no more than the instructions left before its count
     * hook, or before the budget runs out.
     */
    int reload(LuaThread L) {
        if (everyInstruction || checkInvariants || collectionRequested
                || (L.hookMask & (Hooks.MASK_CALL | Hooks.MASK_LINE)) != 0) return 1;
        long left = budget - executed;
        if ((L.hookMask & Hooks.MASK_COUNT) != 0) left = Math.min(left, L.hookCount);
        return left < POLL_PERIOD ? (int) Math.max(left, 1) : POLL_PERIOD;
    }

    /**
     * The slow path, entered before fetching an instruction with the activation's pc saved
     * pointing at it. {@code ran} instructions were run since the last reload. Returns the
     * next countdown; may throw, and then the error is positioned at that instruction.
     */
    static int service(LuaThread L, Activation ci, int ran) {
        if (L.G.interrupts.checkInvariants) Invariants.atInstruction(L, ci);
        ci.savedPc++;                 // Lua's convention: savedPc is past the current instruction
        int next = serve(L, ci, ran);
        if (next != SUSPENDED) ci.savedPc--;   // suspended, it stays past it (see Coroutines.resumeYield)
        return next;
    }

    private static int serve(LuaThread L, Activation ci, int ran) {
        Interrupts it = L.G.interrupts;
        it.executed += ran;
        if (L.hookMask != 0 && Hooks.beforeInstruction(L, ci, ran)) {
            it.afterSuspend = Coroutines.suspendInHook(L, ci);
            return SUSPENDED;
        }
        if (it.collectionRequested && L.G.gc.collectAutomatic(L, ci)) it.collectionRequested = false;
        if (it.interruptRequested) {
            it.interruptRequested = false;
            throw uncatchable("interrupted");
        }
        if (it.executed >= it.budget) {
            it.budget = Long.MAX_VALUE;             // so that handlers can run
            throw uncatchable("instruction budget exhausted");
        }
        it.sinceSweep += ran;
        if (it.sinceSweep >= POLL_PERIOD && !it.checkInvariants) {   // at most once a period, whatever the countdown
            it.sinceSweep = 0;
            L.stack.sweepStep(L.liveTop());
        }
        return it.reload(L);
    }

    /**
     * What {@link #service} returns when a hook has suspended the coroutine: the executor
     * goes on in the activation {@link #suspended} gives (the resumer's, or null to return to
     * the Java code that resumed the coroutine).
     */
    static final int SUSPENDED = -1;
    private Activation afterSuspend;

    /** After {@link #SUSPENDED}: the activation to continue in (Lua: the resumer's). */
    static Activation suspended(LuaThread L) {
        Interrupts it = L.G.interrupts;
        Activation next = it.afterSuspend;
        it.afterSuspend = null;
        return next;
    }

    /** Accounts for the instructions an executor invocation ran since its last reload. */
    static void leave(LuaThread L, int ran) { L.G.interrupts.executed += ran; }

    private static LuaError uncatchable(String msg) {
        LuaError e = LuaError.run(msg);
        e.uncatchable = true;
        return e;
    }
}
