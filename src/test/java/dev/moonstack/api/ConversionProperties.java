package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Java -> Lua -> Java: every supported Java value, passed to Lua and back (through a Lua
 * function that returns its argument, through a global, and through a table field), comes back
 * as itself after the documented narrowing (Integer, Short, Byte to Long, Float to Double,
 * Character to String; Maps and Lists come back as tables, compared by their contents). Java
 * objects, of a bound class or opaque, come back as the same object.
 */
class ConversionProperties {
    static final Lua LUA = Lua.builder().stdout(new ByteArrayOutputStream()).build();
    static final LuaFunction ID = (LuaFunction) LUA.exec("return function(...) return ... end")[0];

    @Property(tries = 500)
    void roundTrips(@ForAll("values") Object v) {
        Object expected = normal(v);
        assertEquals(expected, deep(ID.call(v)[0]), "through a call");
        LUA.setGlobal("g", v);
        assertEquals(expected, deep(LUA.getGlobal("g")), "through a global");
        LuaTable t = LUA.newTable();
        t.set("k", v);
        assertEquals(expected, deep(t.get("k")), "through a table");
    }

    /** A bound class (by its exported field); its objects must come back as themselves. */
    public static final class Token {
        @LuaExport public final int id;

        Token(int id) { this.id = id; }
    }

    @Property(tries = 100)
    void boundObjectsKeepTheirIdentityAndFields(@ForAll int id) {
        Token t = new Token(id);
        LUA.setGlobal("t", t);
        Object[] r = LUA.exec("return t, t.id, t == t");
        org.junit.jupiter.api.Assertions.assertSame(t, r[0]);
        assertEquals((long) id, r[1]);
        assertEquals(true, r[2]);
    }

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.longs().map(x -> x), Arbitraries.integers().map(x -> x), Arbitraries.shorts().map(x -> x),
                Arbitraries.bytes().map(x -> x), Arbitraries.doubles().map(x -> x), Arbitraries.floats().map(x -> x),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0).map(x -> x),
                Arbitraries.strings().map(x -> x), Arbitraries.chars().filter(c -> !Character.isSurrogate(c)).map(x -> x),
                Arbitraries.of(true, false).map(x -> x), Arbitraries.just(null),
                Arbitraries.integers().map(Token::new), Arbitraries.strings().map(StringBuilder::new));
        Arbitrary<Object> list = scalar.filter(x -> x != null).list().ofMaxSize(5).map(x -> x);
        Arbitrary<Object> map = Arbitraries.maps(Arbitraries.strings().ofMinLength(1).ofMaxLength(4), scalar.filter(x -> x != null))
                .ofMaxSize(4).map(x -> x);
        return Arbitraries.oneOf(scalar, list, map, Arbitraries.maps(Arbitraries.strings().ofMaxLength(3), list).ofMaxSize(3).map(x -> x));
    }

    /** The value as it should come back (the documented narrowing); strings with lone surrogates are out of UTF-8. */
    static Object normal(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        if (v instanceof Float) return (double) (Float) v;
        if (v instanceof Character) return v.toString();
        if (v instanceof String) return new String(((String) v).getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
        if (v instanceof List) {
            List<Object> l = new ArrayList<>();
            for (Object e : (List<?>) v) l.add(normal(e));
            return l;
        }
        if (v instanceof Map && ((Map<?, ?>) v).isEmpty()) return new ArrayList<>();   // an empty table is both
        if (v instanceof Map) {
            Map<Object, Object> m = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) m.put(normal(e.getKey()), normal(e.getValue()));
            return m;
        }
        return v;
    }

    /** Tables as Java collections for comparison: sequences as lists, others as maps. */
    static Object deep(Object v) {
        if (!(v instanceof LuaTable)) return v;
        LuaTable t = (LuaTable) v;
        Map<Object, Object> m = t.toMap();
        if (m.size() == t.length()) {
            List<Object> l = new ArrayList<>();
            for (Object e : t.toList()) l.add(deep(e));
            return l;
        }
        Map<Object, Object> d = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : m.entrySet()) d.put(e.getKey(), deep(e.getValue()));
        return d;
    }
}
