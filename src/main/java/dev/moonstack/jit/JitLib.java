package dev.moonstack.jit;

import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaThread;

/**
 * The {@code jit} library, as LuaJIT's (see ../shared/specs/luajit-trace-internals.txt):
 * {@code jit.on()}, {@code jit.off()}, {@code jit.on(f)}, {@code jit.off(f)},
 * {@code jit.flush()}, {@code jit.status()}, {@code jit.version}, {@code jit.opt.start}.
 * It is opened (into {@code package.loaded.jit}) only when the host or the command line asks
 * for the tier ({@link Jit#of}): otherwise {@code require "jit"} fails as in lua5.4, which has
 * no such module. The global {@code jit} is set only by the command line's options
 * ({@link #setGlobal}), since scripts test {@code if jit then} to detect LuaJIT.
 */
public final class JitLib {
    private JitLib() {}

    /** The registry's table of loaded modules (Lua: LUA_LOADED_TABLE), as lib.Lib names it. */
    private static final LuaString LOADED = LuaString.of("_LOADED");

    /** Makes the library of {@code jit} and puts it in {@code package.loaded}, if the runtime has one. */
    static void open(GlobalState G, Jit jit) {
        LuaTable t = new LuaTable(0, 8);
        fn(t, "on", (L, base, nargs) -> onOff(L, jit, base, nargs, true));
        fn(t, "off", (L, base, nargs) -> onOff(L, jit, base, nargs, false));
        fn(t, "flush", (L, base, nargs) -> {
            jit.flush();
            return 0;
        });
        fn(t, "status", (L, base, nargs) -> {
            L.pushBoolean(L.tierOn());
            L.pushString("hotcall=" + jit.threshold() + " hotloop=" + jit.hotloop());
            return 2;
        });
        t.setStr(LuaString.of("version"), LuaString.of(Jit.VERSION), 0);
        LuaTable opt = new LuaTable(0, 1);
        fn(opt, "start", (L, base, nargs) -> optStart(L, jit, base, nargs));
        t.setStr(LuaString.of("opt"), opt, 0);
        jit.library = t;
        Object loaded = G.registry.getRef(LOADED, 0);
        if (loaded instanceof LuaTable) ((LuaTable) loaded).setStr(NAME, t, 0);
    }

    private static final LuaString NAME = LuaString.of("jit");

    /** Sets the global {@code jit} to the library opened by {@link #open} (LuaJIT has it global). */
    public static void setGlobal(GlobalState G) {
        Object t = Jit.of(G).library;
        if (t != null) G.globals.setStr(NAME, t, 0);
    }

    private static void fn(LuaTable t, String name, Builtin.Body body) {
        t.setStr(LuaString.of(name), Builtin.of("jit." + name, body), 0);
    }

    /** jit.on() / jit.off(): the whole tier; jit.on(f) / jit.off(f): one Lua function. */
    private static int onOff(LuaThread L, Jit jit, int base, int nargs, boolean on) {
        if (nargs == 0 || L.ref(base) == null) {
            jit.setOn(L, on);
            return 0;
        }
        Object f = L.ref(base);
        if (f instanceof LuaClosure) {
            jit.setOn(((LuaClosure) f).p, on);
        } else if (!(f instanceof Builtin) && !(f instanceof Boolean)) {
            throw Args.argError(L, 1, "Lua function expected");
        }
        return 0;                              // builtins and 'true' (the caller): nothing to do here
    }

    /** jit.opt.start("hotcall=n", "hotloop=n", ...): the thresholds; other options are accepted and ignored. */
    private static int optStart(LuaThread L, Jit jit, int base, int nargs) {
        for (int i = 0; i < nargs; i++) {
            String s = Args.checkString(L, base, nargs, i + 1).toString();
            boolean call = s.startsWith("hotcall=");
            if (call || s.startsWith("hotloop=")) {
                int n;
                try {
                    n = Integer.parseInt(s.substring(8));
                } catch (NumberFormatException e) {
                    throw Args.argError(L, i + 1, "bad " + s.substring(0, 7) + " value");
                }
                if (call) jit.setThreshold(n); else jit.setHotloop(n);
            }
        }
        return 0;
    }
}
