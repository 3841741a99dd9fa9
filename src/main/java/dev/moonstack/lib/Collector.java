package dev.moonstack.lib;

import dev.moonstack.vm.Args;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaThread;

/**
 * {@code collectgarbage} (Lua: luaB_collectgarbage). Memory is managed by the JVM's collector,
 * so the options report the JVM heap and keep Lua's bookkeeping (running flag, mode, pause
 * and step multiplier) so that every option gives the answer a Lua program expects.
 */
final class Collector {
    private Collector() {}

    private static final String[] OPTIONS = {
        "stop", "restart", "collect", "count", "step", "setpause", "setstepmul", "isrunning",
        "generational", "incremental",
    };

    static int collectgarbage(LuaThread L, int base, int nargs) {
        GlobalState G = L.G;
        int opt = Args.checkOption(L, base, nargs, 1, "collect", OPTIONS);
        switch (OPTIONS[opt]) {
            case "count": {
                Runtime rt = Runtime.getRuntime();
                L.pushNumber((rt.totalMemory() - rt.freeMemory()) / 1024.0);
                return 1;
            }
            case "step":
                Args.optInteger(L, base, nargs, 2, 0);
                L.pushBoolean(true);                     // a cycle has finished
                return 1;
            case "setpause": {
                long old = G.gcPause;
                G.gcPause = Args.optInteger(L, base, nargs, 2, 0);
                L.pushInteger(old);
                return 1;
            }
            case "setstepmul": {
                long old = G.gcStepMul;
                G.gcStepMul = Args.optInteger(L, base, nargs, 2, 0);
                L.pushInteger(old);
                return 1;
            }
            case "isrunning":
                L.pushBoolean(G.gcRunning);
                return 1;
            case "generational":
            case "incremental": {
                String old = G.gcGenerational ? "generational" : "incremental";
                G.gcGenerational = OPTIONS[opt].equals("generational");
                L.pushString(old);
                return 1;
            }
            default:                                     // stop, restart, collect
                if (opt == 0) G.gcRunning = false;
                if (opt == 1) G.gcRunning = true;
                L.pushInteger(0);
                return 1;
        }
    }
}
