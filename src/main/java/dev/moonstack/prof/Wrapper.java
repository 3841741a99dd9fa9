package dev.moonstack.prof;

import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.LuaThread;

/**
 * The function {@code ujit.iprof.profile} returns: start, call, stop, callback, results
 * (LuaVela: ujit.iprof.profile, proposed there in Lua). Its own activation is the start
 * frame, so the report has no start or stop entities, only what {@code f} called.
 */
final class Wrapper {
    private Wrapper() {}

    static Builtin of(LuaFunction f, LuaFunction callback, String label, Long mode, Long limit) {
        return Builtin.closure("ujit.iprof.profile",
                (L, base, nargs) -> call(L, base, nargs, f, callback, label, mode, limit), f, callback);
    }

    /** The label when none is given: the entity name of {@code f}. */
    static String defaultLabel(LuaFunction f) {
        return f instanceof LuaClosure ? IProf.functionName(((LuaClosure) f).p)
                : f instanceof Builtin ? "builtin " + ((Builtin) f).name : "function";
    }

    /** Starts the profile and calls {@code f} with the arguments, with a continuation (f may yield). */
    private static int call(LuaThread L, int base, int nargs, LuaFunction f, LuaFunction callback,
                            String label, Long mode, Long limit) {
        String err = UjitLib.check(mode, limit);
        if (err == null) ThreadProfiles.of(L).start(label, mode.intValue(), limit.intValue(), L.calls.depth());
        int fi = L.top();
        L.checkStack(nargs + 2, "too many arguments");
        L.push(f, 0);
        for (int i = 0; i < nargs; i++) L.pushValue(base + i);
        return L.callk(fi, -1, (L2, b, n) -> finish(L2, b, n, callback, label, err));
    }

    /** {@code f} returned {@code n} results at {@code b}: stops, calls the callback, returns them. */
    private static int finish(LuaThread L, int b, int n, LuaFunction callback, String label, String err) {
        Entity e = null;
        if (err == null) {
            ThreadProfiles tp = ThreadProfiles.peek(L);
            e = tp == null ? null : tp.stop(L);
            if (e == null) err = UjitLib.ERRERR;
        }
        int ci = L.top();
        L.checkStack(3, "too many results");
        L.push(callback, 0);
        if (e != null) {
            LuaTable result = new LuaTable(0, 1);
            result.setStr(LuaString.of(label), e.toLua(), 0);
            L.push(result, 0);
        } else {
            L.pushNil();
            L.pushString(err);
        }
        return L.callk(ci, 0, (L3, b3, n3) -> n);
    }
}
