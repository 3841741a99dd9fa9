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
 * runtime (for its internal users) pass as they are. Any other object becomes the userdata
 * the runtime's {@link JavaObjects} gives it (bound or opaque).
 *
 * <p>Lua to Java: nil is null, booleans Boolean, integers Long, floats Double, strings String
 * (decoded as UTF-8), tables {@link LuaTable}, functions {@link LuaFunction}, the userdata of a
 * Java object that object, and other userdata and threads a plain {@link LuaReference}.
 * Towards a given Java type (arguments of bound methods, typed reads) the rules are
 * {@link #fit} and {@link #as}.
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
        if (lua != null) return lua.objects.userdata(v);
        throw new IllegalArgumentException("no Lua value for a " + v.getClass().getName() + " outside a runtime");
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
        Object o = lua != null ? lua.objects.payload(ref) : null;
        return o != null ? o : new LuaReference(lua, ref);
    }

    /**
     * A Lua value as a Java value of class {@code type}, or a Lua error "what: text" where the
     * text is lauxlib's ({@link #mismatch}); see {@link #fit} for what each type takes. Numbers
     * and numeric strings convert as lua_tointegerx and lua_tonumberx convert them, strings and
     * numbers as lua_tolstring; {@code boolean}/{@link Boolean} takes any value by its truth.
     */
    @SuppressWarnings("unchecked")
    static <T> T as(Lua lua, Class<T> type, Object ref, long num, String what) {
        if (type != Boolean.class && type != boolean.class && fit(lua, type, ref, num) == 0) throw LuaError.plain(what + ": " + mismatch(lua, type, ref, num, false));
        return (T) convert(lua, type, ref, num);
    }

    /**
     * How well a Lua value fits a Java type, for choosing among overloads: 0 not at all, 1
     * loosely (by a conversion Lua would also apply, or into Object), 2 well, 3 exactly.
     * Integer types take integers in their range, and floats and numeric strings with such an
     * exact value (luaL_checkinteger); float types numbers and numeric strings
     * (luaL_checknumber); String and CharSequence strings and numbers (luaL_checklstring);
     * boolean booleans; {@link LuaTable}, {@link java.util.Map} and {@link java.util.List}
     * tables; {@link LuaFunction} functions; {@link LuaReference} tables, functions, userdata
     * and threads; a functional interface functions (see {@link Callbacks}); any other class
     * the Java objects of that class, and nil as null; Object anything. char takes nothing.
     */
    static int fit(Lua lua, Class<?> type, Object ref, long num) {
        if (type == Object.class) return 1;
        Class<?> t = type.isPrimitive() ? box(type) : type;
        if (t == Long.class || t == Integer.class || t == Short.class || t == Byte.class) {
            if (ref == NumTag.INT) return inRange(t, num) ? 3 : 0;
            long[] out = new long[1];
            return Coerce.toInteger(ref, num, out) && inRange(t, out[0]) ? 1 : 0;
        }
        if (t == Double.class || t == Float.class) {
            if (ref == NumTag.FLT) return 3;
            return ref == NumTag.INT ? 2 : Coerce.toNumber(ref, num, new long[1]) != null ? 1 : 0;
        }
        if (t == Boolean.class) return ref instanceof Boolean ? 3 : 0;
        if (t == String.class || t == CharSequence.class) return ref instanceof LuaString ? 3 : ref instanceof NumTag ? 1 : 0;
        if (t == Character.class || isInternalType(t)) return 0;
        if (t == LuaTable.class) return ref instanceof dev.moonstack.value.LuaTable ? 3 : 0;
        if (t == Map.class || t == List.class) return ref instanceof dev.moonstack.value.LuaTable ? 2 : 0;
        if (t == LuaFunction.class) return ref instanceof dev.moonstack.value.LuaFunction ? 3 : 0;
        if (t == LuaReference.class) return ref != null && !(ref instanceof Boolean) && !(ref instanceof NumTag) && !(ref instanceof LuaString) ? 2 : 0;
        if (ref == null) return 1;
        if (ref instanceof dev.moonstack.value.LuaFunction) return Callbacks.isFunctional(t) ? 3 : 0;
        Object o = lua != null ? lua.objects.payload(ref) : null;
        return o != null && t.isInstance(o) ? 3 : 0;
    }

    /**
     * {@link #fit} for an argument, which may be absent: a missing argument fits only Object
     * (as null), so that nil may stand for null but forgetting an argument is an error.
     */
    static int fitArgument(Lua lua, Class<?> type, Object ref, long num, boolean absent) {
        return absent ? (type == Object.class ? 1 : 0) : fit(lua, type, ref, num);
    }

    /** The Java value of a Lua value that {@link #fit}s {@code type} (booleans by truth). */
    static Object convert(Lua lua, Class<?> type, Object ref, long num) {
        if (type == Object.class) return toJava(lua, ref, num);
        Class<?> t = type.isPrimitive() ? box(type) : type;
        if (t == Boolean.class) return ref != null && ref != Boolean.FALSE;
        if (t == Long.class || t == Integer.class || t == Short.class || t == Byte.class) {
            long v = num;
            if (ref != NumTag.INT) {
                long[] out = new long[1];
                Coerce.toInteger(ref, num, out);
                v = out[0];
            }
            return t == Long.class ? (Object) v : t == Integer.class ? (Object) (int) v : t == Short.class ? (Object) (short) v : (Object) (byte) v;
        }
        if (t == Double.class || t == Float.class) {
            double d = ref == NumTag.FLT ? Double.longBitsToDouble(num) : ref == NumTag.INT ? num : Coerce.toDouble(ref, num, new long[1]);
            return t == Double.class ? (Object) d : (Object) (float) d;
        }
        if (t == String.class || t == CharSequence.class) return ref instanceof LuaString ? ref.toString() : Coerce.numberToString(ref, num).toString();
        if (t == Map.class) return new LuaTable(lua, (dev.moonstack.value.LuaTable) ref).toMap();
        if (t == List.class) return new LuaTable(lua, (dev.moonstack.value.LuaTable) ref).toList();
        if (t == LuaReference.class) {
            Object j = toJava(lua, ref, num);
            return j instanceof LuaReference ? j : new LuaReference(lua, ref);
        }
        if (ref == null || t == LuaTable.class || t == LuaFunction.class) return toJava(lua, ref, num);
        if (ref instanceof dev.moonstack.value.LuaFunction) return Callbacks.proxy(lua, t, (dev.moonstack.value.LuaFunction) ref);
        return lua.objects.payload(ref);
    }

    /**
     * What is wrong with a Lua value for {@code type}, as lauxlib words it inside "bad argument
     * #n to 'f' (...)": "number expected, got string", "number has no integer representation",
     * "value out of range", or with {@code absent} "... got no value".
     */
    static String mismatch(Lua lua, Class<?> type, Object ref, long num, boolean absent) {
        Class<?> t = type.isPrimitive() ? box(type) : type;
        long[] out = new long[1];
        if (!absent && (t == Long.class || t == Integer.class || t == Short.class || t == Byte.class)
                && Coerce.toNumber(ref, num, out) != null) {
            return Coerce.toInteger(ref, num, out) ? "value out of range" : "number has no integer representation";
        }
        return expected(type) + " expected, got " + (absent ? "no value" : typeName(ref));
    }

    /** The name lauxlib's messages give what {@code type} takes: "number", "string", "GameObject". */
    static String expected(Class<?> type) {
        Class<?> t = type.isPrimitive() ? box(type) : type;
        if (Number.class.isAssignableFrom(t)) return "number";
        if (t == String.class || t == CharSequence.class) return "string";
        if (t == Boolean.class) return "boolean";
        if (t == LuaTable.class || t == Map.class || t == List.class) return "table";
        if (t == LuaFunction.class) return "function";
        if (t == Object.class || t == LuaReference.class) return "value";
        return Callbacks.isFunctional(t) ? "function" : JavaObjects.nameOf(t);
    }

    /** Lua's name of a value's type in messages: {@code __name} of its metatable, else its type (Lua: luaL_typeerror). */
    static String typeName(Object ref) {
        dev.moonstack.value.LuaTable mt = ref instanceof dev.moonstack.value.LuaUserdata
                ? ((dev.moonstack.value.LuaUserdata) ref).metatable
                : ref instanceof dev.moonstack.value.LuaTable ? ((dev.moonstack.value.LuaTable) ref).metatable : null;
        Object name = mt != null ? mt.getStrRef(JavaObjects.NAME) : null;
        return name instanceof LuaString ? name.toString() : ref == null ? "nil" : LuaType.nameOf(ref);
    }

    private static boolean inRange(Class<?> t, long v) {
        return t == Long.class || (t == Integer.class ? v == (int) v : t == Short.class ? v == (short) v : v == (byte) v);
    }

    private static boolean isInternalType(Class<?> t) {
        return t.getName().startsWith("dev.moonstack.") && !t.getName().startsWith("dev.moonstack.api.");
    }

    static Class<?> box(Class<?> p) {
        return p == long.class ? Long.class : p == int.class ? Integer.class : p == short.class ? Short.class
                : p == byte.class ? Byte.class : p == double.class ? Double.class : p == float.class ? Float.class
                : p == boolean.class ? Boolean.class : p == char.class ? Character.class : p;
    }
}
