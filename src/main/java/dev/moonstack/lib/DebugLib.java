package dev.moonstack.lib;

import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.LuaUserdata;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.UpVal;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaOps;
import dev.moonstack.vm.LuaThread;
import dev.moonstack.vm.Traceback;

/**
 * The debug library (Lua: ldblib.c): metatables of any value, the registry, upvalues, user
 * values and tracebacks; {@link DebugStackLib} adds what looks at running functions.
 */
public final class DebugLib {
    private DebugLib() {}

    public static void open(GlobalState G) {
        LuaTable d = new LuaTable();
        Lib.fn(d, "debug", "getmetatable", (L, b, n) -> {
            Args.checkAny(L, n, 1);
            LuaTable mt = LuaOps.getMetatable(L, L.ref(b));
            L.push(mt, 0);
            return 1;
        });
        Lib.fn(d, "debug", "setmetatable", DebugLib::setmetatable);
        Lib.fn(d, "debug", "getregistry", (L, b, n) -> {
            L.push(L.G.registry, 0);
            return 1;
        });
        Lib.fn(d, "debug", "getupvalue", (L, b, n) -> upvalue(L, b, n, false));
        Lib.fn(d, "debug", "setupvalue", (L, b, n) -> upvalue(L, b, n, true));
        Lib.fn(d, "debug", "upvalueid", DebugLib::upvalueid);
        Lib.fn(d, "debug", "upvaluejoin", DebugLib::upvaluejoin);
        Lib.fn(d, "debug", "getuservalue", DebugLib::getuservalue);
        Lib.fn(d, "debug", "setuservalue", DebugLib::setuservalue);
        Lib.fn(d, "debug", "traceback", DebugLib::traceback);
        DebugStackLib.open(d);
        Lib.register(G, "debug", d);
    }

    static int setmetatable(LuaThread L, int base, int nargs) {
        Object mt = nargs >= 2 ? L.ref(base + 1) : null;
        if (nargs < 2 || (mt != null && !(mt instanceof LuaTable))) throw Args.typeError(L, 2, "nil or table", mt);
        LuaOps.setMetatable(L, L.ref(base), (LuaTable) mt);
        L.setTop(base + 1);
        return 1;
    }

    /** Lua: auxupvalue. Name and value of upvalue n (1-based) of a function; set it if asked. */
    static int upvalue(LuaThread L, int base, int nargs, boolean set) {
        long n = Args.checkInteger(L, base, nargs, 2);
        Args.checkFunction(L, base, nargs, 1);
        if (set) Args.checkAny(L, nargs, 3);
        Object f = L.ref(base);
        if (f instanceof Builtin) return builtinUpvalue(L, (Builtin) f, n, set);
        LuaClosure cl = (LuaClosure) f;
        if (n < 1 || n > cl.upvals.length) return 0;
        UpVal uv = cl.upvals[(int) n - 1];
        LuaString name = cl.p.upvalues[(int) n - 1].name;
        String nm = name == null ? "(no name)" : name.length() == 0 ? "(no name)" : name.toString();
        if (set) {
            uv.set(L.ref(base + 2), L.num(base + 2));
            L.pushString(nm);
            return 1;
        }
        L.pushString(nm);
        L.push(uv.ref(), uv.num());
        return 2;
    }

    /**
     * Upvalues of a Java builtin are named "" as a C closure's are. XXX: setting one is
     * refused (fail), as builtins keep them in final fields.
     */
    private static int builtinUpvalue(LuaThread L, Builtin f, long n, boolean set) {
        if (set || n < 1 || n > f.upvalueCount()) return 0;
        L.pushString("");
        L.push(f.upvalue((int) n - 1), 0);
        return 2;
    }

