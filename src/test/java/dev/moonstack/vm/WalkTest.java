package dev.moonstack.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.TM;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metamethod walks (see {@link Meta}) as a caller other than the executor sees them: a raw
 * result in the destination slot, or the call placed at the call slot with the top above it;
 * and the Java-mode callers, which make the call and leave the top where it was.
 */
class WalkTest {
    private final Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true);
    private final LuaThread L = Runtimes.mainThread(lua);
    private final ValueStack s = L.stack;
    private LuaTable obj, plain, chained;

    @BeforeEach
    void setUp() {
        Object[] r = Runtimes.execRaw(lua, String.join("\n",
                "local mt = {__index = function(t, k) return k * 2 end,",
                "  __newindex = function(t, k, v) rawset(t, k, v * 10) end,",
                "  __lt = function() return true end, __le = function() return false end,",
                "  __eq = function() return true end, __add = function() return 7 end,",
                "  __len = function() return 42 end}",
                "return setmetatable({}, mt), {10, 20, x = 1}, setmetatable({}, {__index = {y = 5}})"));
        obj = (LuaTable) r[0];
        plain = (LuaTable) r[1];
        chained = (LuaTable) r[2];
    }

    private static final LuaString X = LuaString.of("x"), Y = LuaString.of("y");

    @Test
    void getEndsInARawResultOrACallDecision() {
        int top = s.top, dest = top, f = top + 1;
        s.ensure(f + 4);
        assertFalse(Meta.walkGet(L, plain, 0, X, 0, dest, VarInfo.NONE, f));
        assertEquals(NumTag.INT, s.refs[dest]);
        assertEquals(1, s.nums[dest]);
        assertFalse(Meta.walkGetField(L, chained, 0, Y, dest, VarInfo.NONE, f));
        assertEquals(5, s.nums[dest]);
        assertEquals(top, s.top, "a raw result leaves the top alone");
        assertTrue(Meta.walkGet(L, obj, 0, NumTag.INT, 21, dest, VarInfo.NONE, f));
        assertTrue(s.refs[f] instanceof LuaFunction);       // [ tm t k ] at f
        assertSame(obj, s.refs[f + 1]);
        assertEquals(21, s.nums[f + 2]);
        assertEquals(f + 3, s.top);
        s.top = top;
    }

    @Test
    void setPlacesTheValueAsFourthSlot() {
        int top = s.top, f = top;
        assertTrue(Meta.walkSet(L, obj, 0, X, 0, NumTag.INT, 3, VarInfo.NONE, f));
        assertEquals(f + 4, s.top);                         // [ tm t k v ]
        assertEquals(3, s.nums[f + 3]);
        s.top = top;
        assertFalse(Meta.walkSet(L, plain, 0, Y, 0, NumTag.INT, 4, VarInfo.NONE, f));
        assertEquals(NumTag.INT, plain.getRef(Y, 0));       // stored raw: no __newindex
        assertEquals(top, s.top);
    }

    @Test
    void comparisonsAnswerOneZeroOrCall() {
        int f = s.top;
        assertEquals(1, Compare.walkLess(L, NumTag.INT, 1, NumTag.INT, 2, false, f));
        assertEquals(0, Compare.walkEq(L, plain, 0, chained, 0, f));   // two tables, neither has __eq
        assertEquals(f, s.top);
        assertEquals(Meta.CALL_TM, Compare.walkEq(L, plain, 0, obj, 0, f));   // the second one's __eq
        assertSame(obj, s.refs[f + 2]);
        s.top = f;
        assertEquals(Meta.CALL_TM, Compare.walkLess(L, obj, 0, obj, 0, true, f));
        assertEquals(f + 3, s.top);
        s.top = f;
        assertThrows(LuaError.class, () -> Compare.walkLess(L, plain, 0, plain, 0, false, f));
    }

    @Test
    void javaCallersMakeTheCallAndRestoreTheTop() {
        int top = s.top;
        s.ensure(top + 1);
        Meta.index(L, obj, 0, NumTag.INT, 21, top);
        assertEquals(42, s.nums[top]);
        Meta.setIndex(L, obj, 0, X, 0, NumTag.INT, 3);
        assertEquals(NumTag.INT, obj.getRef(X, 0));         // rawset by __newindex (30)
        assertTrue(Compare.lessWithTM(L, obj, 0, obj, 0, false));
        assertFalse(Compare.lessWithTM(L, obj, 0, obj, 0, true));
        assertTrue(Compare.equalsWithTM(L, obj, 0, setmetatable(), 0));
        Arith.arithWithTM(L, TM.ADD, obj, 0, NumTag.INT, 1, top);
        assertEquals(7, s.nums[top]);
        assertEquals(top, s.top);
        L.push(obj, 0);
        L.push(plain, 0);
        assertEquals(42, LuaOps.len(L, top));
        assertEquals(2, LuaOps.len(L, top + 1));
        assertEquals(top + 2, s.top);
        s.top = top;
        assertEquals(java.util.List.of(), L.checkInvariants());
    }

    private LuaTable setmetatable() {
        LuaTable t = new LuaTable(0, 0);
        t.metatable = obj.metatable;
        return t;
    }
}
