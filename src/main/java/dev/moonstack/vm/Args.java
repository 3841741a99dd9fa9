package dev.moonstack.vm;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.LuaType;
import dev.moonstack.value.LuaUserdata;
import dev.moonstack.value.NumTag;

/**
 * Argument checks for Java builtins, with Lua's messages (Lua: lauxlib.c luaL_check*,
 * luaL_argerror, luaL_typeerror). Argument {@code arg} (1-based) of a builtin called with
 * {@code nargs} arguments at {@code base} lives in slot {@code base + arg - 1}.
 */
public final class Args {
    private Args() {}

    /**
     * Lua: luaL_argerror. "bad argument #arg to 'name' (msg)", the name taken from the calling
     * instruction when possible; for method calls the self argument is not counted.
     */
    public static LuaError argError(LuaThread L, int arg, String msg) {
        Activation ci = L.calls.current();
        String[] name = new String[1];
        String kind = null;
        if (ci.depth > 0 && (ci.flags & Activation.TAIL) == 0) {
            kind = VarInfo.funcNameFromCall(L.calls.at(ci.depth - 1), name);
        }
        if ("method".equals(kind)) {
            arg--;
            if (arg == 0) return LuaError.rt("calling '" + name[0] + "' on bad self (" + msg + ")");
        }
        if (kind == null) name[0] = ci.builtin != null ? globalName(ci.builtin) : "?";
        return LuaError.rt("bad argument #" + arg + " to '" + name[0] + "' (" + msg + ")");
    }

    /** Lua: pushglobalfuncname, approximated by the builtin's registered name. */
    private static String globalName(Builtin f) {
        String n = f.name;
        return n.startsWith("_G.") ? n.substring(3) : n;
    }

    /** Lua: luaL_typeerror. {@code actual} is ignored when the argument is absent. */
    public static LuaError typeError(LuaThread L, int arg, String expected, Object actual) {
        Activation ci = L.calls.current();
        boolean absent = ci.base + arg - 1 >= L.stack.top;
        return argError(L, arg, expected + " expected, got " + (absent ? "no value" : typeName(actual)));
    }

    /** Lua: luaL_typeerror's names: {@code __name} of the metatable, or "light userdata". */
    static String typeName(Object v) {
        if (dev.moonstack.value.LuaType.of(v) == dev.moonstack.value.LuaType.LIGHTUSERDATA) return "light userdata";
        return RunErrors.typeName(v);
    }

    private static LuaError typeError(LuaThread L, int base, int nargs, int arg, String expected) {
        Object v = arg <= nargs ? L.stack.refs[base + arg - 1] : null;
        String got = arg <= nargs ? typeName(v) : "no value";
        return argError(L, arg, expected + " expected, got " + got);
    }

    /** Lua: luaL_checkany. */
    public static void checkAny(LuaThread L, int nargs, int arg) {
        if (arg > nargs) throw argError(L, arg, "value expected");
    }

    /** Lua: luaL_checkinteger. */
    public static long checkInteger(LuaThread L, int base, int nargs, int arg) {
        if (arg <= nargs) {
            ValueStack s = L.stack;
            Object r = s.refs[base + arg - 1];
            if (r == NumTag.INT) return s.nums[base + arg - 1];
            long[] out = new long[1];
            if (Coerce.toInteger(r, s.nums[base + arg - 1], out)) return out[0];
            if (Coerce.toNumber(r, s.nums[base + arg - 1], out) != null) {
                throw argError(L, arg, "number has no integer representation");
            }
        }
        throw typeError(L, base, nargs, arg, "number");
    }

    /** Lua: luaL_optinteger. */
    public static long optInteger(LuaThread L, int base, int nargs, int arg, long def) {
        return isNoneOrNil(L, base, nargs, arg) ? def : checkInteger(L, base, nargs, arg);
    }

