package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaError;
import dev.moonstack.vm.Interrupts;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A host's stop (an exhausted budget or an interrupt from another thread) cannot be escaped:
 * each script below once ran forever, and must now end with the uncatchable error and leave
 * the runtime usable. The join timeout only guards against a hang; no timing is asserted.
 */
class StopTest {
    /** How long a stopped script may take before the test calls it a hang. */
    private static final long HANG_MS = 20_000;
    private static final long BUDGET = 200_000;

    private final Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true);
    private final Interrupts it = lua.mainThread().interrupts();

    /** Escapes that loop in Lua code after the stop: both kinds of stop must end them. */
    @ParameterizedTest
    @ValueSource(strings = {
        // coroutine.close used to return the stop as a value
        "while true do local co = coroutine.create(function() local x <close> = setmetatable({},"
                + " {__close = function() while true do end end}) coroutine.yield() end)"
                + " coroutine.resume(co) coroutine.close(co) end",
        // the message handler used to be called again with the stop
        "xpcall(error, function(m) while true do end end, 'x')",
        // each recovery used to reload the countdown, so the flag was never polled
        "while true do pcall(error, 'x') end",
        // the budget used to switch itself off, so the __close ran forever
        "local x <close> = setmetatable({}, {__close = function() while true do end end}) while true do end",
        "local ok = pcall(function() local x <close> = setmetatable({}, {__close = function()"
                + " while true do pcall(error) end end}) while true do end end) while true do end",
        "local co = coroutine.wrap(function() while true do pcall(coroutine.yield) end end) while true do co() end",
        "setmetatable({}, {__gc = function() while true do end end}) while true do collectgarbage() end",
        "debug.sethook(function() while true do end end, '', 1000) while true do end",
        "local t = {} for i = 1, 200000 do t[i] = (i * 7919) % 200000 end"
                + " while true do table.sort(t, function(a, b) return a > b end) end",
        "while true do load(function() return ' ' end) end",
    })
    void luaLoopsAfterTheStopAreStoppedToo(String script) throws Exception {
        assertStopped(script, false, "instruction budget exhausted");
        assertStopped(script, true, "interrupted");
    }

    /** Builtins that can run long poll the interrupt. */
    @ParameterizedTest
    @ValueSource(strings = {
        "string.find(string.rep('a', 30) .. 'b', ('a*'):rep(30) .. 'c')",
        "local s = string.rep('a', 5000) .. 'b' string.gsub(s, 'a-a-a-a-a-c', 'x')",
        "while true do local s = string.rep('a', 1e6) end",
        "local t = {} for i = 1, 3e6 do t[i] = 'x' end while true do table.concat(t) end",
        "load(function() return ' ' end)",
        "os.execute('sleep 25')",
        "table.move({}, 1, 1e15, 2)",
        "table.insert(setmetatable({}, {__len = function() return 1e15 end}), 1, 'x')",
        "table.remove(setmetatable({}, {__len = function() return 1e15 end}), 1)",
        "local p = io.popen('sleep 25') p:close()",
        // found by EscapeProperties: string.rep of empty pieces made no bytes, so it never polled
        "while true do local s = string.rep('', 1e15) end",
        // a slow builtin in a loop: the flag is read before every builtin call, not only once a
        // countdown (16,384 instructions), or a 10 ms builtin would see it after ~40 s
        "local s = 'x' while true do if #s < 1e7 then s = s .. s end local u = s:upper() end",
        // io loops: a file that never ends (they ran until 'resulting string too large')
        "io.open('/dev/zero'):read('a')",
        "io.open('/dev/zero'):read('l')",
        "io.open('/dev/zero'):read(1 << 40)",
        "for l in io.lines('/dev/zero', 'L') do end",
    })
    void longBuiltinsPollTheInterrupt(String script) throws Exception {
        assertStopped(script, true, "interrupted");
    }

    /**
     * Builtins that run long count against the budget too (found by EscapeProperties): their
     * work is charged as instructions (Interrupts.poll), or a budget would never fire during
     * one long call, nor for a long time during many slow ones.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "while true do string.find(string.rep('a', 30) .. 'b', string.rep('a*', 30) .. 'c') end",
        "while true do table.move({}, 1, 1e12, 2) end",
        "while true do table.remove(setmetatable({}, {__len = function() return 1e12 end}), 1) end",
        "local s = 'x' while true do if #s < 1e7 then s = s .. s end local u = s:upper() end",
    })
    void longBuiltinsStopOnTheBudgetToo(String script) throws Exception {
        assertStopped(script, false, "instruction budget exhausted");
    }

    @Test
    void anInterruptWhileNothingRunsIsDroppedAndSaysSo() {
        assertFalse(it.requestInterrupt(), "nothing runs: the request is dropped");
        assertFalse(it.stopping());
        assertEquals(3L, Runtimes.execRaw(lua, "return 1 + 2")[0], "a later call is not stopped");
    }

    @Test
    void clearInterruptWithdrawsAPendingRequest() throws Exception {
        Runtimes.register(lua, "selfstop", (L, base, nargs) -> {
            assertTrue(L.interrupts().requestInterrupt(), "a call runs: the request is taken");
            L.interrupts().clearInterrupt();
            return 0;
        });
        assertEquals(7L, Runtimes.execRaw(lua, "selfstop() local n = 0 for i = 1, 100000 do n = n + 1 end return 7")[0]);
    }

    /**
     * One call of a string builtin over a long string sees the stop while it works, not only
     * before or after: the budget (1,000 instructions; 16 MB of work count as a million) ends
     * it inside the builtin, so the traceback names it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"string.format(S)", "string.upper(S)", "string.lower(S)", "string.reverse(S)",
        "string.find(S, 'y', 1, true)", "string.find(S, 'y')", "utf8.len(S)", "string.pack(S)", "string.packsize(S)",
        "load(SRC)"})
    void oneLongStringCallIsStoppedInsideIt(String call) {
        Lua host = Lua.builder().stdout(new ByteArrayOutputStream()).instructionLimit(1_000).build();
        host.setGlobal("S", "x".repeat(1 << 24));
        host.setGlobal("SRC", "a = 1 ".repeat(1 << 20));     // a million statements
        LuaException e = org.junit.jupiter.api.Assertions.assertThrows(LuaException.class,
                () -> host.exec("local r = " + call + " return r"));
        assertTrue(e.isStop(), e.getMessage());
        String f = call.substring(0, call.indexOf('('));
        assertTrue(e.traceback().contains("in function '" + f + "'"), e.traceback());
    }

    /** As above for a sort without a comparator, which runs no Lua instruction. */
    @Test
    void oneLongSortIsStoppedInsideIt() {
        Lua host = Lua.builder().stdout(new ByteArrayOutputStream()).build();
        host.exec("T = {} for i = 1, 1e6 do T[i] = (i * 7919) % 1e6 end");
        host.setInstructionLimit(1_000);
        LuaException e = org.junit.jupiter.api.Assertions.assertThrows(LuaException.class,
                () -> host.exec("table.sort(T)"));
        assertTrue(e.isStop(), e.getMessage());
        assertTrue(e.traceback().contains("in function 'table.sort'"), e.traceback());
    }

    /** The budget is not overrun by instructions of nested invocations (a sort comparator here). */
    @Test
    void theBudgetHoldsAcrossNestedInvocations() throws Exception {
        long start = it.executed();
        LuaError e = run("local n = 0 while true do table.sort({3, 2, 1, 5, 4},"
                + " function(a, b) n = n + 1 return a < b end) end", 10_000, false);
        assertNotNull(e, "stopped");
        long ran = it.executed() - start;
        assertTrue(ran >= 10_000 && ran <= 10_000 + 64, "ran " + ran + " instructions on a budget of 10,000");
    }

    /**
     * A script that leaves many looping finalizers (found by EscapeProperties under load, when
     * a late stop left thousands) costs the host one budgeted call per finalizer, not forever:
     * the budget stops each finalizer, and a finalizer is taken off its queue before it runs,
     * so it is never called again (Lua 5.4 manual, 2.5.3).
     */
    @Test
    void loopingFinalizersLeftBehindAreDrainedOneByOne() {
        Lua host = Lua.builder().stdout(new ByteArrayOutputStream()).build();
        host.exec("N = 0 for i = 1, 300 do setmetatable({}, {__gc = function() N = N + 1 while true do end end}) end");
        host.setInstructionLimit(100_000);
        int stops = 0;
        for (boolean drained = false; !drained && stops <= 300; ) {
            try {
                host.exec("collectgarbage() collectgarbage()");
                drained = true;
            } catch (LuaException e) {
                assertTrue(e.isStop(), e.getMessage());
                stops++;
            }
        }
        assertEquals(300, stops, "one stop per looping finalizer");
        host.setInstructionLimit(0);
        assertEquals(300L, host.exec("return N")[0], "each finalizer ran once");
    }

    /** A time slice ends even in a loop that raises and catches an error every few instructions. */
    @Test
    void preemptionEndsALoopOfCaughtErrors() {
        Coroutine co = Runtimes.coroutine(lua, Runtimes.loadClosure(lua, "while true do pcall(error, 'x') end", "=slice"));
        co.preemptEvery(1000);
        Coroutine.Result r = co.resume();
        assertTrue(r.preempted(), "the slice ended by preemption");
    }

    private void assertStopped(String script, boolean byInterrupt, String message) throws Exception {
        LuaError e = run(script, BUDGET, byInterrupt);
        assertNotNull(e, "the script was not stopped: " + script);
        assertTrue(e.getMessage().contains(message), e.getMessage() + " for " + script);
        assertFalse(it.stopping(), "the stop is over once it reached the host");
        assertEquals(2L, Runtimes.execRaw(lua, "return 1 + 1")[0], "the runtime is usable after " + script);
        assertEquals(java.util.List.of(), lua.mainThread().checkInvariants(), "stacks after " + script);
    }

    /** Runs {@code script} on a thread under a budget or a later interrupt; returns its error. */
    private LuaError run(String script, long budget, boolean byInterrupt) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                it.setBudget(byInterrupt ? 0 : budget);
                Runtimes.execRaw(lua, script);
                outcome.set("returned");
            } catch (LuaError e) {
                outcome.set(e);
            } catch (Throwable x) {
                outcome.set(x);
            } finally {
                it.setBudget(0);
            }
        }, "stop-test", 256L << 20);
        t.start();
        if (byInterrupt) {
            Thread.sleep(50);
            while (t.isAlive() && !it.requestInterrupt()) Thread.sleep(1);
        }
        t.join(HANG_MS);
        if (t.isAlive()) {
            it.requestInterrupt();
            t.join(2000);
            throw new AssertionError("no stop within " + HANG_MS + " ms: " + script);
        }
        Object o = outcome.get();
        if (o instanceof Throwable && !(o instanceof LuaError)) throw new AssertionError("for " + script, (Throwable) o);
        return o instanceof LuaError ? (LuaError) o : null;
    }
}
