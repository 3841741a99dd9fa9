package dev.moonstack.prof;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.MemoryAccount;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static dev.moonstack.prof.MemprofTest.assertSameSections;
import static dev.moonstack.prof.MemprofTest.referenceParser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * misc.memprof fed by the runtime itself: known workloads give their events at the lines of
 * the script (the lines of the instructions as luac5.4 -l lists them), with the sizes of the
 * size model (docs/profiling.md), in our report and in Tarantool's parser alike.
 */
class MemprofEventsTest {
    private final Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream());

    /** Runs {@code script} as chunk {@code @name} with the profile's path as {@code ...}; returns the file. */
    private Path run(Path dir, String name, String script) {
        Path file = dir.resolve(name + ".bin");
        lua.call(lua.load(script, "@" + name), file.toString());
        return file;
    }

    /** Our report of {@code file}, checked against the reference parser's where luajit is installed, by the caller. */
    private static String report(Path file, boolean leakOnly) throws Exception {
        return MemprofReport.parse(Files.readAllBytes(file)).text(leakOnly, false);
    }

    /** Asserts that both reports have every line of {@code lines} (each a regex on a whole line). */
    private static void assertLines(Path file, String... lines) throws Exception {
        String ours = report(file, false);
        for (String l : lines) assertTrue(Pattern.compile("^" + l + "$", Pattern.MULTILINE).matcher(ours).find(), l + " in\n" + ours);
        String ref = referenceParser(file);
        for (String l : lines) assertTrue(Pattern.compile("^" + l + "$", Pattern.MULTILINE).matcher(ref).find(), l + " in\n" + ref);
        assertSameSections(ref, ours);
    }

    @Test void tablesInALoopAreAllocatedAtTheirLine(@TempDir Path dir) throws Exception {
        Path file = run(dir, "tables.lua", """
                misc.memprof.start(...)
                for i = 1, 100 do
                  t = {}
                end
                misc.memprof.stop()
                """);
        // NEWTABLE runs without saving its pc: the site is still line 3 (64 bytes: an empty table)
        assertLines(file, "@tables.lua:3: 100 events\t\\+6400B\t-0B");
    }

    @Test void tableGrowthIsARealloc(@TempDir Path dir) throws Exception {
        Path file = run(dir, "grow.lua", """
                misc.memprof.start(...)
                local t = {}
                for i = 1, 100 do
                  t[i] = i
                end
                misc.memprof.stop()
                """);
        // the table on line 2 (64 bytes); its array part made by the store on line 4 (1 slot:
        // 32 + 12), then resized in place by it to 2, 4, ..., 128 slots; at the end line 4's
        // part holds 32 + 12 * 128 bytes
        assertLines(file, "@grow.lua:2: 1 events\t\\+64B\t-0B", "@grow.lua:4: 1 events\t\\+44B\t-0B",
                "@grow.lua:4: 7 events\t\\+3272B\t-1748B", "\t\t@grow.lua:4",
                "@grow.lua:4 holds 1568B: 8 allocs, 7 frees", "@grow.lua:2 holds 64B: 1 allocs, 0 frees");
    }

    @Test void stringsFromConcatRepFormatAndConcat(@TempDir Path dir) throws Exception {
        Path file = run(dir, "strings.lua", """
                misc.memprof.start(...)
                local a = string.rep("ab", 1000)
                local b = a .. "!"
                local c = string.format("%d-%s", 42, "x")
                local d = table.concat({"p", "q", "r"}, ",")
                local ok, e = pcall(string.rep, "y", 300)
                misc.memprof.stop()
                """);
        assertLines(file,
                "@strings.lua:2: 1 events\t\\+2040B\t-0B",          // 40 + 2000
                "@strings.lua:3: 1 events\t\\+2048B\t-0B",          // 40 + 2001 rounded to 8
                "@strings.lua:4: \\d+ events\t\\+\\d+B\t-0B",
                "@strings.lua:5: \\d+ events\t\\+\\d+B\t-0B",
                "string.rep:0x[0-9a-f]+: 1 events\t\\+344B\t-0B");   // no Lua caller: pcall called it
    }

    @Test void loadAllocatesPrototypesAndItsChunkRunsUnderItsName(@TempDir Path dir) throws Exception {
        Path file = run(dir, "load.lua", """
                misc.memprof.start(...)
                local f = load("local t = {} return t", "=loaded")
                local t = f()
                misc.memprof.stop()
                """);
        assertLines(file, "@load.lua:2: \\d+ events\t\\+\\d+B\t-0B", "=loaded:1: 1 events\t\\+64B\t-0B");
        assertTrue(!report(file, false).contains("@load.lua:3:"), "calling the chunk allocates nothing on line 3");
    }

    @Test void closuresAndTheirUpvaluesAtTheClosureLine(@TempDir Path dir) throws Exception {
        Path file = run(dir, "closures.lua", """
                misc.memprof.start(...)
                local fs = {}
                for i = 1, 10 do
                  fs[i] = function() return i end
                end
                local g = function(x)
                  return x
                end
                misc.memprof.stop()
                """);
        // 10 closures of 44 bytes (one upvalue), 10 upvalues of 32, and fs's array part made by
        // the store (one slot, 44 bytes); g's CLOSURE is on line 8
        assertLines(file, "@closures.lua:4: 21 events\t\\+804B\t-0B", "@closures.lua:8: 1 events\t\\+40B\t-0B");
    }

    @Test void coroutinesAndTheirStackGrowth(@TempDir Path dir) throws Exception {
        Path file = run(dir, "co.lua", """
                misc.memprof.start(...)
                local co = coroutine.create(function(n)
                  local function deep(k)
                    if k == 0 then return 0 end
                    return 1 + deep(k - 1)
                  end
                  return deep(n)
                end)
                assert(coroutine.resume(co, 200))
                misc.memprof.stop()
                """);
        String r = report(file, false);
        // the body's CLOSURE (line 8, no upvalues); the coroutine and its stack, made by
        // coroutine.create called on line 2; deep's CLOSURE (line 6) and its upvalue (deep itself)
        assertLines(file, "@co.lua:8: 1 events\t\\+40B\t-0B", "@co.lua:2: 2 events\t\\+\\d+B\t-0B",
                "@co.lua:6: 2 events\t\\+76B\t-0B");
        // the recursive call on line 5 grows the coroutine's stack, made on line 2
        assertTrue(Pattern.compile("REALLOCATIONS\n(.*\n)*@co.lua:5: \\d+ events\t\\+\\d+B\t-\\d+B\n\tOverrides:\n\t\t@co.lua:2\n")
                .matcher(r).find(), r);
    }

    /** The allocation sites' one test is off again once no profile runs: stopped, or its runtime closed. */
    @Test void theFeedIsOffWhenNoProfileRuns(@TempDir Path dir) throws Exception {
        Assumptions.assumeFalse(MemoryAccount.profiled(), "a profile started by another test still runs");
        Memprof m = Memprof.start(Runtimes.state(lua), dir.resolve("a.bin"));
        assertTrue(MemoryAccount.profiled());
        m.stop();
        assertFalse(MemoryAccount.profiled());
        Lua other = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        other.call(other.load("assert(misc.memprof.start(...))", "=c"), dir.resolve("b.bin").toString());
        assertTrue(MemoryAccount.profiled());
        other.close();
        assertFalse(MemoryAccount.profiled());
    }

    @Test void userdataFromTheIoLibrary(@TempDir Path dir) throws Exception {
        Path file = run(dir, "ud.lua", """
                misc.memprof.start(...)
                local f = io.tmpfile()
                f:close()
                misc.memprof.stop()
                """);
        // a file is a userdata with no user values: 48 bytes, made by io.tmpfile called on line 2
        assertLines(file, "@ud.lua:2: 1 events\t\\+48B\t-0B");
    }

    @Test void aScriptThatFreesEverythingLeavesAnEmptyLeakReport(@TempDir Path dir) throws Exception {
        // no part grows on a line other than the one that made it (see docs/profiling.md, "What is reported")
        Path file = run(dir, "free.lua", """
                local function work()
                  local last
                  for i = 1, 100 do
                    last = {i, tostring(i) .. "x"}
                  end
                  local f = function() return last end
                  local co = coroutine.wrap(function() coroutine.yield(f) end)
                  co()
                end
                misc.memprof.start(...)
                work()
                collectgarbage()
                misc.memprof.stop()
                """);
        String full = report(file, false);
        // per item: the table, its array part, tostring's string and the concatenation's
        assertTrue(full.contains("ALLOCATIONS\n@free.lua:4: 400 events"), full);
        assertTrue(Pattern.compile("DEALLOCATIONS\nINTERNAL: \\d{3,} events").matcher(full).find(), full);
        assertEquals("HEAP SUMMARY:\n\n", report(file, true));
        assertSameSections(referenceParser(file, "--leak-only"), report(file, true));
    }
}