    /** Lua: luaL_checknumber. */
    public static double checkNumber(LuaThread L, int base, int nargs, int arg) {
        if (arg <= nargs) {
            ValueStack s = L.stack;
            Object r = s.refs[base + arg - 1];
            long n = s.nums[base + arg - 1];
            if (r == NumTag.FLT) return Double.longBitsToDouble(n);
            if (r == NumTag.INT) return n;
            long[] out = new long[1];
            NumTag t = Coerce.toNumber(r, n, out);
            if (t != null) return t == NumTag.INT ? out[0] : Double.longBitsToDouble(out[0]);
        }
        throw typeError(L, base, nargs, arg, "number");
    }

    /** Lua: luaL_optnumber. */
    public static double optNumber(LuaThread L, int base, int nargs, int arg, double def) {
        return isNoneOrNil(L, base, nargs, arg) ? def : checkNumber(L, base, nargs, arg);
    }

    /** Lua: luaL_checklstring. Numbers are converted, in place as Lua does. */
    public static LuaString checkString(LuaThread L, int base, int nargs, int arg) {
        if (arg <= nargs) {
            ValueStack s = L.stack;
            int idx = base + arg - 1;
            Object r = s.refs[idx];
            if (r instanceof LuaString) return (LuaString) r;
            if (r instanceof NumTag) {
                LuaString str = Coerce.numberToString(r, s.nums[idx]);
                s.refs[idx] = str;
                return str;
            }
        }
        throw typeError(L, base, nargs, arg, "string");
    }

    /** Lua: luaL_optlstring. */
    public static LuaString optString(LuaThread L, int base, int nargs, int arg, LuaString def) {
        return isNoneOrNil(L, base, nargs, arg) ? def : checkString(L, base, nargs, arg);
    }

    /** Lua: luaL_checktype(L, arg, LUA_TTABLE). */
    public static LuaTable checkTable(LuaThread L, int base, int nargs, int arg) {
        Object v = arg <= nargs ? L.stack.refs[base + arg - 1] : null;
        if (v instanceof LuaTable) return (LuaTable) v;
        throw typeError(L, base, nargs, arg, "table");
    }

    /** Lua: luaL_checktype(L, arg, LUA_TFUNCTION). */
    public static LuaFunction checkFunction(LuaThread L, int base, int nargs, int arg) {
        Object v = arg <= nargs ? L.stack.refs[base + arg - 1] : null;
        if (v instanceof LuaFunction) return (LuaFunction) v;
        throw typeError(L, base, nargs, arg, "function");
    }

    /** Lua: luaL_checkudata-like check for a full userdata. */
    public static LuaUserdata checkUserdata(LuaThread L, int base, int nargs, int arg) {
        Object v = arg <= nargs ? L.stack.refs[base + arg - 1] : null;
        if (v instanceof LuaUserdata) return (LuaUserdata) v;
        throw typeError(L, base, nargs, arg, "userdata");
    }

    /** Lua: luaL_checktype with any type code; {@code expected} is its name. */
    public static void checkType(LuaThread L, int base, int nargs, int arg, int type) {
        Object v = arg <= nargs ? L.stack.refs[base + arg - 1] : null;
        if (arg > nargs || LuaType.of(v) != type) throw typeError(L, base, nargs, arg, LuaType.name(type));
    }

    /** Lua: lua_isnoneornil. */
    public static boolean isNoneOrNil(LuaThread L, int base, int nargs, int arg) {
        return arg > nargs || L.stack.refs[base + arg - 1] == null;
    }

    /** Lua: luaL_checkoption. Index of the argument in {@code options}. */
    public static int checkOption(LuaThread L, int base, int nargs, int arg, String def, String[] options) {
        String name = def != null && isNoneOrNil(L, base, nargs, arg) ? def
                : checkString(L, base, nargs, arg).toString();
        for (int i = 0; i < options.length; i++) if (options[i].equals(name)) return i;
        throw argError(L, arg, "invalid option '" + name + "'");
    }
}