    private static UpVal checkUpval(LuaThread L, int base, int nargs, int argf, int argn) {
        LuaFunction f = Args.checkFunction(L, base, nargs, argf);
        long n = Args.checkInteger(L, base, nargs, argn);
        if (!(f instanceof LuaClosure) || n < 1 || n > ((LuaClosure) f).upvals.length) {
            throw Args.argError(L, argn, "invalid upvalue index");
        }
        return ((LuaClosure) f).upvals[(int) n - 1];
    }

    /** Lua: db_upvalueid. A light userdata identifying the upvalue: the UpVal object itself. */
    static int upvalueid(LuaThread L, int base, int nargs) {
        LuaFunction f = Args.checkFunction(L, base, nargs, 1);
        long n = Args.checkInteger(L, base, nargs, 2);
        if (!(f instanceof LuaClosure) || n < 1 || n > ((LuaClosure) f).upvals.length) {
            L.pushNil();
            return 1;
        }
        L.push(((LuaClosure) f).upvals[(int) n - 1], 0);    // a light userdata: the upvalue
        return 1;
    }

    /** Lua: db_upvaluejoin. f1's upvalue n1 becomes f2's upvalue n2. */
    static int upvaluejoin(LuaThread L, int base, int nargs) {
        checkUpval(L, base, nargs, 1, 2);
        UpVal target = checkUpval(L, base, nargs, 3, 4);
        if (!(L.ref(base) instanceof LuaClosure)) throw Args.argError(L, 1, "Lua function expected");
        if (!(L.ref(base + 2) instanceof LuaClosure)) throw Args.argError(L, 3, "Lua function expected");
        ((LuaClosure) L.ref(base)).upvals[(int) L.num(base + 1) - 1] = target;
        return 0;
    }

    static int getuservalue(LuaThread L, int base, int nargs) {
        long n = Args.optInteger(L, base, nargs, 2, 1);
        Object u = nargs >= 1 ? L.ref(base) : null;
        if (!(u instanceof LuaUserdata)) {
            L.pushNil();
            return 1;
        }
        LuaUserdata ud = (LuaUserdata) u;
        if (n < 1 || n > ud.userRefs.length) {
            L.pushNil();
            L.pushBoolean(false);
            return 2;
        }
        L.push(ud.userRefs[(int) n - 1], ud.userNums[(int) n - 1]);
        L.pushBoolean(true);
        return 2;
    }

    static int setuservalue(LuaThread L, int base, int nargs) {
        Object u = nargs >= 1 ? L.ref(base) : null;
        if (!(u instanceof LuaUserdata)) throw Args.typeError(L, 1, "userdata", u);
        Args.checkAny(L, nargs, 2);
        long n = Args.optInteger(L, base, nargs, 3, 1);
        LuaUserdata ud = (LuaUserdata) u;
        if (n < 1 || n > ud.userRefs.length) {
            L.pushNil();
            return 1;
        }
        ud.userRefs[(int) n - 1] = L.ref(base + 1);
        ud.userNums[(int) n - 1] = L.num(base + 1);
        L.setTop(base + 1);
        return 1;
    }

    /** Lua: db_traceback. traceback([thread,] [message [, level]]). */
    static int traceback(LuaThread L, int base, int nargs) {
        int arg = 0;
        LuaThread co = L;
        if (nargs >= 1 && L.ref(base) instanceof LuaThread) {
            co = (LuaThread) L.ref(base);
            arg = 1;
        }
        Object msg = nargs > arg ? L.ref(base + arg) : null;
        if (msg != null && !(msg instanceof LuaString) && !(msg instanceof NumTag)) {
            L.pushValue(base + arg);
            return 1;
        }
        long level = Args.optInteger(L, base, nargs, arg + 2, co == L ? 1 : 0);
        String m = msg == null ? null : dev.moonstack.vm.Coerce.toStringCoerced(msg, L.num(base + arg)).toString();
        L.pushString(Traceback.of(co, m, (int) Math.max(0, Math.min(level, Integer.MAX_VALUE))));
        return 1;
    }
}
