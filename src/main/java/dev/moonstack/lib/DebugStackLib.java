package dev.moonstack.lib;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;
import dev.moonstack.vm.Activation;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.DebugInfo;
import dev.moonstack.vm.Hooks;
import dev.moonstack.vm.LuaThread;
import dev.moonstack.value.LuaType;

/**
 * The parts of the debug library that look at running functions (Lua: ldblib.c db_getinfo,
 * db_getlocal, db_setlocal, db_sethook, db_gethook, db_debug). Each takes an optional
 * coroutine as its first argument; levels count from that coroutine's running function.
 */
final class DebugStackLib {
    private DebugStackLib() {}

    private static final LuaString DEFAULT_OPTIONS = LuaString.of("flnSrtu");
    private static final String VALID_OPTIONS = "SlnrutLf";

    static void open(LuaTable d) {
        Lib.fn(d, "debug", "getinfo", DebugStackLib::getinfo);
        Lib.fn(d, "debug", "getlocal", DebugStackLib::getlocal);
        Lib.fn(d, "debug", "setlocal", DebugStackLib::setlocal);
        Lib.fn(d, "debug", "sethook", DebugStackLib::sethook);
        Lib.fn(d, "debug", "gethook", DebugStackLib::gethook);
        Lib.fn(d, "debug", "debug", DebugStackLib::debug);
        Lib.fn(d, "debug", "setcstacklimit", (L, b, n) -> {   // deprecated in 5.4: does nothing
            L.pushInteger(0);
            return 1;
        });
    }

    /** Lua: getthread. 1 if the first argument is a coroutine (the others shift by one), else 0. */
    private static int threadArg(LuaThread L, int base, int nargs) {
        return nargs >= 1 && L.ref(base) instanceof LuaThread ? 1 : 0;
    }

    private static LuaThread thread(LuaThread L, int base, int arg) {
        return arg == 1 ? (LuaThread) L.ref(base) : L;
    }

    /** Lua: db_getinfo. getinfo([thread,] f | level [, what]) -> table | fail. */
    static int getinfo(LuaThread L, int base, int nargs) {
        int arg = threadArg(L, base, nargs);
        LuaThread co = thread(L, base, arg);
        String what = Args.optString(L, base, nargs, arg + 2, DEFAULT_OPTIONS).toString();
        if (what.startsWith(">")) throw Args.argError(L, arg + 2, "invalid option '>'");
        Object target = nargs > arg ? L.ref(base + arg) : null;
        Activation ci = null;
        Object f = target;
        if (!(target instanceof LuaFunction)) {
            ci = DebugInfo.level(co, Args.checkInteger(L, base, nargs, arg + 1));
            if (ci == null) {
                L.pushNil();
                return 1;
            }
            f = DebugInfo.function(co, ci);
        }
        for (int i = 0; i < what.length(); i++) {
            if (VALID_OPTIONS.indexOf(what.charAt(i)) < 0) throw Args.argError(L, arg + 2, "invalid option");
        }
        LuaTable t = new LuaTable();
        DebugInfo.describe(t, f, what);
        if (ci != null) DebugInfo.describeCall(co, ci, t, what);
        else DebugInfo.describeNoCall(t, what);
        if (what.indexOf('f') >= 0) t.setStr(LuaString.of("func"), f, 0);
        L.push(t, 0);
        return 1;
    }

    /** Lua: db_getlocal. getlocal([thread,] level, n) -> name, value | fail; getlocal(f, n) -> name. */
    static int getlocal(LuaThread L, int base, int nargs) {
        int arg = threadArg(L, base, nargs);
        LuaThread co = thread(L, base, arg);
        long n = Args.checkInteger(L, base, nargs, arg + 2);
        Object target = nargs > arg ? L.ref(base + arg) : null;
        if (target instanceof LuaFunction) {            // parameters of a function not running
            String name = DebugInfo.parameterName((LuaFunction) target, n);
            if (name == null) L.pushNil(); else L.pushString(name);
            return 1;
        }
        Activation ci = checkLevel(L, co, base, nargs, arg + 1);
        int[] slot = new int[1];
        String name = DebugInfo.findLocal(co, ci, n, slot);
        if (name == null) {
            L.pushNil();
            return 1;
        }
        L.pushString(name);
        L.push(co.ref(slot[0]), co.num(slot[0]));
        return 2;
    }

