package dev.moonstack.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * A stateful model test of LuaTable: random sequences of stores (including nil), reads,
 * traversals and length queries, checked after every step against a Java map. Keys mix small
 * and large integers, floats with and without integral values, strings and booleans, so that
 * both parts of the table, rehashing, dead keys and key normalisation are exercised.
 */
class LuaTableProperties {
    /** A key as a Java value (Long, Double, String, Boolean); floats with integral values are normalised. */
    static Object normal(Object k) {
        if (k instanceof Double && LuaNumber.fitsInteger((Double) k)) return (long) (double) (Double) k;
        return k;
    }

    static Object ref(Object k) {
        if (k instanceof Long) return NumTag.INT;
        if (k instanceof Double) return NumTag.FLT;
        if (k instanceof String) return LuaString.of((String) k);
        return k;
    }

    static long num(Object k) {
        if (k instanceof Long) return (Long) k;
        if (k instanceof Double) return Double.doubleToRawLongBits((Double) k);
        return 0;
    }

    static final class State {
        final LuaTable table = new LuaTable();
        final Map<Object, Long> model = new HashMap<>();

        void check() {
            Object[] r = new Object[2];
            long[] n = new long[2];
            for (Map.Entry<Object, Long> e : model.entrySet()) {
                assertTrue(table.load(ref(e.getKey()), num(e.getKey()), r, n, 0), "present: " + e.getKey());
                assertEquals((long) e.getValue(), n[0], "value of " + e.getKey());
            }
            Map<Object, Long> seen = new HashMap<>();
            r[0] = null;
            while (table.next(r[0], n[0], r, n, 0)) {
                Object k = r[0] == NumTag.INT ? (Object) n[0] : r[0] == NumTag.FLT ? (Object) Double.longBitsToDouble(n[0])
                        : r[0] instanceof LuaString ? r[0].toString() : r[0];
                assertTrue(seen.put(k, n[1]) == null, "next visits a key once: " + k);
            }
            assertEquals(model, seen, "traversal yields exactly the entries");
            long border = table.length();
            assertTrue(border == 0 || model.containsKey(border), "t[#t] is not nil: " + border);
            assertTrue(!model.containsKey(border + 1), "t[#t+1] is nil: " + border);
        }
    }

    @Provide
    Arbitrary<Object> keys() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, 40).map(l -> (Object) l),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().between(-50, 50).map(d -> (Object) d),
                Arbitraries.longs().between(-5, 60).map(l -> (Object) (double) l),
                Arbitraries.strings().alpha().ofMaxLength(3).map(s -> (Object) s),
                Arbitraries.of(true, false));
    }

    Arbitrary<Transformer<State>> set() {
        return Arbitraries.lazy(() -> keys().flatMap(k -> Arbitraries.longs().map(v -> Transformer.mutate(
                "set " + k + "=" + v, s -> {
                    s.table.rawset(ref(k), num(k), NumTag.INT, v);
                    s.model.put(normal(k), v);
                    s.check();
                }))));
    }

    Arbitrary<Transformer<State>> remove() {
        return keys().map(k -> Transformer.mutate("remove " + k, s -> {
            s.table.rawset(ref(k), num(k), null, 0);
            s.model.remove(normal(k));
            s.check();
        }));
    }

    Arbitrary<Transformer<State>> append() {
        return Arbitraries.longs().map(v -> Transformer.mutate("append " + v, s -> {
            long n = s.table.length() + 1;
            s.table.setInt(n, NumTag.INT, v);
            s.model.put(n, v);
            s.check();
        }));
    }

    @Property(tries = 300)
    void behavesLikeAMap(@ForAll("chains") ActionChain<State> chain) {
        chain.run();
    }

    @Provide
    Arbitrary<ActionChain<State>> chains() {
        return ActionChain.<State>startWith(State::new)
                .withAction(3, (Action.Independent<State>) this::set)
                .withAction(1, (Action.Independent<State>) this::remove)
                .withAction(2, (Action.Independent<State>) this::append)
                .withMaxTransformations(120);
    }

    @Property(tries = 200)
    void assigningExistingKeysDuringTraversalKeepsTheOrder(@ForAll("keysList") java.util.List<Object> ks) {
        LuaTable t = new LuaTable();
        for (Object k : ks) t.rawset(ref(k), num(k), NumTag.INT, 1);
        Object[] r = new Object[2];
        long[] n = new long[2];
        int count = 0;
        r[0] = null;
        while (t.next(r[0], n[0], r, n, 0)) {
            t.rawset(r[0], n[0], NumTag.INT, 2);            // assignment to an existing field
            if (count % 2 == 0) t.rawset(r[0], n[0], null, 0);   // and clearing it
            count++;
        }
        assertEquals(ks.stream().map(LuaTableProperties::normal).distinct().count(), count);
    }

    @Provide
    Arbitrary<java.util.List<Object>> keysList() {
        return keys().list().ofMaxSize(60);
    }
}
