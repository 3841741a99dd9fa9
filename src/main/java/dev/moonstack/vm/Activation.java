package dev.moonstack.vm;

import dev.moonstack.value.LuaClosure;

/**
 * One entry of the call stack (Lua: CallInfo; Duktape: duk_activation). Activations are
 * reused: {@link CallStack#push} hands out the record of a finished call.
 *
 * <p>Valid in every state: {@code funcIdx}, {@code base}, {@code top}, {@code nResults},
 * {@code flags}. For a Lua function ({@code (flags & LUA) != 0}): {@code closure},
 * {@code savedPc} (the next instruction, 0-based; written back by the executor before
 * anything that may throw, call out, yield or run a hook), {@code nExtraArgs}. For a Java
 * builtin: {@code builtin}; {@code savedPc} then holds the builtin's continuation state.
 */
public final class Activation {
    /** A Lua function (else a Java builtin). Lua: isLua(ci). */
    public static final int LUA = 1;
    /** Entered from Java: the executor returns when it returns (Lua: CIST_FRESH). */
    public static final int FRESH = 2;
    /** Runs a metamethod for the caller's current instruction, finished by FinishOp on return. */
    public static final int FINISHOP = 4;
    /** Called by a tail call (Lua: CIST_TAIL). */
    public static final int TAIL = 8;
    /** Returns into its caller's continuation: the caller is a stackless builtin (pcall). */
    public static final int RET_TO_CONT = 16;
    /** Running a hook (Lua: CIST_HOOKED). */
    public static final int HOOKED = 32;
    /** The body of a coroutine: its return ends the coroutine (Lua: the base of a resumed thread). */
    public static final int COROUTINE_BODY = 64;
    /** Pushed while its coroutine had a hook: its return goes through the return hook. */
    public static final int RETHOOK = 128;
    /** Its call hook has run (Lua functions get it at their first instruction). */
    public static final int CALL_HOOKED = 256;
    /**
     * Suspended by a yield of its line or count hook (Lua: CIST_HOOKYIELD): when resumed, the
     * instruction it stopped before runs without calling the hooks again.
     */
    public static final int HOOKYIELD = 512;
    /** Calling a finalizer (Lua: CIST_FIN): the callee is named "metamethod '__gc'". */
    public static final int FINALIZER = 1024;
    /**
     * Comparing {@code a <= b} as {@code not (b < a)} (Lua: CIST_LEQ, LUA_COMPAT_LT_LE): the
     * {@code __lt} call's answer is negated when it comes back ({@link FinishOp}).
     */
    public static final int LEQ = 2048;
    /**
     * Called by compiled code ({@link Tier#call}): when it returns through the executor, the
     * caller's compiled body goes on after the call ({@link Tier#returned}). Its flags then
     * differ from LUA, so the executor's inline RETURN0/RETURN1 leave it to Calls.poscall.
     */
    public static final int COMPILED_CALLER = 4096;

    /** Slot of the function value (Lua: ci->func). */
    public int funcIdx;
    /** First register / argument (funcIdx + 1). */
    public int base;
    /** Highest slot this activation may use, exclusive (Lua: ci->top). */
    public int top;
    /** Results the caller wants, -1 for all (Lua: nresults / LUA_MULTRET). */
    public int nResults;
    public int flags;
    public int savedPc;
    /** Vararg functions: number of extra arguments, kept below funcIdx (Lua: nextraargs). */
    public int nExtraArgs;
    /** Number of results being returned while RETURN closes variables (Lua: u2.nres). */
    public int nres;
    public LuaClosure closure;
    /**
     * {@code closure.p.code}, cached when the activation is pushed: the executor reloads it on
     * every call and return, and one load instead of three shortens the path to the first
     * instruction fetch.
     */
    int[] code;
    public Builtin builtin;
    /** A Java activation suspended by a yield with a continuation (Lua: lua_yieldk's k). */
    Builtin.Body continuation;
    /** Index of this activation in its call stack. */
    public final int depth;
    /** The coroutine whose call stack holds this activation. */
    public final LuaThread thread;

    Activation(LuaThread thread, int depth) {
        this.thread = thread;
        this.depth = depth;
    }

    public boolean isLua() { return (flags & LUA) != 0; }
}
