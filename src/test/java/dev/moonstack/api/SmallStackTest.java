package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaError;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A host thread with a small Java stack: running out of it in Java recursion (metamethods
 * through builtins, the parser) is a Lua error with a sensible position, and the runtime works
 * afterwards (a stack overflow while an activation was being pushed used to leave the call
 * stack pointing at a missing record, and every later call failed).
 */
class SmallStackTest {
    private static final String[] DEEP = {
        "local function f(n) return tostring(setmetatable({}, {__tostring = function() return f(n + 1) end})) end return f(1)",
        "local t = setmetatable({}, {__index = function(t, k) return t[k + 1] end}) return t[1]",
        "local function g(s) return (string.gsub(s, '.', function(c) return g(c) end)) end return g('ab')",
        "local mt = {} mt.__lt = function(a, b) return setmetatable({}, mt) < setmetatable({}, mt) end"
                + " return setmetatable({}, mt) < setmetatable({}, mt)",
    };

    @Test
    void runningOutOfJavaStackIsAnErrorAndTheRuntimeGoesOn() throws Exception {
        List<String> report = onSmallStack(lua -> {
            List<String> lines = new ArrayList<>();
            for (String s : DEEP) {
                try {
                    Runtimes.execRaw(lua, s);
                    lines.add("returned: " + s);
                } catch (LuaError e) {
                    String m = e.getMessage();
                    if (!m.contains("stack overflow")) lines.add("unexpected error " + m);
                    if (m.contains(":-1:")) lines.add("no line: " + m);
                }
                lines.add("after " + Runtimes.execRaw(lua, "return 1 + 1")[0]);
                if (!lua.mainThread().checkInvariants().isEmpty()) lines.add("invariants " + lua.mainThread().checkInvariants());
            }
            return lines;
        });
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < DEEP.length; i++) expected.add("after 2");
        assertEquals(expected, report);
    }

    @Test
    void theParserRunningOutOfJavaStackSaysSo() throws Exception {
        String deep = "return " + "(".repeat(190) + "1" + ")".repeat(190);
        List<String> report = onSmallStack(lua -> {
            List<String> lines = new ArrayList<>();
            try {
                lines.add("loaded " + (Runtimes.loadClosure(lua, deep, "=deep") != null));
            } catch (LuaError e) {
                lines.add(e.getMessage());
            }
            return lines;
        }, 96 * 1024);
        String r = report.get(0);
        assertTrue(r.equals("loaded true") || r.equals("deep: stack overflow (Java stack) in the parser"), r);
        assertFalse(r.contains("syntax levels"), r);
    }

    private interface Body { List<String> run(Lua lua) throws Exception; }

    private static List<String> onSmallStack(Body body) throws Exception { return onSmallStack(body, 256 * 1024); }

    private static List<String> onSmallStack(Body body, long stack) throws Exception {
        List<String> out = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                out.addAll(body.run(new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true)));
            } catch (Throwable x) {
                failure[0] = x;
            }
        }, "small-stack", stack);
        t.start();
        t.join();
        if (failure[0] != null) throw new AssertionError("escaped to the host", failure[0]);
        return out;
    }
}
