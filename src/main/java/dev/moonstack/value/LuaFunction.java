package dev.moonstack.value;

/** A Lua function value: a {@link LuaClosure} or a Java builtin. */
public abstract class LuaFunction extends GcObject {
    protected LuaFunction() {}

    /** {@code isValue}: a builtin that holds no Lua values, never collected (see {@link GcObject}). */
    protected LuaFunction(boolean isValue) { super(isValue); }
}
