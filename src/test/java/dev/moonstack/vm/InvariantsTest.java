package dev.moonstack.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.UpVal;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stack invariant checker: it accepts the states the runtime produces (after top-level
 * calls that return, fail, close variables, re-enter Java; before every instruction in its test
 * mode) and reports each kind of corruption; the slow path's sweep clears dead slots.
 */
class InvariantsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Lua lua = new Lua(out, new ByteArrayOutputStream(), true);
    private final LuaThread L = Runtimes.mainThread(lua);

    private static final String WORKOUT = String.join("\n",
            "local log = {}",
            "local function closer(n) return setmetatable({}, {__close = function(_, e) log[#log+1] = n end}) end",
            "local mt = {__index = function(t, k) return k * 2 end, __add = function(a, b) return 7 end,",
            "  __concat = function(a, b) return 'c' end, __eq = function() return true end, __lt = function() return false end}",
            "local function deep(n, ...) if n == 0 then return select('#', ...) end local x <close> = closer(n) return (deep(n - 1, n, ...)) end",
            "local t = setmetatable({}, mt)",
            "local r = {deep(30), t[21], t + 1, t .. 'x', t == setmetatable({}, mt), t < t}",
            "print(pcall(function() local y <close> = closer('y') error({code = 1}) end))",
            "print(xpcall(function() local up = 1; local f = function() up = up + 1 end; f(); error('boom') end,",
            "  function(m) return 'handled: ' .. m end))",
            "table.sort({5, 3, 1, 4}, function(a, b) return a < b end)",
            "for i, v in ipairs({1, 2, 3}) do r[#r + 1] = v end",
            "for i = 1, #r do r[i] = tostring(r[i]) end",
            "print(#log, table.concat(r, ','))");

    @Test
    void holdsAfterTopLevelCallsThatReturnOrFail() {
        assertEquals(List.of(), L.checkInvariants());
        Runtimes.execRaw(lua, WORKOUT);
        assertEquals(List.of(), L.checkInvariants());
        assertThrows(LuaError.class, () -> Runtimes.execRaw(lua, "local x <close> = setmetatable({}, {__close = function() end}) error('top')"));
        assertEquals(List.of(), L.checkInvariants());
        assertThrows(LuaError.class, () -> Runtimes.execRaw(lua, "local function r() return r() + 1 end return r()"));
        assertEquals(List.of(), L.checkInvariants());
        lua.flush();
        assertTrue(out.toString().contains("31\t30,42,7,c,true,false,1,2,3"), out.toString());
    }

    @Test
    void holdsBeforeEveryInstructionInTheCheckMode() {
        L.interrupts().setCheckInvariants(true);
        Runtimes.execRaw(lua, WORKOUT);
        assertThrows(LuaError.class, () -> Runtimes.execRaw(lua, "local function r(n) return 1 + r(n + 1) end return r(1)"));
        Runtimes.execRaw(lua, "local co = 0 for i = 1, 300 do co = co + select(2, pcall(function(...) return ... end, i)) end return co");
        assertEquals(List.of(), L.checkInvariants());
    }

    @Test
    void reportsCorruptActivations() {
        Activation a = L.calls.push();
        a.funcIdx = 3;
        a.base = 7;                      // not funcIdx + 1
        a.top = 10;
        a.flags = Activation.LUA;
        a.closure = null;
        List<String> v = L.checkInvariants();
        assertTrue(v.stream().anyMatch(s -> s.contains("do not fit")), v.toString());
        assertTrue(v.stream().anyMatch(s -> s.contains("without a closure")), v.toString());
        L.calls.pop();
        assertEquals(List.of(), L.checkInvariants());
    }

    @Test
    void reportsCatchersOnDeadOrWrongActivations() {
        L.catches.push(3, -1, 0, 0, false);
        List<String> v = L.checkInvariants();
        assertTrue(v.stream().anyMatch(s -> s.contains("no such live activation")), v.toString());
        L.catches.pop();
        Activation a = Calls.pushJava(L, Builtin.of("notpcall", (L1, base, nargs) -> 0), L.top(), 0);
        L.catches.push(a.depth, -1, 0, 0, false);
        v = L.checkInvariants();
        assertTrue(v.stream().anyMatch(s -> s.contains("not the activation of a pcall")), v.toString());
        L.catches.pop();
        L.calls.pop();
    }

    @Test
    void reportsBadUpvaluesAndTbcAndCounters() {
        ValueStack s = L.stack;
        UpVal stale = new UpVal(new Object[s.refs.length], s.nums, 5);
        s.openUpvals = stale;
        List<String> v = L.checkInvariants();
        assertTrue(v.stream().anyMatch(m -> m.contains("not on the stack's current arrays")), v.toString());
        assertTrue(v.stream().anyMatch(m -> m.contains("not a register of a live Lua activation")), v.toString());
        s.openUpvals = null;
        s.pushTbc(9);
        s.pushTbc(4);
        v = L.checkInvariants();
        assertTrue(v.stream().anyMatch(m -> m.contains("not above the previous one")), v.toString());
        s.ntbc = 0;
        L.nCcalls = -1;
        assertTrue(L.checkInvariants().stream().anyMatch(m -> m.contains("nCcalls is negative")));
        L.nCcalls = 0;
        assertEquals(List.of(), L.checkInvariants());
    }

    @Test
    void reportsDeadSlotsAndReleaseClearsThem() {
        int f = L.top();
        Runtimes.execRaw(lua, "return 1");                                  // warm up
        StringBuilder locals = new StringBuilder();
        for (int i = 0; i < 40; i++) locals.append("local v").append(i).append(" = {} ");
        L.push(Runtimes.loadClosure(lua, locals + "return 1", "=t"), 0);
        L.call(f, 0);                                          // unprotected: no release
        assertTrue(L.checkInvariants().stream().anyMatch(m -> m.contains("dead slots above the live area")));
        L.releaseDeadSlots();
        assertEquals(List.of(), L.checkInvariants());
    }

    @Test
    void theSlowPathSweepsDeadSlotsLeftByReturns() {
        int[] dirty = {-1, 0};
        Runtimes.state(lua).globals.setStr(LuaString.of("deadslots"), Builtin.of("deadslots", (L1, base, nargs) -> {
            int live = L1.liveTop(), n = 0;
            for (int i = live; i < L1.stack.refs.length; i++) if (L1.stack.refs[i] != null) n++;
            dirty[0] = n;
            dirty[1] = L1.stack.refs.length;
            return 0;
        }), 0);
        Runtimes.execRaw(lua, "local function rec(n) local t = {} if n > 0 then return (rec(n - 1)) end return 0 end"
                + " rec(2000) local x = 0 for i = 1, 500000 do x = x + i end deadslots()");
        assertEquals(0, dirty[0], "dead slots left after the deep recursion");
        assertTrue(dirty[1] > 2000, "the recursion grew the stack to " + dirty[1]);
    }

    @Test
    void releaseShrinksAnOversizedStack() {
        Runtimes.execRaw(lua, "local function rec(n) if n > 0 then return (rec(n - 1)) end return 0 end rec(20000)");
        assertTrue(L.stack.refs.length < 1024, "size " + L.stack.refs.length);
        assertEquals(List.of(), L.checkInvariants());
        LuaTable g = Runtimes.state(lua).globals;
        assertTrue(g.getStrRef(LuaString.of("print")) != null);
    }
}
