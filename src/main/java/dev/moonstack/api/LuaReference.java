package dev.moonstack.api;

import dev.moonstack.value.LuaType;

/**
 * A Lua value that lives in a runtime and that a host holds: a table ({@link LuaTable}), a
 * function ({@link LuaFunction}), or a userdata or a thread (this class itself). Two
 * references are equal when they stand for the same Lua value (Lua's raw equality).
 *
 * <p>As with Lua's C API, a value that only the host holds is not seen by Lua's collector:
 * a weak table may drop it and its finalizer may run while the host holds it. Keep values
 * that must live in a table reachable from Lua (a global, for instance).
 */
public class LuaReference {
    final Lua lua;
    final Object ref;

    LuaReference(Lua lua, Object ref) {
        this.lua = lua;
        this.ref = ref;
    }

    /**
     * The runtime this value belongs to.
     *
     * @return the {@link Lua} the value lives in; the value can be passed only to it
     */
    public final Lua lua() { return lua; }

    /**
     * Lua's name of the value's type: "table", "function", "userdata" or "thread".
     *
     * @return the name, as Lua's {@code type} returns it
     */
    public final String typeName() { return LuaType.nameOf(ref); }

    /** The value for {@code target}; a value of another runtime cannot cross. */
    final Object refFor(Lua target) {
        if (target != lua) throw new IllegalArgumentException("a " + typeName() + " of another Lua runtime cannot be used here");
        return ref;
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof LuaReference && ((LuaReference) o).ref == ref;
    }

    @Override
    public final int hashCode() { return System.identityHashCode(ref); }

    /** As Lua's tostring without metamethods: "table: 0x...". */
    @Override
    public String toString() { return typeName() + ": 0x" + String.format("%08x", System.identityHashCode(ref)); }
}
