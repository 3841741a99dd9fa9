package dev.moonstack.vm;

import dev.moonstack.value.Proto;

import java.util.ArrayList;
import java.util.List;

/**
 * Stack samples for the sampling profiler: a timer thread asks for one
 * ({@link Interrupts#requestSample}), and the executor's interrupt slow path hands the running
 * coroutine to the {@link Sampler} at its next poll, where this class names its frames
 * (LuaJIT: jit.profile's dumpstack; Tarantool: sysprof's guest stack).
 */
public final class Samples {
    private Samples() {}

    /** Takes a sample of the running coroutine; called on the runtime's thread from the slow path. */
    public interface Sampler {
        void sample(LuaThread L);
    }

    /**
     * The frames of coroutine {@code L}, root first: the stacks of the coroutines that resumed
     * it come first, so a coroutine appears under its resumer. Lua functions are
     * "name (file:linedefined)", main chunks "main chunk (file)", builtins "name (builtin)";
     * no name contains ';' or a line break (the collapsed format's separators).
     */
    public static List<String> stack(LuaThread L) {
        ArrayList<LuaThread> chain = new ArrayList<>();
        for (LuaThread t = L; t != null && chain.size() < 1000; t = t.resumer) chain.add(0, t);
        ArrayList<String> out = new ArrayList<>();
        for (LuaThread t : chain) {
            for (int d = 1; d <= t.calls.depth; d++) out.add(clean(frameName(t, t.calls.at(d))));
        }
        return out;
    }

    private static String frameName(LuaThread t, Activation ci) {
        if (!ci.isLua()) return (ci.builtin == null ? "?" : ci.builtin.name) + " (builtin)";
        Proto p = ci.closure.p;
        String file = shortSource(p);
        if (p.lineDefined == 0) return "main chunk (" + file + ")";
        String[] name = new String[1];
        // Lua: getfuncname. A tail call left no call site: the caller's names another function
        String kind = ci.depth > 1 && (ci.flags & Activation.TAIL) == 0
                ? VarInfo.funcNameFromCall(t.calls.at(ci.depth - 1), name) : null;
        String n = kind != null && name[0] != null ? name[0] : "?";
        return n + " (" + file + ":" + p.lineDefined + ")";
    }

    /** "@file.lua" as "file.lua", "=stdin" as "stdin", source text as "[string]". */
    private static String shortSource(Proto p) {
        String s = p.source == null ? "?" : p.source.toString();
        if (s.startsWith("@") || s.startsWith("=")) return s.substring(1);
        return "[string]";
    }

    private static String clean(String s) {
        return s.replace(';', ':').replace('\n', ' ').replace('\r', ' ');
    }
}
