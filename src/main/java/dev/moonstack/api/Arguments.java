package dev.moonstack.api;

import dev.moonstack.value.LuaError;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.LuaThread;

/**
 * The arguments of a call to a {@link JavaFunction}, numbered from 1 as in Lua. The checks
 * are lauxlib's (luaL_checkinteger, luaL_checknumber, ...) and raise its messages, such as
 * "bad argument #2 to 'spawn' (number expected, got nil)", with the function named as the
 * calling code names it. Valid only during the call that received it.
 */
public final class Arguments {
    private final Lua lua;
    private final LuaThread L;
    private final int base, nargs;

    Arguments(Lua lua, LuaThread L, int base, int nargs) {
        this.lua = lua;
        this.L = L;
        this.base = base;
        this.nargs = nargs;
    }

    /**
     * The number of arguments passed (Lua: lua_gettop).
     *
     * @return the count, trailing nils included; 0 for a call with no arguments
     */
    public int count() { return nargs; }

    /**
     * The runtime the call runs in.
     *
     * @return the {@link Lua} that called the function
     */
    public Lua lua() { return lua; }

    /**
     * Argument {@code i} converted to Java as {@link Lua} describes; null when nil or absent.
     *
     * @param i the argument's position, from 1
     * @return the converted value, or null when nil or absent (never an error)
     */
    public Object get(int i) {
        return i >= 1 && i <= nargs ? Conversion.toJava(lua, L.ref(base + i - 1), L.num(base + i - 1)) : null;
    }

    /**
     * Whether argument {@code i} is absent or nil (Lua: lua_isnoneornil).
     *
     * @param i the argument's position, from 1
     * @return true when the argument is nil or beyond {@link #count}
     */
    public boolean isNil(int i) { return Args.isNoneOrNil(L, base, nargs, i); }

    /**
     * An integer, or a float or numeric string with an exact integer value (Lua: luaL_checkinteger).
     *
     * @param i the argument's position, from 1
     * @return the argument's integer value
     * @throws LuaException "bad argument" when it is absent, nil, not a number,
     *         or has no exact integer value
     */
    public long checkLong(int i) {
        try {
            return Args.checkInteger(L, base, nargs, i);
        } catch (LuaError e) {
            throw new LuaException(lua, e);
        }
    }

    /**
     * As {@link #checkLong}, and within int's range ("value out of range" otherwise).
     *
     * @param i the argument's position, from 1
     * @return the argument's integer value
     * @throws LuaException "bad argument" as {@link #checkLong}, or when the
     *         value is outside int's range
     */
    public int checkInt(int i) {
        long v = checkLong(i);
        if (v != (int) v) throw argError(i, "value out of range");
        return (int) v;
    }

    /**
     * A number or numeric string (Lua: luaL_checknumber).
     *
     * @param i the argument's position, from 1
     * @return the argument's value as a float; an integer argument is converted
     * @throws LuaException "bad argument" when it is absent, nil or not a number
     */
    public double checkDouble(int i) {
        try {
            return Args.checkNumber(L, base, nargs, i);
        } catch (LuaError e) {
            throw new LuaException(lua, e);
        }
    }

    /**
     * A string or number (Lua: luaL_checklstring), decoded as UTF-8.
     *
     * @param i the argument's position, from 1
     * @return the string; a number is converted as Lua's tostring would
     * @throws LuaException "bad argument" when it is absent, nil or neither
     *         a string nor a number
     */
    public String checkString(int i) {
        try {
            return Args.checkString(L, base, nargs, i).toString();
        } catch (LuaError e) {
            throw new LuaException(lua, e);
        }
    }

    /**
     * A table (Lua: luaL_checktype with LUA_TTABLE).
     *
     * @param i the argument's position, from 1
     * @return a handle on the table, usable after the call returns
     * @throws LuaException "bad argument" when the argument is not a table
     */
    public LuaTable checkTable(int i) {
        try {
            return new LuaTable(lua, Args.checkTable(L, base, nargs, i));
        } catch (LuaError e) {
            throw new LuaException(lua, e);
        }
    }

