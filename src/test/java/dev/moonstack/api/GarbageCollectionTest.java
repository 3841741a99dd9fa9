package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaOracle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Lua's collection semantics through the host API: finalizers when the runtime closes (compared
 * with lua5.4 where it is installed), os.exit(code, true), warnings for errors in finalizers,
 * automatic collections, the memory count, and no collector work for programs without weak
 * tables or finalizers.
 */
class GarbageCollectionTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    private final Lua lua = new Lua(new PrintStream(out, false, StandardCharsets.UTF_8),
            new PrintStream(err, false, StandardCharsets.UTF_8), true);

    private String stdout() {
        lua.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final String AT_CLOSE = String.join("\n",
            "collectgarbage('stop')",
            "local function fin(name) return {__gc = function(o) print('gc', name, o.n) end} end",
            "live = setmetatable({n = 1}, fin('global'))",
            "setmetatable({n = 2}, fin('garbage'))",
            "local keep = setmetatable({n = 3}, fin('local'))",
            "setmetatable({n = 4}, {__gc = function() error('at close') end})",
            "local later = setmetatable({n = 5}, {})",
            "getmetatable(later).__gc = function() print('never: __gc added after setmetatable') end",
            "setmetatable({n = 6}, fin('last'))",
            "print('end of chunk')",
            "");

    @Test
    void closeRunsEveryFinalizerNewestFirst() throws Exception {
        Runtimes.execRaw(lua, AT_CLOSE);
        lua.close();
        String expected = "end of chunk\ngc\tlast\t6\ngc\tlocal\t3\ngc\tgarbage\t2\ngc\tglobal\t1\n";
        assertEquals(expected, stdout());
        if (LuaOracle.find() != null) {
            assertEquals(expected, new String(LuaOracle.run(AT_CLOSE, new byte[0]), StandardCharsets.UTF_8));
        }
        lua.close();                                            // a second close does nothing
        assertEquals(expected, stdout());
    }

    @Test
    void osExitWithCloseClosesTheMainCoroutineThenFinalizes() throws Exception {
        String script = String.join("\n",
                "setmetatable({}, {__gc = function() print('finalized') end})",
                "do",
                "  local x <close> = setmetatable({}, {__close = function(_, e) print('closed', e) end})",
                "  os.exit(0, true)",
                "end",
                "print('not reached')",
                "");
        int[] status = {-1};
        lua.state().exitHandler = code -> {       // the host ends the script, as the process would end
            status[0] = code;
            LuaError stop = LuaError.plain("exit");
            stop.uncatchable = true;
            throw stop;
        };
        try {
            Runtimes.execRaw(lua, script);
        } catch (LuaError e) {
            assertEquals("exit", e.getMessage());
        }
        assertEquals(0, status[0]);
        String expected = "closed\tnil\nfinalized\n";
        assertEquals(expected, stdout());
        if (LuaOracle.find() != null) {
            assertEquals(expected, new String(LuaOracle.run(script, new byte[0]), StandardCharsets.UTF_8));
        }
    }

    @Test
    void errorsInFinalizersAreWarnings() {
        Runtimes.execRaw(lua, "warn('@on')\n"
                + "setmetatable({}, {__gc = function() error('boom') end})\n"
                + "setmetatable({}, {__gc = function() error({}) end})\n"
                + "collectgarbage()\n"
                + "print('after')\n");
        assertEquals("after\n", stdout());
        lua.flush();
        // the order of lua5.4 (checked): newest first
        assertEquals("Lua warning: error in __gc (error object is not a string)\n"
                + "Lua warning: error in __gc ([string \"warn('@on')...\"]:2: boom)\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void automaticCollectionsClearWeakEntriesAndRunFinalizers() {
        Object[] r = Runtimes.execRaw(lua, String.join("\n",
                "local w = setmetatable({}, {__mode = 'k'})",
                "w[{}] = true",
                "local finalized = false",
                "setmetatable({}, {__gc = function() finalized = true end})",
                "local n = 0",
                "repeat local t = {n}; n = n + 1 until (finalized and next(w) == nil) or n > 5e7",
                "return finalized, next(w) == nil",
                ""));
        assertEquals(Boolean.TRUE, r[0]);
        assertEquals(Boolean.TRUE, r[1]);
        assertTrue(lua.state().gc.cycles() > 0);
    }

    @Test
    void programsWithoutWeakTablesOrFinalizersStartNoCollections() {
        Runtimes.execRaw(lua, "local t = {} for i = 1, 200000 do t[i % 100] = {i} end");
        assertFalse(lua.state().gc.isWatching());
        assertEquals(0, lua.state().gc.cycles());
        Runtimes.execRaw(lua, "local w = setmetatable({}, {__mode = 'v'})");
        assertTrue(lua.state().gc.isWatching());
    }

    @Test
    void countGrowsWithAllocationAndDropsAfterCollecting() {
        Object[] r = Runtimes.execRaw(lua, String.join("\n",
                "collectgarbage()",
                "local c0 = collectgarbage('count')",
                "local t = {} for i = 1, 100000 do t[i] = {} end",
                "local c1 = collectgarbage('count')",
                "collectgarbage()",
                "local c2 = collectgarbage('count')",
                "t = nil",
                "collectgarbage()",
                "local c3 = collectgarbage('count')",
                "return c1 - c0, c2 - c0, c3 - c0",
                ""));
        double grew = (Double) r[0], live = (Double) r[1], after = (Double) r[2];
        assertTrue(grew > 4000, "grew " + grew);              // 100,000 tables: megabytes
        assertTrue(live > 4000 && live <= grew, "live " + live);
        assertTrue(after < 16, "after " + after);
    }
}
