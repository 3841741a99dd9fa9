package dev.moonstack.lib;

import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.GlobalState;

/** How a library is put in place (Lua: luaL_newlib, luaL_setfuncs, luaL_requiref). */
public final class Lib {
    private Lib() {}

    static final LuaString LOADED = LuaString.of("_LOADED");

    /** Adds builtin {@code name} to module table {@code t}; {@code module} qualifies its name. */
    static Builtin fn(LuaTable t, String module, String name, Builtin.Body body) {
        Builtin f = Builtin.of(module == null ? name : module + "." + name, body);
        t.setStr(LuaString.of(name), f, 0);
        return f;
    }

    /** The registry's table of loaded modules (Lua: LUA_LOADED_TABLE), created on first use. */
    public static LuaTable loaded(GlobalState G) {
        Object t = G.registry.getRef(LOADED, 0);
        if (t instanceof LuaTable) return (LuaTable) t;
        LuaTable created = new LuaTable();
        G.registry.setStr(LOADED, created, 0);
        return created;
    }

    /** package.loaded[name] = module, and the global of that name (Lua: luaL_requiref). */
    static void register(GlobalState G, String name, LuaTable module) {
        LuaString key = LuaString.of(name);
        loaded(G).setStr(key, module, 0);
        G.globals.setStr(key, module, 0);
    }

    /** Opens every standard library into a fresh runtime. */
    public static void openAll(GlobalState G) {
        BaseLib.open(G);
        PackageLib.open(G);
        StringLib.open(G);
        TableLib.open(G);
        CoroutineLib.open(G);
        MathLib.open(G);
        OsLib.open(G);
        IoLib.open(G);
        Utf8Lib.open(G);
        DebugLib.open(G);
    }
}
