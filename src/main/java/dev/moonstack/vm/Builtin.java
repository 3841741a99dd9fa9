package dev.moonstack.vm;

import dev.moonstack.value.GcMarker;
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

    /** A builtin that holds no Lua values: a value, never collected (Lua: a light C function). */
    protected Builtin(String name) {
        super(true);
        this.name = name;
    }

    /**
     * {@code holdsValues}: the builtin keeps Lua values (Lua: a C closure with upvalues), so it
     * is a collectable object, removed from weak tables once unreachable, and it must mark
     * those values in {@link #traverse}. Lua values kept in Java fields that {@code traverse}
     * does not mark are not seen by the collector (see {@link GarbageCollector}).
     */
    protected Builtin(String name, boolean holdsValues) {
        super(!holdsValues);
        this.name = name;
    }

    /** Arguments are in slots {@code base .. base+nargs-1}; returns the number of results. */
    public abstract int call(LuaThread L, int base, int nargs);

    /**
     * Lua: a C closure's upvalues. The Lua values (never numbers) this builtin keeps, for
     * debug.getupvalue (which names them "") and debug.getinfo's nups; none by default.
     */
    public int upvalueCount() { return 0; }

    /** Upvalue {@code i} (0-based, below {@link #upvalueCount}). */
    public Object upvalue(int i) { throw new IndexOutOfBoundsException(i); }

    /** Identities of the upvalues, made when debug.upvalueid first asks. */
    private Object[] upvalueIds;

    /**
     * A light userdata identifying upvalue {@code i} (Lua: db_upvalueid gives the address of
     * a C closure's upvalue slot): the same object for the same slot, distinct across slots.
     */
    public Object upvalueId(int i) {
        if (upvalueIds == null) upvalueIds = new Object[upvalueCount()];
        if (upvalueIds[i] == null) upvalueIds[i] = new Object();
        return upvalueIds[i];
    }

    /** A builtin running {@code body}. */
    public static Builtin of(String name, Body body) {
        return new Builtin(name) {
            @Override public int call(LuaThread L, int base, int nargs) { return body.call(L, base, nargs); }
        };
    }

    /**
     * A builtin that keeps the Lua values {@code values} (Lua: lua_pushcclosure): collectable,
     * and the collector marks them. {@code body} refers to them itself.
     */
    public static Builtin closure(String name, Body body, Object... values) {
        return new Builtin(name, true) {
            @Override public int call(LuaThread L, int base, int nargs) { return body.call(L, base, nargs); }

            @Override protected void traverse(GcMarker m) {
                addSize(m, 24);
                for (Object v : values) m.mark(v);
            }
        };
    }

    /** Marks the Lua values this builtin holds: by default its upvalues. */
    @Override
    protected void traverse(GcMarker m) {
        addSize(m, 24);
        for (int i = 0, n = upvalueCount(); i < n; i++) m.mark(upvalue(i));
    }

    @Override public String toString() { return "builtin: " + name; }
}
