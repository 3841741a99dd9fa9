package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moonstack.value.LuaString;
import dev.moonstack.value.NumTag;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one table walk (value.LuaTable.forEach) as its two API users see it: LuaTable.toMap
 * keeps every key, and Profile.keepOnly removes every key but the kept names, integer and float
 * keys included (it once removed key 0 instead of an integer key).
 */
class TableWalkTest {
    @Test
    void keepOnlyRemovesEveryOtherKeyWithBothHalves() {
        dev.moonstack.value.LuaTable t = new dev.moonstack.value.LuaTable();
        t.setInt(1, LuaString.of("one"), 0);
        t.setInt(2, LuaString.of("two"), 0);
        t.rawset(NumTag.INT, 100, Boolean.TRUE, 0);
        t.rawset(NumTag.FLT, Double.doubleToRawLongBits(2.5), Boolean.TRUE, 0);
        t.setStr(LuaString.of("read"), Boolean.TRUE, 0);
        t.setStr(LuaString.of("open"), Boolean.TRUE, 0);
        t.rawset(Boolean.TRUE, 0, Boolean.TRUE, 0);
        Profile.keepOnly(t, new String[] {"read"});
        Map<String, Object> left = new LinkedHashMap<>();
        t.forEach((kr, kn, vr, vn) -> left.put(String.valueOf(Lua.toJava(kr, kn)), vr));
        assertEquals(Map.of("read", Boolean.TRUE), left);
    }

    @Test
    void toMapHasEveryKey() {
        Lua lua = Lua.builder().stdout(new ByteArrayOutputStream()).build();
        lua.exec("t = {10, 20, [2.5] = 'f', [-1] = 'm', x = true, [true] = 'b'} t[2] = nil");
        Map<Object, Object> m = lua.getTable("t").toMap();
        Map<Object, Object> expected = new LinkedHashMap<>();
        expected.put(1L, 10L);
        expected.put(2.5, "f");
        expected.put(-1L, "m");
        expected.put("x", true);
        expected.put(true, "b");
        assertEquals(expected, new LinkedHashMap<>(m));
    }
}
