package dev.moonstack.debug;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.vm.Hooks;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Function breakpoints, exception breakpoints (uncaught / all) and setVariable, from Java.
 * Expected lines, messages and outputs are read off the scripts (messages as lua5.4 prints them).
 */
class BreakpointKindsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final DebugHarness h = new DebugHarness(new Lua(out, new ByteArrayOutputStream()));
    private final Lua lua = h.lua;
    private final Debugger dbg = h.dbg;

    /** Runs {@code script} through the API, as a host does (errors are LuaExceptions); its end is "end []". */
    private void start(String script) {
        h.run(() -> {
            lua.call(lua.load(script, "@t.lua"));
            lua.flush();
            return new Object[0];
        });
    }

    @Test
    void functionBreakpointsStopOnEntryByNamePath() throws Exception {
        List<Breakpoint> bps = dbg.setFunctionBreakpoints(List.of(Breakpoint.function("g", null, null),
                Breakpoint.function("mod.f", null, null), Breakpoint.function("obj:m", null, "== 2"),
                Breakpoint.function("1bad", null, null)));
        assertEquals(List.of(true, true, true, false), bps.stream().map(Breakpoint::verified).toList());
        start("""
                mod, obj = {}, {}
                function mod.f(x)
                  return x * 2
                end
                function obj:m(y)
                  return y + 1
                end
                function g(...)
                  return mod.f(1) + obj:m(2)
                end
                g()
                g()""");
        StopEvent s = h.nextStop();
        assertEquals(StopEvent.Reason.FUNCTION_BREAKPOINT, s.reason);
        assertEquals(9, s.line, "g's first line: VARARGPREP has no line of its own");
        assertEquals("function 'g'", s.function);
        dbg.continueRun();
        assertEquals(3, h.nextStop().line);           // mod.f; then obj:m's hit condition == 2 skips its first call
        dbg.continueRun();
        assertEquals(9, h.nextStop().line);           // g again
        dbg.continueRun();
        assertEquals(3, h.nextStop().line);
        dbg.continueRun();
        StopEvent m = h.nextStop();
        assertEquals(6, m.line);
        assertEquals(bps.get(2), m.breakpoint);
        dbg.continueRun();
        assertEquals("end []", h.end());
        assertTrue(h.stops.isEmpty());
    }

    @Test
    void uncaughtFilterSkipsCaughtErrorsAndStopsBeforeUnwinding() throws Exception {
        dbg.setExceptionBreakpoints(true, false);
        assertEquals(0, Runtimes.mainThread(lua).hookMask() & Hooks.MASK_DEBUG, "exception filters alone: full speed");
        start("""
                local ok = pcall(error, "caught")
                local co = coroutine.create(function() error("in a coroutine") end)
                local ok2 = coroutine.resume(co)
                local function deep(t)
                  local here = "still here"
                  return t.x
                end
                deep(nil)""");
        StopEvent s = h.nextStop();
        assertEquals(StopEvent.Reason.EXCEPTION, s.reason);
        assertEquals("t.lua:6: attempt to index a nil value (local 't')", s.text);
        assertEquals(6, s.line);
        Inspector in = dbg.inspector();
        var frames = in.stackTrace(s.threadId, 0, 0);
        assertEquals("local 'deep'", frames.get(0).name());
        assertEquals("\"still here\"", in.evaluate(frames.get(0).id(), "here").value());
        assertEquals("false", in.evaluate(frames.get(1).id(), "ok").value());
        dbg.continueRun();
        assertEquals("error t.lua:6: attempt to index a nil value (local 't')", h.end());
    }

    @Test
    void allFilterStopsAtEveryErrorOnce() throws Exception {
        dbg.setExceptionBreakpoints(false, true);
        start("""
                local ok, e = pcall(function()
                  error({code = 1})
                end)
                local ok2, e2 = xpcall(function() local x = nil + 1 end, debug.traceback)
                return ok, ok2""");
        StopEvent s = h.nextStop();
        assertEquals(2, s.line);
        assertEquals("function 'error'", s.function);
        dbg.continueRun();
        StopEvent s2 = h.nextStop();
        assertEquals(4, s2.line);
        assertTrue(s2.text.startsWith("t.lua:4: attempt to perform arithmetic on a nil value"), s2.text);
        dbg.continueRun();
        assertEquals("end []", h.end());
        assertTrue(h.stops.isEmpty(), "each error stops once");
    }

    @Test
    void setVariableAssignsLocalsUpvaluesGlobalsAndFields() throws Exception {
        dbg.setBreakpoints("@t.lua", List.of(new Breakpoint("@t.lua", 4)));
        start("""
                local up, t = 1, {x = 1, [2] = "two"}
                local function f(a, ...)
                  local b = a + up
                  print(a, b, up, t.x, t[2], G, ...)
                end
                G = 0
                f(10, 'v')""");
        StopEvent s = h.nextStop();
        Inspector in = dbg.inspector();
        int frame = h.topFrame(s);
        var scopes = in.scopes(frame);
        int locals = scopes.get(0).variablesReference(), varargs = scopes.get(1).variablesReference(),
            ups = scopes.get(2).variablesReference(), globals = scopes.get(3).variablesReference();
        assertEquals("20", in.setVariable(locals, "b", "a * 2").value());
        assertEquals("2.5", in.setVariable(ups, "up", "5 / 2").value());
        assertEquals("\"w\"", in.setVariable(varargs, "[1]", "'w'").value());
        assertEquals("true", in.setVariable(globals, "G", "1 < 2").value());
        int tref = in.variables(ups).stream().filter(v -> v.name().equals("t")).findFirst().orElseThrow().variablesReference();
        assertEquals("nil", in.setVariable(tref, "x", "nil").value());
        assertEquals("\"deux\"", in.setVariable(tref, "[2]", "'deux'").value());
        assertThrows(IllegalArgumentException.class, () -> in.setVariable(locals, "b", "1 +"));
        assertThrows(IllegalArgumentException.class, () -> in.setVariable(locals, "nope", "1"));
        dbg.continueRun();
        assertEquals("end []", h.end());
        assertEquals("10\t20\t2.5\tnil\tdeux\ttrue\tw\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void hoverRunsNoMetamethods() throws Exception {
        dbg.setBreakpoints("@t.lua", List.of(new Breakpoint("@t.lua", 3)));
        start("""
                local t = setmetatable({a = {b = 1.0}}, {__index = function() error('ran') end})
                G = {k = 'v'}
                return t""");
        StopEvent s = h.nextStop();
        Inspector in = dbg.inspector();
        int frame = h.topFrame(s);
        assertEquals("1.0", in.hover(frame, "t.a.b").value());
        assertEquals("nil", in.hover(frame, "t.missing").value(), "no __index");
        assertEquals("\"v\"", in.hover(frame, "G.k").value());
        assertNull(in.hover(frame, "t.missing.x").value());
        assertFalse(in.hover(frame, "f()").error() == null);
        dbg.continueRun();
        assertEquals("end []", h.end());
    }
}
