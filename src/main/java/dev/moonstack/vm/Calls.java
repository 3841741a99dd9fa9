package dev.moonstack.vm;

import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.Proto;

/**
 * Call setup and cleanup (Lua: ldo.c luaD_precall, luaD_poscall, luaD_pretailcall,
 * luaT_adjustvarargs, luaD_call).
 *
 * <p>Activations overlap: the caller evaluates the function and its arguments into
 * consecutive registers {@code [ ... f a1 .. an ]}, and those slots become the callee's
 * function slot and first registers without copying. On return the results are moved down to
 * the function slot: {@code [ ... f a1 .. an ... r1 .. rm ] -> [ ... r1 .. rm ]}. A vararg
 * function moves its function slot and fixed parameters above the extra arguments on entry,
 * so the extra arguments stay below its frame: {@code [ f a1 .. an e1 .. ek | f a1 .. an ... ]}.
 *
 * <p>Methods used by the executor return the activation to continue in: the callee's when a
 * Lua frame was pushed, the caller's ({@code ci}) when the call has already completed, or
 * null when the returning activation was entered from Java (FRESH) and the executor must
 * return.
 */
final class Calls {
    private Calls() {}

    /**
     * OP_TFORCALL (Lua: the copy of the iterator, its state and control variable before
     * luaD_call): copies R[A..A+2] to R[A+4..A+6] and calls R[A+4] with two arguments,
     * {@code nResults} results. Not written out in the loop (its bytes count against C2's
     * inlining budget); stack effect: top = A+7, then as {@link #precall}.
     */
    static Activation forCall(LuaThread L, Activation ci, int ra, int nResults) {
        forArgs(L.stack, ra);
        return precall(L, ci, ra + 4, nResults);
    }

    /** OP_TFORCALL's call set-up: R[A+4..A+6] := R[A..A+2], top = A+7 (also compiled code's: Tier.forCall). */
    static void forArgs(ValueStack s, int ra) {
        System.arraycopy(s.refs, ra, s.refs, ra + 4, 3);
        System.arraycopy(s.nums, ra, s.nums, ra + 4, 3);
        s.top = ra + 7;
    }

    /**
     * Lua: luaD_precall. Calls the value at {@code funcIdx} with the arguments up to the top,
     * from the executor. May call metamethods, grow the stack and throw.
     */
    static Activation precall(LuaThread L, Activation ci, int funcIdx, int nResults) {
        Object f = L.stack.refs[funcIdx];
        if (f instanceof LuaClosure) return pushLua(L, (LuaClosure) f, funcIdx, nResults);
        for (;;) {
            if (f instanceof StacklessBuiltin) return ((StacklessBuiltin) f).enter(L, ci, funcIdx, nResults);
            if (f instanceof Builtin) {
                Activation act = pushJava(L, (Builtin) f, funcIdx, nResults);
                int n = ((Builtin) f).call(L, funcIdx + 1, L.stack.top - funcIdx - 1);
                return afterJava(L, act, n);
            }
            Meta.tryFuncTM(L, funcIdx);
            f = L.stack.refs[funcIdx];
            if (f instanceof LuaClosure) return pushLua(L, (LuaClosure) f, funcIdx, nResults);
        }
    }

    /** Pushes the activation of a Lua function; missing parameters become nil. */
    static Activation pushLua(LuaThread L, LuaClosure cl, int funcIdx, int nResults) {
        return enterLua(L, cl, funcIdx, nResults, continuationOf(L.calls.current()));
    }

    /**
     * OP_CALL of a Lua function from a Lua activation: {@link #pushLua} without the
     * continuation check, which never applies when the caller is a Lua function.
     */
    static Activation enterLua(LuaThread L, LuaClosure cl, int funcIdx, int nResults) {
        Activation ci = enterLua(L, cl, funcIdx, nResults, 0);
        return L.G.tierOn ? Tier.entered(L, ci) : ci;      // a compiled tier (ValueStack.slowCalls)
    }

