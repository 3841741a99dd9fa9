package dev.moonstack.vm;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.MemoryAccount;

/**
 * The executor's one slow path for everything that interrupts execution (Duktape:
 * duk__executor_interrupt): the host's interrupt request, the instruction budget, debug
 * hooks ({@link Hooks}) and automatic Lua-level collections with their finalizers
 * ({@link GarbageCollector}), the debugger ({@link DebugHook}, see docs/execution.md, "The
 * debugger"), profiler samples, and the check of a memory limit ({@link MemoryAccount}).
 *
 * <p>The executor keeps a countdown in a local variable, decrements it before every
 * instruction and calls {@link #service} when it reaches zero; {@code service} returns the
 * next countdown. With nothing to watch the countdown is long ({@link #POLL_PERIOD}), so the
 * cost is one decrement and one well-predicted branch per instruction.
 *
 * <p><b>Counting.</b> Like Lua's count hook, the count goes up as an instruction is fetched,
 * before it runs. The executor's countdown fetches {@code reload - countdown} instructions of
 * which the first was counted already (by the service that started the window, or at entry),
 * and the count catches up when a countdown runs out ({@link #service}: those fetched since,
 * the one about to run included), when an invocation leaves ({@link #leave}), when an error
 * is caught ({@link #caught}), and before the executor calls a builtin ({@link #settle}): a
 * builtin may call Lua (sort, gsub, ...), and the nested invocation must see what its caller
 * ran, or each nesting level could run a whole budget. A budget is thus exact to within one
 * countdown: the rest of the caller's window after the builtin returns. The count hook counts the same way,
 * instructions of hooks included, as in Lua.
 *
 * <p><b>Stops.</b> An interrupt or an exhausted budget raises an uncatchable error, the stop.
 * Once fired, the stop stays in force until control is back at the host call that was running
 * ({@link #hostLeave}): every poll throws it again, and the countdown is one instruction, so a
 * message handler, {@code __close} method, finalizer or hook that runs while the stop unwinds
 * is itself stopped at its first instruction. Long builtins poll the stop too ({@link #poll}).
 */
public final class Interrupts {
    /** Countdown between polls of the host's interrupt flag when nothing else is watched. */
    static final int POLL_PERIOD = 1 << 14;

    private volatile boolean interruptRequested;
    /** The stop in force while it unwinds to the host (see the class comment), or null. */
    private volatile LuaError stop;
    /** Protected calls and resumes from Java running now (see {@link #hostEnter}). */
    private volatile int hostCalls;
    /** The thread running this runtime while {@link #hostCalls} is above 0. */
    private final java.util.concurrent.atomic.AtomicReference<Thread> owner = new java.util.concurrent.atomic.AtomicReference<>();
    /** A Lua-level collection is due (set by {@link HeapWatch}'s thread, see {@link GarbageCollector}). */
    private volatile boolean collectionRequested;
    /** Debugger: a pause is requested; the next service hands the instruction to the debugger. */
    private volatile boolean pauseRequested;
    /** Instructions executed so far by the runtime (see "Counting" in the class comment). */
    long executed;
    /** Stop when {@link #executed} reaches this (Long.MAX_VALUE = no budget). */
    long budget = Long.MAX_VALUE;
    /** Test mode: serve after every instruction. */
    boolean everyInstruction;
    /** Test mode: check the stack invariants before every instruction. */
    boolean checkInvariants;
    /** Instructions run since the slow path last swept dead stack slots. */
    private long sinceSweep;
    /** The runtime's memory count, which host calls start and stop (see {@link MemoryAccount}). */
    private final MemoryAccount memory;
    /** A memory limit is set: the slow path checks it every {@link MemoryAccount#CHECK_WINDOW} instructions. */
    private boolean memoryLimited;

    Interrupts(MemoryAccount memory) {
        this.memory = memory;
    }

    /** Sets the runtime's memory limit in bytes (0 or less: none); see {@link MemoryAccount}. */
    void setMemoryLimit(long bytes) {
        memory.setLimit(bytes);
        memoryLimited = memory.limited();
    }

    /**
     * Asks the running script to stop at its next poll with an uncatchable "interrupted"
     * error; any thread may call it. Returns true when a host call was running, which the stop
     * will end; false when nothing was running: the request is then dropped, so that it cannot
     * stop a later, unrelated call.
     */
    public boolean requestInterrupt() {
        if (hostCalls == 0) return false;
        interruptRequested = true;
        if (hostCalls == 0) interruptRequested = false;     // the call ended meanwhile: dropped
        return interruptRequested || stop != null;
    }

    /** Withdraws an interrupt request that has not fired yet, and a stop still unwinding. */
    public void clearInterrupt() {
        interruptRequested = false;
        pendingError = null;
        stop = null;
    }

