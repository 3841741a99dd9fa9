package dev.moonstack.lib;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaOps;
import dev.moonstack.vm.LuaThread;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * The package library (Lua: loadlib.c): {@code require} with its searchers, {@code package.path}
 * and {@code cpath}, {@code loaded}, {@code preload}, {@code searchpath}, {@code config}.
 * Native libraries cannot be loaded: the C searchers only report where they looked, and
 * {@code loadlib} answers as a Lua built without dynamic libraries does.
 */
public final class PackageLib {
    private PackageLib() {}

    static final String PATH_DEFAULT = "/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;"
            + "/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;./?.lua;./?/init.lua";
    static final String CPATH_DEFAULT = "/usr/local/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so";
    /**
     * Lua: loadlib.c's DLMSG for a Lua without dynamic libraries, saying why: a JVM cannot load
     * C modules (Lua's "check your Lua installation" would send the user looking for a fix).
     */
    static final String DLMSG = "dynamic libraries not enabled; C modules cannot be loaded on the JVM"
            + " (use a Java module in package.preload)";

    public static void open(GlobalState G) {
        LuaTable pkg = new LuaTable();
        pkg.setStr(LuaString.of("path"), LuaString.of(envPath(G, "LUA_PATH", PATH_DEFAULT)), 0);
        pkg.setStr(LuaString.of("cpath"), LuaString.of(envPath(G, "LUA_CPATH", CPATH_DEFAULT)), 0);
        pkg.setStr(LuaString.of("config"), LuaString.of("/\n;\n?\n!\n-\n"), 0);
        pkg.setStr(LuaString.of("loaded"), Lib.loaded(G), 0);
        pkg.setStr(LuaString.of("preload"), new LuaTable(), 0);
        LuaTable searchers = new LuaTable();
        searchers.setInt(1, Builtin.closure("searcher_preload", (L, b, n) -> searchPreload(L, b, n, pkg), pkg), 0);
        searchers.setInt(2, Builtin.closure("searcher_Lua", (L, b, n) -> searchLua(L, b, n, pkg), pkg), 0);
        searchers.setInt(3, Builtin.closure("searcher_C", (L, b, n) -> searchC(L, b, n, pkg, false), pkg), 0);
        searchers.setInt(4, Builtin.closure("searcher_Croot", (L, b, n) -> searchC(L, b, n, pkg, true), pkg), 0);
        pkg.setStr(LuaString.of("searchers"), searchers, 0);
        Lib.fn(pkg, "package", "searchpath", PackageLib::searchpath);
        Lib.fn(pkg, "package", "loadlib", PackageLib::loadlib);
        G.globals.setStr(LuaString.of("require"), Builtin.closure("require", (L, b, n) -> require(L, b, n, pkg), pkg), 0);
        Lib.register(G, "package", pkg);
    }

    /** Lua: setpath. LUA_PATH_5_4 or LUA_PATH, with ";;" standing for the default. */
    private static String envPath(GlobalState G, String var, String def) {
        if (G.ignoreEnvironment) return def;
        String v = System.getenv(var + "_5_4");
        if (v == null) v = System.getenv(var);
        if (v == null) return def;
        int i = v.indexOf(";;");
        if (i < 0) return v;
        String pre = v.substring(0, i), post = v.substring(i + 2);
        return pre + (pre.isEmpty() ? "" : ";") + def + (post.isEmpty() ? "" : ";") + post;
    }

    /** Lua: ll_require. Returns the module value and the loader data. */
    static int require(LuaThread L, int base, int nargs, LuaTable pkg) {
        LuaString name = Args.checkString(L, base, nargs, 1);
        L.setTop(base + 1);
        LuaTable loaded = Lib.loaded(L.G);
        int d = L.top();
        L.pushNil();
        loaded.get(name, 0, L.stack.refs, L.stack.nums, d);
        if (LuaOps.isTruthy(L.ref(d))) return 1;
        L.setTop(d);
        findLoader(L, name, pkg);                          // [ name | loader data ]
        int f = L.top();
        L.pushValue(d);
        L.pushValue(base);
        L.pushValue(d + 1);
        L.call(f, 1);                                      // [ name | loader data result ]
        if (L.ref(f) != null) loaded.rawset(name, 0, L.ref(f), L.num(f));
        if (loaded.getRef(name, 0) == null) loaded.rawset(name, 0, Boolean.TRUE, 0);
        L.setTop(f + 1);
        loaded.get(name, 0, L.stack.refs, L.stack.nums, f);
        L.pushValue(d + 1);                                // [ ... module data ]
        return 2;
    }

