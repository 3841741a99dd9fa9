package dev.moonstack.vm;

import dev.moonstack.code.Instr;
import dev.moonstack.code.OpCode;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.Proto;

/**
 * Debug hooks (Lua: ldo.c luaD_hook, luaD_hookcall, rethook; ldebug.c luaG_traceexec). Hooks
 * are per coroutine. Line and count hooks, and the call hook of Lua functions, run from the
 * executor's single interrupt slow path ({@link Interrupts#service}): with a call or line hook
 * it runs before every instruction; with only a count hook, the countdown is the count, so
 * the slow path runs once per hook call. Return hooks run in {@link Calls#poscall} for
 * activations marked RETHOOK, and call hooks of Java builtins when their activation is pushed.
 * With no hook set, the cost is one test of {@code hookMask} per call.
 */
public final class Hooks {
    private Hooks() {}

    /** Event masks (Lua: LUA_MASKCALL, LUA_MASKRET, LUA_MASKLINE, LUA_MASKCOUNT). */
    public static final int MASK_CALL = 1, MASK_RET = 2, MASK_LINE = 4, MASK_COUNT = 8;
    /** Profiler: a {@link CallEvents} listener is attached (not a Lua mask; not inherited). */
    public static final int MASK_PROF = 16;
    /**
     * Debugger: the debugger watches this coroutine, kept apart from the hooks lua_sethook sets:
     * on every coroutine while a step or a function breakpoint needs to see every call
     * ({@link #setDebug}), and on one coroutine while an activation of a function with a
     * breakpoint runs there ({@link #enterChecked}). A nonzero mask already sends Lua calls
     * through {@link Calls#enterLua} and returns through {@link Calls#poscall}, where
     * {@link DebugHook#landed} is told; see docs/execution.md, "The debugger".
     */
    public static final int MASK_DEBUG = 32;
    /** What needs to see returns: the return and line hooks (the caller's line), the profiler, the debugger. */
    static final int RETURN_WATCH = MASK_RET | MASK_LINE | MASK_PROF | MASK_DEBUG;
    /** Event names as the hook function receives them (Lua: hookf's hooknames). */
    private static final LuaString CALL = LuaString.of("call"), RETURN = LuaString.of("return"),
            LINE = LuaString.of("line"), COUNT = LuaString.of("count"), TAILCALL = LuaString.of("tail call");

    /** Lua: lua_sethook. A null hook or a zero mask turns hooks off for {@code co}. */
    public static void set(LuaThread co, Object hook, int mask, int count) {
        if (hook == null || mask == 0) {
            hook = null;
            mask = 0;
            count = 0;
        }
        mask |= co.hookMask & MASK_DEBUG;           // debugger: not the script's to change
        co.hook = hook;
        co.hookMask = mask | (co.hookMask & MASK_PROF);     // the profiler's bit stays (CallEvents)
        co.baseHookCount = count;
        co.hookCount = count;
        co.hookEpoch++;
        if ((mask & RETURN_WATCH) != 0) {       // frames already running must report
            for (int d = 1; d <= co.calls.depth; d++) co.calls.at(d).flags |= Activation.RETHOOK;
        }
    }

    /**
     * Debugger: turns {@link #MASK_DEBUG} on or off for {@code co}. Turning it on marks the
     * frames already running RETHOOK, so that their returns are seen as well; also when it is on
     * already (for a checked activation, see {@link #enterChecked}): a function that became
     * checked below may have callees pushed inline.
     */
    public static void setDebug(LuaThread co, boolean on) {
        if (on) for (int d = 1; d <= co.calls.depth; d++) co.calls.at(d).flags |= Activation.RETHOOK;
        int mask = on ? co.hookMask | MASK_DEBUG : co.hookMask & ~MASK_DEBUG;
        if (mask == co.hookMask) return;
        co.hookMask = mask;
        co.hookEpoch++;
    }

    /**
     * Debugger: a checked activation was entered in {@code co} (see
     * {@link dev.moonstack.value.Proto#inlineArgs}), or control returned into one: turns
     * {@link #MASK_DEBUG} on, so that the loop serves the countdown now and the calls made from
     * there are pushed RETHOOK, whose returns land back in it through {@link #returning}. The
     * debugger turns it off again as soon as an unchecked activation runs, whose callees then
     * go inline again. The frames below need no mark: a checked one among them has marked its
     * callee when it called.
     */
    public static void enterChecked(LuaThread co) {
        if ((co.hookMask & MASK_DEBUG) != 0) return;
        co.hookMask |= MASK_DEBUG;
        co.hookEpoch++;
    }