    /** An ordinary error the next poll raises (see {@link #requestError}), or null. */
    private volatile String pendingError;

    /**
     * Asks the running script to raise an ordinary, catchable error with message {@code msg}
     * at its next poll (Lua: lua.c's lstop, which calls luaL_error from a hook, so that pcall
     * catches Ctrl-C's "interrupted!"; lua5.4 prints it with no position, and so does this).
     * Any thread may call it. Returns false when nothing runs: the request is dropped.
     */
    public boolean requestError(String msg) {
        if (hostCalls == 0) return false;
        pendingError = msg;
        return true;
    }

    /** Raises the requested error, once. */
    private void raisePending() {
        String msg = pendingError;
        pendingError = null;
        if (msg != null) throw LuaError.plain(msg);
    }

    /** Whether a stop is in force: requested, or fired and still unwinding. */
    public boolean stopping() { return interruptRequested || stop != null; }

    /**
     * Units of a builtin's work (bytes made or scanned, elements moved, match steps) that count
     * as one instruction against the budget. Lua has no budget; without this a budget would
     * never end one long builtin call, and many slow ones only after a long time.
     */
    public static final int WORK_PER_INSTRUCTION = 16;

    /**
     * Bytes a builtin may make or scan between two polls (a power of two): 64 KB take well
     * under a millisecond, so a stop reaches a long string operation within that.
     */
    public static final int POLL_BYTES = 1 << 16;

    /**
     * The poll of a long-running builtin (pattern matching, sort, rep, concat, ...): charges
     * {@code work} units (see {@link #WORK_PER_INSTRUCTION}) to the budget, then raises the
     * stop when one is requested, in force, or the budget is spent. One volatile read: call it
     * every few thousand steps, and before making a large result.
     */
    public void poll(long work) {
        executed += work / WORK_PER_INSTRUCTION;
        if (interruptRequested || stop != null || executed >= budget) throw fire(this);
        if (pendingError != null) raisePending();
        if (memoryLimited) memory.check(0);
        if (pauseRequested && pauseInBuiltin != null) pauseInBuiltin.run();   // debugger: a pause reaches long builtins
    }

    /**
     * A protected call or a resume from Java code starts: interrupts requested from now on
     * will arrive. A runtime runs on one thread at a time (like a lua_State): entering it from
     * a second thread while the first is inside fails at once, before anything is touched.
     * The check is one volatile read; the first entry claims the runtime for its thread.
     *
     * @throws IllegalStateException if another thread is running this runtime
     */
    public void hostEnter() {
        Thread me = Thread.currentThread(), holder = owner.get();
        if (holder != me && !owner.compareAndSet(null, me)) {
            holder = owner.get();
            throw new IllegalStateException("this Moonstack runtime is running on thread '"
                    + (holder == null ? "?" : holder.getName()) + "': a runtime runs on one thread at a time");
        }
        if (hostCalls++ == 0) memory.enter();
    }

    /** Debugger: the thread inside this runtime now, or null when none is. */
    public Thread runningThread() { return owner.get(); }

    /**
     * The call that {@link #hostEnter} announced ends. When it was the outermost, the runtime
     * is free for any thread; a stop that fired has reached the host and is over, a pending
     * request is dropped, and an exhausted budget is removed (a budget fires once: set it
     * again for the next call).
     */
    public void hostLeave() {
        if (--hostCalls > 0) return;
        memory.leave();
        interruptRequested = false;
        pendingError = null;
        if (stop != null && executed >= budget) budget = Long.MAX_VALUE;
        stop = null;
        owner.set(null);
    }

    /**
     * Debugger: asks the debugger ({@link GlobalState#debugHook}) to look at the next instruction
     * that reaches the slow path, within one countdown window (Duktape: pause through the
     * executor interrupt). Any thread may call it.
     */
    public void requestPause(boolean on) { pauseRequested = on; }

    /** Debugger: whether a pause is requested. */
    public boolean pauseRequested() { return pauseRequested; }

    /** Debugger: what {@link #poll} runs while a pause is requested (a stop inside the builtin), or null. */
    private volatile Runnable pauseInBuiltin;

    /**
     * Debugger: has the polls of long builtins run {@code r} while a pause is requested, so that a
     * pause stops inside a long {@code string.rep} or pattern match instead of after it; null
     * removes it.
     */
    public void setPauseInBuiltin(Runnable r) { pauseInBuiltin = r; }

    /** Asks for a Lua-level collection and its finalizers at the next poll. */
    void requestCollection() { collectionRequested = true; }

    /** Sets the budget of instructions from now on (a non-positive value removes it). */
    public void setBudget(long instructions) {
        budget = instructions <= 0 ? Long.MAX_VALUE : executed + instructions;
    }

    public long executed() { return executed; }

