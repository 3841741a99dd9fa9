package dev.moonstack.vm;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.NumTag;

/**
 * A coroutine (Lua: lua_State): its own value stack, call stack and catch stack, and the
 * operations Java builtins use on them (Lua: the lua_push* / lua_call part of the C API).
 *
 * <p>Stack effects in the Javadoc use Duktape's notation: {@code [ ... a b ] -> [ ... c ]}.
 */
public final class LuaThread implements dev.moonstack.value.ThreadValue {
    /** Lua: LUAI_MAXCCALLS, the limit of nested Java re-entries into Lua. */
    public static final int MAX_CCALLS = 200;

    public final GlobalState G;
    public final ValueStack stack;
    public final CallStack calls;
    final CatchStack catches = new CatchStack();
    /** Nested Java calls into Lua (Lua: nCcalls). */
    int nCcalls;
    /** Interrupt state, served by the executor's countdown (see {@link Interrupts}). */
    final Interrupts interrupts = new Interrupts();

    LuaThread(GlobalState G) {
        this.G = G;
        this.stack = new ValueStack(48);
        this.calls = new CallStack(8);
        Activation base = calls.current();         // the coroutine's base activation
        base.funcIdx = 0;
        base.base = 1;
        base.top = 1 + ValueStack.MIN_FREE;
        stack.top = 1;
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
     */
    public LuaError pcall(int funcIdx, int nResults, java.util.function.UnaryOperator<LuaError> handler) {
        int depth = calls.depth, nCatch = catches.n, nC = nCcalls;
        try {
            call(funcIdx, nResults);
            releaseDeadSlots();
            return null;
        } catch (LuaError e) {
            return recoverJava(e, handler, depth, nCatch, nC, funcIdx);
        } catch (StackOverflowError e) {
            return recoverJava(LuaError.run("stack overflow (Java stack)"), handler, depth, nCatch, nC, funcIdx);
        } catch (OutOfMemoryError e) {
            return recoverJava(LuaError.plain("not enough memory"), handler, depth, nCatch, nC, funcIdx);
        } catch (RuntimeException e) {            // a bug below: the host still gets a Lua error
            return recoverJava(Executor.internalError(e), handler, depth, nCatch, nC, funcIdx);
        }
    }

    private LuaError recoverJava(LuaError e, java.util.function.UnaryOperator<LuaError> handler,
                                 int depth, int nCatch, int nC, int level) {
        Unwinder.resolvePosition(this, e);
        if (handler != null) e = handler.apply(e);
        catches.n = nCatch;
        nCcalls = nC;
        int oldTop = Unwinder.safeTop(this);
        calls.popTo(depth);
        e = Upvalues.closeForError(this, level, e);
        stack.top = level;
        stack.afterUnwind(level, oldTop);
        releaseDeadSlots();
        return e;
    }

    /**
     * Clears the value stack above its live area, so that it keeps nothing reachable, and
     * shrinks it when it is far larger than in use (see {@link Invariants}). {@link #pcall}
     * does it after every call; a host that pops values it read should call it afterwards.
     */
    public void releaseDeadSlots() {
        stack.releaseDead(Invariants.liveTop(this), this::highestTop);
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
    public void setStackTorture(boolean on) { stack.torture = on; }

    /** The instruction budget and interrupt controls of this coroutine. */
    public Interrupts interrupts() { return interrupts; }

    /** The activation running now. */
    public Activation currentActivation() { return calls.current(); }
}
