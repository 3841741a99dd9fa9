package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        LuaClosure f = lua.load("local a = ... local b = coroutine.yield(a + 1) local c = coroutine.yield(b * 2) return 'end', c", "=co");
        Coroutine co = lua.coroutine(f);
        Coroutine.Result r = co.resume(1L);
        assertTrue(r.yielded());
        assertArrayEquals(new Object[] {2L}, r.values);
        assertArrayEquals(new Object[] {20L}, co.resume(10L).values);
        Coroutine.Result end = co.resume("x");
        assertEquals(Coroutine.Result.Kind.RETURNED, end.kind);
        assertArrayEquals(new Object[] {LuaString.of("end"), LuaString.of("x")}, end.values);
        assertEquals("dead", co.status());
        Coroutine.Result again = co.resume();
        assertEquals(Coroutine.Result.Kind.FAILED, again.kind);
        assertEquals("cannot resume dead coroutine", again.error.getMessage());
    }

    @Test
    void scriptErrorsComeBackAsFailures() {
        Coroutine co = lua.coroutine(lua.load("coroutine.yield() local t = nil; return t.x", "=bad"));
        assertTrue(co.resume().yielded());
        Coroutine.Result r = co.resume();
        assertEquals(Coroutine.Result.Kind.FAILED, r.kind);
        assertEquals("bad:1: attempt to index a nil value (local 't')", r.error.getMessage());
        assertEquals("dead", co.status());
        assertEquals(1, lua.mainThread().top(), "host stack restored");
    }

    @Test
    void javaBuiltinsYieldWithOrWithoutAContinuation() {
        lua.register("wait", (L, base, nargs) -> {
            L.pushValue(base);
            return L.yield(1, null);
        });
        lua.register("ask", (L, base, nargs) -> {
            L.pushValue(base);
            return L.yield(1, (L2, b, n) -> {             // continues with the resume values
                L2.pushString("answer: " + L2.ref(b));
                return 1;
            });
        });
        Coroutine co = lua.coroutine(lua.load("local x = wait(3) local y = ask('q?') return x, y", "=script"));
        assertArrayEquals(new Object[] {3L}, co.resume().values);
        assertArrayEquals(new Object[] {LuaString.of("q?")}, co.resume(7L).values);
        Coroutine.Result r = co.resume("42");
        assertArrayEquals(new Object[] {7L, LuaString.of("answer: 42")}, r.values);
    }

    @Test
    void aYieldingBuiltinCalledOutsideACoroutineIsAnError() {
        lua.register("wait", (L, base, nargs) -> L.yield(0, null));
        dev.moonstack.value.LuaError e = org.junit.jupiter.api.Assertions.assertThrows(dev.moonstack.value.LuaError.class,
                () -> lua.exec("wait()"));
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
}