    /**
     * Lua: luaD_precall's Lua case. {@code cont}: RET_TO_CONT when the caller waits in a
     * continuation. Written out in Executor.dispatch (case OP_CALL) for the common case: keep
     * the two the same. Like the copy, it leaves the Java-only fields ({@code builtin},
     * {@code continuation}) as they are: nothing reads them in a Lua activation, and
     * {@link #pushJava} sets them.
     */
    static Activation enterLua(LuaThread L, LuaClosure cl, int funcIdx, int nResults, int cont) {
        Proto p = cl.p;
        ValueStack s = L.stack;
        int base = funcIdx + 1;
        s.ensure(base + p.maxStackSize);
        Activation ci = L.calls.push();
        ci.funcIdx = funcIdx;
        ci.base = base;
        ci.top = base + p.maxStackSize;
        ci.nResults = nResults;
        ci.flags = Activation.LUA | cont | ((L.hookMask & Hooks.RETURN_WATCH) != 0 ? Activation.RETHOOK : 0);
        ci.savedPc = 0;
        ci.closure = cl;
        ci.code = p.code;
        if ((L.hookMask & Hooks.MASK_PROF) != 0) CallEvents.called(L, ci);   // profiler (CallEvents)
        int nargs = s.top - base;
        if (nargs < p.numParams) {
            Object[] r = s.refs;
            for (int i = nargs; i < p.numParams; i++) r[base + i] = null;
            s.top = base + p.numParams;
        }
        if ((L.hookMask & Hooks.MASK_DEBUG) != 0 || p.inlineArgs == Proto.CHECKED) Hooks.landed(ci);   // debugger: checked?
        return ci;
    }

    /**
     * RET_TO_CONT for an activation pushed while {@code caller} is a stackless builtin waiting
     * for its callee (pcall), so that returning resumes the builtin. Set at push time, so it
     * holds however the callee ends (returns, or unwinds to a catchpoint in between).
     */
    private static int continuationOf(Activation caller) {
        return (caller.flags & Activation.LUA) == 0
                && (caller.builtin instanceof StacklessBuiltin || caller.continuation != null)
                ? Activation.RET_TO_CONT : 0;
    }

    /**
     * Calls the function at {@code f} for the current instruction of Lua activation {@code ci}
     * (a metamethod, {@code __close}): a Lua callee becomes a frame marked FINISHOP, which
     * FinishOp completes when it returns. Returns that frame, or {@code ci} if the call already
     * completed (a Java callee). Like Lua's luaD_call it counts against the C-call limit, so
     * runaway metamethod recursion ends in "C stack overflow" as in Lua.
     */
    static Activation callForOp(LuaThread L, Activation ci, int f, int nResults) {
        if (++L.nCcalls >= LuaThread.MAX_CCALLS) checkCStack(L);
        Activation next = precall(L, ci, f, nResults);
        if (next == ci) {
            L.nCcalls--;
            return ci;
        }
        L.calls.at(ci.depth + 1).flags |= Activation.FINISHOP;
        return next;
    }

    /** Calls a Java builtin: {@code [ ... f a1 .. an ] -> [ ... r1 .. rm ]} (Lua: precallC). */
    static void callBuiltin(LuaThread L, Builtin f, int funcIdx, int nResults) {
        ValueStack s = L.stack;
        Activation act = pushJava(L, f, funcIdx, nResults);
        int n = f.call(L, funcIdx + 1, s.top - funcIdx - 1);
        while (n == LuaThread.CALLK) {                    // from Java code: an ordinary call
            int callee = L.pendingCall;
            call(L, callee, L.pendingCallResults);
            n = runContinuation(L, act, callee);
        }
        if (n == LuaThread.YIELD) throw Coroutines.yieldError(L);
        if ((act.flags & Activation.RETHOOK) != 0) returnEvents(L, act, s.top - n, n);
        moveResults(s, funcIdx, s.top - n, n, nResults);
        L.calls.pop();
    }

