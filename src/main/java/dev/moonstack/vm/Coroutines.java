package dev.moonstack.vm;

import dev.moonstack.code.Instr;
import dev.moonstack.code.OpCode;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;

/**
 * Coroutines on explicit stacks (Lua: ldo.c lua_resume, lua_yield; lcorolib.c). Each coroutine
 * is a {@link LuaThread} with its own value, call and catch stacks. Resuming and yielding switch
 * the executor from one coroutine's stacks to the other's and continue the same loop: no Java
 * thread, no Java recursion, no continuation library.
 *
 * <p>{@code resume} (and a {@code wrap} function) push their Java activation on the resumer's
 * call stack and return the coroutine's activation; the executor goes on there. {@code yield}
 * pushes its activation on the coroutine's call stack, where it stays while the coroutine is
 * suspended, and delivers the yielded values to the resumer's resume activation. Resuming again
 * returns the resume arguments from the yield activation ({@code Calls.poscall}), so a yield
 * anywhere in Lua code, inside pcall, metamethods, iterators or {@code __close}, continues
 * exactly there. When the coroutine's body returns (its activation is marked COROUTINE_BODY),
 * or an error leaves it ({@link Unwinder#recover}), the resumer gets the outcome.
 *
 * <p>A coroutine resumed from Java code ({@link #resumeFromJava}) runs in a nested executor
 * invocation, which returns when the coroutine yields or ends.
 */
public final class Coroutines {
    private Coroutines() {}

    /** Lua: luaB_cocreate. A suspended coroutine that will run {@code body}. */
    public static LuaThread create(LuaThread creator, LuaFunction body) {
        LuaThread co = new LuaThread(creator.G, 16);
        Hooks.inherit(creator, co);
        co.push(body, 0);                                   // slot 1: the body
        return co;
    }

    // ---------------------------------------------------------------- resuming

    /** Why {@code co} cannot be resumed by {@code R} now, or null (Lua: auxresume's checks). */
    static String cannotResume(LuaThread R, LuaThread co) {
        if (co.status == LuaThread.DEAD || (co.started && co.calls.depth == 0)) return "cannot resume dead coroutine";
        if (co.status != LuaThread.SUSPENDED || co == R) return "cannot resume non-suspended coroutine";
        if (R.nCcalls >= LuaThread.MAX_CCALLS) return "C stack overflow";
        return null;
    }

    /**
     * The error {@code e} has ended coroutine {@code co}: kills it and hands the error to its
     * resumer {@code R}'s resume activation (which returns false and the error), or, for a
     * wrap function, returns null after storing the error to raise again in {@code failure[0]}.
     */
    static Activation failed(LuaThread R, LuaThread co, LuaError e, LuaError[] failure) {
        co.resumer = R;
        kill(co, e);
        R.status = LuaThread.RUNNING;
        Activation act = R.calls.current();
        if (act.builtin instanceof Wrap) {
            failure[0] = wrapError(R, e, co, 1);
            return null;
        }
        ValueStack s = co.stack;
        s.ensure(s.top + 1);
        s.refs[s.top] = e.ref;
        s.nums[s.top] = e.num;
        return deliverTo(R, s, s.top, 1, false);
    }

    /**
     * Makes {@code co} run with the {@code n} values at {@code from[first..]} (its body's
     * arguments, or the results of the yield it is suspended in). Returns the activation to
     * continue in: one of {@code co}, or the resumer's when the coroutine already yielded or
     * ended, or null when that resumer is Java code. An error raised while the coroutine
     * starts or goes on in Java code is thrown; it was raised inside the coroutine, so the
     * caller kills it (Lua: the error status of resume).
     */
    static Activation enterCoroutine(LuaThread R, LuaThread co, ValueStack from, int first, int n, boolean fromJava) {
        co.nCcalls = R.nCcalls + 1;
        co.nny = 0;
        co.resumer = R;
        co.resumedFromJava = fromJava;
        co.status = LuaThread.RUNNING;
        if (R != co && R.status == LuaThread.RUNNING) R.status = LuaThread.NORMAL;
        ValueStack s = co.stack;
        s.slowCalls = s.torture || co.G.tierOn;    // the compiled tier as it is now
        s.ensure(s.top + n);
        int at = s.top;
        ValueStack.transfer(from, first, s, at, n);
        s.top = at + n;
        if (!co.started) {
            co.started = true;
            // Lua: ccall's check as the body starts, with the count already one above the
            // resumer's: a new coroutine fails one level before a suspended one, and dies.
            if (co.nCcalls >= LuaThread.MAX_CCALLS) throw LuaError.plain("C stack overflow");
            Activation next = Calls.precall(co, co.calls.current(), 1, -1);
            if (co.calls.depth == 0) return bodyReturned(co);   // a Java body that has returned
            co.calls.at(1).flags |= Activation.COROUTINE_BODY;  // the body's own activation
            return next;
        }
        if ((co.hookMask & Hooks.MASK_PROF) != 0) CallEvents.resumed(co);   // profiler (CallEvents)
        return resumeYield(co, at, n);
    }

