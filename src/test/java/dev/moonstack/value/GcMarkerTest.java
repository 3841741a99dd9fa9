package dev.moonstack.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The marker on hand-built object graphs: reachability, weak modes, ephemerons, size estimate. */
class GcMarkerTest {
    private final GcMarker m = new GcMarker();

    private static LuaTable weak(String mode) {
        LuaTable t = new LuaTable();
        LuaTable mt = new LuaTable();
        mt.setStr(LuaString.of("__mode"), LuaString.of(mode), 0);
        t.metatable = mt;
        return t;
    }

    /** A whole marking from one root, as GarbageCollector.atomic does it without finalizers. */
    private void collect(Object root) {
        m.begin();
        m.mark(root);
        m.propagate();
        m.clearValues();
        m.propagate();
        m.clearKeysAndNewValues();
        m.end();
    }

    @Test
    void marksWhatIsReachableAndNothingElse() {
        LuaTable root = new LuaTable(), child = new LuaTable(), grandchild = new LuaTable(), stray = new LuaTable();
        root.setInt(1, child, 0);
        child.setStr(LuaString.of("g"), grandchild, 0);
        grandchild.setStr(LuaString.of("back"), root, 0);     // a cycle
        m.begin();
        m.mark(root);
        m.propagate();
        assertTrue(m.isMarked(root) && m.isMarked(child) && m.isMarked(grandchild));
        assertFalse(m.isMarked(stray));
        m.end();
        m.begin();                                             // a new marking starts unmarked
        assertFalse(m.isMarked(root));
        m.end();
    }

    @Test
    void weakValuesLoseUnreachedObjectsButKeepValues() {
        LuaTable root = new LuaTable(), kept = new LuaTable();
        LuaTable w = weak("v");
        root.setInt(1, w, 0);
        root.setInt(2, kept, 0);
        w.setInt(1, new LuaTable(), 0);
        w.setInt(2, kept, 0);
        w.setStr(LuaString.of("s"), LuaString.of("a string"), 0);
        w.setStr(LuaString.of("n"), NumTag.INT, 7);
        w.setStr(LuaString.of("t"), new LuaTable(), 0);
        collect(root);
        assertNull(w.getRef(NumTag.INT, 1));
        assertEquals(kept, w.getRef(NumTag.INT, 2));
        assertEquals(LuaString.of("a string"), w.getStrRef(LuaString.of("s")));
        assertEquals(NumTag.INT, w.getStrRef(LuaString.of("n")));
        assertNull(w.getStrRef(LuaString.of("t")));
    }

    @Test
    void weakKeysAreEphemerons() {
        LuaTable root = new LuaTable(), kept = new LuaTable();
        LuaTable w = weak("k");
        root.setInt(1, w, 0);
        root.setInt(2, kept, 0);
        LuaTable selfRef = new LuaTable(), valueOfKept = new LuaTable();
        LuaTable v = new LuaTable();
        v.setInt(1, selfRef, 0);                                // the value refers to its own key
        w.rawset(selfRef, 0, v, 0);
        w.rawset(kept, 0, valueOfKept, 0);
        w.setStr(LuaString.of("str"), new LuaTable(), 0);      // a string key is never cleared
        collect(root);
        assertNull(w.getRef(selfRef, 0));
        assertEquals(valueOfKept, w.getRef(kept, 0));
        assertNotNull(w.getStrRef(LuaString.of("str")));
    }

    @Test
    void ephemeronChainsConvergeInEitherOrder() {
        for (boolean forward : new boolean[] {true, false}) {
            LuaTable root = new LuaTable();
            LuaTable w1 = weak("k"), w2 = weak("k");
            root.setInt(1, w1, 0);
            root.setInt(2, w2, 0);
            LuaTable[] keys = new LuaTable[20];
            for (int i = 0; i < keys.length; i++) keys[i] = new LuaTable();
            for (int i = 0; i + 1 < keys.length; i++) {         // keys[i] -> keys[i+1], alternating tables
                LuaTable w = (i % 2 == 0) == forward ? w1 : w2;
                w.rawset(keys[i], 0, keys[i + 1], 0);
            }
            root.setInt(3, keys[0], 0);
            collect(root);
            for (int i = 0; i + 1 < keys.length; i++) {
                LuaTable w = (i % 2 == 0) == forward ? w1 : w2;
                assertEquals(keys[i + 1], w.getRef(keys[i], 0), "link " + i);
            }
            root.setInt(3, null, 0);                             // now the whole chain is garbage
            collect(root);
            for (int i = 0; i + 1 < keys.length; i++) {
                LuaTable w = (i % 2 == 0) == forward ? w1 : w2;
                assertNull(w.getRef(keys[i], 0), "link " + i);
            }
        }
    }

    @Test
    void allWeakTablesLoseEntriesOnEitherSide() {
        LuaTable root = new LuaTable(), kept = new LuaTable();
        LuaTable w = weak("kv");
        root.setInt(1, w, 0);
        root.setInt(2, kept, 0);
        w.rawset(kept, 0, new LuaTable(), 0);
        w.rawset(new LuaTable(), 0, kept, 0);
        w.setStr(LuaString.of("x"), kept, 0);
        collect(root);
        assertNull(w.getRef(kept, 0));
        assertEquals(kept, w.getStrRef(LuaString.of("x")));
        Object[] r = new Object[2];
        long[] n = new long[2];
        int entries = 0;
        Object k = null;
        long kn = 0;
        while (w.next(k, kn, r, n, 0)) {
            entries++;
            k = r[0];
            kn = n[0];
        }
        assertEquals(1, entries);
    }

    @Test
    void sizeEstimateCountsTablesAndLongStrings() {
        LuaTable root = new LuaTable();
        m.begin();
        m.mark(root);
        m.propagate();
        long empty = m.bytes();
        m.end();
        assertTrue(empty > 0);
        LuaString big = LuaString.of("y".repeat(10_000));
        root.setInt(1, big, 0);
        root.setStr(LuaString.of("short"), LuaString.of("short"), 0);
        m.begin();
        m.mark(root);
        m.propagate();
        long withString = m.bytes();
        m.end();
        assertTrue(withString - empty >= 10_000 && withString - empty < 11_000, "grew by " + (withString - empty));
    }
}
