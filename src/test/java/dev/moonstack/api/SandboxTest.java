package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Profiles, os.exit without the host's consent, and runtimes that share nothing. */
class SandboxTest {
    static Lua sandbox() {
        return Lua.builder().profile(Profile.SANDBOX).stdout(new ByteArrayOutputStream()).build();
    }

    @Test
    void theSandboxHasNoFilesProcessesDebugOrDump() {
        Lua lua = sandbox();
        assertArrayEquals(new Object[] {null, null, null, null, null, null, null, null, null},
                lua.exec("return io, debug, dofile, loadfile, string.dump, os.execute, os.getenv, os.remove, package"));
        assertArrayEquals(new Object[] {"function", "function", "function", "table", "table"},
                lua.exec("return type(os.clock), type(os.time), type(load), type(utf8), type(coroutine)"));
        Lua trusted = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        Object[] dumped = trusted.exec("return string.dump(function() return 1 end)");
        lua.setGlobal("bin", dumped[0]);
        // lua5.4 -e "print(load(string.dump(function() end), 'x', 't'))"
        assertArrayEquals(new Object[] {null, "attempt to load a binary chunk (mode is 't')"}, lua.exec("return load(bin)"));
        assertArrayEquals(new Object[] {null, "attempt to load a binary chunk (mode is '')"}, lua.exec("return load(bin, 'x', 'b')"));
        assertArrayEquals(new Object[] {3L}, lua.exec("return load('return 1 + 2')()"));
        assertThrows(IllegalArgumentException.class,
                () -> Lua.builder().profile(Profile.SANDBOX).libraries(Library.BASE, Library.DEBUG).build());
    }

    @Test
    void aSandboxWithModulesHasOnlyPreloadAndTheHost() {
        Lua lua = Lua.builder().profile(Profile.SANDBOX).modules(ModuleSource.of(Map.of("m", "return 7")))
                .stdout(new ByteArrayOutputStream()).build();
        assertArrayEquals(new Object[] {7L, null, null, null, 2L}, lua.exec("return (require('m')), package.loadlib, package.path, package.searchpath, #package.searchers"));
        Object[] r = lua.exec("return pcall(require, 'os2')");
        assertEquals("module 'os2' not found:\n\tno field package.preload['os2']\n\tno host module 'os2'", r[1]);
    }

    @Test
    void osExitIsAnErrorUnlessTheHostOptsIn() {
        for (Lua lua : new Lua[] {sandbox(), new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream())}) {
            assertArrayEquals(new Object[] {false, "[string \"x\"]:1: os.exit is disabled by the host"},
                    lua.exec("return pcall(function() os.exit(3) end)", "x"));
            LuaException e = assertThrows(LuaException.class, () -> lua.exec("os.exit(0, true)", "=s"));
            assertEquals("s:1: os.exit is disabled by the host", e.getMessage());
            assertArrayEquals(new Object[] {1L}, lua.exec("return 1"), "the runtime goes on");
        }
        int[] status = {-1};
        Lua host = Lua.builder().exitHandler(code -> status[0] = code).stdout(new ByteArrayOutputStream()).build();
        host.exec("os.exit(4)");
        assertEquals(4, status[0]);
    }

    /** LuaJ's flaw: one runtime's string metatable or package.loaded seen by another. */
    @Test
    void runtimesShareNoMutableState() {
        Lua a = sandbox(), b = Lua.builder().stdout(new ByteArrayOutputStream()).build();
        a.exec("getmetatable('').__index.shout = function(s) return s:upper() .. '!' end "
                + "getmetatable('').__add = function() return 'hacked' end string.len = nil math.pi = 3 _G.x = 1");
        assertArrayEquals(new Object[] {"HI!"}, a.exec("return ('hi'):shout()"));
        assertArrayEquals(new Object[] {"hacked"}, a.exec("return '10' + 1"));
        assertArrayEquals(new Object[] {null, 11L, 2L, 3.141592653589793, null},
                b.exec("return ('hi').shout, '10' + 1, string.len('ab'), math.pi, x"));
        b.exec("package.loaded.shared = {n = 1} package.loaded.string.evil = true");
        Lua c = Lua.builder().stdout(new ByteArrayOutputStream()).build();
        assertArrayEquals(new Object[] {null, null}, c.exec("return package.loaded.shared, string.evil"));
    }
}
