package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A memory cap per runtime (issue 11, part 2): every way a script allocates is counted against
 * the cap; passing it is Lua's "not enough memory", which pcall catches (as lua5.4 under a
 * limiting allocator), the count at that moment is within 10% of the cap, and the runtime is
 * usable afterwards. Large builtin results are refused before they are made.
 */
class MemoryCapTest {
    static final long CAP = 32L << 20;

    @TempDir
    Path dir;

    private static Lua runtime(long cap) {
        Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true);
        lua.setMemoryLimit(cap);
        return lua;
    }

    /**
     * Each body keeps what it allocates reachable from the global {@code keep}, in small
     * pieces (a chain), so that when the cap is passed nearly all of it is live: the memory in
     * use then must be the cap to within 10%.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "local c = nil for i = 1, 1e9 do c = {c} keep = c end",                                   // tables
        "local c = nil for i = 1, 1e9 do c = {c, x = i, y = i, z = i} keep = c end",               // hash parts
        "local c = nil for i = 1, 1e9 do c = {c, 'piece' .. i} keep = c end",                      // concat, short
        "local c = nil local s = string.rep('a', 3000) for i = 1, 1e9 do c = {c, s .. i} keep = c end",   // concat, long
        "local c = nil for i = 1, 1e9 do c = {c, string.rep('r', 500, ',')} keep = c end",         // rep
        "local c = nil local s = string.rep('f', 3000) for i = 1, 1e9 do c = {c, string.format('%s%d', s, i)} keep = c end",         // format
        "local c = nil local p = {} for i = 1, 100 do p[i] = 'p' .. i end "
            + "for i = 1, 1e9 do c = {c, table.concat(p, ',')} keep = c end",                      // table.concat
        "local c = nil for i = 1, 1e9 do c = {c, (string.rep('ab', 400):gsub('a', 'xy'))} keep = c end",  // gsub
        "local c = nil for i = 1, 1e9 do c = {c, function() return i, c end} keep = c end",        // closures, upvalues
        "local c = nil for i = 1, 1e9 do local co = coroutine.create(function(...) "
            + "local function r(n) if n > 0 then return r(n - 1) + 1 end coroutine.yield() return 0 end r(40) end) "
            + "local ok, e = coroutine.resume(co) if not ok then error(e, 0) end c = {c, co} keep = c end",                                   // coroutines, stack growth
        "local c = nil for i = 1, 1e9 do c = {c, load('return ' .. i .. ' + 1')} keep = c end",    // prototypes at load
    })
    void eachWayOfAllocatingStopsAtTheCap(String body) {
        Lua lua = runtime(CAP);
        Object[] r = lua.exec("return pcall(function() " + body + " end)");
        assertEquals(false, r[0], body);
        assertEquals("not enough memory", r[1], body);
        lua.exec("collectgarbage()");                   // what is live: the chain, nearly all of it
        long inUse = lua.memoryInUse();
        assertTrue(inUse > CAP * 0.9 && inUse < CAP * 1.1, "in use " + inUse + " against a cap of " + CAP + ": " + body);
        assertUsableAfterDropping(lua, "keep");
    }

    /** Drops the global that held everything: the runtime works again, far below the cap. */
    private static void assertUsableAfterDropping(Lua lua, String global) {
        lua.exec(global + " = nil collectgarbage()");
        assertTrue(lua.memoryInUse() < CAP / 4, "after dropping " + global + ": " + lua.memoryInUse());
        Object[] r = lua.exec("local t = {} for i = 1, 1000 do t[i] = {i} end return #t");
        assertEquals(1000L, r[0]);
    }

    /** Growing one table: its array and hash parts are checked before they are resized. */
    @ParameterizedTest
    @ValueSource(strings = {
        "keep = {} for i = 1, 1e9 do keep[i] = i end",
        "keep = {} for i = 1, 1e9 do keep[i * 1.5] = true end",
        "keep = {} for i = 1, 1e9 do keep[#keep + 1] = 'v' .. i end",
    })
    void aGrowingTableNeverPassesTheCap(String body) {
        Lua lua = runtime(CAP);
        LuaException e = assertThrows(LuaException.class, () -> lua.exec(body));
        assertEquals("not enough memory", e.getMessage());
        assertTrue(lua.memoryInUse() <= CAP * 1.1, "in use " + lua.memoryInUse());
        assertUsableAfterDropping(lua, "keep");
    }

    /** Huge results are refused before they are made: the thread allocates nothing like their size. */
    @ParameterizedTest
    @ValueSource(strings = {
        "return string.rep('x', 2^30)",
        "return string.rep('x', 2^20, string.rep('y', 1000))",
        "local s = string.rep('x', 2^20) return s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s",
        "local t = {} for i = 1, 64 do t[i] = string.rep('z', 2^20) end return table.concat(t)",
        "return string.format('%s%s', string.rep('q', 2^24), string.rep('q', 2^24))",
        "local s = string.rep('w', 2^24) return s:upper()",
        "local s = string.rep('w', 2^24) return s:reverse() .. ''",
    })
    void largeResultsAreRefusedBeforeTheyAreMade(String script) {
        Lua lua = runtime(CAP);
        long before = allocatedBytes();
        Object[] r = lua.exec("return pcall(function() " + script + " end)");
        long allocated = allocatedBytes() - before;
        assertArrayEquals(new Object[] {false, "not enough memory"}, r, script);
        assertTrue(allocated < 2 * CAP, "allocated " + allocated + " for " + script);
        assertTrue(lua.memoryInUse() <= CAP * 1.1, "in use " + lua.memoryInUse());
    }

    @Test
    void ioReadIsCounted() throws Exception {
        Path big = dir.resolve("big.txt");
        Files.write(big, new byte[48 << 20]);
        Lua lua = runtime(CAP);
        Object[] r = lua.exec("local f = io.open('" + big + "', 'rb') local ok, e = pcall(f.read, f, 'a') f:close() return ok, e");
        assertArrayEquals(new Object[] {false, "not enough memory"}, r);
        r = lua.exec("local f = io.open('" + big + "', 'rb') local ok, e = pcall(f.read, f, 40 << 20) f:close() return ok, e");
        assertArrayEquals(new Object[] {false, "not enough memory"}, r);
        r = lua.exec("local f = io.open('" + big + "', 'rb') local s = f:read(8 << 20) f:close() return #s");
        assertEquals(8L << 20, r[0]);
    }

    /** Garbage never makes a script fail: an emergency marking finds it before the error. */
    @Test
    void garbageIsNeverCountedAgainstTheCap() {
        Lua lua = runtime(8L << 20);
        Object[] r = lua.exec("local n = 0 for i = 1, 3000 do local s = string.rep('g', 100000) .. i n = n + #s "
                + "local t = {} for j = 1, 100 do t[j] = {j} end end return n");
        assertTrue((Long) r[0] > 300_000_000L);
    }

    /** A memory error reaches a host as a LuaException with Lua's message; a message handler never sees it. */
    @Test
    void theErrorIsLuasMemoryError() {
        Lua lua = runtime(CAP);
        Object[] r = lua.exec("return xpcall(string.rep, function(m) return 'handled: ' .. m end, 'x', 2^28)");
        assertArrayEquals(new Object[] {false, "not enough memory"}, r);
        LuaException e = assertThrows(LuaException.class, () -> lua.exec("local t = {} for i = 1, 1e9 do t[i] = {} end"));
        assertEquals("not enough memory", e.getMessage());
        assertEquals(1000L, lua.exec("local t = {} for i = 1, 1000 do t[i] = {i} end return #t")[0]);
    }

    @Test
    void theLimitCanBeReadChangedAndRemoved() {
        Lua lua = runtime(0);
        assertEquals(0, lua.memoryLimit());
        lua.exec("keep = {} for i = 1, 20 do keep[i] = string.rep('k', 1 << 20) .. i end");
        lua.setMemoryLimit(8L << 20);
        assertEquals(8L << 20, lua.memoryLimit());
        assertThrows(LuaException.class, () -> lua.exec("local more = string.rep('m', 1 << 20) .. ''"));
        lua.setMemoryLimit(0);
        assertEquals(0, lua.memoryLimit());
        assertEquals(1L << 20, lua.exec("return #(string.rep('m', 1 << 20) .. '')")[0]);
    }

    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
