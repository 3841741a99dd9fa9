package dev.moonstack.lib;

import dev.moonstack.vm.Args;
import dev.moonstack.vm.GarbageCollector;
import dev.moonstack.vm.LuaThread;

/**
 * {@code collectgarbage} (Lua: luaB_collectgarbage), over the runtime's
 * {@link GarbageCollector}. "count" is the estimate of {@code MemoryAccount}: the Lua objects
 * reached by the last collection plus what the program has allocated since.
 * Inside a finalizer every option fails (returns nil), as in Lua.
 */
final class Collector {
    private Collector() {}

    private static final String[] OPTIONS = {
        "stop", "restart", "collect", "count", "step", "setpause", "setstepmul", "isrunning",
        "generational", "incremental",
    };

    static int collectgarbage(LuaThread L, int base, int nargs) {
        GarbageCollector gc = L.G.gc;
        int opt = Args.checkOption(L, base, nargs, 1, "collect", OPTIONS);
        String o = OPTIONS[opt];
        long arg = 0;
        if (o.equals("step") || o.startsWith("set") || o.equals("generational") || o.equals("incremental")) {
            arg = Args.optInteger(L, base, nargs, 2, 0);
        }
        if (o.equals("incremental")) {                      // pause, stepmul, stepsize
            Args.optInteger(L, base, nargs, 3, 0);
            Args.optInteger(L, base, nargs, 4, 0);
        } else if (o.equals("generational")) {              // minor and major multipliers
            Args.optInteger(L, base, nargs, 3, 0);
        }
        if (gc.isBlocked()) {                               // inside a finalizer (Lua: GCSTPGC)
            L.pushNil();
            return 1;
        }
        switch (o) {
            case "count":
                L.pushNumber(gc.countKB(L));
                return 1;
            case "step":
                L.pushBoolean(gc.step(L, arg));
                return 1;
            case "setpause":
                L.pushInteger(gc.setPause((int) arg));
                return 1;
            case "setstepmul":
                L.pushInteger(gc.setStepMul((int) arg));
                return 1;
            case "isrunning":
                L.pushBoolean(gc.isRunning());
                return 1;
            case "generational":
            case "incremental":
                return changeMode(L, gc, o.equals("generational"), (int) arg, base, nargs);
            default:                                        // stop, restart, collect
                if (opt == 0) gc.setRunning(false);
                else if (opt == 1) gc.setRunning(true);
                else gc.collect(L);
                L.pushInteger(0);
                return 1;
        }
    }

    /** Lua: LUA_GCINC / LUA_GCGEN. "incremental" may also set the pause and the step multiplier. */
    private static int changeMode(LuaThread L, GarbageCollector gc, boolean gen, int arg2, int base, int nargs) {
        if (!gen) {
            if (arg2 != 0) gc.setPause(arg2);
            int stepMul = (int) Args.optInteger(L, base, nargs, 3, 0);
            if (stepMul != 0) gc.setStepMul(stepMul);
        }
        L.pushString(gc.setGenerational(gen) ? "generational" : "incremental");
        return 1;
    }
}
