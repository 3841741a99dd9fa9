package dev.moonstack.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A Lua table held by the host. Keys and values cross as {@link Lua} describes. Every access
 * is raw (Lua: lua_rawget, lua_rawset, lua_rawlen, lua_next): no metamethod runs, so reading a
 * script's tables never runs script code and cannot fail but for a wrong type.
 *
 * <pre>{@code
 * LuaTable config = lua.getTable("config");
 * long width = config.getLong("width");
 * String title = config.getString("title");
 * }</pre>
 *
 * The typed getters raise a {@link LuaException} "field 'width': number
 * expected, got nil" when the field does not hold such a value. Use it from the thread that
 * uses the runtime, while no script runs on another thread.
 */
public final class LuaTable extends LuaReference {
    private final dev.moonstack.value.LuaTable t;

    LuaTable(Lua lua, dev.moonstack.value.LuaTable t) {
        super(lua, t);
        this.t = t;
    }

    /**
     * t[key], converted to Java (null if absent).
     *
     * @param key the key, converted as {@link Lua} describes (a String is a Lua string)
     * @return the value converted as {@link Lua} describes, or null when t[key] is nil
     */
    public Object get(Object key) { return typed(Object.class, key); }

    /**
     * t[key] as a long: an integer, or a float with an exact integer value.
     *
     * @param key the key, converted as {@link Lua} describes (a String is a Lua string)
     * @return the field's integer value
     * @throws LuaException "field 'key': ... expected, got ..." when the field holds no such value
     */
    public long getLong(Object key) { return typed(Long.class, key); }

    /**
     * t[key] as a double: any number.
     *
     * @param key the key, converted as {@link Lua} describes (a String is a Lua string)
     * @return the field's value as a float; an integer is converted
     * @throws LuaException "field 'key': ... expected, got ..." when the field holds no such value
     */
    public double getDouble(Object key) { return typed(Double.class, key); }

    /**
     * t[key] as a String: a string, or a number as Lua writes it.
     *
     * @param key the key, converted as {@link Lua} describes (a String is a Lua string)
     * @return the string, decoded as UTF-8
     * @throws LuaException "field 'key': ... expected, got ..." when the field holds no such value
     */
    public String getString(Object key) { return typed(String.class, key); }

    /**
     * t[key] as Lua's truth: false for nil and false, true for anything else.
     *
     * @param key the key, converted as {@link Lua} describes (a String is a Lua string)
     * @return false when the field is nil or false, true otherwise (never an error)
     */
    public boolean getBoolean(Object key) { return typed(Boolean.class, key); }

    /**
     * t[key] as a table.
     *
     * @param key the key, converted as {@link Lua} describes (a String is a Lua string)
     * @return a handle on the table
     * @throws LuaException "field 'key': ... expected, got ..." when the field holds no such value
     */
    public LuaTable getTable(Object key) { return typed(LuaTable.class, key); }

    /**
     * t[key] as a function.
     *
     * @param key the key, converted as {@link Lua} describes (a String is a Lua string)
     * @return a handle on the function (a Lua or a Java function)
     * @throws LuaException "field 'key': ... expected, got ..." when the field holds no such value
     */
    public LuaFunction getFunction(Object key) { return typed(LuaFunction.class, key); }

    /**
     * t[key] as {@code type} (the conversions of the typed getters; Object for any value).
     *
     * @param <T> the Java type wanted
     * @param key the key, converted as {@link Lua} describes (a String is a Lua string)
     * @param type the class of {@code T}: Long/long, Integer/int, Double/double, String,
     *        Boolean/boolean, {@link LuaTable}, {@link LuaFunction} or Object
     * @return the field as {@code T}; null only for Object and a nil field
     * @throws LuaException "field 'key': ... expected, got ..." when the field holds no such value
     * @throws IllegalArgumentException when {@code type} is not one of those listed
     */
    public <T> T get(Object key, Class<T> type) { return typed(type, key); }

    private <T> T typed(Class<T> type, Object key) {
        return lua.read(() -> {
            Object[] r = new Object[1];
            long[] n = new long[1];
            t.get(Conversion.ref(lua, key), Conversion.num(key), r, n, 0);
            return Conversion.as(lua, type, r[0], n[0], "field " + describe(key));
        });
    }

    /**
     * t[key] = value; a null value removes the key. A nil or NaN key is a Lua error.
     *
     * @param key the key, converted as {@link Lua} describes (a String is a Lua string)
     * @param value the value, converted as {@link Lua} describes; null is nil and removes the key
     * @throws LuaException when {@code key} is null (nil) or NaN
     */
    public void set(Object key, Object value) {
        lua.read(() -> {
            t.rawset(Conversion.ref(lua, key), Conversion.num(key), Conversion.ref(lua, value), Conversion.num(value));
            return null;
        });
    }

    /**
     * The raw length, #t without __len (Lua: lua_rawlen): a border of the table.
     *
     * @return a border: t[n] is not nil and t[n+1] is nil, or 0 when t[1] is nil
     */
    public long length() { return lua.read(t::length); }

    /**
     * Calls {@code action} with each key and value, in {@code next}'s order. It walks a
     * snapshot ({@link #toMap}), so the action may change the table.
     *
     * @param action called with each key and value, converted as {@link Lua} describes
     */
    public void forEach(BiConsumer<Object, Object> action) {
        for (Map.Entry<Object, Object> e : toMap().entrySet()) action.accept(e.getKey(), e.getValue());
    }

    /**
     * A snapshot of the table as a Java map, in {@code next}'s order: keys and values
     * converted as {@link Lua} describes (nested tables stay {@link LuaTable} handles).
     *
     * @return a new, modifiable map; later changes to the table do not show in it
     */
    public Map<Object, Object> toMap() {
        return lua.read(() -> {
            Map<Object, Object> m = new LinkedHashMap<>();
            t.forEach((kr, kn, vr, vn) -> m.put(Conversion.toJava(lua, kr, kn), Conversion.toJava(lua, vr, vn)));
            return m;
        });
    }

    /**
     * A snapshot of t[1] .. t[#t] as a Java list (holes become null), values converted.
     *
     * @return a new, modifiable list of {@link #length} elements, t[1] first
     */
    public List<Object> toList() {
        return lua.read(() -> {
            long len = t.length();
            List<Object> list = new ArrayList<>((int) Math.min(len, 1 << 16));
            Object[] r = new Object[1];
            long[] n = new long[1];
            for (long i = 1; i <= len; i++) {
                t.getInt(i, r, n, 0);
                list.add(Conversion.toJava(lua, r[0], n[0]));
            }
            return list;
        });
    }

    private static String describe(Object key) {
        return key instanceof String ? "'" + key + "'" : "[" + key + "]";
    }
}
