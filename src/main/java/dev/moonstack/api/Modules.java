package dev.moonstack.api;

import dev.moonstack.lib.Loading;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Builtin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A host's {@link ModuleSource} as an entry of {@code package.searchers} (Lua: a searcher as loadlib.c's searcher_Lua). */
final class Modules {
    private Modules() {}

    /** Inserts the host searcher at package.searchers[2], after preload. */
    static void install(Lua lua, ModuleSource source, boolean textOnly) {
        LuaTable pkg = (LuaTable) lua.state().globals.getStrRef(LuaString.of("package"));
        LuaTable searchers = (LuaTable) pkg.getStrRef(LuaString.of("searchers"));
        Object[] r = new Object[1];
        long[] n = new long[1];
        long last = searchers.length();
        for (long i = last; i >= 2; i--) {          // shift 2..n up by one
            searchers.getInt(i, r, n, 0);
            searchers.setInt(i + 1, r[0], n[0]);
        }
        searchers.setInt(2, searcher(source, textOnly ? "t" : "bt"), 0);
    }

    /**
     * The searcher: for module {@code name} returns the compiled chunk and its chunk name
     * (require passes both to the chunk), or the message "no host module 'name'" that
     * require adds to its own (Lua: searcher_Lua's "no file" lines).
     */
    private static Builtin searcher(ModuleSource source, String mode) {
        return Builtin.of("searcher_host", (L, base, nargs) -> {
            String name = Args.checkString(L, base, nargs, 1).toString();
            String text;
            try {
                text = source.find(name);
            } catch (IOException | RuntimeException e) {
                throw LuaError.rt("error loading module '" + name + "' from the host:\n\t" + e.getMessage());
            }
            if (text == null) {
                L.pushString("no host module '" + name + "'");
                return 1;
            }
            String chunkName = source.chunkName(name);
            String file = chunkName.startsWith("@") || chunkName.startsWith("=") ? chunkName.substring(1) : chunkName;
            try {
                L.push(Loading.loadChunk(L.G, text.getBytes(StandardCharsets.UTF_8), LuaString.of(chunkName), mode), 0);
            } catch (LuaError e) {
                throw LuaError.rt("error loading module '" + name + "' from file '" + file + "':\n\t" + e.getMessage());
            }
            L.pushString(file);
            return 2;
        });
    }
}