    /** Lua: findloader. Pushes the loader and its data, or raises "module not found". */
    private static void findLoader(LuaThread L, LuaString name, LuaTable pkg) {
        Object searchers = pkg.getRef(LuaString.of("searchers"), 0);
        if (!(searchers instanceof LuaTable)) throw LuaError.rt("'package.searchers' must be a table");
        StringBuilder msg = new StringBuilder();
        int top = L.top();
        for (int i = 1; ; i++) {
            Object searcher = ((LuaTable) searchers).getRef(dev.moonstack.value.NumTag.INT, i);
            if (searcher == null) {
                throw LuaError.rt("module '" + name + "' not found:" + msg);
            }
            L.push(searcher, 0);
            L.push(name, 0);
            L.call(top, 2);
            if (L.ref(top) instanceof LuaFunction) return;
            if (L.ref(top) instanceof LuaString) msg.append("\n\t").append(L.ref(top));
            L.setTop(top);
        }
    }

    static int searchPreload(LuaThread L, int base, int nargs, LuaTable pkg) {
        LuaString name = Args.checkString(L, base, nargs, 1);
        Object preload = pkg.getRef(LuaString.of("preload"), 0);
        if (!(preload instanceof LuaTable)) throw LuaError.rt("'package.preload' must be a table");
        Object loader = ((LuaTable) preload).getRef(name, 0);
        if (loader == null) {
            L.pushString("no field package.preload['" + name + "']");
            return 1;
        }
        L.push(loader, 0);
        L.pushString(":preload:");
        return 2;
    }

    static int searchLua(LuaThread L, int base, int nargs, LuaTable pkg) {
        LuaString name = Args.checkString(L, base, nargs, 1);
        StringBuilder notFound = new StringBuilder();
        String file = findFile(pkg, "path", name.toString(), notFound);
        if (file == null) {
            L.pushString(notFound.toString());
            return 1;
        }
        try {
            L.push(Loading.loadFile(L.G, file, "bt"), 0);
        } catch (LuaError e) {
            throw LuaError.rt("error loading module '" + name + "' from file '" + file + "':\n\t" + e.getMessage());
        }
        L.pushString(file);
        return 2;
    }

    /** The C searchers: native modules cannot be loaded, so only the search is reported. */
    static int searchC(LuaThread L, int base, int nargs, LuaTable pkg, boolean root) {
        String name = Args.checkString(L, base, nargs, 1).toString();
        if (root) {
            int dot = name.indexOf('.');
            if (dot < 0) return 0;
            name = name.substring(0, dot);
        }
        StringBuilder notFound = new StringBuilder();
        String file = findFile(pkg, "cpath", name, notFound);
        if (file == null) {
            L.pushString(notFound.toString());
            return 1;
        }
        throw LuaError.rt("error loading module '" + name + "' from file '" + file + "':\n\t" + DLMSG);
    }

    private static String findFile(LuaTable pkg, String field, String name, StringBuilder notFound) {
        Object path = pkg.getRef(LuaString.of(field), 0);
        if (!(path instanceof LuaString)) throw LuaError.rt("'package." + field + "' must be a string");
        return searchPath(name, path.toString(), ".", "/", notFound);
    }

    /**
     * Lua: searchpath. The first readable file for name in path (every template, empty ones
     * included, is tried), or null with Lua's message listing them (pusherrornotfound).
     */
    static String searchPath(String name, String path, String sep, String dirsep, StringBuilder notFound) {
        name = SystemCalls.cName(name);                  // C strings, as luaL_gsub sees them
        path = SystemCalls.cName(path);
        if (!sep.isEmpty() && name.contains(sep)) name = name.replace(sep, dirsep);
        String names = path.replace("?", name);
        for (String file : names.split(";", -1)) {
            if (!file.isEmpty() && Files.isReadable(Paths.get(file)) && !Files.isDirectory(Paths.get(file))) return file;
        }
        notFound.append("no file '").append(names.replace(";", "'\n\tno file '")).append('\'');
        return null;
    }

    /** Lua: ll_searchpath. package.searchpath(name, path [, sep [, rep]]). */
    static int searchpath(LuaThread L, int base, int nargs) {
        String name = Args.checkString(L, base, nargs, 1).toString();
        String path = Args.checkString(L, base, nargs, 2).toString();
        String sep = Args.optString(L, base, nargs, 3, LuaString.of(".")).toString();
        String rep = Args.optString(L, base, nargs, 4, LuaString.of("/")).toString();
        StringBuilder notFound = new StringBuilder();
        String file = searchPath(name, path, sep, rep, notFound);
        if (file != null) {
            L.pushString(file);
            return 1;
        }
        L.pushNil();
        L.pushString(notFound.toString());
        return 2;
    }

    /** Lua: ll_loadlib without dynamic libraries: nil, message, "absent". */
    static int loadlib(LuaThread L, int base, int nargs) {
        Args.checkString(L, base, nargs, 1);
        Args.checkString(L, base, nargs, 2);
        L.pushNil();
        L.pushString(DLMSG);
        L.pushString("absent");
        return 3;
    }
}