    /**
     * A Java activation {@code act} has run and answered {@code n}: results to return, or a
     * request to yield or to call with a continuation. Returns the activation to continue in
     * (null: leave the executor).
     */
    static Activation afterJava(LuaThread L, Activation act, int n) {
        for (;;) {
            if (n == LuaThread.YIELD) return Coroutines.suspend(L, L.stack.top - L.pendingYield, L.pendingYield);
            if (n != LuaThread.CALLK) return poscall(L, act, L.stack.top - n, n);
            int callee = L.pendingCall;
            Activation next = precall(L, act, callee, L.pendingCallResults);
            if (next != act) return next;                      // a Lua frame: resumes act when done
            n = runContinuation(L, act, callee);
        }
    }

    /** Calls the continuation of {@code act} with the values from {@code first} to the top. */
    static int runContinuation(LuaThread L, Activation act, int first) {
        Builtin.Body k = act.continuation;
        act.continuation = null;
        return k.call(L, first, L.stack.top - first);
    }

    /** Pushes the activation of a Java builtin, with {@link ValueStack#MIN_FREE} free slots. */
    static Activation pushJava(LuaThread L, Builtin f, int funcIdx, int nResults) {
        return pushJava(L, f, funcIdx, nResults, ValueStack.MIN_FREE);
    }

    /**
     * Pushes the activation of a Java builtin with {@code minFree} free slots: fewer than
     * LUA_MINSTACK only for the runtime's own builtins that push nothing (yield), so that a
     * suspended coroutine's stack stays small.
     */
    static Activation pushJava(LuaThread L, Builtin f, int funcIdx, int nResults, int minFree) {
        ValueStack s = L.stack;
        s.ensure(s.top + minFree);
        int cont = continuationOf(L.calls.current());
        Activation ci = L.calls.push();
        ci.funcIdx = funcIdx;
        ci.base = funcIdx + 1;
        ci.top = s.top + minFree;
        ci.nResults = nResults;
        ci.flags = cont;
        ci.savedPc = 0;
        ci.closure = null;
        ci.builtin = f;
        ci.continuation = null;
        if (L.hookMask != 0) {
            if ((L.hookMask & Hooks.RETURN_WATCH) != 0) ci.flags |= Activation.RETHOOK;
            if ((L.hookMask & Hooks.MASK_PROF) != 0) CallEvents.called(L, ci);   // profiler (CallEvents)
            Hooks.javaCall(L, ci);
        }
        return ci;
    }

    /**
     * Lua: luaD_call. Calls from Java: {@code [ ... f a1 .. an ] -> [ ... r1 .. rm ]}. Lua
     * functions run in a nested executor invocation, so this counts against
     * {@link LuaThread#MAX_CCALLS}. Stackless builtins run their Java implementation.
     */
    static void call(LuaThread L, int funcIdx, int nResults) {
        if (++L.nCcalls >= LuaThread.MAX_CCALLS) checkCStack(L);
        L.nny++;                                          // Java code below: no yield across it
        Object f = L.stack.refs[funcIdx];
        while (!(f instanceof LuaClosure) && !(f instanceof Builtin)) {
            Meta.tryFuncTM(L, funcIdx);
            f = L.stack.refs[funcIdx];
        }
        if (f instanceof LuaClosure) {
            Activation ci = pushLua(L, (LuaClosure) f, funcIdx, nResults);
            ci.flags |= Activation.FRESH;
            Executor.execute(L, ci);
        } else {
            callBuiltin(L, (Builtin) f, funcIdx, nResults);
        }
        L.nny--;
        L.nCcalls--;
    }

