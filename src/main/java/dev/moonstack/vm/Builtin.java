package dev.moonstack.vm;

import dev.moonstack.value.LuaFunction;

/**
 * A function written in Java (Lua: a C function). It finds its arguments in the value stack
 * and leaves its results there:
 * {@code [ ... f a1 .. an ] -> [ ... f a1 .. an .. r1 .. rm ]}, returning m; the results are
 * the m values below {@code L.stack.top}. The caller moves them into place.
 */
public abstract class Builtin extends LuaFunction {
    /** The body of a builtin, for builtins written as lambdas. */
    @FunctionalInterface
    public interface Body {
        /** Arguments are in slots {@code base .. base+nargs-1}; returns the number of results. */
        int call(LuaThread L, int base, int nargs);
    }

    /** Name used when no better one can be derived from the call site, e.g. "string.rep". */
    public final String name;

    protected Builtin(String name) { this.name = name; }

    /** Arguments are in slots {@code base .. base+nargs-1}; returns the number of results. */
    public abstract int call(LuaThread L, int base, int nargs);

    /**
     * Lua: a C closure's upvalues. The Lua values (never numbers) this builtin keeps, for
     * debug.getupvalue (which names them "") and debug.getinfo's nups; none by default.
     */
    public int upvalueCount() { return 0; }

    /** Upvalue {@code i} (0-based, below {@link #upvalueCount}). */
    public Object upvalue(int i) { throw new IndexOutOfBoundsException(i); }

    /** A builtin running {@code body}. */
    public static Builtin of(String name, Body body) {
        return new Builtin(name) {
            @Override public int call(LuaThread L, int base, int nargs) { return body.call(L, base, nargs); }
        };
    }

    @Override public String toString() { return "builtin: " + name; }
}
