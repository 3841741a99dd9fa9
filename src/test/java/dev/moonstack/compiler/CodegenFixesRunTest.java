package dev.moonstack.compiler;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Runs, through the VM, programs that luac 5.4.4 compiles wrongly and 5.4.8 correctly (the
 * code-generation fixes listed in dev.moonstack.code.CodegenFixes). The expected results are
 * those of lua 5.4.8 (built from the lua/lua sources at tag v5.4.8); Debian's lua5.4 5.4.4
 * gives the wrong ones noted in each test.
 */
class CodegenFixesRunTest {
    private static Object[] run(String src) {
        Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        return Runtimes.callRaw(lua, Runtimes.loadClosure(lua, src, "=fixes"));
    }

    private static LuaString s(String x) { return LuaString.of(x); }

    /** closure.lua's "bug in 5.4.7" (5.4.4: attempt to index a number / string value). */
    @Test
    void comparisonAsKeyOfUpvalueTable() {
        assertArrayEquals(new Object[] {10L}, run(
                "_ENV[true] = 10; local function aux () return _ENV[1 < 2] end; return aux()"));
        assertArrayEquals(new Object[] {3L, 3L, 2L, 3L}, run("""
                local t = {[true] = 1, [false] = 2}
                local function g(a, b) t[a <= b] = 3; return t[a < b], t[not (a == b)], t[a >= b], t[true] end
                local x, y, z = g(1, 2)
                return x, y, z, t[true]"""));
    }

    /** constructs.lua's "bug since 5.4.0" (5.4.4: 0 and 2 for '~' and '|'). */
    @Test
    void bitwiseConstantPastMaxIndexRk() {
        StringBuilder k = new StringBuilder("local x = {");
        for (int i = 1; i <= 257; i++) k.append(i).append(".1,");
        k.append("};");
        assertArrayEquals(new Object[] {3L, 3L, 3L, 4L, 6L, 7L}, run(k + """
                local t = {f = 6}
                local function id(v) return v end
                return (1 ~ (2 or 3)), (1 | (2 or 3)), (1 + (2 or 3)), (1 << (2 or 3)),
                       7 & t.f, 5 | (id(true) and 2)"""));
    }

    /** locals.lua's "bug in 5.4.4" (5.4.4: the closing value stays open). */
    @Test
    void breakOutOfGenericForClosesItsValue() {
        assertArrayEquals(new Object[] {Boolean.TRUE}, run("""
                local closed = false
                local o1 = setmetatable({}, {__close = function() closed = true end})
                for k, v in next, {}, nil, o1 do
                  local function f() return k end
                  break
                end
                return closed"""));
    }

    /** The call's line is the line of its arguments (5.4.4: the line where the call began). */
    @Test
    void callLineIsTheLineOfItsArguments() {
        assertArrayEquals(new Object[] {Boolean.FALSE, s("fixes:4: x"), Boolean.FALSE, s("fixes:11: x")}, run("""
                local function f() error("x", 2) end
                local ok, e = pcall(function()
                f
                (
                1)
                end)
                local t = {f = f}
                local ok2, e2 = pcall(function()
                  t
                  :f
                  "s"
                end)
                return ok, e, ok2, e2"""));
    }

    /** ')' expected: the opening parenthesis is on the line of the arguments (5.4.4: of 'f'). */
    @Test
    void unclosedArgumentsReportTheirOwnLine() {
        LuaError e = assertThrows(LuaError.class, () -> run("f\n(\n1\nx"));
        assertEquals("fixes:4: ')' expected (to close '(' at line 2) near 'x'", e.ref.toString());
    }

    /** At most SHRT_MAX - 1 locals of all open functions (5.4.4: USHRT_MAX, out of reach). */
    @Test
    void localVariablesOfAllOpenFunctions() {
        assertArrayEquals(new Object[] {s("ok")}, run(nestedLocals(32766)));
        LuaError e = assertThrows(LuaError.class, () -> run(nestedLocals(32767)));
        assertEquals("too many local variables (limit is 32767)", e.ref.toString());
    }

    /** Nested functions declaring {@code total} locals in all: 199 and a function per level. */
    private static String nestedLocals(int total) {
        StringBuilder sb = new StringBuilder("local function f0()\n");
        int n = 1, depth = 0;
        for (;;) {
            int rem = total - n;
            int here = rem <= 200 ? rem : 199;
            if (here > 0) {
                sb.append("local v0");
                for (int i = 1; i < here; i++) sb.append(",v").append(i);
                sb.append('\n');
            }
            n += here;
            if (here == rem) break;
            sb.append("local function f").append(++depth).append("()\n");
            n++;
        }
        sb.append("end\n".repeat(depth + 1)).append("return 'ok'\n");
        return sb.toString();
    }
}
