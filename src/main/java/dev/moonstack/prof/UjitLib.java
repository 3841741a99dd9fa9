package dev.moonstack.prof;

import dev.moonstack.lib.Lib;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaThread;

/**
 * The {@code ujit} library's {@code ujit.iprof} table: start, stop, profile and the modes,
 * with LuaVela's return values and messages word for word (LuaVela: ujit.iprof, lib_iprof.c;
 * the typo "EXLCUSIVE" is LuaVela's).
 */
public final class UjitLib {
    private UjitLib() {}

    /** LuaVela's LJ_MAX_XLEVEL: limits are below it; the default is the deepest (MAX_LIMIT - 1). */
    static final int MAX_LIMIT = 200;
    static final String WRONG_MODE = "wrong profiling mode, use ujit.iprof.{PLAIN,INCLUSIVE,EXLCUSIVE}";
    static final String WRONG_LIMIT = "wrong profiling limit, use non-negative number less than " + MAX_LIMIT;
    static final String ERRERR = "Error occured while profiling";

    /** Puts the global table {@code ujit} (and package.loaded.ujit) with {@code ujit.iprof} in place. */
    public static void open(GlobalState G) {
        LuaTable iprof = new LuaTable(0, 8);
        fn(iprof, "start", UjitLib::start);
        fn(iprof, "stop", UjitLib::stop);
        fn(iprof, "profile", UjitLib::profile);
        iprof.setStr(LuaString.of("PLAIN"), NumTag.INT, IProf.PLAIN);
        iprof.setStr(LuaString.of("INCLUSIVE"), NumTag.INT, IProf.INCLUSIVE);
        iprof.setStr(LuaString.of("EXCLUSIVE"), NumTag.INT, IProf.EXCLUSIVE);
        LuaTable ujit = new LuaTable(0, 2);
        ujit.setStr(LuaString.of("iprof"), iprof, 0);
        LuaString name = LuaString.of("ujit");
        Lib.loaded(G).setStr(name, ujit, 0);
        G.globals.setStr(name, ujit, 0);
    }

    private static void fn(LuaTable t, String name, Builtin.Body body) {
        t.setStr(LuaString.of(name), Builtin.of("ujit.iprof." + name, body), 0);
    }

    /**
     * A mode or limit argument as a long, or {@code def} when absent; null when it is not an
     * integral number.
     */
    static Long integer(LuaThread L, int base, int nargs, int arg, long def) {
        if (Args.isNoneOrNil(L, base, nargs, arg)) return def;
        Object r = L.ref(base + arg - 1);
        long n = L.num(base + arg - 1);
        if (r == NumTag.INT) return n;
        if (r == NumTag.FLT) {
            double d = Double.longBitsToDouble(n);
            return d == Math.floor(d) && Math.abs(d) < 1e15 ? (long) d : null;
        }
        return null;
    }

    /** Checks mode and limit (arguments {@code arg} and {@code arg + 1}); null, or LuaVela's message. */
    static String check(Long mode, Long limit) {
        if (mode == null || mode < IProf.PLAIN || mode > IProf.EXCLUSIVE) return WRONG_MODE;
        if (limit == null || limit < 0 || limit >= MAX_LIMIT) return WRONG_LIMIT;
        return null;
    }

    /** ujit.iprof.start(label [, mode [, limit]]): true, or false and the message. */
    static int start(LuaThread L, int base, int nargs) {
        String label = Args.checkString(L, base, nargs, 1).toString();
        Long mode = integer(L, base, nargs, 2, IProf.PLAIN), limit = integer(L, base, nargs, 3, MAX_LIMIT - 1);
        String err = check(mode, limit);
        if (err != null) {
            L.pushBoolean(false);
            L.pushString(err);
            return 2;
        }
        int depth = L.calls.depth();                       // this builtin's activation
        IProf p = ThreadProfiles.of(L).start(label, mode.intValue(), limit.intValue(), depth - 1);
        ThreadProfiles.of(L).openStartFrame(p, L.calls.at(depth));
        L.pushBoolean(true);
        return 1;
    }

    /** ujit.iprof.stop(): the result table, or nil and the message. */
    static int stop(LuaThread L, int base, int nargs) {
        ThreadProfiles tp = ThreadProfiles.peek(L);
        String label = tp == null || tp.profiles.isEmpty() ? null : tp.profiles.get(tp.profiles.size() - 1).label;
        Entity e = tp == null ? null : tp.stop(L);
        if (e == null) {
            L.pushNil();
            L.pushString(ERRERR);
            return 2;
        }
        LuaTable result = new LuaTable(0, 1);
        result.setStr(LuaString.of(label), e.toLua(), 0);
        L.push(result, 0);
        return 1;
    }

    /**
     * ujit.iprof.profile(f, callback [, label [, mode [, limit]]]): a function that profiles
     * each call of {@code f}, passes the result (or nil and the message) to {@code callback}
     * and returns what {@code f} returned. A builtin here (LuaVela proposes it in Lua): it
     * calls with continuations, so {@code f} may yield.
     */
    static int profile(LuaThread L, int base, int nargs) {
        LuaFunction f = Args.checkFunction(L, base, nargs, 1);
        LuaFunction callback = Args.checkFunction(L, base, nargs, 2);
        Object label = Args.isNoneOrNil(L, base, nargs, 3) ? null : Args.checkString(L, base, nargs, 3);
        Long mode = integer(L, base, nargs, 4, IProf.PLAIN), limit = integer(L, base, nargs, 5, MAX_LIMIT - 1);
        String name = label != null ? label.toString() : Wrapper.defaultLabel(f);
        L.push(Wrapper.of(f, callback, name, mode, limit), 0);
        return 1;
    }
}