    /** Instructions left in the budget, Long.MAX_VALUE when there is none (the debugger saves it around evaluations). */
    public long budgetLeft() { return budget == Long.MAX_VALUE ? Long.MAX_VALUE : budget - executed; }

    public void setEveryInstruction(boolean on) { everyInstruction = on; }

    /**
     * Test mode: before every instruction, check the stack invariants of the innermost
     * activations and clear the dead slots (see {@link Invariants#atInstruction}); a violation
     * throws an AssertionError, which no Lua handler catches.
     */
    public void setCheckInvariants(boolean on) { checkInvariants = on; }

    /**
     * The countdown to start with in coroutine {@code L}: 1 while a stop is requested or in
     * force, while it has a call or line hook
     * (they look at every instruction), in a test mode that looks at every instruction, or while
     * a collection waits for its moment; no more than the instructions left before its count
     * hook, or before the budget runs out.
     */
    int reload(LuaThread L) {
        // a stop is looked at in every window, so that a short call from a builtin (a sort
        // comparator, a load reader) that never runs a whole countdown is still stopped
        if (stop != null || interruptRequested || pendingError != null || everyInstruction || checkInvariants || collectionRequested
                || (L.hookMask & (Hooks.MASK_CALL | Hooks.MASK_LINE)) != 0 || pauseRequested
                || (sampler != null && sampleRequested) || seekLoop) return 1;   // sampling profiler: no volatile read without one
        if ((L.hookMask & Hooks.MASK_DEBUG) != 0 && L.G.debugHook != null && L.G.debugHook.checked(L)) return 1;
        long left = budget - executed;
        if ((L.hookMask & Hooks.MASK_COUNT) != 0) left = Math.min(left, L.hookCount);
        if (sampler != null) left = Math.min(left, SAMPLE_WINDOW);     // sampling profiler (below)
        if (memoryLimited) left = Math.min(left, MemoryAccount.CHECK_WINDOW);
        return left < POLL_PERIOD ? (int) Math.max(left, 1) : POLL_PERIOD;
    }

    /**
     * The countdown {@link Executor#execute} enters the loop with again after it returned: as
     * the service left it ({@link #reload}), or 0 (serve before the first instruction) when
     * compiled code ran from the service ({@link Tier#polled}): it may have set hooks, which
     * the loop, entered afresh, would otherwise see one instruction late.
     */
    int nextWindow(LuaThread L) {
        if (!serveFirst) return reload(L);
        serveFirst = false;
        return 0;
    }

    /** Compiled code ran from the service: see {@link #nextWindow}. */
    boolean serveFirst;

    /**
     * The slow path, entered before fetching an instruction with the activation's pc saved
     * pointing at it. {@code ran} instructions were run since the last reload. Returns the
     * next countdown; may throw, and then the error is positioned at that instruction.
     */
    static int service(LuaThread L, Activation ci, int ran) {
        int next = serviceAt(L, ci, ran);
        // the compiled tier: a loop that runs interpreted goes on compiled from here (Tier.polled)
        if (next > 0 && L.G.tierOn && Tier.polled(L, ci)) return SUSPENDED;
        return next;
    }

    /** {@link #service} without the compiled tier's look (the poll of compiled code, {@link Tier#poll}). */
    static int serviceAt(LuaThread L, Activation ci, int ran) {
        if (L.G.interrupts.checkInvariants) Invariants.atInstruction(L, ci);
        ci.savedPc++;                 // Lua's convention: savedPc is past the current instruction
        int next = serve(L, ci, ran);
        if (next != SUSPENDED) ci.savedPc--;   // suspended, it stays past it (see Coroutines.resumeYield)
        return next;
    }

    private static int serve(LuaThread L, Activation ci, int ran) {
        Interrupts it = L.G.interrupts;
        it.executed += Math.max(ran, 1);                // a window of 0: just the one about to run
        if (it.stop != null) throw it.stop;             // still unwinding: stop whatever runs
        if ((L.hookMask & Hooks.MASK_DEBUG) != 0 || it.pauseRequested) {
            DebugHook d = L.G.debugHook;
            if (d != null) d.beforeInstruction(L, ci);  // debugger: may stop here (blocks)
            else Hooks.setDebug(L, false);              // left by a debugger that detached
        }
        if ((L.hookMask & ~Hooks.MASK_DEBUG) != 0 && Hooks.beforeInstruction(L, ci, ran)) {
            it.afterSuspend = Coroutines.suspendInHook(L, ci);
            return SUSPENDED;
        }
        if (it.collectionRequested && L.G.gc.collectAutomatic(L, ci)) it.collectionRequested = false;
        if (it.sampleRequested) it.takeSample(L);                     // sampling profiler (below)
        if (it.interruptRequested || it.executed >= it.budget) throw fire(it);
        if (it.pendingError != null) it.raisePending();
        if (it.memoryLimited) L.G.gc.checkMemory(L);
        it.sinceSweep += ran;
        if (it.sinceSweep >= POLL_PERIOD && !it.checkInvariants) {   // at most once a period, whatever the countdown
            it.sinceSweep = 0;
            L.stack.sweepStep(L.liveTop());
        }
        return it.reload(L);
    }