    /**
     * A function (Lua: luaL_checktype with LUA_TFUNCTION).
     *
     * @param i the argument's position, from 1
     * @return a handle on the function, usable after the call returns
     * @throws LuaException "bad argument" when the argument is not a function
     */
    public LuaFunction checkFunction(int i) {
        try {
            return new LuaFunction(lua, Args.checkFunction(L, base, nargs, i));
        } catch (LuaError e) {
            throw new LuaException(lua, e);
        }
    }

    /**
     * Lua's truth of argument {@code i}: false when nil, false or absent (Lua: lua_toboolean).
     *
     * @param i the argument's position, from 1
     * @return false for nil, false or an absent argument; true for any other value, 0 and "" included
     */
    public boolean toBoolean(int i) {
        return i >= 1 && i <= nargs && L.ref(base + i - 1) != null && L.ref(base + i - 1) != Boolean.FALSE;
    }

    /**
     * {@link #checkLong}, or {@code def} when absent or nil (Lua: luaL_optinteger).
     *
     * @param i the argument's position, from 1
     * @param def the value when the argument is absent or nil
     * @return the argument's integer value, or {@code def}
     * @throws LuaException "bad argument" when present but not an integer
     */
    public long optLong(int i, long def) { return isNil(i) ? def : checkLong(i); }

    /**
     * {@link #checkDouble}, or {@code def} when absent or nil (Lua: luaL_optnumber).
     *
     * @param i the argument's position, from 1
     * @param def the value when the argument is absent or nil
     * @return the argument's value as a float, or {@code def}
     * @throws LuaException "bad argument" when present but not a number
     */
    public double optDouble(int i, double def) { return isNil(i) ? def : checkDouble(i); }

    /**
     * {@link #checkString}, or {@code def} when absent or nil (Lua: luaL_optlstring).
     *
     * @param i the argument's position, from 1
     * @param def the value when the argument is absent or nil; may be null
     * @return the argument as a string, or {@code def}
     * @throws LuaException "bad argument" when present but neither a string nor
     *         a number
     */
    public String optString(int i, String def) { return isNil(i) ? def : checkString(i); }

    /**
     * Argument {@code i} as {@code type}, checked as the typed {@link JavaFunction#of} factories
     * check it: Long/long, Integer/int, Double/double, String, Boolean/boolean (by truth),
     * {@link LuaTable}, {@link LuaFunction}, Object (any value); any other type as a bound
     * method's parameter of that type (see {@link Binding}): a bound class's objects, a
     * functional interface from a Lua function, {@link java.util.Map} or {@link java.util.List}
     * from a table, and so on.
     *
     * @param <T> the Java type wanted
     * @param i the argument's position, from 1
     * @param type the class of {@code T}
     * @return the argument as {@code T}; null for Object, or a class of objects, and a nil or absent argument
     * @throws LuaException "bad argument" when the argument does not fit
     */
    @SuppressWarnings("unchecked")
    public <T> T check(int i, Class<T> type) {
        Object r;
        if (type == Long.class || type == long.class) r = checkLong(i);
        else if (type == Integer.class || type == int.class) r = checkInt(i);
        else if (type == Double.class || type == double.class) r = checkDouble(i);
        else if (type == String.class) r = checkString(i);
        else if (type == Boolean.class || type == boolean.class) r = toBoolean(i);
        else if (type == LuaTable.class) r = checkTable(i);
        else if (type == LuaFunction.class) r = checkFunction(i);
        else if (type == Object.class) r = get(i);
        else return convert(i, type);
        return (T) r;
    }

    /** Argument {@code i} as {@code type} by the binding's rules (Conversion.fit), with lauxlib's message. */
    private <T> T convert(int i, Class<T> type) {
        boolean absent = i < 1 || i > nargs;
        Object ref = absent ? null : L.ref(base + i - 1);
        long num = absent ? 0 : L.num(base + i - 1);
        if (Conversion.fitArgument(lua, type, ref, num, absent) == 0) throw argError(i, Conversion.mismatch(lua, type, ref, num, absent));
        return Conversion.as(lua, type, ref, num, "argument");
    }

    /**
     * The error "bad argument #i to 'f' (message)" for the host to throw (Lua: luaL_argerror).
     *
     * @param i the position of the faulty argument, from 1
     * @param message what is wrong with it, the text in parentheses
     * @return the error, not yet thrown; thrown from the function, it is the Lua error
     */
    public LuaException argError(int i, String message) { return new LuaException(lua, Args.argError(L, i, message)); }
}
