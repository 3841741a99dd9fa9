package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed embedding API as a host uses it: values, Java functions, errors, output, limits, modules. */
class EmbeddingTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final Lua lua = Lua.builder().stdout(out).stderr(new ByteArrayOutputStream()).build();

    @Test
    void globalsAndTablesAreTyped() {
        lua.exec("config = {width = 800, scale = 1.5, title = 'game', tags = {'a', 'b'}, on = true} n = 3.0");
        LuaTable config = lua.getTable("config");
        assertEquals(800L, config.getLong("width"));
        assertEquals(1.5, config.getDouble("scale"));
        assertEquals(800.0, config.getDouble("width"));
        assertEquals("game", config.getString("title"));
        assertEquals("800", config.getString("width"));
        assertTrue(config.getBoolean("on"));
        assertEquals(List.of("a", "b"), config.getTable("tags").toList());
        assertEquals(2, config.getTable("tags").length());
        assertEquals(3L, lua.globals().getLong("n"), "a float with an integer value is an integer");
        LuaException e = assertThrows(LuaException.class, () -> config.getLong("title"));
        assertEquals("field 'title': number expected, got string", e.getMessage());
        e = assertThrows(LuaException.class, () -> config.getTable("missing"));
        assertEquals("field 'missing': table expected, got nil", e.getMessage());
        lua.setGlobal("answer", 42);
        assertArrayEquals(new Object[] {"integer", 43L}, lua.exec("return math.type(answer), answer + 1"));
        assertNull(lua.getGlobal("nothing"));
    }

    @Test
    void mapsAndListsConvertBothWays() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "orc");
        m.put("hp", 12);
        m.put("pos", List.of(1.5, 2.5));
        lua.setGlobal("e", m);
        assertArrayEquals(new Object[] {"orc", 12L, 4.0, 2L}, lua.exec("return e.name, e.hp, e.pos[1] + e.pos[2], #e.pos"));
        Map<Object, Object> back = lua.getTable("e").toMap();
        assertEquals("orc", back.get("name"));
        assertEquals(12L, back.get("hp"));
        assertEquals(List.of(1.5, 2.5), ((LuaTable) back.get("pos")).toList());
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        lua.setGlobal("c", cyclic);
        assertArrayEquals(new Object[] {true}, lua.exec("return c[1] == c"));
        Map<String, Object> seen = new LinkedHashMap<>();
        lua.exec("t = {10, 20, x = 'y'}");
        lua.getTable("t").forEach((k, v) -> seen.put(String.valueOf(k), v));
        assertEquals(Map.of("1", 10L, "2", 20L, "x", "y"), seen);
        Object opaque = new Object();
        lua.setGlobal("o", opaque);
        assertArrayEquals(new Object[] {"userdata", "Object"}, lua.exec("return type(o), tostring(o)"), "an opaque userdata");
    }

    @Test
    void luaFunctionsCalledWithTypedResults() {
        lua.exec("function add(a, b) return a + b, 'sum' end");
        LuaFunction add = lua.getFunction("add");
        assertArrayEquals(new Object[] {5L, "sum"}, add.call(2, 3));
        assertEquals(5L, add.callAs(Long.class, 2, 3));
        assertEquals(5.5, add.callAs(Double.class, 2, 3.5));
        LuaException e = assertThrows(LuaException.class, () -> add.callAs(LuaTable.class, 1, 2));
        assertEquals("result #1: table expected, got number", e.getMessage());
    }

    @Test
    void javaFunctionsCheckArgumentsAsLauxlib() {
        lua.register("f", JavaFunction.of(Double.class, Math::abs));
        lua.register("g", args -> args.checkString(1).repeat((int) args.optLong(2, 2)));
        assertArrayEquals(new Object[] {2.5, "abab"}, lua.exec("return f(-2.5), g('ab')"));
        // expected messages: lua5.4 -e "f = math.abs; print(pcall(function() return f('x') end)) ..."
        assertArrayEquals(new Object[] {false, "[string \"x\"]:1: bad argument #1 to 'f' (number expected, got string)"},
                lua.exec("return pcall(function() return f('x') end)", "x"));
        assertArrayEquals(new Object[] {false, "[string \"x\"]:1: bad argument #1 to 'g' (string expected, got no value)"},
                lua.exec("return pcall(function() return g() end)", "x"));
        assertArrayEquals(new Object[] {false, "[string \"x\"]:1: bad argument #1 to 'f' (number expected, got table)"},
                lua.exec("return pcall(function() return f(1, 2), f({}) end)", "x"));
    }

    @Test
    void javaExceptionsBecomeLuaErrorsWithTheirMessage() {
        lua.register("boom", args -> {
            throw new IllegalStateException("the reactor is offline");
        });
        // as luaL_error in a C function: the position of the calling Lua code, none when pcall calls it directly
        assertArrayEquals(new Object[] {false, "[string \"x\"]:1: the reactor is offline"},
                lua.exec("return pcall(function() boom() end)", "x"));
        assertArrayEquals(new Object[] {false, "the reactor is offline"}, lua.exec("return pcall(boom)", "x"));
        LuaException e = assertThrows(LuaException.class, () -> lua.exec("boom()", "=host"));
        assertEquals("host:1: the reactor is offline", e.getMessage());
    }

    @Test
    void javaFunctionsReturnSeveralValuesAndCallBack() {
        lua.register("two", args -> JavaFunction.results(1, "b"));
        lua.register("apply", args -> args.checkFunction(1).call(args.get(2))[0]);
        assertArrayEquals(new Object[] {1L, "b", 10L}, lua.exec("local a, b = two() return a, b, apply(function(x) return x * 2 end, 5)"));
        lua.register("wait", args -> JavaFunction.yield(args.get(1)));
        Coroutine co = lua.coroutine(lua.load("local got = wait(3) return got", "=co"));
        assertArrayEquals(new Object[] {3L}, co.resume().values);
        assertArrayEquals(new Object[] {"done"}, co.resume("done").values);
    }

    /** Expected text from lua5.4 on the same script: select(2, xpcall(run, debug.traceback)) (see the class body). */
    @Test
    void errorsCarryValueMessageAndTraceback() {
        lua.exec("local function f() error('boom') end\nlocal function g() f() end\nfunction run() g() end", "@tb.lua");
        LuaException e = assertThrows(LuaException.class, () -> lua.getFunction("run").call());
        assertEquals("tb.lua:1: boom", e.getMessage());
        assertEquals("tb.lua:1: boom", e.value());
        // lua5.4 tb.lua, the traceback down to the function the host called
        assertEquals("stack traceback:\n\t[C]: in function 'error'\n\ttb.lua:1: in upvalue 'f'\n"
                + "\ttb.lua:2: in upvalue 'g'\n\ttb.lua:3: in function 'run'", e.traceback());
        LuaException v = assertThrows(LuaException.class, () -> lua.exec("error({code = 7})"));
        assertEquals("(error object is a table value)", v.getMessage());
        assertEquals(7L, ((LuaTable) v.value()).getLong("code"));
        Coroutine co = lua.coroutine(lua.load("local x = nil; return x.y", "=co"));
        Coroutine.Result r = co.resume();
        assertEquals(Coroutine.Result.Kind.FAILED, r.kind);
        assertEquals("co:1: attempt to index a nil value (local 'x')", r.error.getMessage());
        // lua5.4: debug.traceback(co) after coroutine.resume(coroutine.create(load(..., '=co')))
        assertEquals("stack traceback:\n\tco:1: in main chunk", r.error.traceback());
    }

    @Test
    void outputIsFlushedAfterEveryCall() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Lua l = Lua.builder().stdout(new java.io.BufferedOutputStream(sink, 1 << 16)).build();
        l.exec("io.write('no newline')");
        assertEquals("no newline", sink.toString(StandardCharsets.UTF_8), "visible without flush() or close()");
        l.exec("function f() io.write('!') end");
        l.getFunction("f").call();
        assertEquals("no newline!", sink.toString(StandardCharsets.UTF_8));
        Coroutine co = l.coroutine(l.load("io.write('co') coroutine.yield()", "=co"));
        co.resume();
        assertEquals("no newline!co", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void instructionLimitStopsEachCallAndTheNextCallRuns() {
        Lua l = Lua.builder().instructionLimit(100_000).stdout(out).build();
        LuaException e = assertThrows(LuaException.class, () -> l.exec("local ok = pcall(function() while true do end end)"));
        assertTrue(e.getMessage().contains("instruction budget exhausted"), e.getMessage());
        assertArrayEquals(new Object[] {50005000L}, l.exec("local s = 0 for i = 1, 10000 do s = s + i end return s"));
        e = assertThrows(LuaException.class, () -> l.exec("while true do end"));
        assertTrue(e.getMessage().contains("instruction budget exhausted"), "the limit holds for every call: " + e.getMessage());
    }

    @Test
    void requireFindsHostModules() {
        Map<String, String> files = Map.of("game.enemy", "local name = ... return {name = name, hp = 3}",
                "broken", "return +");
        Lua l = Lua.builder().modules(ModuleSource.of(files)).stdout(out).build();
        assertArrayEquals(new Object[] {"game.enemy", 3L, true}, l.exec("local e = require('game.enemy') return e.name, e.hp, package.loaded['game.enemy'] == e"));
        LuaException e = assertThrows(LuaException.class, () -> l.exec("require('broken')", "=m"));
        // lua5.4 with broken.lua on package.path: no position (require is a C function), the syntax error inside
        assertEquals("error loading module 'broken' from file 'broken.lua':\n\tbroken.lua:1: unexpected symbol near '+'", e.getMessage());
        Object[] r = l.exec("return pcall(require, 'nothere')");
        assertTrue(r[1].toString().startsWith("module 'nothere' not found:\n\tno field package.preload['nothere']\n\tno host module 'nothere'\n\tno file"), r[1].toString());
    }

    @Test
    void classpathAndDirectorySourcesRefuseEscapingNames(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("m.lua"), "return 'from file'");
        ModuleSource files = ModuleSource.directory(dir.resolve("sub"));
        java.nio.file.Files.createDirectories(dir.resolve("sub"));
        assertNull(files.find("..m"));
        assertNull(files.find("/etc/passwd"));
        ModuleSource ok = ModuleSource.directory(dir);
        assertEquals("return 'from file'", ok.find("m"));
        Lua l = Lua.builder().modules(ok).stdout(out).build();
        assertArrayEquals(new Object[] {"from file"}, l.exec("return (require('m'))"));
    }

    /** docs/embedding.md, hot reloading: drop the module from package.loaded and require it again. */
    @Test
    void aDirectoryModuleReloadsAfterItsFileChanged(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("enemy"));
        java.nio.file.Files.writeString(dir.resolve("enemy/orc.lua"), "return {speed = function() return 1 end}");
        Lua l = Lua.builder().profile(Profile.SANDBOX).modules(ModuleSource.directory(dir)).stdout(out).build();
        assertArrayEquals(new Object[] {1L}, l.exec("Orc = require('enemy.orc') return Orc.speed()"));
        java.nio.file.Files.writeString(dir.resolve("enemy/orc.lua"), "return {speed = function() return 2 end}");
        assertArrayEquals(new Object[] {1L}, l.exec("return require('enemy.orc').speed()"), "cached until dropped");
        assertArrayEquals(new Object[] {2L}, l.exec("package.loaded['enemy.orc'] = nil; Orc = require('enemy.orc') return Orc.speed()"));
    }

    @Test
    void anInterruptFromAnotherThreadStopsTheScript() throws Exception {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            lua.interrupt();
        });
        watchdog.start();
        LuaException e = assertThrows(LuaException.class, () -> lua.exec("local ok = pcall(function() while true do end end)"));
        watchdog.join();
        assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        assertArrayEquals(new Object[] {2L}, lua.exec("return 1 + 1"));
    }

    @Test
    void handlesFromAnotherRuntimeAreRefused() {
        Lua other = Lua.builder().stdout(out).build();
        LuaTable t = other.newTable();
        assertThrows(IllegalArgumentException.class, () -> lua.setGlobal("t", t));
    }

    @Test
    void theBuilderChoosesLibrariesAndCompat() {
        Lua bare = Lua.builder().libraries(Library.BASE, Library.MATH).compat53(false).stdout(out).build();
        assertArrayEquals(new Object[] {null, null, null, "table", null}, bare.exec("return string, io, os, type(math), math.pow"));
        assertEquals(false, bare.compat53());
        Lua compat = Lua.builder().libraries(Library.BASE, Library.MATH).stdout(out).build();
        assertArrayEquals(new Object[] {8.0}, compat.exec("return math.pow(2, 3)"), "compat 5.3 is on by default, as in lua5.4");
    }
}
