package dev.moonstack.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled tier against lua5.4: each script runs under lua5.4 and under Moonstack with the
 * tier on at threshold 0 (every function compiled at its first call); the outputs must be the
 * same, and the functions named in the script's {@code -- compiled:} line must have been
 * compiled (so that a script that silently ran interpreted fails).
 */
class CompiledTierTest {
    @TempDir Path tmp;

    /** name, names of global functions that must be compiled, script. */
    static final String[][] CASES = {
        {"moves and loads", "f", """
            function f(a, b)
              local x, y, z = a, 1, 2.5
              local s, t, u = "str", true, false
              local n1, n2
              local big = 0x7fffffffffffffff
              local f2 = -3.0
              return x, y, z, s, t, u, n1, n2, big, f2, b
            end
            print(f(10, nil)) print(f("x", 2)) print(math.type(select(3, f(1))))
            """},
        {"integer and float arithmetic", "ar", """
            function ar(a, b)
              return a + b, a - b, a * b, a / b, a // b, a % b, a ^ 2, -a, a + 1, a - 1, a * 2, a // 2, a % 3,
                     a & 7, a | 8, a ~ 5, a << 2, a >> 1, 1 << a, a + 0.5
            end
            print(ar(7, 2)) print(ar(-7, 2)) print(pcall(ar, 7.5, 2)) print(pcall(ar, 3, 4.25)) print(ar(8.0, 2))
            print(ar(math.maxinteger, 1)) print(ar(math.mininteger, -1))
            print(pcall(ar, 1, 0.0)) print(pcall(ar, "10", "3")) print(pcall(ar, {}, 1))
            print(pcall(ar, 1.5, 1))
            """},
        {"comparisons and tests", "cmp", """
            function cmp(a, b)
              local r = {}
              r[#r+1] = a == b  r[#r+1] = a ~= b  r[#r+1] = a < b  r[#r+1] = a <= b
              r[#r+1] = a > b  r[#r+1] = a >= b  r[#r+1] = a == 1  r[#r+1] = a < 5
              r[#r+1] = a >= 5 r[#r+1] = a > 2 r[#r+1] = a <= 2 r[#r+1] = a == "x"
              r[#r+1] = a and b  r[#r+1] = a or b  r[#r+1] = not a
              if a then r[#r+1] = "t" else r[#r+1] = "f" end
              return table.unpack(r)
            end
            print(cmp(1, 2)) print(cmp(5, 5)) print(cmp(2.5, 2)) print(cmp(1, 1.0))
            print(pcall(cmp, "a", "b")) print(pcall(cmp, 1, "x")) print(pcall(cmp, {}, {}))
            print(pcall(cmp, false, nil)) print(cmp(0/0, 0/0))
            """},
        {"numeric for loops", "loops", """
            function loops(n)
              local s = 0
              for i = 1, n do s = s + i end
              for i = n, 1, -2 do s = s + i end
              local fs = 0
              for i = 1.0, 2.0, 0.25 do fs = fs + i end
              for i = math.maxinteger - 2, math.maxinteger do s = s ~ i end
              local j = 0
              while j < n do j = j + 1 if j % 7 == 0 then s = s + 1 end end
              repeat j = j - 3 until j < 0
              return s, j, fs
            end
            print(loops(10)) print(loops(0)) print(loops(1000))
            print(pcall(loops, "x")) print(pcall(loops, {}))
            """},
        {"tables and globals", "tb", """
            G = 5
            function tb(t, k)
              local x = t[k] local y = t.name local z = t[1]
              t[k] = 10 t.name = "n" t[2] = x t[3] = y
              G = G + 1
              local c = #t
              return x, y, z, t[k], t.name, t[2], G, c
            end
            print(tb({1, 2, name = "a", key = 3}, "key"))
            local mt = setmetatable({}, {__index = function(t, k) return k .. "!" end,
                                         __newindex = function(t, k, v) rawset(t, k, tostring(v) .. "*") end})
            print(tb(mt, "q"))
            print(pcall(tb, nil, "k")) print(pcall(tb, 5, "k")) print(pcall(tb, {}, nil))
            """},
        {"upvalues and closures", "mk", """
            function mk(n)
              local count = n
              local function inc(d) count = count + d return count end
              local function get() return count end
              return inc, get
            end
            local inc, get = mk(3)
            print(inc(2), inc(5), get())
            local fs = {}
            for i = 1, 3 do fs[i] = mk(i) end
            print(fs[1](1), fs[2](1), fs[3](1))
            """},
        {"calls, recursion and results", "fib", """
            function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
            function many(...) return ... end
            local function three() return 1, 2, 3 end
            function calls(f)
              local a, b, c, d = three()
              local t = {three()}
              print(a, b, c, d, #t, select('#', three()))
              print(f(10), (three()))
              return fib(20), string.format("%d", fib(5)), math.max(three())
            end
            print(calls(fib))
            print(pcall(calls, nil))
            print(pcall(fib, "x"))
            local function deep(n) if n == 0 then return 0 end return 1 + deep(n - 1) end
            print(deep(10000))
            print(select(2, pcall(deep, 1e7)))
            """},
        {"returns of no value and of one value, to every kind of caller", "one none wants", """
            function one(x) return x end
            function none(x) local y = x end
            function wants()
              local a = one(1)
              local b, c = one(2)
              one(3)
              local d = none(4)
              local e, f = none(5)
              none(6)
              local t = {one(7), one(8), none(9)}
              return a, b, c, d, e, f, #t, select('#', one(10)), select('#', none(11)), one(12)
            end
            print(wants()) print(wants())
            print(pcall(one, 13)) print(pcall(none, 14)) print(select('#', pcall(none)))
            local mt = setmetatable({}, {__index = function(_, k) return one(k) end, __add = none})
            print(mt.key, mt + 1, (mt + 2))
            local co = coroutine.wrap(one) print(co(15))
            co = coroutine.wrap(none) print(select('#', co(16)))
            print(string.gsub("abc", "%w", one), table.unpack({one(17)}))
            """},
        {"coroutines through compiled code", "gen", """
            function gen(n)
              for i = 1, n do coroutine.yield(i * 2) end
              return "done"
            end
            local co = coroutine.wrap(gen)
            print(co(3), co(), co(), co())
            local co2 = coroutine.create(function(a) local x = gen(a) return x end)
            print(coroutine.resume(co2, 2)) print(coroutine.resume(co2)) print(coroutine.resume(co2)) print(coroutine.resume(co2))
            """},
        {"errors and positions", "err try", """
            function err(x)
              local t = nil
              if x == 1 then return t.field end
              if x == 2 then return x + {} end
              if x == 3 then return x & 1.5 end
              if x == 4 then return #x end
              if x == 5 then error("boom") end
              if x == 6 then return undefinedglobal.x end
              return x < "a"
            end
            function try(i) local ok, e = pcall(err, i) return ok, e end
            for i = 1, 7 do print(try(i)) end
            print((select(2, xpcall(err, debug.traceback, 1))):match("^[^\\n]*\\n[^\\n]*\\n[^\\n]*"))
            """},
        {"yields across compiled calls", "yb yc", """
            function yc(x) local y = coroutine.yield(x + 1) return y * 2 end
            function yb(x) local r = yc(x) + 1 return r end
            function ya(x) local s = 0 for i = 1, 3 do s = s + yb(x + i) end return s end
            local co = coroutine.wrap(function(x) return ya(x) end)
            print(co(10)) print(co(5)) print(co(6)) print(co(7))
            local co2 = coroutine.create(ya)
            print(coroutine.resume(co2, 1)) print(coroutine.resume(co2, 2)) print(coroutine.resume(co2, "x"))
            print(coroutine.resume(co2))
            """},
        {"errors and tracebacks through compiled calls", "e2 e3", """
            function e3(x) if x > 2 then error("deep " .. x) end return x end
            function e2(x) return e3(x) + 1 end
            function e1(x) local v = e2(x) return v end
            for i = 1, 4 do print(pcall(e1, i)) end
            local tb = select(2, xpcall(e1, debug.traceback, 3))
            print((tb:match("^(.-in main chunk)")))
            print(pcall(e1, nil))
            """},
        {"deep recursion through compiled calls", "deep2", """
            function deep2(n) if n == 0 then return 0 end return 1 + deep2(n - 1) end
            print(deep2(100), deep2(1000), deep2(100000))
            print(pcall(deep2, 1e7))
            local t = setmetatable({}, {__index = function(t, k) return deep2(k) end})
            print(t[200], pcall(deep2, {}))
            """},
        {"tail calls", "tc count", """
            function count(n, acc) if n == 0 then return acc end return count(n - 1, acc + 1) end
            local callable = setmetatable({}, {__call = function(self, x) return "called", x end})
            local function va(...) return select("#", ...), ... end
            function tc(kind, x)
              if kind == 1 then return count(x, 0) end
              if kind == 2 then return math.max(x, 3, 1) end
              if kind == 3 then return callable(x) end
              if kind == 4 then return va(x, nil, x) end
              if kind == 5 then return string.format("%d!", x) end
              if kind == 6 then return x(x) end
              return tc(kind - 4, x)
            end
            print(tc(1, 1000000)) print(tc(2, 7)) print(tc(3, "y")) print(tc(4, 2)) print(tc(5, 42))
            print(tc(9, 4)) print(pcall(tc, 6, 5)) print(pcall(tc, 1, "z"))
            local tb = select(2, xpcall(tc, debug.traceback, 6, {}))
            print((tb:match("^(.-in main chunk)")))
            """},
    };