    /** Lua: db_setlocal. setlocal([thread,] level, n, value) -> name | fail. */
    static int setlocal(LuaThread L, int base, int nargs) {
        int arg = threadArg(L, base, nargs);
        LuaThread co = thread(L, base, arg);
        Activation ci = checkLevel(L, co, base, nargs, arg + 1);
        long n = Args.checkInteger(L, base, nargs, arg + 2);
        Args.checkAny(L, nargs, arg + 3);
        int[] slot = new int[1];
        String name = DebugInfo.findLocal(co, ci, n, slot);
        if (name == null) {
            L.pushNil();
            return 1;
        }
        int v = base + arg + 2;
        co.set(slot[0], L.ref(v), L.num(v));
        L.pushString(name);
        return 1;
    }

    private static Activation checkLevel(LuaThread L, LuaThread co, int base, int nargs, int arg) {
        Activation ci = DebugInfo.level(co, Args.checkInteger(L, base, nargs, arg));
        if (ci == null) throw Args.argError(L, arg, "level out of range");
        return ci;
    }

    /** Lua: db_sethook. sethook([thread,] hook, mask [, count]); no hook turns hooks off. */
    static int sethook(LuaThread L, int base, int nargs) {
        int arg = threadArg(L, base, nargs);
        LuaThread co = thread(L, base, arg);
        if (Args.isNoneOrNil(L, base, nargs, arg + 1)) {
            Hooks.set(co, null, 0, 0);
            hookTable(L).rawset(co, 0, null, 0);
            return 0;
        }
        LuaString smask = Args.checkString(L, base, nargs, arg + 2);
        Args.checkType(L, base, nargs, arg + 1, LuaType.FUNCTION);
        int count = (int) Args.optInteger(L, base, nargs, arg + 3, 0);
        int mask = count > 0 ? Hooks.MASK_COUNT : 0;
        for (int i = 0; i < smask.length(); i++) {
            switch (smask.charAt(i)) {
                case 'c': mask |= Hooks.MASK_CALL; break;
                case 'r': mask |= Hooks.MASK_RET; break;
                case 'l': mask |= Hooks.MASK_LINE; break;
                default: break;
            }
        }
        Hooks.set(co, L.ref(base + arg), mask, count);
        hookTable(L).rawset(co, 0, L.ref(base + arg), 0);
        return 0;
    }

    private static final LuaString HOOKKEY = LuaString.of("_HOOKKEY");

    /**
     * Lua: ldblib's HOOKKEY table, registry._HOOKKEY: hook functions by coroutine, with weak
     * keys. The coroutine's own hook field is what runs; this table mirrors it for programs
     * that look (db.lua does) and keeps the hook functions reachable as Lua's does.
     */
    private static LuaTable hookTable(LuaThread L) {
        Object t = L.G.registry.getStrRef(HOOKKEY);
        if (t instanceof LuaTable) return (LuaTable) t;
        LuaTable hooks = new LuaTable(), mt = new LuaTable();
        mt.setStr(LuaString.of("__mode"), LuaString.of("k"), 0);
        hooks.metatable = mt;
        L.G.registry.setStr(HOOKKEY, hooks, 0);
        return hooks;
    }

    /** Lua: db_gethook. gethook([thread]) -> hook, mask, count | fail. */
    static int gethook(LuaThread L, int base, int nargs) {
        LuaThread co = thread(L, base, threadArg(L, base, nargs));
        if (co.hook() == null) {
            L.pushNil();
            return 1;
        }
        if (co.hook() instanceof LuaFunction) L.push(co.hook(), 0);
        else L.pushString("external hook");            // a host's Java hook
        L.pushString(Hooks.maskString(co.hookMask()));
        L.pushInteger(co.hookCount());
        return 3;
    }

    /**
     * Lua: db_debug. Reads and runs lines from standard input until "cont" or end of input;
     * errors are printed and the loop goes on. XXX: reads System.in byte by byte, beside the
     * buffer of io.stdin, so mixing both on one input may reorder what each sees.
     */
    static int debug(LuaThread L, int base, int nargs) {
        for (;;) {
            L.G.stderr.print("lua_debug> ");
            L.G.stderr.flush();
            byte[] line = readLine();
            if (line == null || new String(line, java.nio.charset.StandardCharsets.ISO_8859_1).equals("cont\n")) return 0;
            int f = L.top();
            LuaError err;
            try {
                L.push(Loading.loadChunk(L.G, line, LuaString.of("=(debug command)"), "bt"), 0);
                err = L.pcall(f, 0, null);
            } catch (LuaError e) {
                err = e;
            }
            if (err != null) {
                L.G.stderr.print(dev.moonstack.vm.LuaOps.tostring(L, err.ref, err.num) + "\n");
                L.G.stderr.flush();
            }
            L.setTop(f);
        }
    }

    private static byte[] readLine() {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        try {
            for (int c = System.in.read(); c >= 0; c = System.in.read()) {
                line.write(c);
                if (c == '\n') break;
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return line.size() == 0 ? null : line.toByteArray();
    }
}
