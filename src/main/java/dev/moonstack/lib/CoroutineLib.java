package dev.moonstack.lib;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Coroutines;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaThread;

/**
 * The coroutine library (Lua: lcorolib.c). resume, yield and the functions made by wrap are
 * stackless builtins of the VM ({@link Coroutines}); this class registers them with the
 * functions that only look at coroutines.
 */
public final class CoroutineLib {
    private CoroutineLib() {}

    public static void open(GlobalState G) {
        LuaTable co = new LuaTable();
        Lib.fn(co, "coroutine", "create", CoroutineLib::create);
        co.setStr(LuaString.of("resume"), Coroutines.resume(), 0);
        co.setStr(LuaString.of("yield"), Coroutines.yield(), 0);
        Lib.fn(co, "coroutine", "status", CoroutineLib::status);
        Lib.fn(co, "coroutine", "running", CoroutineLib::running);
        Lib.fn(co, "coroutine", "isyieldable", CoroutineLib::isyieldable);
        Lib.fn(co, "coroutine", "wrap", CoroutineLib::wrap);
        Lib.fn(co, "coroutine", "close", CoroutineLib::close);
        Lib.register(G, "coroutine", co);
    }

    static int create(LuaThread L, int base, int nargs) {
        LuaFunction f = Args.checkFunction(L, base, nargs, 1);
        L.push(Coroutines.create(L, f), 0);
        return 1;
    }

    static LuaThread coroutine(LuaThread L, int base, int nargs) {
        Object v = nargs >= 1 ? L.ref(base) : null;
        if (v instanceof LuaThread) return (LuaThread) v;
        throw Args.typeError(L, 1, "thread", v);
    }

    /** Lua: auxstatus. The running one, from its own point of view, is "running". */
    static String statusOf(LuaThread L, LuaThread co) {
        return co == L ? "running" : co.statusName();
    }

    static int status(LuaThread L, int base, int nargs) {
        L.pushString(statusOf(L, coroutine(L, base, nargs)));
        return 1;
    }

    static int running(LuaThread L, int base, int nargs) {
        L.push(L, 0);
        L.pushBoolean(L.isMain());
        return 2;
    }

    static int isyieldable(LuaThread L, int base, int nargs) {
        LuaThread co = Args.isNoneOrNil(L, base, nargs, 1) ? L : coroutine(L, base, nargs);
        L.pushBoolean(co.isYieldable());
        return 1;
    }

    static int wrap(LuaThread L, int base, int nargs) {
        LuaFunction f = Args.checkFunction(L, base, nargs, 1);
        L.push(Coroutines.wrap(Coroutines.create(L, f)), 0);
        return 1;
    }

    /** Lua: luaB_close. Only suspended and dead coroutines can be closed. */
    static int close(LuaThread L, int base, int nargs) {
        LuaThread co = coroutine(L, base, nargs);
        String st = statusOf(L, co);
        if (!st.equals("suspended") && !st.equals("dead")) throw LuaError.rt("cannot close a " + st + " coroutine");
        LuaError e = Coroutines.close(L, co);
        if (e == null) {
            L.pushBoolean(true);
            return 1;
        }
        L.pushBoolean(false);
        L.push(e.ref, e.num);
        return 2;
    }
}
