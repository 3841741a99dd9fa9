package dev.moonstack.api;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaType;
import dev.moonstack.value.NumTag;
import dev.moonstack.vm.Coerce;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values crossing between Java and Lua, both ways (the API's one definition of it).
 *
 * <p>Java to Lua: null is nil; Boolean a boolean; Long, Integer, Short and Byte integers;
 * Double and Float floats; String and Character strings (UTF-8); a {@link LuaTable} or
 * {@link LuaFunction} handle the value it stands for (of the same runtime only); a
 * {@link JavaFunction} a function; a {@link Map} a new table with its entries converted; a
 * {@link List} a new sequence (elements 1..n; a null element leaves a hole). Maps and lists
 * that contain themselves become tables that contain themselves. Values of Moonstack's own
 * runtime (for its internal users) pass as they are. Any other object is refused with an
 * {@link IllegalArgumentException}: it goes through the runtime's {@code Lua.objects} first,
 * where the Java object binding plugs in (per runtime: runtimes share no mutable state).
 *
 * <p>Lua to Java: nil is null, booleans Boolean, integers Long, floats Double, strings String
 * (decoded as UTF-8), tables {@link LuaTable}, functions {@link LuaFunction}, and userdata
 * and threads a plain {@link LuaReference}.
 */
final class Conversion {
    private Conversion() {}

    /** The ref part of {@code v} as a Lua value ({@link NumTag} for numbers; see {@link #num}). */
    static Object ref(Lua lua, Object v) {
        return ref(lua, v, null);
    }

    private static Object ref(Lua lua, Object v, IdentityHashMap<Object, dev.moonstack.value.LuaTable> made) {
        if (v == null || v instanceof Boolean) return v;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) return NumTag.INT;
        if (v instanceof Double || v instanceof Float) return NumTag.FLT;
        if (v instanceof String) return LuaString.of((String) v);
        if (v instanceof Character) return LuaString.of(v.toString());
        if (v instanceof LuaReference) return ((LuaReference) v).refFor(lua);
        if (v instanceof JavaFunction) return HostCalls.builtin(lua, "?", (JavaFunction) v);
        if (v instanceof Map || v instanceof List) return table(lua, v, made == null ? new IdentityHashMap<>() : made);
        if (isLuaValue(v)) return v;
        Object bound = lua != null && lua.objects != null ? lua.objects.apply(v) : null;
        if (bound != null) return bound;
        throw new IllegalArgumentException("no Lua value for a " + v.getClass().getName()
                + " (supported: null, Boolean, numbers, String, Map, List, JavaFunction, LuaTable, LuaFunction)");
    }

    /** The num part of {@code v} as a Lua value: the integer or the float's bits, else 0. */
    static long num(Object v) {
        if (v instanceof Double || v instanceof Float) return Double.doubleToRawLongBits(((Number) v).doubleValue());
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        return 0;
    }

    private static dev.moonstack.value.LuaTable table(Lua lua, Object v, IdentityHashMap<Object, dev.moonstack.value.LuaTable> made) {
        dev.moonstack.value.LuaTable t = made.get(v);
        if (t != null) return t;
        if (v instanceof List) {
            List<?> list = (List<?>) v;
            t = new dev.moonstack.value.LuaTable(list.size(), 0);
            made.put(v, t);
            long i = 1;
            for (Object e : list) {
                if (e != null) t.setInt(i, ref(lua, e, made), num(e));
                i++;
            }
            return t;
        }
        Map<?, ?> map = (Map<?, ?>) v;
        t = new dev.moonstack.value.LuaTable(0, map.size());
        made.put(v, t);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() == null) continue;
            t.rawset(ref(lua, e.getKey(), made), num(e.getKey()), ref(lua, e.getValue(), made), num(e.getValue()));
        }
        return t;
    }

    /** Whether {@code v} is already a value of the runtime (internal users pass those). */
    static boolean isLuaValue(Object v) {
        return v instanceof LuaString || v instanceof NumTag || v instanceof dev.moonstack.value.LuaTable
                || v instanceof dev.moonstack.value.LuaFunction || v instanceof dev.moonstack.value.LuaUserdata
                || v instanceof dev.moonstack.value.ThreadValue;
    }

    /** A Lua value (ref, num) as a Java value (see the class comment). */
    static Object toJava(Lua lua, Object ref, long num) {
        if (ref == NumTag.INT) return num;
        if (ref == NumTag.FLT) return Double.longBitsToDouble(num);
        if (ref == null || ref instanceof Boolean) return ref;
        if (ref instanceof LuaString) return ref.toString();
        if (ref instanceof dev.moonstack.value.LuaTable) return new LuaTable(lua, (dev.moonstack.value.LuaTable) ref);
        if (ref instanceof dev.moonstack.value.LuaFunction) return new LuaFunction(lua, (dev.moonstack.value.LuaFunction) ref);
        return new LuaReference(lua, ref);
    }

    /**
     * A Lua value as a Java value of class {@code type}, or a Lua error naming {@code what}
     * ("field 'x'", "result #1") and the types: {@code long}/{@link Long} takes integers and
     * floats with an exact integer value (Lua: lua_tointegerx), {@code double}/{@link Double}
     * any number, {@link String} strings and numbers (Lua: lua_tolstring), {@code boolean}/
     * {@link Boolean} any value by truth, {@link LuaTable}, {@link LuaFunction} their type,
     * {@link Object} anything (nil included).
     */
    @SuppressWarnings("unchecked")
    static <T> T as(Lua lua, Class<T> type, Object ref, long num, String what) {
        Object r;
        if (type == Object.class) r = toJava(lua, ref, num);
        else if (type == Long.class || type == long.class) r = integer(ref, num, what);
        else if (type == Integer.class || type == int.class) r = Math.toIntExact(integer(ref, num, what));
        else if (type == Double.class || type == double.class) r = number(ref, num, what);
        else if (type == String.class) r = string(ref, num, what);
        else if (type == Boolean.class || type == boolean.class) r = ref != null && ref != Boolean.FALSE;
        else if (type == LuaTable.class || type == LuaFunction.class) {
            Object j = toJava(lua, ref, num);
            if (!type.isInstance(j)) throw mismatch(what, type == LuaTable.class ? "table" : "function", ref);
            r = j;
        } else {
            throw new IllegalArgumentException("no conversion of Lua values to " + type.getName());
        }
        return (T) r;
    }

    private static long integer(Object ref, long num, String what) {
        if (ref == NumTag.INT) return num;
        if (ref == NumTag.FLT) {
            double d = Double.longBitsToDouble(num);
            if (dev.moonstack.value.LuaNumber.fitsInteger(d)) return (long) d;
            throw LuaError.plain(what + ": number has no integer representation");
        }
        throw mismatch(what, "integer", ref);
    }

    private static double number(Object ref, long num, String what) {
        if (ref == NumTag.INT) return num;
        if (ref == NumTag.FLT) return Double.longBitsToDouble(num);
        throw mismatch(what, "number", ref);
    }

    private static String string(Object ref, long num, String what) {
        if (ref instanceof LuaString) return ref.toString();
        if (ref instanceof NumTag) return Coerce.numberToString(ref, num).toString();
        throw mismatch(what, "string", ref);
    }

    private static LuaError mismatch(String what, String expected, Object ref) {
        return LuaError.plain(what + ": " + expected + " expected, got " + (ref == null ? "nil" : LuaType.nameOf(ref)));
    }
}
