package dev.moonstack.vm;

import dev.moonstack.value.GcMarker;
import dev.moonstack.value.GcObject;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.MemoryAccount;
import dev.moonstack.value.NumTag;

/**
 * A coroutine (Lua: lua_State): its own value stack, call stack and catch stack, and the
 * operations Java builtins use on them (Lua: the lua_push* / lua_call part of the C API).
 *
 * <p>Stack effects in the Javadoc use Duktape's notation: {@code [ ... a b ] -> [ ... c ]}.
 */
public final class LuaThread extends GcObject implements dev.moonstack.value.ThreadValue {
    /** Lua: LUAI_MAXCCALLS, the limit of nested Java re-entries into Lua. */
    public static final int MAX_CCALLS = 200;

    public final GlobalState G;
    public final ValueStack stack;
    public final CallStack calls;
    final CatchStack catches = new CatchStack();
    /** Nested Java calls into Lua, metamethod frames and pcalls (Lua: nCcalls). */
    int nCcalls;
    /** Nested non-yieldable calls: Java code calling Lua (Lua: nny, the upper half of nCcalls). */
    int nny;

    // ---------------------------------------------------------------- coroutine state
    /** Coroutine states (Lua: the answers of coroutine.status). */
    public static final int SUSPENDED = 0, RUNNING = 1, NORMAL = 2, DEAD = 3;
    int status = SUSPENDED;
    /** Whether the body has been started (a suspended coroutine that was never resumed has not). */
    boolean started;
    /** The coroutine that resumed this one, while it runs (or is normal). */
    LuaThread resumer;
    /** Resumed by Java code: a yield or the end of the body returns out of the executor. */
    boolean resumedFromJava;
    /** The error that killed this coroutine, for coroutine.close (null if none). */
    LuaError deathError;
    /** Hook state (Lua: hook, hookmask, basehookcount, hookcount, allowhook, oldpc). */
    Object hook;
    int hookMask, baseHookCount, hookCount, oldPc;
    /** The profiler's listener while {@link Hooks#MASK_PROF} is set (see {@link CallEvents}). */
    CallEvents.Listener callListener;
    boolean allowHook = true;
    /** A line or count hook asked to yield (Lua: lua_yield from a hook, L->status = LUA_YIELD). */
    boolean hookYieldRequested;
    /** While a line or count hook runs: whether the hooked code could yield there. */
    boolean hookYieldable;
    /** A compiled body left for the interpreter (Tier.deopt): the trampoline must not re-enter it. */
    boolean deopted;
    /** A compiled body left for the interpreter: the next interpreted poll does not enter one (Tier.polled). */
    boolean leftCompiled;
    /** Counts changes of the hooks, so that running executors recompute their countdowns. */
    int hookEpoch;
    /** Values transferred by the call or return being hooked (debug.getinfo 'r'). */
    int transferFirst, transferCount;

    /** The hook function, mask and count (Lua: lua_gethook, lua_gethookmask, lua_gethookcount). */
    public Object hook() { return hook; }

    public int hookMask() { return hookMask; }

    /** Debugger: the coroutine that resumed this one (while it runs or is normal), or null. */
    public LuaThread resumer() { return resumer; }

    /** Debugger: SUSPENDED, RUNNING, NORMAL or DEAD. */
    public int status() { return status; }

    public int hookCount() { return baseHookCount; }

    /** Where the values of the last yield are, for a resumer in Java. */
    int yieldFirst, yieldCount;

    /** What a builtin returns after {@link #yield}: "this call yielded". */
    public static final int YIELD = -1;

    /**
     * Yields from a Java builtin (Lua: lua_yield, lua_yieldk): the top {@code n} values go to
     * the resumer; the builtin must return the result of this method. When the coroutine is
     * resumed, the resume arguments become the builtin's results, or, with a continuation, the
     * continuation is called with them as arguments and its results become the builtin's.
     * Raises the Lua error if this coroutine cannot yield here.
     */
    public int yield(int n, Builtin.Body continuation) {
        Coroutines.checkYield(this);
        Activation act = calls.current();
        act.continuation = continuation;
        pendingYield = n;
        return YIELD;
    }