    /** The suspended yield activation returns the resume values (through its continuation, if any). */
    private static Activation resumeYield(LuaThread co, int at, int n) {
        Activation y = co.calls.current();
        if (y.isLua()) {                    // suspended by its hook: the resume values are dropped, and
            co.stack.top = at;              // the pc, kept past the instruction for debug information
            y.savedPc--;                    // meanwhile, goes back to it
            return y;
        }
        if (y.continuation != null) {
            Builtin.Body k = y.continuation;
            y.continuation = null;
            return Calls.afterJava(co, y, k.call(co, at, n));
        }
        return Calls.poscall(co, y, at, n);
    }

    /**
     * The coroutine's body has returned; its results are at {@code [1, top)} of its stack.
     * Delivers them to the resumer; null if the resumer is Java code (the executor returns).
     */
    static Activation bodyReturned(LuaThread co) {
        co.status = LuaThread.DEAD;
        LuaThread R = co.resumer;
        co.resumer = null;
        if (co.resumedFromJava) return null;
        return deliverTo(R, co.stack, 1, co.stack.top - 1, true);
    }

    /** Hands {@code n} values (or an error value) to the resume or wrap activation of {@code R}. */
    static Activation deliverTo(LuaThread R, ValueStack from, int first, int n, boolean ok) {
        R.status = LuaThread.RUNNING;
        Activation act = R.calls.current();
        return ((Resumer) act.builtin).deliver(R, act, from, first, n, ok);
    }

    // ---------------------------------------------------------------- yielding

    /** The checks of lua_yield. */
    static void checkYield(LuaThread co) {
        if (!co.isYieldable()) throw yieldError(co);
    }

    /** Lua: lua_yieldk's error for a coroutine that cannot yield where it is. */
    static LuaError yieldError(LuaThread co) {
        return LuaError.run(co.isMain() ? "attempt to yield from outside a coroutine"
                : "attempt to yield across a C-call boundary");
    }

    /**
     * Suspends {@code co}, whose current activation is the yielding one, with the {@code n}
     * values at {@code [first, first+n)}. Returns the resumer's activation to continue in, or
     * null if the resumer is Java code.
     */
    static Activation suspend(LuaThread co, int first, int n) {
        if ((co.hookMask & Hooks.MASK_PROF) != 0) CallEvents.suspended(co);   // profiler (CallEvents)
        co.status = LuaThread.SUSPENDED;
        LuaThread R = co.resumer;
        co.resumer = null;
        co.yieldFirst = first;
        co.yieldCount = n;
        if (co.resumedFromJava) return null;
        return deliverTo(R, co.stack, first, n, true);
    }

    /**
     * A line or count hook of {@code co} has yielded before the instruction at
     * {@code ci.savedPc - 1} (Lua: luaG_traceexec's yield). Registers stay as they are: the
     * top is the activation's, unless the instruction takes the top set by the one before it
     * (Lua: isIT), and the resume values are dropped when the coroutine goes on.
     */
    static Activation suspendInHook(LuaThread co, Activation ci) {
        int i = ci.closure.p.code[ci.savedPc - 1];
        if (!OpCode.usesTop(Instr.op(i)) || Instr.b(i) != 0) co.stack.top = ci.top;
        ci.flags |= Activation.HOOKYIELD;
        return suspend(co, co.stack.top, 0);
    }

    /**
     * An error has left coroutine {@code co} (no catchpoint in it): the coroutine is dead, its
     * stacks are kept for debug.traceback. Returns the resumer.
     */
    static LuaThread kill(LuaThread co, LuaError e) {
        co.status = LuaThread.DEAD;
        co.deathError = e;
        LuaThread R = co.resumer;
        co.resumer = null;
        return R;
    }

    // ---------------------------------------------------------------- closing

    /**
     * Lua: lua_closethread. Resets a suspended or dead coroutine: its pending to-be-closed
     * variables are closed (with the error that killed it, if any). Returns the error left
     * over, or null.
     */
    public static LuaError close(LuaThread L, LuaThread co) {
        LuaError err = co.deathError;
        co.deathError = null;
        co.calls.popTo(0);
        co.catches.popTo(0);
        co.status = LuaThread.RUNNING;                      // so that __close methods can run
        co.nCcalls = L.nCcalls;
        co.nny = 1;
        LuaError marker = err != null ? err : new LuaError(null, 0);
        LuaError result = Upvalues.closeForError(co, 1, marker, null);
        co.status = LuaThread.DEAD;
        co.started = true;
        co.stack.top = 1;
        co.stack.clearFrom(1);
        if (result.uncatchable && L.G.interrupts.stopping()) throw result;   // a stop is no value
        return err == null && result == marker ? null : result;
    }

