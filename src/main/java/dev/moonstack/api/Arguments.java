package dev.moonstack.api;

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

    /** The number of arguments passed (Lua: lua_gettop). */
    public int count() { return nargs; }

    /** The runtime the call runs in. */
    public Lua lua() { return lua; }

    /** Argument {@code i} converted to Java as {@link Lua} describes; null when nil or absent. */
    public Object get(int i) {
        return i >= 1 && i <= nargs ? Conversion.toJava(lua, L.ref(base + i - 1), L.num(base + i - 1)) : null;
    }

    /** Whether argument {@code i} is absent or nil (Lua: lua_isnoneornil). */
    public boolean isNil(int i) { return Args.isNoneOrNil(L, base, nargs, i); }

    /** An integer, or a float or numeric string with an exact integer value (Lua: luaL_checkinteger). */
    public long checkLong(int i) { return Args.checkInteger(L, base, nargs, i); }

    /** As {@link #checkLong}, and within int's range ("value out of range" otherwise). */
    public int checkInt(int i) {
        long v = checkLong(i);
        if (v != (int) v) throw Args.argError(L, i, "value out of range");
        return (int) v;
    }

    /** A number or numeric string (Lua: luaL_checknumber). */
    public double checkDouble(int i) { return Args.checkNumber(L, base, nargs, i); }

    /** A string or number (Lua: luaL_checklstring), decoded as UTF-8. */
    public String checkString(int i) { return Args.checkString(L, base, nargs, i).toString(); }

    /** A table (Lua: luaL_checktype with LUA_TTABLE). */
    public LuaTable checkTable(int i) { return new LuaTable(lua, Args.checkTable(L, base, nargs, i)); }

    /** A function (Lua: luaL_checktype with LUA_TFUNCTION). */
    public LuaFunction checkFunction(int i) { return new LuaFunction(lua, Args.checkFunction(L, base, nargs, i)); }

    /** Lua's truth of argument {@code i}: false when nil, false or absent (Lua: lua_toboolean). */
    public boolean toBoolean(int i) {
        return i >= 1 && i <= nargs && L.ref(base + i - 1) != null && L.ref(base + i - 1) != Boolean.FALSE;
    }

    /** {@link #checkLong}, or {@code def} when absent or nil (Lua: luaL_optinteger). */
    public long optLong(int i, long def) { return Args.optInteger(L, base, nargs, i, def); }

    /** {@link #checkDouble}, or {@code def} when absent or nil (Lua: luaL_optnumber). */
    public double optDouble(int i, double def) { return Args.optNumber(L, base, nargs, i, def); }

    /** {@link #checkString}, or {@code def} when absent or nil (Lua: luaL_optlstring). */
    public String optString(int i, String def) { return isNil(i) ? def : checkString(i); }

    /**
     * Argument {@code i} as {@code type}, checked as the typed {@link JavaFunction#of} factories
     * check it: Long/long, Integer/int, Double/double, String, Boolean/boolean (by truth),
     * {@link LuaTable}, {@link LuaFunction}, Object (any value).
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
        else throw new IllegalArgumentException("no conversion of Lua values to " + type.getName());
        return (T) r;
    }

    /**
     * The error "bad argument #i to 'f' (message)" for the host to throw (Lua: luaL_argerror).
     */
    public RuntimeException argError(int i, String message) { return Args.argError(L, i, message); }
}
