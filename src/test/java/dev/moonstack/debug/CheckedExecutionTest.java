package dev.moonstack.debug;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.vm.Hooks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checked execution per function (a breakpoint costs only the function that holds it), and the
 * host pieces of the debugger core: cooperate, a pause inside long builtins, hot reload. The
 * scripts see their own coroutine's debugger mask through {@code mask()}: 0 means that calls
 * take the executor's inline path. Expected lines are read off the scripts.
 */
class CheckedExecutionTest {
    private final DebugHarness h = new DebugHarness();
    private final Lua lua = h.lua;
    private final Debugger dbg = h.dbg;
    private final CountDownLatch started = new CountDownLatch(1);

    CheckedExecutionTest() {
        Runtimes.register(lua, "mask", (L, base, nargs) -> {
            L.pushInteger((L.hookMask() & Hooks.MASK_DEBUG) != 0 ? 1 : 0);
            return 1;
        });
        Runtimes.register(lua, "started", (L, base, nargs) -> {
            started.countDown();
            return 0;
        });
    }

    private String eval(StopEvent s, String expr) {
        Inspector in = dbg.inspector();
        Inspector.Result r = in.evaluate(h.topFrame(s), expr);
        return r.error() != null ? "error " + r.error() : r.value();
    }

    @Test
    void aBreakpointInAFunctionThatDoesNotRunLeavesCallsInline() throws Exception {
        dbg.setBreakpoints("@t.lua", List.of(new Breakpoint("@t.lua", 2)));
        h.start("""
                local function idle()
                  return 1
                end
                local function add(a, b) return a + b end
                local s = 0
                for i = 1, 1000 do s = add(s, i) end
                local m1 = mask()
                local r = idle()
                local m2 = mask()
                return s, m1, m2, r""");
        StopEvent s = h.nextStop();
        assertEquals(2, s.line);
        assertEquals("local 'idle'", s.function);
        assertEquals("1", eval(s, "mask()"), "inside the checked function its coroutine is watched");
        dbg.continueRun();
        assertEquals("end [500500, 0, 0, 1]", h.end());
        assertNull(h.stops.poll());
    }

    @Test
    void returningIntoACheckedFunctionStopsAtTheLineAfterTheCall() throws Exception {
        dbg.setBreakpoints("@t.lua", List.of(new Breakpoint("@t.lua", 4)));
        h.start("""
                local function g(x) return x * 2 end
                local function f(x)
                  local y = g(x)
                  local z = y + 1
                  return z
                end
                local a = f(1)
                local b = f(2)
                return a, b, mask()""");
        for (String y : List.of("2", "4")) {
            StopEvent s = h.nextStop();
            assertEquals(4, s.line);
            assertEquals("local 'f'", s.function);
            assertEquals(y, eval(s, "y"));
            dbg.continueRun();
        }
        assertEquals("end [3, 5, 0]", h.end());
    }

    @Test
    void aBreakpointSetWhileStoppedInACalleeStopsInTheCaller() throws Exception {
        dbg.setBreakpoints("@t.lua", List.of(new Breakpoint("@t.lua", 2)));
        h.start("""
                local function add(a, b)
                  return a + b
                end
                local r = add(1, 2)
                local s = r * 2
                return s""");
        assertEquals(2, h.nextStop().line);
        dbg.setBreakpoints("@t.lua", List.of(new Breakpoint("@t.lua", 5)));   // the caller, pushed below
        dbg.continueRun();
        StopEvent s = h.nextStop();
        assertEquals(5, s.line);
        assertEquals("main chunk", s.function);
        dbg.continueRun();
        assertEquals("end [6]", h.end());
    }

    @Test
    void aBreakpointSetWhileItsFunctionRunsIsHit() throws Exception {
        h.start("""
                local function spin()
                  started()
                  local n = 0
                  while true do
                    n = n + 1
                    if n < 0 then break end
                  end
                  return n
                end
                return spin()""");
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Thread.sleep(20);
        dbg.setBreakpoints("@t.lua", List.of(new Breakpoint("@t.lua", 6)));
        StopEvent s = h.nextStop();
        assertEquals(6, s.line);
        assertEquals("true", eval(s, "n > 0"));
        dbg.detach();
        Runtimes.state(lua).interrupts.requestInterrupt();
        assertTrue(h.end().contains("interrupted"));
        assertEquals(0, Runtimes.mainThread(lua).hookMask() & Hooks.MASK_DEBUG);
    }

