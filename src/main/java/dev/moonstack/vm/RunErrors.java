package dev.moonstack.vm;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaNumber;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.LuaType;
import dev.moonstack.value.LuaUserdata;
import dev.moonstack.value.NumTag;

/**
 * The runtime errors of the executor, with Lua's exact messages and variable information
 * (Lua: ldebug.c luaG_typeerror, luaG_opinterror, luaG_ordererror, luaG_forerror, ...).
 * Each returns the error for the caller to throw, positioned at the running Lua function.
 */
final class RunErrors {
    private RunErrors() {}

    private static final LuaString NAME = LuaString.of("__name");

    /** Lua: luaT_objtypename. The type name, or the metatable's string {@code __name}. */
    static String typeName(Object v) {
        LuaTable mt = v instanceof LuaTable ? ((LuaTable) v).metatable
                : v instanceof LuaUserdata ? ((LuaUserdata) v).metatable : null;
        if (mt != null) {
            Object name = mt.getStrRef(NAME);
            if (name instanceof LuaString) return name.toString();
        }
        return LuaType.nameOf(v);
    }

    /** Lua: luaG_typeerror. "attempt to {op} a {type} value{varinfo}". */
    static LuaError typeError(LuaThread L, Object v, int where, String op) {
        String info = VarInfo.varInfo(L.calls.current(), where);
        return LuaError.run("attempt to " + op + " a " + typeName(v) + " value" + info);
    }

    /** Lua: luaG_callerror. Names the called value from the calling instruction when it can. */
    static LuaError callError(LuaThread L, Object v, int where) {
        Activation ci = L.calls.current();
        String[] name = new String[1];
        String kind = VarInfo.funcNameFromCall(ci, name);
        String info = kind != null ? " (" + kind + " '" + name[0] + "')" : VarInfo.varInfo(ci, where);
        return LuaError.run("attempt to call a " + typeName(v) + " value" + info);
    }

    /** Lua: luaG_opinterror. Blames the first operand that is not a number. */
    static LuaError opError(LuaThread L, Object a, int wa, Object b, int wb, String msg) {
        if (!(a instanceof NumTag)) {
            b = a;
            wb = wa;
        }
        return typeError(L, b, wb, msg);
    }

    /** Lua: luaG_tointerror. A float operand of a bitwise operation has no integer value. */
    static LuaError toIntError(LuaThread L, Object a, long an, int wa, Object b, int wb) {
        boolean aIsInt = a == NumTag.INT
                || (a == NumTag.FLT && LuaNumber.fitsInteger(Double.longBitsToDouble(an)));
        if (!aIsInt) wb = wa;
        String info = VarInfo.varInfo(L.calls.current(), wb);
        return LuaError.run("number" + info + " has no integer representation");
    }

    /** Lua: luaG_concaterror. */
    static LuaError concatError(LuaThread L, Object a, int wa, Object b, int wb) {
        if (a instanceof LuaString || a instanceof NumTag) {
            a = b;
            wa = wb;
        }
        return typeError(L, a, wa, "concatenate");
    }

    /** Lua: luaG_ordererror. */
    static LuaError orderError(Object a, Object b) {
        String t1 = typeName(a), t2 = typeName(b);
        if (t1.equals(t2)) return LuaError.run("attempt to compare two " + t1 + " values");
        return LuaError.run("attempt to compare " + t1 + " with " + t2);
    }

    /** Lua: luaG_forerror; {@code what} is "initial value", "limit" or "step". */
    static LuaError forError(Object v, String what) {
        return LuaError.run("bad 'for' " + what + " (number expected, got " + typeName(v) + ")");
    }
}
