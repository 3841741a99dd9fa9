package dev.moonstack.vm;

import dev.moonstack.code.Instr;
import dev.moonstack.code.OpCode;
import dev.moonstack.value.ChunkId;
import dev.moonstack.value.LocVar;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.Proto;

/**
 * What the debug library reads about running functions (Lua: ldebug.c lua_getstack,
 * lua_getinfo, lua_getlocal, lua_setlocal), straight from a coroutine's call stack of
 * activations: the only record of calls, so every boundary (metamethods, iterators, builtins,
 * pcall) reports the same thing here, in tracebacks and in error messages.
 */
public final class DebugInfo {
    private DebugInfo() {}

    /** Lua: lua_getstack. The activation at {@code level} (0 = running function), or null. */
    public static Activation level(LuaThread co, long level) {
        if (level < 0 || level >= co.calls.depth) return null;
        return co.calls.at(co.calls.depth - (int) level);
    }

    /** The function value of an activation. */
    public static Object function(LuaThread co, Activation ci) { return co.stack.refs[ci.funcIdx]; }

    /** Fields of debug.getinfo that describe a function: options 'S' and 'u'. */
    public static void describe(LuaTable t, Object f, String what) {
        Proto p = f instanceof LuaClosure ? ((LuaClosure) f).p : null;
        if (what.indexOf('S') >= 0) {
            if (p == null) {
                put(t, "source", LuaString.of("=[C]"));
                put(t, "short_src", LuaString.of("[C]"));
                putInt(t, "linedefined", -1);
                putInt(t, "lastlinedefined", -1);
                put(t, "what", LuaString.of("C"));
            } else {
                put(t, "source", p.source == null ? LuaString.of("=?") : p.source);
                put(t, "short_src", ChunkId.ofBytes(p.source == null ? LuaString.of("=?") : p.source));
                putInt(t, "linedefined", p.lineDefined);
                putInt(t, "lastlinedefined", p.lastLineDefined);
                put(t, "what", LuaString.of(p.lineDefined == 0 ? "main" : "Lua"));
            }
        }
        if (what.indexOf('u') >= 0) {
            putInt(t, "nups", p != null ? p.upvalues.length : f instanceof Builtin ? ((Builtin) f).upvalueCount() : 0);
            putInt(t, "nparams", p == null ? 0 : p.numParams);
            put(t, "isvararg", p == null || p.isVararg ? Boolean.TRUE : Boolean.FALSE);
        }
        if (what.indexOf('L') >= 0) put(t, "activelines", p == null ? null : activeLines(p));
    }

    /** Lua: collectvalidlines. The set of lines holding code (as t[line] = true). */
    static LuaTable activeLines(Proto p) {
        LuaTable lines = new LuaTable();
        if (p.lineInfo == null) return lines;
        int start = 0;
        if (p.isVararg && p.code.length > 0 && Instr.op(p.code[0]) == OpCode.OP_VARARGPREP) start = 1;
        for (int i = start; i < p.lineInfo.length; i++) lines.setInt(p.lineInfo[i], Boolean.TRUE, 0);
        return lines;
    }

    /** Fields of debug.getinfo that describe a running activation: 'l', 't', 'n'. */
    public static void describeCall(LuaThread co, Activation ci, LuaTable t, String what) {
        if (what.indexOf('l') >= 0) putInt(t, "currentline", Traceback.currentLine(ci));
        if (what.indexOf('t') >= 0) put(t, "istailcall", (ci.flags & Activation.TAIL) != 0 ? Boolean.TRUE : Boolean.FALSE);
        if (what.indexOf('n') >= 0) {
            String[] name = new String[1];
            String kind = Traceback.callName(co, ci, name);
            put(t, "name", kind == null ? null : LuaString.of(name[0]));
            put(t, "namewhat", LuaString.of(kind == null ? "" : kind));
        }
        if (what.indexOf('r') >= 0) {          // only the activation being hooked transfers values
            boolean hooked = (ci.flags & Activation.HOOKED) != 0;
            putInt(t, "ftransfer", hooked ? co.transferFirst : 0);
            putInt(t, "ntransfer", hooked ? co.transferCount : 0);
        }
    }

    /** The same fields for a function that is not running (getinfo with a function). */
    public static void describeNoCall(LuaTable t, String what) {
        if (what.indexOf('l') >= 0) putInt(t, "currentline", -1);
        if (what.indexOf('t') >= 0) put(t, "istailcall", Boolean.FALSE);
        if (what.indexOf('n') >= 0) put(t, "namewhat", LuaString.of(""));
        if (what.indexOf('r') >= 0) {
            putInt(t, "ftransfer", 0);
            putInt(t, "ntransfer", 0);
        }
    }

    private static void put(LuaTable t, String k, Object v) { t.setStr(LuaString.of(k), v, 0); }

    private static void putInt(LuaTable t, String k, long v) { t.setStr(LuaString.of(k), NumTag.INT, v); }

    // ---------------------------------------------------------------- locals

    /**
     * Lua: luaG_findlocal. The name of local {@code n} of activation {@code ci} and its slot in
     * {@code slot[0]}, or null. Negative n are the extra arguments of a vararg function; slots
     * without a declared local are "(temporary)" or "(C temporary)".
     */
    public static String findLocal(LuaThread co, Activation ci, long n, int[] slot) {
        String name = null;
        if (ci.isLua()) {
            if (n < 0) return findVararg(ci, n, slot);
            name = VarInfo.localName(ci.closure.p, (int) Math.min(n, Integer.MAX_VALUE), ci.savedPc - 1);
        }
        if (name == null) {
            int limit = ci == co.calls.current() ? co.stack.top : co.calls.at(ci.depth + 1).funcIdx;
            if (n > 0 && limit - (ci.funcIdx + 1) >= n) name = ci.isLua() ? "(temporary)" : "(C temporary)";
            else return null;
        }
        slot[0] = ci.funcIdx + (int) n;
        return name;
    }

    private static String findVararg(Activation ci, long n, int[] slot) {
        if (ci.closure.p.isVararg && n >= -ci.nExtraArgs) {
            slot[0] = ci.funcIdx - ci.nExtraArgs - (int) (n + 1);
            return "(vararg)";
        }
        return null;
    }

    /** Parameter names of a function that is not running (lua_getlocal with a function). */
    public static String parameterName(LuaFunction f, long n) {
        if (!(f instanceof LuaClosure) || n < 1 || n > Integer.MAX_VALUE) return null;
        return VarInfo.localName(((LuaClosure) f).p, (int) n, 0);
    }
}
