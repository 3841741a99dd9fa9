package dev.moonstack.parser;

import dev.moonstack.compiler.LuaCompiler;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Syntax and semantic errors of the front end, message for message. The expectations were
 * produced by lua5.4 ({@code load(src, "=input")}) and are checked against it again by
 * {@link #expectationsAreLuas()} when lua5.4 is installed.
 */
class SyntaxErrorTest {
    /** (source, message of load(source, "=input")). */
    static final String[][] CASES = {
        {"x = 1 +",
         "input:1: unexpected symbol near <eof>"},
        {"x = = 1",
         "input:1: unexpected symbol near '='"},
        {"+",
         "input:1: unexpected symbol near '+'"},
        {"f(",
         "input:1: unexpected symbol near <eof>"},
        {"f(1,",
         "input:1: unexpected symbol near <eof>"},
        {"x = (1",
         "input:1: ')' expected near <eof>"},
        {"x = (1\n\n",
         "input:3: ')' expected (to close '(' at line 1) near <eof>"},
        {"local function f()\n\n x = 1",
         "input:3: 'end' expected (to close 'function' at line 1) near <eof>"},
        {"if x then",
         "input:1: 'end' expected near <eof>"},
        {"if x then\nelse\n",
         "input:3: 'end' expected (to close 'if' at line 1) near <eof>"},
        {"while x do",
         "input:1: 'end' expected near <eof>"},
        {"for i = 1 do end",
         "input:1: ',' expected near 'do'"},
        {"for i do end",
         "input:1: '=' or 'in' expected near 'do'"},
        {"for 1 = 1, 2 do end",
         "input:1: <name> expected near '1'"},
        {"repeat x = 1",
         "input:1: 'until' expected near <eof>"},
        {"do",
         "input:1: 'end' expected near <eof>"},
        {"x = }",
         "input:1: unexpected symbol near '}'"},
        {"x = {1, 2",
         "input:1: '}' expected near <eof>"},
        {"x = {1, 2\n\n",
         "input:3: '}' expected (to close '{' at line 1) near <eof>"},
        {"x = 'abc",
         "input:1: unfinished string near <eof>"},
        {"x = 'abc\ndef'",
         "input:1: unfinished string near ''abc'"},
        {"x = \"abc\\q\"",
         "input:1: invalid escape sequence near '\"abc\\q'"},
        {"x = \"\\300\"",
         "input:1: decimal escape too large near '\"\\300\"'"},
        {"x = \"\\xZZ\"",
         "input:1: hexadecimal digit expected near '\"\\xZ'"},
        {"x = \"\\x5\"",
         "input:1: hexadecimal digit expected near '\"\\x5\"'"},
        {"x = \"\\u{110000000}\"",
         "input:1: UTF-8 value too large near '\"\\u{110000000'"},
        {"x = \"\\u{12\"",
         "input:1: missing '}' near '\"\\u{12\"'"},
        {"x = \"\\u12\"",
         "input:1: missing '{' near '\"\\u1'"},
        {"x = \"\\u{}\"",
         "input:1: hexadecimal digit expected near '\"\\u{}'"},
        {"x = [[abc",
         "input:1: unfinished long string (starting at line 1) near <eof>"},
        {"--[[ abc",
         "input:1: unfinished long comment (starting at line 1) near <eof>"},
        {"x = [==[ abc ]=]",
         "input:1: unfinished long string (starting at line 1) near <eof>"},
        {"x = [=abc",
         "input:1: invalid long string delimiter near '[='"},
        {"x = 3x",
         "input:1: malformed number near '3x'"},
        {"x = 0x",
         "input:1: malformed number near '0x'"},
        {"x = 1e",
         "input:1: malformed number near '1e'"},
        {"x = 1.2.3",
         "input:1: malformed number near '1.2.3'"},
        {"x = 0xg",
         "input:1: malformed number near '0xg'"},
        {"local x <foo> = 1",
         "input:1: unknown attribute 'foo'"},
        {"local x <const> = 1; x = 2",
         "input:1: attempt to assign to const variable 'x'"},
        {"local x <close>, y <close> = 1, 2",
         "input:1: multiple to-be-closed variables in local list"},
        {"local x <const> = 1; local function f() x = 2 end",
         "input:1: attempt to assign to const variable 'x'"},
        {"goto nowhere",
         "input:1: no visible label 'nowhere' for <goto> at line 1"},
        {"do goto l1 end ::l1:: ::l1::",
         "input:1: label 'l1' already defined on line 1"},
        {"::l1:: ::l1::",
         "input:1: label 'l1' already defined on line 1"},
        {"break",
         "input:1: break outside loop at line 1"},
        {"do break end",
         "input:1: break outside loop at line 1"},
        {"goto l; local a; ::l:: print(a)",
         "input:1: <goto l> at line 1 jumps into the scope of local 'a'"},
        {"local x = ...; function f() return ... end",
         "input:1: cannot use '...' outside a vararg function near '...'"},
        {"f() = 1",
         "input:1: syntax error near '='"},
        {"(a) = 1",
         "input:1: syntax error near '='"},
        {"a.b:c() = 1",
         "input:1: syntax error near '='"},
        {"x",
         "input:1: syntax error near <eof>"},
        {"x.y",
         "input:1: syntax error near <eof>"},
        {"a, b",
         "input:1: '=' expected near <eof>"},
        {"a, f() = 1, 2",
         "input:1: syntax error near '='"},
        {"return return",
         "input:1: unexpected symbol near 'return'"},
        {"return 1 x = 2",
         "input:1: <eof> expected near 'x'"},
        {"local function end",
         "input:1: <name> expected near 'end'"},
        {"function f(a, 1) end",
         "input:1: <name> or '...' expected near '1'"},
        {"function f(...,a) end",
         "input:1: ')' expected near ','"},
        {"function a.b:c.d() end",
         "input:1: '(' expected near '.'"},
        {"x = function() end end",
         "input:1: <eof> expected near 'end'"},
        {"x = a..",
         "input:1: unexpected symbol near <eof>"},
        {"x = not",
         "input:1: unexpected symbol near <eof>"},
        {"x = #",
         "input:1: unexpected symbol near <eof>"},
        {"local a = {[1] = }",
         "input:1: unexpected symbol near '}'"},
        {"local a = {x = }",
         "input:1: unexpected symbol near '}'"},
        {"t = {x = 1 y = 2}",
         "input:1: '}' expected near 'y'"},
        {"print('a' 'b')",
         "input:1: ')' expected near ''b''"},
        {"x = 1\n\n\ny = 2 +\n\n",
         "input:6: unexpected symbol near <eof>"},
        {"\u0001",
         "input:1: unexpected symbol near '<\\1>'"},
        {"x = @",
         "input:1: unexpected symbol near '@'"},
        {"x = $a",
         "input:1: unexpected symbol near '$'"},
        {"x = ~= 1",
         "input:1: unexpected symbol near '~='"},
        {"if x then else elseif y then end",
         "input:1: 'end' expected near 'elseif'"},
        {"for a, b in do end",
         "input:1: unexpected symbol near 'do'"},
        {"for a, b c in x do end",
         "input:1: 'in' expected near 'c'"},
        {"local 1 = 2",
         "input:1: <name> expected near '1'"},
        {"local a, = 1",
         "input:1: <name> expected near '='"},
        {"x = y:z",
         "input:1: function arguments expected near <eof>"},
        {"x = y:z 1",
         "input:1: function arguments expected near '1'"},
        {"x = y[1",
         "input:1: ']' expected near <eof>"},
        {"::a:: goto a ::b:: goto c",
         "input:1: no visible label 'c' for <goto> at line 1"},
        {"goto x; do ::x:: end",
         "input:1: no visible label 'x' for <goto> at line 1"},
        {"repeat goto l; local y; ::l:: until y",
         "input:1: <goto l> at line 1 jumps into the scope of local 'y'"},
        {"x = 'a\\\nb' + ",
         "input:2: unexpected symbol near <eof>"},
        {"local t = {} t.x.y.z = ",
         "input:1: unexpected symbol near <eof>"},
        {"x = 1e400 +",
         "input:1: unexpected symbol near <eof>"},
        {"x = \"\\z  \n  abc",
         "input:2: unfinished string near <eof>"},
        {"x = \"abc\\",
         "input:1: unfinished string near <eof>"},
        {"x = 0x1p",
         "input:1: malformed number near '0x1p'"},
        {"x = 5 // ",
         "input:1: unexpected symbol near <eof>"},
        {"return 1,",
         "input:1: unexpected symbol near <eof>"},
        {"a.b.c = ",
         "input:1: unexpected symbol near <eof>"},
        {"f{",
         "input:1: unexpected symbol near <eof>"},
        {"f'",
         "input:1: unfinished string near <eof>"},
        {"f\"x\" g",
         "input:1: syntax error near <eof>"},
        {"local x <const> = 1; x = 2; +",
         "input:1: attempt to assign to const variable 'x'"},
        {"local x <close> = nil; local function f() x = 1 end",
         "input:1: attempt to assign to const variable 'x'"},
        {"local self <const> = 1; function self() end",
         "input:1: attempt to assign to const variable 'self'"},
        {"local a <const> = 1; for a = 1, 2 do a = 3 end; a = 4",
         "input:1: attempt to assign to const variable 'a'"},
        {"local a <const> = 1; local b = function() a = 2 end",
         "input:1: attempt to assign to const variable 'a'"},
        {"local a <const> = 1; repeat local a = 2 until a; a = 5",
         "input:1: attempt to assign to const variable 'a'"},
        {"local a, b <const>, c = 1, 2, 3; c = 1; b = 2",
         "input:1: attempt to assign to const variable 'b'"},
        {"local a <const> = {}; a.x, a = 1, 2",
         "input:1: attempt to assign to const variable 'a'"},
        {"local x <const> = 1; function f(...) local function g() x = 2 end end",
         "input:1: attempt to assign to const variable 'x'"},
        {"local x <const> = 1; goto l; ::l:: x = 2 +",
         "input:1: attempt to assign to const variable 'x'"},
        {"local x; x, y, z = 1, 2, +",
         "input:1: unexpected symbol near '+'"},
        {"goto x; local a = 1 +",
         "input:1: unexpected symbol near <eof>"},
        {"do goto x end; x = = 1",
         "input:1: unexpected symbol near '='"},
        {"local function f() goto x end x = = 1",
         "input:1: no visible label 'x' for <goto> at line 1"},
        {"local function f() goto x end\n\n x = 1",
         "input:3: no visible label 'x' for <goto> at line 1"},
        {"repeat goto c; local z = 1; ::c:: until z",
         "input:1: <goto c> at line 1 jumps into the scope of local 'z'"},
        {"repeat goto c; local z = 1; ::c:: ; until z",
         "input:1: <goto c> at line 1 jumps into the scope of local 'z'"},
        {"do goto c; local z = 1; ::c:: ::d:: z = 1 end",
         "input:1: <goto c> at line 1 jumps into the scope of local 'z'"},
        {"::a:: do ::a:: end",
         "input:1: label 'a' already defined on line 1"},
        {"if x then break end",
         "input:1: break outside loop at line 1"},
        {"while x do if y then break end end break",
         "input:1: break outside loop at line 1"},
        {"local x <const> = 1 goto l; local y; ::l:: print(y)",
         "input:1: <goto l> at line 1 jumps into the scope of local 'y'"},
        {"function f() local a; goto l; local b <const> = 3; ::l:: return a end",
         "input:1: <goto l> at line 1 jumps into the scope of local 'b'"},
        {"function f() local a; goto l; local b <const> = {}; ::l:: return a end",
         "input:1: <goto l> at line 1 jumps into the scope of local 'b'"},
    };

    static String compileError(String src, String chunk) {
        LuaError e = assertThrows(LuaError.class,
                () -> LuaCompiler.compile(src.getBytes(StandardCharsets.ISO_8859_1), LuaString.of(chunk)));
        return new String(((LuaString) e.ref).bytes(), StandardCharsets.ISO_8859_1);
    }

    @TestFactory
    Stream<DynamicTest> messages() {
        return Arrays.stream(CASES).map(c -> DynamicTest.dynamicTest(c[0].replaceAll("\\p{Cntrl}", "?") + " ",
                () -> assertEquals(c[1], compileError(c[0], "=input"))));
    }

    /** Sources that look close to errors but compile (shadowing of constants, indexed targets). */
    @Test
    void constantsCanBeShadowed() {
        String[] ok = {
            "local self <const> = 1; local t = {} function t:m() self = 2 end",
            "local a <const> = 1; for k, a in pairs(t) do a = 3 end",
            "local a <const> = 1; do local a = 2; a = 3 end",
            "local a <const> = 1; local a = a; a = 2",
            "local a <const> = 1; local function a() a = 1 end",
            "local a <const> = 1; a.x = 2",
            "local x <const> = 1; function f(x) x = 2 end",
            "local _ENV <const> = {}; y = 1",
        };
        for (String src : ok) LuaCompiler.compile(src.getBytes(StandardCharsets.ISO_8859_1), LuaString.of("=input"));
    }

    @Test
    void chunkNamesPrefixTheMessage() {
        assertEquals("t.lua:3: 'end' expected (to close 'function' at line 1) near <eof>",
                compileError("function f()\n\n x = 1", "@t.lua"));
        assertEquals("[string \"x = = 1\"]:1: unexpected symbol near '='", compileError("x = = 1", "x = = 1"));
        assertEquals("[string \"local a...\"]:2: unexpected symbol near '+'", compileError("local a\n+", "local a\n+"));
    }

    @Test
    void nearQuotesRawBytesOfTheToken() {
        assertEquals("input:1: unfinished string near '\"\u00e9\u00ff'", compileError("x = \"\u00e9\u00ff\n", "=input"));
    }

    /** Runs every case through lua5.4 and checks that it still gives the hard-coded message. */
    @Test
    void expectationsAreLuas() throws IOException, InterruptedException {
        assumeTrue(luaAvailable(), "lua5.4 is not installed");
        StringBuilder script = new StringBuilder("local hex = {\n");
        for (String[] c : CASES) {
            script.append('"').append(HexFormat.of().formatHex(c[0].getBytes(StandardCharsets.ISO_8859_1))).append("\",\n");
        }
        script.append("}\nfor _, h in ipairs(hex) do\n"
                + "  local s = h:gsub('..', function(x) return string.char(tonumber(x, 16)) end)\n"
                + "  local _, err = load(s, '=input')\n"
                + "  io.write((tostring(err):gsub('.', function(c) return string.format('%02x', c:byte()) end)), '\\n')\n"
                + "end\n");
        Process p = new ProcessBuilder("lua5.4", "-").redirectErrorStream(true).start();
        p.getOutputStream().write(script.toString().getBytes(StandardCharsets.ISO_8859_1));
        p.getOutputStream().close();
        String[] lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).split("\n");
        p.waitFor(60, TimeUnit.SECONDS);
        for (int i = 0; i < CASES.length; i++) {
            String lua = new String(HexFormat.of().parseHex(lines[i]), StandardCharsets.ISO_8859_1);
            assertEquals(CASES[i][1], lua, "lua5.4 says otherwise for " + CASES[i][0]);
        }
    }

    static boolean luaAvailable() {
        try {
            Process p = new ProcessBuilder("lua5.4", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
