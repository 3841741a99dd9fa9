package dev.moonstack.prof;

import dev.moonstack.lib.Lib;
import dev.moonstack.lib.SystemCalls;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaThread;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code misc} library's {@code misc.memprof} table: start and stop, with Tarantool's
 * return values (LuaJIT/Tarantool: lib_misc.c, misc_memprof_start and misc_memprof_stop).
 */
public final class MiscLib {
    private MiscLib() {}

    /** Lua: EINVAL, the errno of a misuse. */
    private static final int EINVAL = 22;

    /** Puts the global table {@code misc} (and package.loaded.misc) with {@code misc.memprof} in place. */
    public static void open(GlobalState G) {
        LuaTable memprof = new LuaTable(0, 2);
        memprof.setStr(LuaString.of("start"), Builtin.of("misc.memprof.start", MiscLib::start), 0);
        memprof.setStr(LuaString.of("stop"), Builtin.of("misc.memprof.stop", MiscLib::stop), 0);
        LuaTable misc = new LuaTable(0, 1);
        misc.setStr(LuaString.of("memprof"), memprof, 0);
        LuaString name = LuaString.of("misc");
        Lib.loaded(G).setStr(name, misc, 0);
        G.globals.setStr(name, misc, 0);
    }

    /**
     * misc.memprof.start(path): true; or nil, "path: reason", errno when the file cannot be
     * opened (Lua: luaL_fileresult); or nil, "profiler is running already", EINVAL.
     */
    static int start(LuaThread L, int base, int nargs) {
        String path = Args.checkString(L, base, nargs, 1).toString();
        if (Memprof.running(L.G) != null) return misuse(L, Memprof.RUNNING);
        try {
            if (path.isEmpty()) throw new NoSuchFileException(path);      // Path.of("") is the directory
            Memprof.start(L.G, Path.of(path));
        } catch (IOException | InvalidPathException e) {
            return SystemCalls.fileResult(L, e instanceof IOException ? (IOException) e : new NoSuchFileException(path), path);
        }
        L.pushBoolean(true);
        return 1;
    }

    /**
     * misc.memprof.stop(): true; or nil, "profiler is not running", EINVAL; or nil, the write
     * error and its errno (Lua: luaL_fileresult with no file name).
     */
    static int stop(LuaThread L, int base, int nargs) {
        Memprof m = Memprof.running(L.G);
        if (m == null) return misuse(L, Memprof.NOT_RUNNING);
        try {
            m.stop();
        } catch (IOException e) {
            L.pushNil();
            L.pushString(e.getMessage() == null ? "Input/output error" : e.getMessage());
            L.pushInteger(5);
            return 3;
        }
        L.pushBoolean(true);
        return 1;
    }

    private static int misuse(LuaThread L, String message) {
        L.pushNil();
        L.pushString(message);
        L.pushInteger(EINVAL);
        return 3;
    }
}
