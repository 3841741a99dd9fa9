package dev.moonstack.value;

/** A Lua function value: a {@link LuaClosure} or a Java builtin. */
public abstract class LuaFunction {
}
