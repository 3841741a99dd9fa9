package dev.moonstack.vm;

import dev.moonstack.value.ChunkId;
import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.Proto;

/**
 * Stack tracebacks and the names of running functions, read from the call stack of
 * activations, the one source of truth (Lua: lauxlib.c luaL_traceback, pushfuncname,
 * pushglobalfuncname; ldebug.c getfuncname).
 */
public final class Traceback {
    private Traceback() {}

    /** Lua: LEVELS1 and LEVELS2, the levels shown before and after an elision. */
    private static final int LEVELS1 = 10, LEVELS2 = 11;
    private static final LuaString LOADED = LuaString.of("_LOADED");

    /**
     * Lua: luaL_traceback. {@code msg} (may be null) then "stack traceback:" and one line per
     * level of {@code co}'s call stack, from {@code level} (0 = the running function) down.
     */
    public static String of(LuaThread co, String msg, int level) {
        StringBuilder sb = new StringBuilder();
        if (msg != null) sb.append(msg).append('\n');
        sb.append("stack traceback:");
        int top = co.calls.depth;                      // level l is depth top - l; depth 0 not shown
        int last = top - 1;                            // deepest level
        int limit2show = last - level > LEVELS1 + LEVELS2 ? LEVELS1 : -1;
        for (int l = level; l <= last; l++) {
            if (limit2show-- == 0) {
                int skip = last - l - LEVELS2 + 1;      // levels l .. last-LEVELS2 are not shown
                // luaL_traceback reports one level fewer than it skips (its 'level++' quirk)
                sb.append("\n\t...\t(skipping ").append(skip - 1).append(" levels)");
                l += skip - 1;
                continue;
            }
            Activation ci = co.calls.at(top - l);
            sb.append("\n\t").append(shortSrc(ci));
            int line = currentLine(ci);
            if (line > 0) sb.append(':').append(line);
            sb.append(": in ").append(functionName(co, ci));
            if ((ci.flags & Activation.TAIL) != 0) sb.append("\n\t(...tail calls...)");
        }
        return sb.toString();
    }

    /**
     * Lua: luaL_where. "chunk:line: " for the function at {@code level} (0 = the running one)
     * if it is a Lua function with line information, else "".
     */
    public static String where(LuaThread L, int level) {
        int d = L.calls.depth - level;
        if (d <= 0) return "";
        Activation ci = L.calls.at(d);
        LuaBuffer w = ci.isLua() ? Unwinder.where(ci, false) : null;
        return w == null ? "" : w.toString();
    }

    /** "[C]" for Java builtins, the chunk id for Lua functions (Lua: ar.short_src). */
    public static String shortSrc(Activation ci) {
        return ci.isLua() ? ChunkId.of(ci.closure.p.source) : "[C]";
    }

    /** Current line of a Lua activation, -1 for Java ones (Lua: ar.currentline). */
    public static int currentLine(Activation ci) {
        return ci.isLua() ? ci.closure.p.line(ci.savedPc - 1) : -1;
    }

    /** Lua: pushfuncname. How a traceback line names the function of {@code ci}. */
    public static String functionName(LuaThread co, Activation ci) {
        Object f = co.stack.refs[ci.funcIdx];
        String global = globalName(co.G, f);
        if (global != null) return "function '" + global + "'";
        String[] name = new String[1];
        String kind = callName(co, ci, name);
        if (kind != null) return kind + " '" + name[0] + "'";
        if (ci.isLua()) {
            Proto p = ci.closure.p;
            if (p.lineDefined == 0) return "main chunk";
            return "function <" + ChunkId.of(p.source) + ":" + p.lineDefined + ">";
        }
        return "?";
    }

    /** Lua: getfuncname. Kind of name the caller used for {@code ci}'s function, or null. */
    static String callName(LuaThread co, Activation ci, String[] name) {
        if (ci.depth == 0 || (ci.flags & Activation.TAIL) != 0) return null;
        return VarInfo.funcNameFromCall(co.calls.at(ci.depth - 1), name);
    }

    /**
     * Lua: pushglobalfuncname. "mod.name" if {@code f} is a field of a loaded module
     * ({@code package.loaded}), with "_G." dropped for globals; null otherwise.
     */
    static String globalName(GlobalState G, Object f) {
        if (f == null || f instanceof NumTag || f instanceof LuaString || f instanceof Boolean) return null;
        Object loaded = G.registry.getRef(LOADED, 0);
        if (!(loaded instanceof LuaTable)) return null;
        Object[] r = new Object[4];
        long[] n = new long[4];
        LuaTable mods = (LuaTable) loaded;
        while (mods.next(r[0], n[0], r, n, 0)) {
            if (!(r[0] instanceof LuaString) || !(r[1] instanceof LuaTable)) continue;
            LuaTable mod = (LuaTable) r[1];
            r[2] = null;
            while (mod.next(r[2], n[2], r, n, 2)) {
                if (r[3] == f && r[2] instanceof LuaString) {
                    String name = r[0] + "." + r[2];
                    return name.startsWith("_G.") ? name.substring(3) : name;
                }
            }
        }
        return null;
    }
}
