package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.junit.jupiter.api.Test;

/**
 * Errors at the API boundary are the API's own {@link LuaException}: value, message and Lua
 * traceback, for exec, call, load, typed reads and coroutines; crossing back into Lua from a
 * Java function unchanged; the cause of JSR-223's ScriptException.
 */
class LuaExceptionTest {
    final Lua lua = Lua.builder().stdout(new ByteArrayOutputStream()).build();

    @Test
    void errorsCarryValueMessageAndTraceback() {
        LuaException e = assertThrows(LuaException.class, () -> lua.exec("local function f() error('boom') end f()", "=host"));
        assertEquals("host:1: boom", e.getMessage());
        assertEquals("host:1: boom", e.value());
        // lua5.4 -e "local function f() error('boom') end f()" prints, for a chunk named host:
        // stack traceback: [C]: in function 'error' / host:1: in local 'f' (5.4.6: in upvalue/local) / host:1: in main chunk
        assertTrue(e.traceback().startsWith("stack traceback:\n\t[C]: in function 'error'\n\thost:1: in "), e.traceback());
        assertFalse(e.isStop());
        LuaException t = assertThrows(LuaException.class, () -> lua.exec("error({code = 7})"));
        assertEquals("(error object is a table value)", t.getMessage());
        assertEquals(7L, ((LuaTable) t.value()).getLong("code"));
        LuaException syntax = assertThrows(LuaException.class, () -> lua.load("x = = 1", "=s"));
        assertEquals("s:1: unexpected symbol near '='", syntax.getMessage());
        assertNull(syntax.traceback());
        lua.exec("config = {title = 'x'}");
        LuaException typed = assertThrows(LuaException.class, () -> lua.getTable("config").getLong("title"));
        assertEquals("field 'title': number expected, got string", typed.getMessage());
    }

    @Test
    void stopsAreLuaExceptionsToo() {
        lua.setInstructionLimit(10_000);
        LuaException e = assertThrows(LuaException.class, () -> lua.exec("while true do end"));
        assertTrue(e.isStop());
        assertTrue(e.getMessage().contains("instruction budget exhausted"), e.getMessage());
    }

    @Test
    void aLuaExceptionThrownByAJavaFunctionIsTheOriginalErrorInLua() {
        lua.exec("function fail() error({code = 9}) end");
        lua.register("viaJava", args -> lua.getFunction("fail").call());
        assertArrayEquals(new Object[] {false, 9L}, lua.exec("local ok, e = pcall(viaJava) return ok, e.code"));
        lua.register("check", args -> args.checkLong(1));
        LuaException e = assertThrows(LuaException.class, () -> lua.exec("check('x')", "=s"));
        assertEquals("s:1: bad argument #1 to 'check' (number expected, got string)", e.getMessage());
    }

    @Test
    void coroutinesFailWithALuaException() {
        Coroutine co = lua.coroutine(lua.load("local t = nil return t.x", "=co"));
        Coroutine.Result r = co.resume();
        assertEquals(Coroutine.Result.Kind.FAILED, r.kind);
        assertEquals("co:1: attempt to index a nil value (local 't')", r.error.getMessage());
        assertEquals("stack traceback:\n\tco:1: in main chunk", r.error.traceback());
    }

    @Test
    void scriptExceptionsWrapTheLuaException() {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("lua");
        ScriptException e = assertThrows(ScriptException.class, () -> engine.eval("error('bad', 0)"));
        LuaException cause = assertInstanceOf(LuaException.class, e.getCause());
        assertEquals("bad", cause.value());
        assertEquals("bad", e.getMessage().replaceAll(" in .*$", ""));
    }
}
