package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.Invocable;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.junit.jupiter.api.Test;

/** JSR-223 as a user reaches it: through ScriptEngineManager and META-INF/services. */
class ScriptEngineTest {
    final ScriptEngine engine = new ScriptEngineManager().getEngineByName("lua");

    @Test
    void foundByNameAndExtension() {
        assertNotNull(engine, "getEngineByName(\"lua\")");
        ScriptEngineManager m = new ScriptEngineManager();
        assertTrue(m.getEngineByName("moonstack") instanceof LuaScriptEngine);
        assertTrue(m.getEngineByExtension("lua") instanceof LuaScriptEngine);
        assertEquals("5.4", engine.getFactory().getLanguageVersion());
    }

    @Test
    void evalMapsBindingsToGlobalsAndWritesToTheContext() throws Exception {
        StringWriter out = new StringWriter();
        engine.getContext().setWriter(out);
        engine.put("speed", 3);
        assertEquals(7L, engine.eval("distance = speed * 2 print('moving', distance) return distance + 1"));
        assertEquals(6L, engine.get("distance"), "a global the script made is in the engine scope");
        assertEquals("moving\t6\n", out.toString());
        Bindings b = engine.createBindings();
        b.put("name", "orc");
        assertEquals("orc!", engine.eval("return name .. '!'", b));
        ScriptException e = assertThrows(ScriptException.class, () -> engine.eval("error('bad')"));
        assertTrue(e.getMessage().contains("bad"), e.getMessage());
    }

    public interface Greeter {
        String greet(String who);

        long twice(long n);
    }

    @Test
    void invocableCallsFunctionsMethodsAndInterfaces() throws Exception {
        engine.eval("function greet(who) return 'hello ' .. who end function twice(n) return n * 2 end "
                + "obj = {k = 10} function obj:add(n) return self.k + n end");
        Invocable inv = (Invocable) engine;
        assertEquals("hello you", inv.invokeFunction("greet", "you"));
        assertEquals(15L, inv.invokeMethod(engine.get("obj"), "add", 5));
        Greeter g = inv.getInterface(Greeter.class);
        assertEquals("hello me", g.greet("me"));
        assertEquals(42L, g.twice(21));
        assertThrows(NoSuchMethodException.class, () -> inv.invokeFunction("missing"));
    }

    @Test
    void compiledScriptsRunAgain() throws Exception {
        CompiledScript s = ((Compilable) engine).compile("n = (n or 0) + 1 return n");
        assertEquals(1L, s.eval());
        assertEquals(2L, s.eval());
        assertEquals(3L, engine.eval("return n + 1"), "the compiled script's global is the engine's");
    }
}