    @Test
    void aCheckedCoroutineIsWatchedAcrossYieldsAndItsResumerIsNot() throws Exception {
        dbg.setBreakpoints("@t.lua", List.of(new Breakpoint("@t.lua", 4)));
        h.start("""
                local co = coroutine.wrap(function()
                  for i = 1, 2 do
                    coroutine.yield(i)
                    local after = i
                  end
                end)
                local a = co()
                local m = mask()
                local b = co()
                return a, b, m, mask()""");
        StopEvent s = h.nextStop();
        assertEquals(4, s.line);
        assertEquals("1", eval(s, "i"));
        assertEquals("1", eval(s, "mask()"));
        dbg.continueRun();
        assertEquals("end [1, 2, 0, 0]", h.end());
        assertNull(h.stops.poll());
    }

    @Test
    void aCompiledCallerReachesACheckedFunctionAndGetsItsResults() throws Exception {
        dev.moonstack.jit.Jit jit = dev.moonstack.jit.Jit.of(Runtimes.state(lua));
        jit.setThreshold(2);
        jit.setOn(Runtimes.mainThread(lua), true);
        Object[] hot = Runtimes.callRaw(lua, Runtimes.loadClosure(lua, """
                local function leaf(x)
                  return x + 1
                end
                local function hot(n)
                  local s = 0
                  for i = 1, n do s = s + leaf(i) end
                  return s
                end
                for _ = 1, 50 do hot(100) end
                return hot""", "@t.lua"));
        dev.moonstack.value.Proto hotProto = ((LuaClosure) hot[0]).p;
        assertTrue(jit.isCompiled(hotProto), "hot is compiled: " + jit.abortReason(hotProto));
        dbg.setBreakpoints("@t.lua", List.of(new Breakpoint("@t.lua", 2)));
        h.run(() -> Runtimes.callRaw(lua, hot[0], 3));
        for (String x : List.of("1", "2", "3")) {
            StopEvent s = h.nextStop();
            assertEquals(2, s.line);
            assertEquals(x, eval(s, "x"));
            dbg.continueRun();
        }
        assertEquals("end [9]", h.end());
        dbg.setBreakpoints("@t.lua", List.of());
        assertEquals("[5150]", java.util.Arrays.toString(Runtimes.callRaw(lua, hot[0], 100)), "compiled again, no stops");
        assertNull(h.stops.poll());
    }

    @Test
    void functionsAreMarkedWhileTheyHoldABreakpoint() {
        LuaClosure chunk = Runtimes.loadClosure(lua, "local function f()\n  return 1\nend\nreturn f", "@t.lua");
        var f = chunk.p.p[0];
        dbg.setBreakpoints("@t.lua", List.of(new Breakpoint("@t.lua", 2)));
        assertTrue(f.checked());
        assertFalse(chunk.p.checked(), "the main function has no line 2");
        dbg.setBreakpoints("@t.lua", List.of());
        assertFalse(f.checked());
        dbg.setBreakpoints("@t.lua", List.of(new Breakpoint("@t.lua", 2)));
        dbg.detach();
        assertFalse(f.checked());
        assertEquals(f.numParams, f.inlineArgs);
    }

    @Test
    void aReloadedChunkGetsTheBreakpointsAtItsOwnLines() throws Exception {
        Breakpoint bp = new Breakpoint("@game.lua", 2);
        dbg.setBreakpoints("@game.lua", List.of(bp));
        assertFalse(bp.verified(), "no such file, nothing loaded yet");
        String v1 = "local function tick(x)\n  return x + 1\nend\nreturn tick";
        String v2 = "-- reloaded\n\nlocal function tick(x)\n  local y = x * 10\n  return y\nend\nreturn tick";
        Object[] old = Runtimes.callRaw(lua, Runtimes.loadClosure(lua, v1, "@game.lua"));
        assertTrue(bp.verified());
        assertEquals(2, bp.line());
        assertEquals(bp, h.changes.poll(10, TimeUnit.SECONDS));
        h.run(() -> Runtimes.callRaw(lua, old[0], 1));
        assertEquals(2, h.nextStop().line);
        dbg.continueRun();
        assertEquals("end [2]", h.end());

        Object[] now = Runtimes.callRaw(lua, Runtimes.loadClosure(lua, v2, "@game.lua"));
        assertEquals(4, bp.line(), "moved to the first line with code in the new text");
        assertEquals(bp, h.changes.poll(10, TimeUnit.SECONDS));
        h.run(() -> Runtimes.callRaw(lua, now[0], 1));
        StopEvent s = h.nextStop();
        assertEquals(4, s.line);
        dbg.continueRun();
        assertEquals("end [10]", h.end());
        h.run(() -> Runtimes.callRaw(lua, old[0], 5));                 // the old function keeps its own line
        assertEquals(2, h.nextStop().line);
        dbg.continueRun();
        assertEquals("end [6]", h.end());
    }

