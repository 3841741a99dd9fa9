package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaString;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Coroutines driven by a Java host: resume from a loop, builtins that yield, the example. */
class CoroutineApiTest {
    final Lua lua = new Lua(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), true);

    @Test
    void resumesUntilYieldReturnOrError() {
        LuaClosure f = Runtimes.loadClosure(lua, "local a = ... local b = coroutine.yield(a + 1) local c = coroutine.yield(b * 2) return 'end', c", "=co");
        Coroutine co = Runtimes.coroutine(lua, f);
        Coroutine.Result r = co.resume(1L);
        assertTrue(r.yielded());
        assertArrayEquals(new Object[] {2L}, r.values);
        assertArrayEquals(new Object[] {20L}, co.resume(10L).values);
        Coroutine.Result end = co.resume("x");
        assertEquals(Coroutine.Result.Kind.RETURNED, end.kind);
        assertArrayEquals(new Object[] {"end", "x"}, end.values);
        assertEquals("dead", co.status());
        Coroutine.Result again = co.resume();
        assertEquals(Coroutine.Result.Kind.FAILED, again.kind);
        assertEquals("cannot resume dead coroutine", again.error.getMessage());
    }

    @Test
    void scriptErrorsComeBackAsFailures() {
        Coroutine co = Runtimes.coroutine(lua, Runtimes.loadClosure(lua, "coroutine.yield() local t = nil; return t.x", "=bad"));
        assertTrue(co.resume().yielded());
        Coroutine.Result r = co.resume();
        assertEquals(Coroutine.Result.Kind.FAILED, r.kind);
        assertEquals("bad:1: attempt to index a nil value (local 't')", r.error.getMessage());
        assertEquals("dead", co.status());
        assertEquals(1, lua.mainThread().top(), "host stack restored");
    }

    @Test
    void javaBuiltinsYieldWithOrWithoutAContinuation() {
        Runtimes.register(lua, "wait", (L, base, nargs) -> {
            L.pushValue(base);
            return L.yield(1, null);
        });
        Runtimes.register(lua, "ask", (L, base, nargs) -> {
            L.pushValue(base);
            return L.yield(1, (L2, b, n) -> {             // continues with the resume values
                L2.pushString("answer: " + L2.ref(b));
                return 1;
            });
        });
        Coroutine co = Runtimes.coroutine(lua, Runtimes.loadClosure(lua, "local x = wait(3) local y = ask('q?') return x, y", "=script"));
        assertArrayEquals(new Object[] {3L}, co.resume().values);
        assertArrayEquals(new Object[] {"q?"}, co.resume(7L).values);
        Coroutine.Result r = co.resume("42");
        assertArrayEquals(new Object[] {7L, "answer: 42"}, r.values);
    }

    @Test
    void aYieldingBuiltinCalledOutsideACoroutineIsAnError() {
        Runtimes.register(lua, "wait", (L, base, nargs) -> L.yield(0, null));
        dev.moonstack.value.LuaError e = org.junit.jupiter.api.Assertions.assertThrows(dev.moonstack.value.LuaError.class,
                () -> Runtimes.execRaw(lua, "wait()"));
        assertTrue(e.getMessage().contains("attempt to yield from outside a coroutine"), e.getMessage());
    }

    @Test
    void theGameLoopExampleRuns() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "examples/GameLoop.java", "500", "60")
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        List<String> lines = text.lines().toList();
        // actor i sleeps 1 + i % 3 frames: 167, 167 and 166 actors wake every 1, 2 and 3
        // frames, so 500 + 167*60 + 167*30 + 166*20 resumes; only the every-frame actors reach
        // 50 steps within 60 frames, each reporting once
        assertEquals("actors=500 frames=60 resumes=18850 reports=167", lines.get(0), text);
    }

    @Test
    void preemptionSlicesALoopAndResumesWhereItStopped() {
        Coroutine co = Runtimes.coroutine(lua, Runtimes.loadClosure(lua, 
                "local s = 0 for i = 1, 10000 do s = s + i end local y = coroutine.yield('w') return s, y", "=slice"));
        co.preemptEvery(1000);
        int slices = 0;
        Coroutine.Result r = co.resume();
        while (r.preempted()) {
            assertEquals(0, r.values.length);
            slices++;
            r = co.resume("dropped");                   // values of a resume after preemption are dropped
        }
        assertTrue(slices >= 18 && slices <= 22, "about 20,000 instructions in slices of 1,000: " + slices);
        assertTrue(r.yielded());
        assertArrayEquals(new Object[] {"w"}, r.values);
        Coroutine.Result end = co.resume("back");
        assertArrayEquals(new Object[] {50005000L, "back"}, end.values);
    }

    @Test
    void preemptionWaitsForAPointWhereTheScriptCanYield() {
        Coroutine co = Runtimes.coroutine(lua, Runtimes.loadClosure(lua, 
                "local t = {} for i = 1, 200 do t[i] = (i * 37) % 200 end "
                + "table.sort(t, function(a, b) return a < b end) "
                + "local n = 0 for i = 2, #t do if t[i - 1] <= t[i] then n = n + 1 end end return n", "=sort"));
        co.preemptEvery(3);
        Coroutine.Result r = co.resume();
        int slices = 0;
        while (r.preempted()) {
            slices++;
            r = co.resume();
        }
        assertArrayEquals(new Object[] {199L}, r.values, "the comparator ran without yielding");
        assertTrue(slices > 0);
    }

    @Test
    void aPreemptedCoroutineShowsItsLuaLineInTracebacks() {
        Coroutine co = Runtimes.coroutine(lua, Runtimes.loadClosure(lua, "local function spin()\n  while true do end\nend\nspin()", "=spin"));
        co.preemptEvery(100);
        assertTrue(co.resume().preempted());
        Object[] tb = Runtimes.callRaw(lua, Runtimes.loadClosure(lua, "return debug.traceback(...)", "=tb"), co.thread());
        assertEquals("stack traceback:\n\tspin:2: in local 'spin'\n\tspin:4: in main chunk", tb[0].toString());
        assertEquals("suspended", co.status());
    }

    @Test
    void hooksYieldOnlyWhereLuaAllows() {
        java.util.Map<Long, java.util.Set<Boolean>> byLine = new java.util.TreeMap<>();
        Runtimes.register(lua, "probe", (L, base, nargs) -> {
            byLine.computeIfAbsent((Long) Lua.toJava(L.ref(base + 1), L.num(base + 1)), k -> new java.util.TreeSet<>()).add(L.hookCanYield());
            return 0;
        });
        Runtimes.callRaw(lua, Runtimes.loadClosure(lua, "local co = coroutine.create(function() debug.sethook(probe, 'l')\n"
                + "local x = 1\n"
                + "table.sort({3, 2, 1}, function(a, b)\n"
                + "  return a < b\n"
                + "end) debug.sethook() end)\n"
                + "assert(coroutine.resume(co))", "=main"));
        assertEquals("{2=[true], 3=[true], 4=[false], 5=[true]}", byLine.toString(),
                "Lua code of a coroutine can yield from its hook, a comparator called by table.sort cannot");

        Runtimes.register(lua, "tryyield", (L, base, nargs) -> {
            L.yieldFromHook();
            return 0;
        });
        dev.moonstack.value.LuaError e = org.junit.jupiter.api.Assertions.assertThrows(dev.moonstack.value.LuaError.class,
                () -> Runtimes.callRaw(lua, Runtimes.loadClosure(lua, "debug.sethook(tryyield, '', 1) local x = 1", "=main")));
        assertEquals("attempt to yield from outside a coroutine", e.getMessage());
        dev.moonstack.vm.Hooks.set(lua.mainThread(), null, 0, 0);
        assertArrayEquals(new Object[] {3L}, Runtimes.callRaw(lua, Runtimes.loadClosure(lua, "return 1 + 2", "=after")), "usable afterwards");
    }
}