    /**
     * What {@link #service} returns when a hook has suspended the coroutine, or when the
     * compiled tier ran the activation on: the executor goes on in the activation
     * {@link #suspended} gives (the resumer's, the compiled code's, or null to return to the
     * Java code that resumed the coroutine or called the activation).
     */
    static final int SUSPENDED = -1;
    Activation afterSuspend;
    /** The compiled tier looks for a loop head: serve at every instruction (see {@link Tier#seek}). */
    boolean seekLoop;
    /** A compiled body's poll was {@link #SUSPENDED} (see {@link Tier#leave}). */
    boolean leftSuspended;

    /** After {@link #SUSPENDED}: the activation to continue in (Lua: the resumer's). */
    static Activation suspended(LuaThread L) {
        Interrupts it = L.G.interrupts;
        Activation next = it.afterSuspend;
        it.afterSuspend = null;
        return next;
    }

    /**
     * The executor is about to call something that is not a Lua function, which may run Lua
     * (a sort comparator, a {@code gsub} function): counts the window's fetches so far (see
     * "Counting") and returns the countdown, which goes on with its start moved to now: the
     * caller sets {@code reload = countdown + 1}, so that the next fetch, not counted yet,
     * stands for the window's first, which was.
     */
    static int settle(LuaThread L, int reload, int countdown) {
        leave(L, reload - countdown, true);
        // the host's flag is read before every builtin call: a slow builtin in a loop (10 ms
        // each) would otherwise see an interrupt only after a whole countdown of calls
        return L.G.interrupts.interruptRequested ? 0 : countdown;
    }

    /**
     * The executor's handler caught an error: as {@link #settle}, before the error may leave
     * the invocation, so that a loop raising and catching errors still reaches the slow path
     * and its count hook. If the slow path itself threw, a new window starts; the fetch that
     * slow path counted never ran, and stands for the new window's first.
     */
    static int caught(LuaThread L, int reload, int countdown) {
        if (countdown >= 0) return settle(L, reload, countdown);
        int w = L.G.interrupts.reload(L);
        count(L, -1);                                   // the caller sets reload = w + 1
        return w;
    }

    /**
     * An invocation leaves a window of which {@code fetched} instructions were fetched, the
     * first counted already: counts the others, for the count hook only if {@code hook}
     * (false when the hooks were just set, and the new count starts now).
     */
    static void leave(LuaThread L, int fetched, boolean hook) {
        if (fetched <= 1) return;
        L.G.interrupts.executed += fetched - 1;
        if (hook && (L.hookMask & Hooks.MASK_COUNT) != 0) L.hookCount -= fetched - 1;
    }

    static void leave(LuaThread L, int fetched) { leave(L, fetched, true); }

    /** Counts {@code n} fetched instructions, for the budget and the count hook. */
    static void count(LuaThread L, int n) {
        L.G.interrupts.executed += n;
        if ((L.hookMask & Hooks.MASK_COUNT) != 0) L.hookCount -= n;
    }

    /** The stop, fired now: it stays in force until it reaches the host (see the class comment). */
    private static LuaError fire(Interrupts it) {
        LuaError e = it.stop;
        if (e != null) return e;
        e = LuaError.run(it.interruptRequested ? "interrupted" : "instruction budget exhausted");
        e.uncatchable = true;
        it.interruptRequested = false;
        it.stop = e;
        return e;
    }

    // ---------------------------------------------------------------- sampling profiler

    /** Countdown while a sampler is installed: a requested sample waits at most this many instructions. */
    static final int SAMPLE_WINDOW = 256;
    /** The sampling profiler's sampler, or null (set on the runtime's thread; see {@link Samples}). */
    private Samples.Sampler sampler;
    /** A timer thread asks for a sample; the slow path takes it at the next poll. */
    private volatile boolean sampleRequested;

    /**
     * Installs (or, with null, removes) the sampler. While one is installed, windows are
     * {@link #SAMPLE_WINDOW} instructions long, so a request is served within that many
     * instructions of Lua code; with none, nothing of this runs.
     */
    public void setSampler(Samples.Sampler s) {
        sampler = s;
        sampleRequested = false;
    }

    /** Asks for a sample at the next poll; any thread may call it (the sampler's timer). */
    public void requestSample() { sampleRequested = true; }

    private void takeSample(LuaThread L) {
        sampleRequested = false;
        Samples.Sampler s = sampler;
        if (s != null) s.sample(L);
    }
}