    /**
     * Debugger: from the slow path of {@code co} itself, an unchecked activation runs: turns
     * {@link #MASK_DEBUG} off without bumping the hook epoch (nothing the loop holds depends on
     * it, and the service's reload follows the new mask), so the instruction is not served twice.
     */
    public static void leaveChecked(LuaThread co) { co.hookMask &= ~MASK_DEBUG; }

    /**
     * Debugger: makes the executor serve the interrupt countdown before the next instruction of
     * {@code co} (the loop compares the hook epoch at every change of activation).
     */
    public static void forceService(LuaThread co) { co.hookEpoch++; }

    /**
     * Debugger: tells it that control has moved to {@code ci} (see {@link DebugHook#landed}), when
     * the coroutine is watched or {@code ci} is an activation of a checked function.
     */
    static Activation landed(Activation ci) {
        if (ci != null && ci.thread.G.debugHook != null
                && ((ci.thread.hookMask & MASK_DEBUG) != 0 || ci.isLua() && ci.closure.p.checked())) {
            ci.thread.G.debugHook.landed(ci.thread, ci);
        }
        return ci;
    }

    /**
     * Debugger: tells it that error {@code e} was raised in {@code L} and is about to be
     * caught (see {@link DebugHook#raised}); the unwinders call it before they unwind. Errors
     * are rare enough that no hook mask is needed for this: exception breakpoints alone leave
     * every coroutine at full speed.
     */
    static void raised(LuaThread L, dev.moonstack.value.LuaError e) {
        if (L.G.debugHook != null && !e.uncatchable && !e.skipHandler) {   // not a stop, not out of memory
            L.G.debugHook.raised(L, e);
        }
    }

    /**
     * Whether a Lua-level handler will catch an error raised now in {@code L}: a pcall or
     * xpcall of Lua code on the catch stack (Java-mode catchers are hosts and finalizers), or,
     * out of a coroutine, a {@code resume} (a wrap function raises the error again in its
     * resumer, so the walk goes on there).
     */
    public static boolean caught(LuaThread L) {
        for (LuaThread co = L; co != null; co = co.resumer) {
            for (int i = co.catches.depth() - 1; i >= 0; i--) if (!co.catches.at(i).javaMode) return true;
            if (co.resumedFromJava || co.resumer == null) return false;
            if (!(DebugInfo.function(co.resumer, co.resumer.calls.current()) instanceof Coroutines.Wrap)) return true;
        }
        return false;
    }

    /**
     * A new coroutine inherits its creator's hook (Lua: lua_newthread), except a Lua function
     * set by debug.sethook: Lua keeps those per coroutine in ldblib's hook table, so a new
     * coroutine runs none until debug.sethook is called for it.
     */
    static void inherit(LuaThread from, LuaThread co) {
        if (from.hook instanceof dev.moonstack.value.LuaFunction) {
            co.hookMask = from.hookMask & MASK_DEBUG;      // debugger: every coroutine
            co.hookEpoch++;
            return;
        }
        co.hook = from.hook;
        co.hookMask = from.hookMask & ~MASK_PROF;     // a profiler watches one coroutine
        co.baseHookCount = from.baseHookCount;
        co.hookCount = from.baseHookCount;
        co.hookEpoch++;
    }

    /**
     * From the interrupt slow path, before the instruction at {@code ci.savedPc - 1} of a Lua
     * activation runs: the call hook at a function's first instruction, then the count and
     * line hooks (Lua: luaG_traceexec). Returns true if a line or count hook asked to yield
     * ({@link LuaThread#yieldFromHook}); the caller then suspends the coroutine.
     */
    static boolean beforeInstruction(LuaThread L, Activation ci, int ran) {
        if (!L.allowHook || !ci.isLua()) {              // inside a hook: no hook runs, but the
            if ((L.hookMask & MASK_COUNT) != 0 && (L.hookCount -= Math.max(ran, 1)) <= 0) {
                L.hookCount = L.baseHookCount;          // count goes on (Lua: luaG_traceexec
            }                                           // counts before luaD_hook checks allowhook)
            return false;
        }
        Proto p = ci.closure.p;
        int npci = ci.savedPc - 1;
        if ((ci.flags & Activation.CALL_HOOKED) == 0 && npci <= firstInstruction(p)) {
            if (npci < firstInstruction(p)) return false;   // VARARGPREP: hooks start after it
            ci.flags |= Activation.CALL_HOOKED;
            L.oldPc = 0;
            if ((L.hookMask & MASK_CALL) != 0) {
                boolean tail = (ci.flags & Activation.TAIL) != 0;
                call(L, ci, tail ? TAILCALL : CALL, -1, 1, ci.closure.p.numParams);
            }
            if (npci > 0) L.oldPc = npci;           // after VARARGPREP: a "new" line is next
        }
        int mask = L.hookMask;
        if ((mask & (MASK_LINE | MASK_COUNT)) == 0) return false;
        boolean countHook = false;
        if ((mask & MASK_COUNT) != 0) {         // one per instruction since the last service
            L.hookCount -= Math.max(ran, 1);
            countHook = L.hookCount <= 0;
            if (countHook) L.hookCount = L.baseHookCount;
        }
        if ((ci.flags & Activation.HOOKYIELD) != 0) {   // resumed after its hook yielded: the
            ci.flags &= ~Activation.HOOKYIELD;          // instruction has not moved, so no hook
            return false;                               // runs for it again
        }
        L.hookYieldRequested = false;
        if (countHook) call(L, ci, COUNT, -1, 0, 0);
        if ((mask & MASK_LINE) != 0) {
            int oldPc = L.oldPc < p.code.length ? L.oldPc : 0;
            if (npci <= oldPc || p.line(oldPc) != p.line(npci)) {
                int line = p.line(npci);
                call(L, ci, LINE, line, 0, 0);
            }
            L.oldPc = npci;
        }
        boolean yield = L.hookYieldRequested;
        L.hookYieldRequested = false;
        return yield;
    }