    /** Values the current builtin asked to yield (see {@link #yield}). */
    int pendingYield;

    /** What a builtin returns after {@link #callk}: "call that, then my continuation". */
    public static final int CALLK = -2;
    /** The call a builtin asked for with {@link #callk}. */
    int pendingCall, pendingCallResults;

    /**
     * Calls a value from a Java builtin with a continuation (Lua: lua_callk), so that the
     * callee may yield: {@code [ ... f a1 .. an ]} at {@code funcIdx}, arguments up to the top.
     * The builtin must return the result of this method; when the callee returns, its results
     * are at {@code funcIdx} and up, and {@code k} is called with them as its arguments (base
     * {@code funcIdx}); what {@code k} returns is what the builtin returns. From the executor
     * the call is a frame of the same loop; from Java code it is an ordinary call.
     */
    public int callk(int funcIdx, int nResults, Builtin.Body k) {
        calls.current().continuation = k;
        pendingCall = funcIdx;
        pendingCallResults = nResults;
        return CALLK;
    }

    /** A new coroutine with a small stack that grows on demand. */
    LuaThread(GlobalState G, int stackSize) {
        this.G = G;
        this.stack = new ValueStack(stackSize);
        this.stack.slowCalls = G.tierOn;
        this.calls = new CallStack(this, 4);
        Activation base = calls.current();         // the coroutine's base activation
        base.funcIdx = 0;
        base.base = 1;
        base.top = Math.min(1 + ValueStack.MIN_FREE, stackSize - ValueStack.EXTRA);   // a small coroutine stack grows on demand
        stack.top = 1;
        if (MemoryAccount.profiled()) {         // memprof (docs/profiling.md): the stack is an object of its own
            MemoryAccount.made(stack, 12L * stack.refs.length);
            MemoryAccount.made(this, bytes() - 12L * stack.refs.length);
        }
    }

    /** The size model (see {@link MemoryAccount}): objects, stack slots, activations. */
    private long bytes() { return 350 + 12L * stack.refs.length + 136L * calls.depth; }

    /** A runtime's main thread: running, and never yieldable (Lua: the main lua_State). */
    static LuaThread main(GlobalState G) {
        LuaThread L = new LuaThread(G, 48);
        L.status = RUNNING;
        L.started = true;
        L.nny = 1;
        return L;
    }

    public boolean isMain() { return this == G.mainThread; }

    /** "suspended", "running", "normal" or "dead" (Lua: coroutine.status). */
    public String statusName() {
        switch (status) {
            case RUNNING: return "running";
            case NORMAL: return "normal";
            case DEAD: return "dead";
            default: return "suspended";
        }
    }

    /** Lua: lua_isyieldable. */
    public boolean isYieldable() { return nny == 0; }

    /**
     * Lua: lua_yield(L, 0) called by a hook. A Java function running as this coroutine's line
     * or count hook asks the coroutine to yield, with no values, once the hook returns; the
     * coroutine's resumer sees an ordinary yield, and the next resume runs the interrupted
     * instruction. Raises the usual error if the coroutine cannot yield here (check
     * {@link #hookCanYield()} first to yield only where it can); only line and count hooks
     * can yield, as in Lua.
     */
    public void yieldFromHook() {
        if (!hookYieldable) throw Coroutines.yieldError(this);
        hookYieldRequested = true;
    }

    /**
     * True inside a line or count hook of this coroutine when the code it interrupted can
     * yield: not the main coroutine, no Java call (a sort comparator, a gsub callback, ...)
     * between the coroutine's resume and the hooked instruction.
     */
    public boolean hookCanYield() { return hookYieldable; }

    /** True while this coroutine is suspended by a yield of its hook (not by coroutine.yield). */
    public boolean suspendedByHook() {
        return status == SUSPENDED && (calls.current().flags & Activation.HOOKYIELD) != 0;
    }

    // ---------------------------------------------------------------- pushing

    /** {@code [ ... ] -> [ ... v ]} */
    public void push(Object ref, long num) {
        ValueStack s = stack;
        int t = s.top;
        if (t + ValueStack.EXTRA >= s.refs.length) s.ensure(t + 1);
        s.nums[t] = num;
        s.refs[t] = ref;
        s.top = t + 1;
    }