    /** Lua: luaE_checkcstack. */
    static void checkCStack(LuaThread L) {
        if (L.nCcalls == LuaThread.MAX_CCALLS) throw LuaError.run("C stack overflow");
        if (L.nCcalls >= LuaThread.MAX_CCALLS / 10 * 11) {
            LuaError e = LuaError.plain("error in error handling");
            e.skipHandler = true;
            throw e;
        }
    }

    /**
     * Lua: luaD_poscall. Activation {@code ci} returns the results {@code [first, first+nres)}:
     * moves them to its function slot as its caller wanted, pops it, and finishes whatever
     * was waiting for it (a metamethod's instruction, a pcall).
     */
    static Activation poscall(LuaThread L, Activation ci, int first, int nres) {
        if ((ci.flags & Activation.RETHOOK) != 0) returnEvents(L, ci, first, nres);   // even if the mask went since
        moveResults(L.stack, ci.funcIdx, first, nres, ci.nResults);
        Activation caller = L.calls.pop();
        int flags = ci.flags;
        if ((flags & (Activation.FRESH | Activation.FINISHOP | Activation.RET_TO_CONT | Activation.COROUTINE_BODY)) == 0) {
            return (flags & Activation.COMPILED_CALLER) == 0 ? caller : Tier.returned(L, caller);
        }
        if ((flags & Activation.FRESH) != 0) return null;
        if ((flags & Activation.COROUTINE_BODY) != 0) return Coroutines.bodyReturned(L);
        if ((flags & Activation.FINISHOP) != 0) {
            L.nCcalls--;
            return FinishOp.finish(L, caller);
        }
        if (caller.continuation != null) {                  // a builtin that called with lua_callk
            return afterJava(L, caller, runContinuation(L, caller, ci.funcIdx));
        }
        return ((StacklessBuiltin) caller.builtin).resume(L, caller);
    }

    /** A return that hooks or the profiler watch (RETHOOK): the profiler's event, then the return hook. */
    private static void returnEvents(LuaThread L, Activation ci, int first, int nres) {
        if ((L.hookMask & Hooks.MASK_PROF) != 0) CallEvents.returning(L, ci);
        Hooks.returning(L, ci, first, nres);
    }

    /**
     * Lua: moveresults. {@code wanted} -1 keeps all; sets the top after the last result.
     * Written out in Executor.dispatch for a Lua caller (OP_RETURN0, OP_RETURN1): keep them
     * the same.
     */
    static void moveResults(ValueStack s, int res, int first, int nres, int wanted) {
        Object[] r = s.refs;
        long[] n = s.nums;
        if (wanted == 1) {
            if (nres == 0) {
                r[res] = null;
            } else {
                n[res] = n[first];
                r[res] = r[first];
            }
            s.top = res + 1;
            return;
        }
        if (wanted < 0) wanted = nres;
        if (res + wanted > r.length - ValueStack.EXTRA) {
            s.ensure(res + wanted);
            r = s.refs;
            n = s.nums;
        }
        int i = 0;
        for (; i < nres && i < wanted; i++) {
            n[res + i] = n[first + i];
            r[res + i] = r[first + i];
        }
        for (; i < wanted; i++) r[res + i] = null;
        s.top = res + wanted;
    }

