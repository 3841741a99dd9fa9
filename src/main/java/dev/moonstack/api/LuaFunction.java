package dev.moonstack.api;

/**
 * A Lua function (or a Java function living in Lua) held by the host. Calling it runs the
 * script on the calling thread, under the runtime's instruction limit, and flushes the
 * runtime's output when the outermost call returns.
 *
 * <pre>{@code
 * LuaFunction update = lua.getFunction("update");
 * update.call(dt);                                  // results ignored
 * long score = update.callAs(Long.class, dt);       // the first result, as a long
 * }</pre>
 *
 * Errors of the script, and stops (budget, interrupt), reach the caller as a
 * {@link LuaException} with the Lua traceback.
 */
public final class LuaFunction extends LuaReference {
    LuaFunction(Lua lua, dev.moonstack.value.LuaFunction f) {
        super(lua, f);
    }

    /**
     * Calls the function with {@code args} (converted as {@link Lua} describes) and returns all its results.
     *
     * @param args the arguments, each converted as {@link Lua} describes; null is nil
     * @return the results, converted as {@link Lua} describes; an empty array when there are none
     * @throws LuaException an error raised by the function, or a stop (instruction
     *         budget, interrupt), with the Lua traceback
     */
    public Object[] call(Object... args) {
        return lua.call(this, args);
    }

    /**
     * Calls the function and returns its first result (nil if none) as {@code type}:
     * Long/long, Integer/int, Double/double, String, Boolean/boolean, {@link LuaTable},
     * {@link LuaFunction}, or Object for any value. A result of another type is a Lua error
     * "result #1: number expected, got string".
     *
     * @param <T> the Java type wanted
     * @param type the class of {@code T}, one of those listed
     * @param args the arguments, each converted as {@link Lua} describes; null is nil
     * @return the first result as {@code T}; null only for Object and a nil or missing result
     * @throws LuaException an error raised by the function, or a stop (instruction
     *         budget, interrupt), with the Lua traceback
     *         or when the first result does not fit {@code type}
     */
    public <T> T callAs(Class<T> type, Object... args) {
        return lua.callAs(type, this, args);
    }
}