    public void pushNil() { push(null, 0); }

    public void pushBoolean(boolean b) { push(b ? Boolean.TRUE : Boolean.FALSE, 0); }

    public void pushInteger(long v) { push(NumTag.INT, v); }

    public void pushNumber(double v) { push(NumTag.FLT, Double.doubleToRawLongBits(v)); }

    public void pushString(LuaString s) { push(s, 0); }

    public void pushString(String s) { push(LuaString.of(s), 0); }

    /** {@code [ ... ] -> [ ... v ]} where v is a copy of slot {@code idx}. */
    public void pushValue(int idx) {
        ValueStack s = stack;
        push(s.refs[idx], s.nums[idx]);
    }

    /** Sets slot {@code idx} to (ref, num). */
    public void set(int idx, Object ref, long num) {
        stack.nums[idx] = num;
        stack.refs[idx] = ref;
    }

    /** Copies slot {@code from} to slot {@code to}. */
    public void copy(int from, int to) {
        ValueStack s = stack;
        s.nums[to] = s.nums[from];
        s.refs[to] = s.refs[from];
    }

    public Object ref(int idx) { return stack.refs[idx]; }

    /**
     * Lua: luaL_checkstack. Makes room for {@code n} more values above the top, or raises
     * "stack overflow (msg)" when that would pass the stack's limit.
     */
    public void checkStack(int n, String msg) {
        if (n > ValueStack.MAX - stack.top - ValueStack.EXTRA) throw LuaError.rt("stack overflow (" + msg + ")");
        stack.ensure(stack.top + n);
    }

    public long num(int idx) { return stack.nums[idx]; }

    public int top() { return stack.top; }

    /** Sets the top, clearing new slots to nil when it grows (Lua: lua_settop). */
    public void setTop(int newTop) {
        ValueStack s = stack;
        if (newTop > s.top) {
            s.ensure(newTop);
            for (int i = s.top; i < newTop; i++) s.refs[i] = null;
        }
        s.top = newTop;
    }

    // ---------------------------------------------------------------- calling

    /**
     * Calls a value from Java (Lua: lua_call):
     * {@code [ ... f a1 .. an ] -> [ ... r1 .. rm ]}, f at {@code funcIdx}, arguments up to the
     * top; {@code nResults} -1 keeps all results. Re-enters the executor (bounded by
     * {@link #MAX_CCALLS}); may call metamethods, grow the stack and throw.
     */
    public void call(int funcIdx, int nResults) { Calls.call(this, funcIdx, nResults); }

    /**
     * A protected call from Java (Lua: lua_pcall): as {@link #call}, but an error is caught.
     * {@code handler} (may be null) sees the error at the error point, with the call stack
     * intact (to take a traceback), and may replace it. On error the stacks are restored to
     * how they were, the top is {@code funcIdx}, and the error is returned; null on success.
     * A stop (see {@link Interrupts}) is returned only to the host: called by a builtin, with
     * Lua running below, this rethrows it once the stacks are restored.
     */
    public LuaError pcall(int funcIdx, int nResults, java.util.function.UnaryOperator<LuaError> handler) {
        boolean host = nCcalls == 0;                 // nothing of the runtime below: a host call
        G.interrupts.hostEnter();
        try {
            LuaError e = Unwinder.protectedCall(this, funcIdx, nResults, -1, handler, true);
            releaseDeadSlots();
            if (e != null && e.uncatchable && !host) throw e;   // below the host a stop is no value
            return e;
        } finally {
            G.interrupts.hostLeave();
        }
    }

    /**
     * The message handler in force (Lua: L->errfunc): that of the innermost protected call,
     * an xpcall's handler or a Java one; null when that call has none (a plain pcall). Lua
     * passes it on to the protected parser, so errors of a load reader see it.
     */
    public java.util.function.UnaryOperator<LuaError> currentErrorHandler() {
        Catcher c = catches.top();
        if (c == null) return null;
        if (c.handlerIdx >= 0) {
            int idx = c.handlerIdx;
            return e -> Unwinder.callHandler(this, idx, e);
        }
        return c.javaHandler;
    }