    /**
     * OP_TAILCALL (Lua: luaD_pretailcall). A Lua callee replaces the running activation; any
     * other callee is called normally with all results kept, and the RETURN that always
     * follows a TAILCALL returns them, as Lua does for C functions.
     */
    static Activation tailcall(LuaThread L, Activation ci, int ra, int b, int nparams1, boolean close) {
        ValueStack s = L.stack;
        if (b != 0) s.top = ra + b;
        if (close) Upvalues.closeUpvals(s, ci.base);
        Object f = s.refs[ra];
        while (!(f instanceof LuaClosure) && !(f instanceof Builtin)) {
            Meta.tryFuncTM(L, ra);
            f = s.refs[ra];
        }
        if (!(f instanceof LuaClosure)) return precall(L, ci, ra, -1);
        LuaClosure cl = (LuaClosure) f;
        Proto p = cl.p;
        int delta = nparams1 != 0 ? ci.nExtraArgs + nparams1 : 0;
        int func = ci.funcIdx - delta;
        int narg1 = s.top - ra;
        s.ensure(func + 1 + p.maxStackSize);
        Object[] r = s.refs;
        long[] n = s.nums;
        System.arraycopy(r, ra, r, func, narg1);
        System.arraycopy(n, ra, n, func, narg1);
        int nargs = narg1 - 1;
        for (; nargs < p.numParams; nargs++) r[func + 1 + nargs] = null;
        ci.funcIdx = func;
        ci.base = func + 1;
        ci.top = func + 1 + p.maxStackSize;
        ci.closure = cl;
        ci.code = p.code;
        ci.savedPc = 0;
        ci.flags = (ci.flags | Activation.TAIL) & ~Activation.CALL_HOOKED;
        ci.nExtraArgs = 0;
        s.top = func + 1 + nargs;
        if ((L.hookMask & Hooks.MASK_PROF) != 0) CallEvents.tailCalled(L, ci);   // profiler (CallEvents)
        if ((L.hookMask & Hooks.MASK_DEBUG) != 0 || p.inlineArgs == Proto.CHECKED) Hooks.landed(ci);   // as in enterLua
        return ci;
    }

    /**
     * OP_RETURN. Closes upvalues and to-be-closed variables first when {@code close}; a Lua
     * {@code __close} method runs as a frame of its own, after which FinishOp repeats this
     * instruction.
     */
    static Activation returnOp(LuaThread L, Activation ci, int ra, int b, int nparams1, boolean close) {
        ValueStack s = L.stack;
        int nres = b != 0 ? b - 1 : s.top - ra;
        if (close) {
            ci.nres = nres;
            if (s.top < ci.top) s.top = ci.top;
            Activation callee = Upvalues.closeInExecutor(L, ci, ci.base);
            if (callee != ci) return callee;
        }
        if (nparams1 != 0) ci.funcIdx -= ci.nExtraArgs + nparams1;
        return poscall(L, ci, ra, nres);
    }

    /** OP_VARARGPREP (Lua: luaT_adjustvarargs): moves the frame above the extra arguments. */
    static void adjustVarargs(LuaThread L, Activation ci) {
        Proto p = ci.closure.p;
        ValueStack s = L.stack;
        int nfix = p.numParams;
        int func = ci.funcIdx;
        int actual = s.top - func - 1;
        ci.nExtraArgs = actual - nfix;
        s.ensure(s.top + p.maxStackSize + 1);
        Object[] r = s.refs;
        long[] n = s.nums;
        int newFunc = s.top;
        for (int i = 0; i <= nfix; i++) {
            r[newFunc + i] = r[func + i];
            n[newFunc + i] = n[func + i];
            if (i > 0) r[func + i] = null;
        }
        ci.funcIdx = newFunc;
        ci.base = newFunc + 1;
        ci.top = ci.base + p.maxStackSize;
        s.top = ci.base + nfix;
    }

    /** OP_VARARG (Lua: luaT_getvarargs): copies the extra arguments to {@code ra}. */
    static void vararg(LuaThread L, Activation ci, int ra, int wanted) {
        ValueStack s = L.stack;
        int nextra = ci.nExtraArgs;
        if (wanted < 0) {
            wanted = nextra;
            s.ensure(ra + nextra);
            s.top = ra + nextra;
        }
        Object[] r = s.refs;
        long[] n = s.nums;
        int from = ci.funcIdx - nextra;
        int i = 0;
        for (; i < wanted && i < nextra; i++) {
            r[ra + i] = r[from + i];
            n[ra + i] = n[from + i];
        }
        for (; i < wanted; i++) r[ra + i] = null;
    }
}