    /** The instruction where a function's call hook runs: after VARARGPREP for vararg functions. */
    private static int firstInstruction(Proto p) {
        return p.isVararg && p.code.length > 0 && Instr.op(p.code[0]) == OpCode.OP_VARARGPREP ? 1 : 0;
    }

    /** Lua: precallC's hook. A Java builtin's activation has just been pushed. */
    static void javaCall(LuaThread L, Activation ci) {
        if ((L.hookMask & MASK_CALL) != 0 && L.allowHook) {
            call(L, ci, CALL, -1, 1, L.stack.top - ci.base);
        }
    }

    /**
     * Lua: rethook. Activation {@code ci} returns {@code nres} values from slot {@code first}.
     * Also resets the line hook's memory for the caller.
     */
    static void returning(LuaThread L, Activation ci, int first, int nres) {
        if ((L.hookMask & MASK_RET) != 0 && L.allowHook) {
            int delta = 0;                      // a vararg function's frame is back at its
            if (ci.isLua() && ci.closure.p.isVararg) {    // caller's: show it where it ran
                delta = ci.nExtraArgs + ci.closure.p.numParams + 1;
            }
            ci.funcIdx += delta;
            try {
                call(L, ci, RETURN, -1, first - ci.funcIdx, nres);
            } finally {
                ci.funcIdx -= delta;
            }
        }
        Activation caller = L.calls.at(ci.depth - 1);
        if (caller.isLua() && L.hookMask != 0) L.oldPc = caller.savedPc - 1;   // RETHOOK outlives the mask
        landed(caller);                         // debugger: a return lands there (maybe in a checked function)
    }

    /**
     * Lua: luaD_hook and ldblib's hookf. Calls the hook function with the event name and line,
     * hooks disabled meanwhile, the triggering activation marked HOOKED (so the hook function
     * is named "hook" in tracebacks) and the transfer information set for debug.getinfo 'r'.
     */
    static void call(LuaThread L, Activation ci, LuaString event, int line, int ftransfer, int ntransfer) {
        Object hook = L.hook;
        if (hook == null) return;
        ValueStack s = L.stack;
        int savedTop = s.top, savedCiTop = ci.top;
        if (ci.isLua() && s.top < ci.top) s.top = ci.top;
        s.ensure(s.top + ValueStack.MIN_FREE);
        if (ci.top < s.top + ValueStack.MIN_FREE) ci.top = s.top + ValueStack.MIN_FREE;
        L.allowHook = false;
        L.hookYieldable = (event == LINE || event == COUNT) && L.isYieldable();   // before the call below counts
        ci.flags |= Activation.HOOKED;
        L.transferFirst = ftransfer;
        L.transferCount = ntransfer;
        int f = s.top;
        L.push(hook, 0);
        L.push(event, 0);
        if (line >= 0) L.pushInteger(line); else L.pushNil();
        try {
            Calls.call(L, f, 0);
        } catch (RuntimeException | Error e) {      // the activation stays marked HOOKED for
            L.allowHook = true;                     // the traceback taken at the error point
            L.hookYieldable = false;
            throw e;
        }
        L.allowHook = true;
        L.hookYieldable = false;
        ci.flags &= ~Activation.HOOKED;
        L.transferFirst = L.transferCount = 0;
        ci.top = savedCiTop;
        s.top = savedTop;
    }

    /** The mask as debug.gethook reports it ("c", "r", "l"). */
    public static String maskString(int mask) {
        StringBuilder sb = new StringBuilder();
        if ((mask & MASK_CALL) != 0) sb.append('c');
        if ((mask & MASK_RET) != 0) sb.append('r');
        if ((mask & MASK_LINE) != 0) sb.append('l');
        return sb.toString();
    }
}