    @Test
    void cooperateServesIdleRequestsAndAPauseBetweenFrames() throws Exception {
        assertThrows(IllegalStateException.class, () -> dbg.whenIdle(in -> in.evaluate(0, "1"), 50),
                "nobody cooperates yet");
        lua.exec("frame = 0");
        java.util.concurrent.atomic.AtomicBoolean quit = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger hold = new java.util.concurrent.atomic.AtomicInteger();   // 1 asked, 2 holding
        Thread host = new Thread(() -> {                  // a game's frame loop; while held it only cooperates
            while (!quit.get()) {
                if (hold.get() == 0) lua.exec("frame = frame + 1", "=frame");
                else hold.set(2);
                dbg.cooperate();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        host.setDaemon(true);
        host.start();
        Inspector.Result r = dbg.whenIdle(in -> in.evaluate(0, "frame > 0, type(frame)"), 5000);
        assertEquals("true, \"number\"", r.value());

        hold.set(1);
        while (hold.get() != 2) Thread.sleep(1);
        dbg.pause();
        StopEvent s = h.nextStop();
        assertEquals(StopEvent.Reason.PAUSE, s.reason);
        assertEquals(0, s.depth, "no Lua frame: the host is between frames");
        assertEquals("host", s.function);
        assertEquals(List.of("main"), dbg.inspector().threads().stream().map(Inspector.ThreadInfo::name).toList());
        assertEquals("nil", dbg.inspector().evaluate(0, "frame = -100").value());
        dbg.stepIn();                                          // stops in the next frame's chunk
        hold.set(0);
        s = h.nextStop();
        assertEquals(StopEvent.Reason.STEP, s.reason);
        assertEquals("=frame", s.source);
        assertEquals(1, s.line);
        assertEquals("-100", eval(s, "frame"));
        dbg.continueRun();
        r = dbg.whenIdle(in -> in.evaluate(0, "frame < 0"), 5000);
        assertEquals("true", r.value());
        quit.set(true);
        host.join(10_000);
        assertFalse(host.isAlive());
    }

    @Test
    void aPauseStopsInsideALongPatternMatch() throws Exception {
        for (String call : List.of("string.find(s, '.-.-.-b')", "string.gsub(s, '.-.-.-b', 'x')")) {
            String fn = call.substring(0, call.indexOf('('));
            CountDownLatch in = new CountDownLatch(1);
            Runtimes.register(lua, "inside", (L, base, nargs) -> {
                in.countDown();
                return 0;
            });
            h.start("local s = string.rep('a', 20000)\ninside()\nlocal r = " + call + "\nreturn r");
            assertTrue(in.await(10, TimeUnit.SECONDS));
            long before = Runtimes.state(lua).interrupts.executed();
            while (Runtimes.state(lua).interrupts.executed() < before + 100_000) Thread.sleep(1);   // the match charges its steps
            dbg.pause();
            StopEvent s = h.nextStop();
            assertEquals(StopEvent.Reason.PAUSE, s.reason);
            assertEquals("function '" + fn + "'", s.function, "stopped inside the builtin");
            assertEquals(3, s.line, "the line of the Lua caller");
            Inspector insp = dbg.inspector();
            assertTrue(insp.stackTrace(s.threadId, 0, 1).get(0).java());
            assertTrue(insp.evaluate(0, "1").error().contains("inside a Java builtin"));
            Runtimes.state(lua).interrupts.requestInterrupt();
            dbg.continueRun();
            assertTrue(h.end().contains("interrupted"));
        }
    }
}
