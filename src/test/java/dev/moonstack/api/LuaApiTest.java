package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The host API: loading, calling, values crossing to Java, errors, budgets and interrupts. */
class LuaApiTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final Lua lua = new Lua(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), true);

    @Test
    void callsWithJavaValuesAndReturnsThem() {
        LuaClosure f = Runtimes.loadClosure(lua, "local a, b, c = ... return a + 1, b .. '!', c == nil, 2.5, {}", "=f");
        Object[] r = Runtimes.callRaw(lua, f, 41L, "hi", null);
        assertEquals(42L, r[0]);
        assertEquals(LuaString.of("hi!"), r[1]);
        assertEquals(Boolean.TRUE, r[2]);
        assertEquals(2.5, r[3]);
        assertTrue(r[4] instanceof dev.moonstack.value.LuaTable);
    }

    @Test
    void printGoesToTheGivenStream() {
        Runtimes.execRaw(lua, "print('out', 1)");
        lua.flush();
        assertEquals("out\t1\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void errorsCarryTheLuaValueAndLeaveTheRuntimeUsable() {
        LuaError e = assertThrows(LuaError.class, () -> Runtimes.execRaw(lua, "local t = nil; return t.x"));
        assertTrue(e.getMessage().endsWith("attempt to index a nil value (local 't')"), e.getMessage());
        LuaError v = assertThrows(LuaError.class, () -> Runtimes.execRaw(lua, "error({code = 7})"));
        assertTrue(v.ref instanceof dev.moonstack.value.LuaTable);
        assertArrayEquals(new Object[] {3L}, Runtimes.execRaw(lua, "return 1 + 2"));
        assertEquals(1, lua.mainThread().top(), "stack restored to its base");
    }

    @Test
    void syntaxErrorsNameTheChunkAndLine() {
        LuaError e = assertThrows(LuaError.class, () -> Runtimes.loadClosure(lua, "x =\n= 1", "=script"));
        assertEquals("script:2: unexpected symbol near '='", e.getMessage());
    }

    @Test
    void stackOverflowIsAnErrorAndTheRuntimeRecovers() {
        LuaError e = assertThrows(LuaError.class, () -> Runtimes.execRaw(lua, "local function f() return 1 + f() end return f()"));
        assertTrue(e.getMessage().contains("stack overflow"), e.getMessage());
        assertArrayEquals(new Object[] {10L}, Runtimes.execRaw(lua, "local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return f(10)"));
    }

    @Test
    void anInstructionBudgetStopsARunawayScriptUncatchably() {
        lua.mainThread().interrupts().setBudget(100_000);
        LuaError e = assertThrows(LuaError.class, () -> Runtimes.execRaw(lua, "while true do pcall(function() end) end"));
        assertTrue(e.getMessage().contains("instruction budget exhausted"), e.getMessage());
        lua.mainThread().interrupts().setBudget(0);
        assertArrayEquals(new Object[] {true}, Runtimes.execRaw(lua, "return true"));
    }

    @Test
    void aHostInterruptStopsAScriptFromAnotherThread() throws Exception {
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                return;
            }
            lua.mainThread().interrupts().requestInterrupt();
        });
        stopper.start();
        LuaError e = assertThrows(LuaError.class, () -> Runtimes.execRaw(lua, "local x = 0 while true do x = x + 1 end"));
        assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        stopper.join();
    }

    @Test
    void deepNestingInSourceIsAnError() {
        String src = "return " + "(".repeat(100_000) + "1" + ")".repeat(100_000);
        LuaError e = assertThrows(LuaError.class, () -> Runtimes.loadClosure(lua, src, "=deep"));
        assertTrue(e.getMessage().contains("overflow") || e.getMessage().contains("levels"), e.getMessage());
    }

    @Test
    void deepJavaReentryIsCStackOverflow() {
        Object[] r = Runtimes.execRaw(lua, "local function f(n) return select(2, pcall(table.sort, {2, 1}, function(a, b) f(n + 1) return a < b end)) end "
                + "return pcall(f, 0)");
        assertEquals(Boolean.TRUE, r[0]);
        Object[] s = Runtimes.execRaw(lua, "local depth = 0 local function f() depth = depth + 1; table.sort({2, 1}, function(a, b) f() return a < b end) end "
                + "local ok, e = pcall(f) return ok, e, depth");
        assertEquals(Boolean.FALSE, s[0]);
        assertTrue(s[1].toString().contains("C stack overflow") || s[1].toString().contains("stack overflow"), s[1].toString());
    }
}