    @TestFactory
    Stream<DynamicTest> againstLua54() {
        return Stream.of(CASES).map(c -> DynamicTest.dynamicTest(c[0], () -> check(c[0], c[1], c[2])));
    }

    private void check(String name, String mustCompile, String script) throws Exception {
        TierScripts.check(tmp, name, mustCompile, script);
    }

    /** A runtime with the tier on at threshold 0, its -jv log in {@code log}. */
    private static Lua compiling(ByteArrayOutputStream out, ByteArrayOutputStream log) {
        Lua lua = new Lua(out, out, true);
        Jit jit = Jit.of(Runtimes.state(lua));
        jit.setThreshold(0);
        jit.setVerbose(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        jit.setOn(Runtimes.mainThread(lua), true);
        return lua;
    }

    @Test
    void verboseLogAndPerFunctionSwitches() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), log = new ByteArrayOutputStream();
        Lua lua = compiling(out, log);
        Object[] r = lua.call(lua.load("""
            local jit = require "jit"
            local function f(x) return x + 1 end
            local function g(x) return x * 2 end
            jit.off(g)
            local on1 = jit.status()
            f(1) g(1)
            jit.off()
            local on2 = jit.status()
            jit.on()
            return on1, on2, f(2) + g(3), jit.version
            """, "=stdin"));
        assertEquals(List.of(true, false, 9L), List.of(r[0], r[1], r[2]));
        assertEquals("[COMPILE 1 stdin:0 main chunk]\n[COMPILE 2 stdin:2 'f']\n", log.toString(StandardCharsets.UTF_8).replace("\r", ""),
                "g is off; the main chunk, called from Java at threshold 0, is compiled at its call");
    }

    /**
     * jit.flush() and jit.off(f) drop the bodies that calls enter without asking the tier
     * ({@code Proto.compiled}): after a flush, functions called directly from compiled code are
     * compiled again; after jit.off(f) and jit.on(f), f is compiled again at its next call.
     */
    @Test
    void flushAndOffDropTheBodiesCallsEnter() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), log = new ByteArrayOutputStream();
        Lua lua = compiling(out, log);
        Object[] r = Runtimes.callRaw(lua, Runtimes.loadClosure(lua, """
            local jit = require "jit"
            local function f(x) return x + 1 end
            local function g(x) return f(x) * 2 end
            local a = g(1) + g(2)
            jit.flush()
            local b = g(3) + g(4)
            jit.off(f)
            local c = g(5)
            jit.on(f)
            return a, b, c, g(6), f
            """, "=stdin"));
        assertEquals("[10, 18, 12, 14]", java.util.Arrays.toString(java.util.Arrays.copyOf(r, 4)));
        assertEquals("""
            [COMPILE 1 stdin:0 main chunk]
            [COMPILE 2 stdin:3 'g']
            [COMPILE 3 stdin:2 'f']
            [COMPILE 4 stdin:3 'g']
            [COMPILE 5 stdin:2 'f']
            [COMPILE 6 stdin:2 'f']
            """, log.toString(StandardCharsets.UTF_8).replace("\r", ""), "each drop is followed by a compilation");
        assertTrue(Jit.of(Runtimes.state(lua)).isCompiled(((LuaClosure) r[4]).p), "f is compiled again");
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)       // a compiled loop that never polls would never end
    void aBudgetStopsACompiledLoop() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), log = new ByteArrayOutputStream();
        Lua lua = compiling(out, log);
        LuaClosure chunk = Runtimes.loadClosure(lua, "local function spin(n) while true do n = n + 1 end end spin(0)", "=stdin");
        Runtimes.state(lua).interrupts.setBudget(2_000_000);
        LuaError e = org.junit.jupiter.api.Assertions.assertThrows(LuaError.class, () -> Runtimes.callRaw(lua, chunk));
        assertTrue(e.getMessage().contains("instruction budget exhausted"), e.getMessage());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains(" stdin:1 'spin']"), log.toString());
        assertTrue(Runtimes.state(lua).interrupts.executed() >= 2_000_000, "counted " + Runtimes.state(lua).interrupts.executed());
    }

    /**
     * A compiled loop whose every iteration calls something (a Lua function called directly, a
     * builtin) still reaches its poll: the count since the last poll is not reset by a call.
     * Each loop spins until the instruction budget stops it.
     */
    @TestFactory
    Stream<DynamicTest> loopsThatCallStillPoll() {
        return Stream.of(
                "local function g() end while true do g() end",
                "while true do local s = string.rep('', 10) end",
                "local t = {} while true do t[1] = math.abs(-1) end",
                "local function g() return 1 end local function f() while true do g() end end f()")
                .map(src -> DynamicTest.dynamicTest(src, () -> {
            Lua lua = Lua.builder().stdout(new ByteArrayOutputStream()).ignoreEnvironment(true)
                    .instructionLimit(3_000_000).build();
            LuaError e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                    () -> org.junit.jupiter.api.Assertions.assertThrows(LuaError.class, () -> Runtimes.execRaw(lua, src)));
            assertTrue(e.getMessage().contains("instruction budget exhausted"), e.getMessage());
            assertTrue(Runtimes.mainThread(lua).tierOn(), "the tier was on");
        }));
    }

    /**
     * The host's interrupt is seen after the builtin call during which it came, compiled as
     * interpreted (Interrupts.settle: a slow builtin in a loop must not run a whole countdown
     * of calls more): a builtin that requests it at its 50th call is called 51 times at most
     * (the interpreter makes the 51st call, and serves before the instruction after it).
     */
    @Test
    void anInterruptIsSeenAfterTheBuiltinCallItCameIn() {
        for (boolean tier : new boolean[] {false, true}) {
            Lua lua = Lua.builder().stdout(new ByteArrayOutputStream()).ignoreEnvironment(true).compiledTier(tier).build();
            if (tier) Jit.install(Runtimes.state(lua)).setThreshold(0);
            int[] calls = {0};
            Runtimes.register(lua, "slow", (L, base, nargs) -> {
                if (++calls[0] == 50) lua.interrupt();
                return 0;
            });
            LuaError e = org.junit.jupiter.api.Assertions.assertThrows(LuaError.class,
                    () -> Runtimes.execRaw(lua, "local function f() while true do slow() end end f()"));
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            assertTrue(calls[0] <= 51, "calls of the builtin, tier " + (tier ? "on" : "off") + ": " + calls[0]);
        }
    }

    @Test
    void requireJitFailsAsInLua54UnlessTheTierWasAskedFor() throws Exception {
        String script = "local ok, e = pcall(require, 'jit') print(ok, (tostring(e):match('^[^\\n]*')), jit)\n";
        String expected = reference(script);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Lua lua = new Lua(out, out, true);
        lua.call(lua.load(script, "=stdin"));
        Runtimes.state(lua).stdout.flush();
        assertEquals(expected, out.toString(StandardCharsets.UTF_8), "no tier asked for: no jit module");
        out.reset();
        Jit.of(Runtimes.state(lua));                       // the host asks for the tier (on by default)
        lua.call(lua.load("local jit = require 'jit' print(type(jit), jit.status(), _G.jit)", "=stdin"));
        Runtimes.state(lua).stdout.flush();
        assertEquals("table\ttrue\tnil\n", out.toString(StandardCharsets.UTF_8), "asked for: require finds it, no global");
    }

    /** name of the hot function, script: calls it 300 times, past the default threshold (100). */
    private static final String HOT = "local function hot(x) return x + 1 end local s = 0 for i = 1, 300 do s = hot(s) end print(s)";

    @Test
    void onByDefaultAtTheDefaultThreshold() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Lua lua = new Lua(out, out, true);
        LuaClosure chunk = Runtimes.loadClosure(lua, HOT, "=stdin");
        Runtimes.callRaw(lua, chunk);
        Runtimes.state(lua).stdout.flush();
        assertEquals("300\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(Runtimes.mainThread(lua).tierOn(), "a runtime's tier is on unless its host says no");
        assertEquals(Jit.DEFAULT_THRESHOLD, Jit.install(Runtimes.state(lua)).threshold());
        assertTrue(Jit.install(Runtimes.state(lua)).isCompiled(chunk.p.p[0]), "hot, called 300 times, was compiled");
    }

    @Test
    void theBuilderTurnsItOff() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Lua lua = Lua.builder().stdout(out).stderr(out).ignoreEnvironment(true).compiledTier(false).build();
        LuaClosure chunk = Runtimes.loadClosure(lua, HOT, "=stdin");
        Runtimes.callRaw(lua, chunk);
        Runtimes.state(lua).stdout.flush();
        assertEquals("300\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(!Runtimes.mainThread(lua).tierOn(), "compiledTier(false): off");
        assertTrue(!Jit.install(Runtimes.state(lua)).isCompiled(chunk.p.p[0]), "hot stayed interpreted");
    }

    @Test
    void aHotLoopInAMainChunkRunsCompiled() throws Exception {
        String script = """
            local s, t = 0, {}
            for i = 1, 300000 do s = s + i % 7 t[i % 10 + 1] = s end
            local j = 0
            while j < 100000 do j = j + 1 s = s ~ j end
            print(s, t[3], j)
            """;
        String expected = reference(script);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), log = new ByteArrayOutputStream();
        Lua lua = new Lua(out, out, true);
        Jit jit = Jit.of(Runtimes.state(lua));                   // default thresholds
        jit.setVerbose(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        jit.setOn(Runtimes.mainThread(lua), true);
        LuaClosure chunk = Runtimes.loadClosure(lua, script, "=stdin");
        Runtimes.callRaw(lua, chunk);
        Runtimes.state(lua).stdout.flush();
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
        assertEquals("[COMPILE 1 stdin:2 loop]\n", log.toString(StandardCharsets.UTF_8), "-jv logs the loop");
        assertTrue(jit.isCompiled(chunk.p), "the main chunk was compiled for its loop");
        assertTrue(jit.loopEntries >= 1, "the loop went on compiled at its head");
    }

    @Test
    void deepRecursionKeepsTheJavaStackBounded() throws Exception {
        String script = "local function d(n) if n == 0 then return 0 end return 1 + d(n - 1) end print(d(150000))\n";
        String expected = reference(script);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), log = new ByteArrayOutputStream();
        Lua lua = compiling(out, log);
        Throwable[] failed = {null};
        Thread t = new Thread(null, () -> {
            try {
                lua.call(lua.load(script, "=stdin"));
            } catch (Throwable e) {
                failed[0] = e;
            }
        }, "small stack", 512L << 10);     // the interpreter needs little; direct calls are bounded
        t.start();
        t.join();
        assertEquals(null, failed[0]);
        Runtimes.state(lua).stdout.flush();
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("'d'"), log.toString());
    }

    private String reference(String script) throws Exception {
        return TierScripts.reference(tmp, script);
    }
}