    /**
     * The first slot above the live area of the value stack: the larger of the top and the
     * current activation's top (Lua: L->top, which is the running function's ci->top while
     * Lua code runs; a Lua activation does not keep the top while it runs, and a Java one may
     * use its reserved slots). Everything above is dead: see {@link Invariants} for why
     * suspended activations need nothing there.
     */
    int liveTop() {
        return Math.max(stack.top, calls.current().top);
    }

    /**
     * Clears the value stack above its live area, so that it keeps nothing reachable, and
     * shrinks it when it is far larger than in use (see {@link Invariants}). {@link #pcall}
     * does it after every call; a host that pops values it read should call it afterwards.
     */
    public void releaseDeadSlots() {
        stack.releaseDead(liveTop(), this::highestTop);
    }

    /** The highest slot any activation may use: what a shrunk stack must keep. */
    private int highestTop() {
        int keep = stack.top;
        for (int d = 0; d <= calls.depth; d++) keep = Math.max(keep, calls.at(d).top);
        return keep;
    }

    /**
     * Checks the invariants of this coroutine's stacks (see {@link Invariants}): activations
     * contiguous and ordered, catchers on live pcall activations, open upvalues and
     * to-be-closed variables on live registers, nothing reachable above the live area.
     * Returns the violations, empty when all hold.
     */
    public java.util.List<String> checkInvariants() { return Invariants.check(this); }

    /**
     * Test mode (Lua: HARDSTACKTESTS): reallocate the value stack on every growth check, so
     * that any code holding the stack arrays across an operation that may grow the stack
     * reads stale values and fails visibly.
     */
    public void setStackTorture(boolean on) {
        stack.torture = on;
        stack.slowCalls = on || G.tierOn;
    }

    /**
     * Turns the compiled tier of this runtime ({@link GlobalState#tier}) on or off, for this
     * coroutine, the main one and those made later; others see it when resumed.
     */
    public void setTierOn(boolean on) {
        G.tierOn = on && G.tier != null;
        stack.slowCalls = stack.torture || G.tierOn;
        G.mainThread.stack.slowCalls = G.mainThread.stack.torture || G.tierOn;
    }

    /** Whether the compiled tier is on. */
    public boolean tierOn() { return G.tierOn; }

    /** The instruction budget and interrupt controls, shared by all coroutines of the runtime. */
    public Interrupts interrupts() { return G.interrupts; }

    /** The activation running now. */
    public Activation currentActivation() { return calls.current(); }

    /**
     * End of the running Lua activation's live registers while the collector marks from
     * the executor's poll, or -1 (see {@link GarbageCollector#collectAutomatic}).
     */
    int markTop = -1;

    /**
     * Lua: traversethread. Marks the live part of the value stack, which holds every
     * activation's function, registers, open upvalues and pending to-be-closed values: below
     * the top, or below the running Lua activation's top (a Lua activation does not keep the
     * top while it runs), or below its live registers when the collector knows them. Slots
     * above are dead and are cleared, as Lua clears the dead part of a stack, so that they do
     * not keep garbage alive for the JVM either. Also the functions
     * of the activations, the hook, the error that killed the coroutine and its resumer.
     */
    @Override
    protected void traverse(GcMarker m) {
        ValueStack s = stack;
        Activation ci = calls.current();
        // Lua marks below L->top: for a Java activation its top, not its reserved slots,
        // which hold only dead temporaries of the Lua caller (see liveTop)
        int limit = !ci.isLua() ? s.top : markTop >= 0 ? markTop : liveTop();
        Object[] r = s.refs;
        addSize(m, bytes());
        limit = m.estimateOnly() ? r.length : Math.min(limit, r.length);   // an emergency counts all, clears none
        for (int i = 0; i < limit; i++) m.mark(r[i]);
        java.util.Arrays.fill(r, limit, r.length, null);
        if (!m.estimateOnly()) calls.clearAbove();          // and the records of returned calls
        for (int d = 1; d <= calls.depth; d++) {
            Activation a = calls.at(d);
            m.mark(a.isLua() ? a.closure : a.builtin);
        }
        m.mark(hook);
        if (deathError != null) m.mark(deathError.ref);
        m.mark(resumer);
    }
}
