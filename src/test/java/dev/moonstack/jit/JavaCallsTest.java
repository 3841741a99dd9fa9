package dev.moonstack.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.api.Lua;
import dev.moonstack.api.LuaException;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions called from Java (a host's per-frame function, a sort comparator, a gsub
 * replacement) enter their compiled body at their first instruction, as calls from Lua do:
 * the call counts for hotness, and errors raised in the compiled code unwind to the right
 * catchpoint. Expected outputs come from lua5.4.
 */
class JavaCallsTest {
    @TempDir Path tmp;

    private static final String CALLBACKS = """
        function less(a, b) return a.k < b.k end
        function bad(a, b) if a.k == 7 then error("bad at " .. a.k) end return a.k < b.k end
        function rep(s) return "<" .. s:upper() .. ">" end
        local t = {}
        for i = 1, 40 do t[i] = {k = (i * 37) % 41} end
        table.sort(t, less)
        local s = {}
        for i = 1, #t do s[#s + 1] = t[i].k end
        print(table.concat(s, " "))
        for i = 1, 40 do t[i] = {k = (i * 37) % 41} end
        print(pcall(table.sort, t, bad))
        print(string.gsub("one two three", "%a+", rep))
        print(select("#", string.gsub(string.rep("ab ", 200), "%a+", rep)))
        """;

    @Test
    void callbacksFromBuiltinsRunCompiled() throws Exception {
        String expected = reference(CALLBACKS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Lua lua = new Lua(out, out, true);
        Jit jit = Jit.of(Runtimes.state(lua));
        jit.setThreshold(0);
        jit.setOn(Runtimes.mainThread(lua), true);
        lua.call(lua.load(CALLBACKS, "=stdin"));
        Runtimes.state(lua).stdout.flush();
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
        for (String f : new String[] {"less", "bad", "rep"}) {
            Object fn = Runtimes.state(lua).globals.getStrRef(LuaString.of(f));
            assertTrue(jit.isCompiled(((LuaClosure) fn).p), f + ", called only from Java, was compiled");
        }
    }

    private static final String UPDATE = """
        local total = 0
        function update(dt)
          total = total + dt
          if dt == 250 then error("boom at " .. dt) end
          local ok, e = pcall(function() if dt % 100 == 0 then error("caught " .. dt) end end)
          return total, ok, e
        end
        """;

    /** A host calling a Lua function once per frame, at the default thresholds. */
    @Test
    void aFunctionTheHostCallsEveryFrameIsCompiledAndRaisesAsInterpreted() throws Exception {
        String expected = reference(UPDATE + """
            for dt = 1, 249 do update(dt) end
            print(select(2, pcall(update, 250)))
            print(update(300))
            """);
        Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true);
        lua.call(lua.load(UPDATE, "=stdin"));
        Object update = lua.call(lua.load("return update", "=get"))[0];
        Object[] r = null;
        for (int dt = 1; dt <= 249; dt++) r = lua.call(update, (long) dt);
        assertEquals(31125L, r[0], "1 + 2 + ... + 249");
        LuaException e = assertThrows(LuaException.class, () -> lua.call(update, 250L));
        Object[] last = lua.call(update, 300L);
        String got = e.getMessage() + "\n" + last[0] + "\t" + last[1] + "\t" + last[2] + "\n";
        assertEquals(expected, got);
        Object fn = Runtimes.state(lua).globals.getStrRef(LuaString.of("update"));
        assertTrue(Jit.of(Runtimes.state(lua)).isCompiled(((LuaClosure) fn).p),
                "update, called 250 times from Java and never from Lua, was compiled");
    }

    private String reference(String script) throws Exception {
        return TierScripts.reference(tmp, script);
    }
}