    // ---------------------------------------------------------------- from Java

    /** The outcome of a resume from Java: how it stopped and the values it produced. */
    public static final class Outcome {
        public enum Kind { YIELDED, RETURNED, FAILED }

        public final Kind kind;
        public final Object[] refs;
        public final long[] nums;
        public final LuaError error;

        Outcome(Kind kind, Object[] refs, long[] nums, LuaError error) {
            this.kind = kind;
            this.refs = refs;
            this.nums = nums;
            this.error = error;
        }
    }

    /**
     * Lua: lua_resume from Java (a host's game loop, or a builtin). Runs {@code co} with the
     * {@code n} values at {@code R}'s slots {@code [first, first+n)} until it yields, returns or
     * fails; never throws for errors of the coroutine (uncatchable errors excepted).
     */
    public static Outcome resumeFromJava(LuaThread R, LuaThread co, int first, int n) {
        String why = cannotResume(R, co);
        if (why != null) return new Outcome(Outcome.Kind.FAILED, null, null, LuaError.plain(why));
        R.G.interrupts.hostEnter();
        try {
            return resumeIn(R, co, first, n);
        } finally {
            R.G.interrupts.hostLeave();
        }
    }

    /** {@link #resumeFromJava} once the coroutine is known to be resumable. */
    private static Outcome resumeIn(LuaThread R, LuaThread co, int first, int n) {
        int resumerStatus = R.status;
        try {
            Activation next = enterCoroutine(R, co, R.stack, first, n, true);
            if (next != null) Executor.execute(next, 0);
        } catch (LuaError e) {
            Unwinder.resolvePosition(co, e);
            kill(co, e);
            R.status = resumerStatus;
            if (e.uncatchable) throw e;
            return new Outcome(Outcome.Kind.FAILED, null, null, e);
        }
        R.status = resumerStatus;
        return co.status == LuaThread.DEAD ? collect(co, Outcome.Kind.RETURNED, 1, co.stack.top - 1)
                : collect(co, Outcome.Kind.YIELDED, co.yieldFirst, co.yieldCount);
    }

    private static Outcome collect(LuaThread co, Outcome.Kind kind, int first, int n) {
        Object[] refs = new Object[n];
        long[] nums = new long[n];
        System.arraycopy(co.stack.refs, first, refs, 0, n);
        System.arraycopy(co.stack.nums, first, nums, 0, n);
        if (kind == Outcome.Kind.RETURNED) co.stack.top = 1;
        return new Outcome(kind, refs, nums, null);
    }

    // ---------------------------------------------------------------- the builtins

    /** A builtin that resumes coroutines and so receives their outcome (resume, wrap functions). */
    abstract static class Resumer extends StacklessBuiltin {
        Resumer(String name, boolean holdsValues) { super(name, holdsValues); }

        /** The coroutine yielded or returned ({@code ok}) values, or failed with one error value. */
        abstract Activation deliver(LuaThread R, Activation self, ValueStack from, int first, int n, boolean ok);

        @Override
        Activation resume(LuaThread L, Activation self) {
            throw new IllegalStateException("a resumer is resumed by deliver");
        }

        /** Starts {@code co} from the executor: {@code [ ... f co? a1 .. an ]}. */
        Activation start(LuaThread R, Activation self, LuaThread co, int first, int n) {
            String why = cannotResume(R, co);
            if (why != null) return refused(R, self, why);
            try {
                return enterCoroutine(R, co, R.stack, first, n, false);
            } catch (LuaError e) {          // raised in co while it started or continued in Java code
                return Unwinder.recover(co, e, R, Integer.MAX_VALUE);
            }
        }

        /** The coroutine could not be resumed at all. */
        abstract Activation refused(LuaThread R, Activation self, String why);

        /** From Java code: resumes through the executor-independent path. */
        int callFromJava(LuaThread L, LuaThread co, int first, int n, boolean wrap) {
            Outcome o = resumeFromJava(L, co, first, n);
            if (o.kind == Outcome.Kind.FAILED) {
                if (wrap) throw wrapError(L, o.error, co, 0);
                L.pushBoolean(false);
                L.push(o.error.ref, o.error.num);
                return 2;
            }
            if (!wrap) L.pushBoolean(true);
            for (int i = 0; i < o.refs.length; i++) L.push(o.refs[i], o.nums[i]);
            return o.refs.length + (wrap ? 0 : 1);
        }
    }

    /** {@code coroutine.resume(co, ...)} (Lua: luaB_coresume): true and values, or false and the error. */
    static final class Resume extends Resumer {
        Resume() { super("coroutine.resume", false); }

        @Override
        Activation enter(LuaThread R, Activation caller, int funcIdx, int nResults) {
            int nargs = R.stack.top - funcIdx - 1;
            Activation self = Calls.pushJava(R, this, funcIdx, nResults);
            LuaThread co = checkCoroutine(R, funcIdx + 1, nargs);
            return start(R, self, co, funcIdx + 2, nargs - 1);
        }

        @Override
        Activation refused(LuaThread R, Activation self, String why) {
            R.pushBoolean(false);
            R.pushString(why);
            return Calls.poscall(R, self, R.stack.top - 2, 2);
        }

        @Override
        Activation deliver(LuaThread R, Activation self, ValueStack from, int first, int n, boolean ok) {
            ValueStack s = R.stack;
            int at = s.top;
            s.ensure(at + n + 1);
            s.refs[at] = ok ? Boolean.TRUE : Boolean.FALSE;
            ValueStack.transfer(from, first, s, at + 1, n);
            s.top = at + n + 1;
            return Calls.poscall(R, self, at, n + 1);
        }

        @Override
        public int call(LuaThread L, int base, int nargs) {
            return callFromJava(L, checkCoroutine(L, base, nargs), base + 1, nargs - 1, false);
        }
    }

    /** A function made by {@code coroutine.wrap} (Lua: auxwrap): values, or the error raised again. */
    static final class Wrap extends Resumer {
        final LuaThread co;

        Wrap(LuaThread co) {
            super("wrap", true);
            this.co = co;
        }

        @Override
        Activation enter(LuaThread R, Activation caller, int funcIdx, int nResults) {
            int nargs = R.stack.top - funcIdx - 1;
            Activation self = Calls.pushJava(R, this, funcIdx, nResults);
            return start(R, self, co, funcIdx + 1, nargs);
        }

        @Override
        Activation refused(LuaThread R, Activation self, String why) {
            throw wrapError(R, LuaError.plain(why), null, 1);
        }

        @Override
        Activation deliver(LuaThread R, Activation self, ValueStack from, int first, int n, boolean ok) {
            if (!ok) throw new IllegalStateException("wrap errors are raised in the resumer");
            ValueStack s = R.stack;
            int at = s.top;
            s.ensure(at + n);
            ValueStack.transfer(from, first, s, at, n);
            s.top = at + n;
            return Calls.poscall(R, self, at, n);
        }

        @Override
        public int call(LuaThread L, int base, int nargs) {
            return callFromJava(L, co, base, nargs, true);
        }

        @Override public int upvalueCount() { return 1; }

        @Override public Object upvalue(int i) { return co; }
    }

    /**
     * The error a wrap function raises (Lua: auxwrap): the coroutine is closed first, and a
     * string error gets the position of the wrap call's caller prepended.
     */
    static LuaError wrapError(LuaThread R, LuaError e, LuaThread co, int level) {
        if (co != null) {
            LuaError closing = close(R, co);
            if (closing != null) e = closing;
        }
        if (e.ref instanceof LuaString) {
            String where = Traceback.where(R, 1);
            if (!where.isEmpty()) {
                LuaError w = new LuaError(LuaString.of(where + e.ref), 0);
                w.uncatchable = e.uncatchable;
                return w;
            }
        }
        return e;
    }

    /** {@code coroutine.yield(...)} (Lua: luaB_yield). */
    static final class Yield extends StacklessBuiltin {
        Yield() { super("coroutine.yield"); }

        @Override
        Activation enter(LuaThread co, Activation caller, int funcIdx, int nResults) {
            Calls.pushJava(co, this, funcIdx, nResults, 1);   // errors below are raised in yield itself
            checkYield(co);
            return suspend(co, funcIdx + 1, co.stack.top - funcIdx - 1);
        }

        @Override
        Activation resume(LuaThread L, Activation self) {
            throw new IllegalStateException("a yield is resumed by its resumer");
        }

        @Override
        public int call(LuaThread L, int base, int nargs) {
            throw yieldError(L);                            // from Java code: never yieldable
        }
    }

    /** Argument {@code slot} must be a coroutine (Lua: getco). */
    static LuaThread checkCoroutine(LuaThread L, int slot, int nargs) {
        Object v = nargs >= 1 ? L.stack.refs[slot] : null;
        if (v instanceof LuaThread) return (LuaThread) v;
        throw Args.typeError(L, 1, "thread", v);
    }

    /** The builtins of the coroutine library that are part of the machinery. */
    public static Builtin resume() { return new Resume(); }

    public static Builtin yield() { return new Yield(); }

    public static Builtin wrap(LuaThread co) { return new Wrap(co); }
}
