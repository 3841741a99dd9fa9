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
        {"f(a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a)",
         "input:1: function or expression needs too many registers near 'a'"},
        {"local x = f(\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na,\na)",
         "input:256: function or expression needs too many registers near 'a'"},
        {"x = {[a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. [a] = a .. b}",
         "input:1: unexpected symbol near '['"},
        {"return a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, b",
         "input:1: function or expression needs too many registers near 'a'"},
        {"local a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, b = 1\nlocal c = {f(), x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, }",
         "input:2: too many local variables (limit is 200) in main function near '='"},
        {"local a1 = 1\nlocal a2 = 2\nlocal a3 = 3\nlocal a4 = 4\nlocal a5 = 5\nlocal a6 = 6\nlocal a7 = 7\nlocal a8 = 8\nlocal a9 = 9\nlocal a10 = 10\nlocal a11 = 11\nlocal a12 = 12\nlocal a13 = 13\nlocal a14 = 14\nlocal a15 = 15\nlocal a16 = 16\nlocal a17 = 17\nlocal a18 = 18\nlocal a19 = 19\nlocal a20 = 20\nlocal a21 = 21\nlocal a22 = 22\nlocal a23 = 23\nlocal a24 = 24\nlocal a25 = 25\nlocal a26 = 26\nlocal a27 = 27\nlocal a28 = 28\nlocal a29 = 29\nlocal a30 = 30\nlocal a31 = 31\nlocal a32 = 32\nlocal a33 = 33\nlocal a34 = 34\nlocal a35 = 35\nlocal a36 = 36\nlocal a37 = 37\nlocal a38 = 38\nlocal a39 = 39\nlocal a40 = 40\nlocal a41 = 41\nlocal a42 = 42\nlocal a43 = 43\nlocal a44 = 44\nlocal a45 = 45\nlocal a46 = 46\nlocal a47 = 47\nlocal a48 = 48\nlocal a49 = 49\nlocal a50 = 50\nlocal a51 = 51\nlocal a52 = 52\nlocal a53 = 53\nlocal a54 = 54\nlocal a55 = 55\nlocal a56 = 56\nlocal a57 = 57\nlocal a58 = 58\nlocal a59 = 59\nlocal a60 = 60\nlocal a61 = 61\nlocal a62 = 62\nlocal a63 = 63\nlocal a64 = 64\nlocal a65 = 65\nlocal a66 = 66\nlocal a67 = 67\nlocal a68 = 68\nlocal a69 = 69\nlocal a70 = 70\nlocal a71 = 71\nlocal a72 = 72\nlocal a73 = 73\nlocal a74 = 74\nlocal a75 = 75\nlocal a76 = 76\nlocal a77 = 77\nlocal a78 = 78\nlocal a79 = 79\nlocal a80 = 80\nlocal a81 = 81\nlocal a82 = 82\nlocal a83 = 83\nlocal a84 = 84\nlocal a85 = 85\nlocal a86 = 86\nlocal a87 = 87\nlocal a88 = 88\nlocal a89 = 89\nlocal a90 = 90\nlocal a91 = 91\nlocal a92 = 92\nlocal a93 = 93\nlocal a94 = 94\nlocal a95 = 95\nlocal a96 = 96\nlocal a97 = 97\nlocal a98 = 98\nlocal a99 = 99\nlocal a100 = 100\nlocal a101 = 101\nlocal a102 = 102\nlocal a103 = 103\nlocal a104 = 104\nlocal a105 = 105\nlocal a106 = 106\nlocal a107 = 107\nlocal a108 = 108\nlocal a109 = 109\nlocal a110 = 110\nlocal a111 = 111\nlocal a112 = 112\nlocal a113 = 113\nlocal a114 = 114\nlocal a115 = 115\nlocal a116 = 116\nlocal a117 = 117\nlocal a118 = 118\nlocal a119 = 119\nlocal a120 = 120\nlocal a121 = 121\nlocal a122 = 122\nlocal a123 = 123\nlocal a124 = 124\nlocal a125 = 125\nlocal a126 = 126\nlocal a127 = 127\nlocal a128 = 128\nlocal a129 = 129\nlocal a130 = 130\nlocal a131 = 131\nlocal a132 = 132\nlocal a133 = 133\nlocal a134 = 134\nlocal a135 = 135\nlocal a136 = 136\nlocal a137 = 137\nlocal a138 = 138\nlocal a139 = 139\nlocal a140 = 140\nlocal a141 = 141\nlocal a142 = 142\nlocal a143 = 143\nlocal a144 = 144\nlocal a145 = 145\nlocal a146 = 146\nlocal a147 = 147\nlocal a148 = 148\nlocal a149 = 149\nlocal a150 = 150\nfunction g()\nlocal b1 = 1\nlocal b2 = 2\nlocal b3 = 3\nlocal b4 = 4\nlocal b5 = 5\nlocal b6 = 6\nlocal b7 = 7\nlocal b8 = 8\nlocal b9 = 9\nlocal b10 = 10\nlocal b11 = 11\nlocal b12 = 12\nlocal b13 = 13\nlocal b14 = 14\nlocal b15 = 15\nlocal b16 = 16\nlocal b17 = 17\nlocal b18 = 18\nlocal b19 = 19\nlocal b20 = 20\nlocal b21 = 21\nlocal b22 = 22\nlocal b23 = 23\nlocal b24 = 24\nlocal b25 = 25\nlocal b26 = 26\nlocal b27 = 27\nlocal b28 = 28\nlocal b29 = 29\nlocal b30 = 30\nlocal b31 = 31\nlocal b32 = 32\nlocal b33 = 33\nlocal b34 = 34\nlocal b35 = 35\nlocal b36 = 36\nlocal b37 = 37\nlocal b38 = 38\nlocal b39 = 39\nlocal b40 = 40\nlocal b41 = 41\nlocal b42 = 42\nlocal b43 = 43\nlocal b44 = 44\nlocal b45 = 45\nlocal b46 = 46\nlocal b47 = 47\nlocal b48 = 48\nlocal b49 = 49\nlocal b50 = 50\nlocal b51 = 51\nlocal b52 = 52\nlocal b53 = 53\nlocal b54 = 54\nlocal b55 = 55\nlocal b56 = 56\nlocal b57 = 57\nlocal b58 = 58\nlocal b59 = 59\nlocal b60 = 60\nlocal b61 = 61\nlocal b62 = 62\nlocal b63 = 63\nlocal b64 = 64\nlocal b65 = 65\nlocal b66 = 66\nlocal b67 = 67\nlocal b68 = 68\nlocal b69 = 69\nlocal b70 = 70\nlocal b71 = 71\nlocal b72 = 72\nlocal b73 = 73\nlocal b74 = 74\nlocal b75 = 75\nlocal b76 = 76\nlocal b77 = 77\nlocal b78 = 78\nlocal b79 = 79\nlocal b80 = 80\nlocal b81 = 81\nlocal b82 = 82\nlocal b83 = 83\nlocal b84 = 84\nlocal b85 = 85\nlocal b86 = 86\nlocal b87 = 87\nlocal b88 = 88\nlocal b89 = 89\nlocal b90 = 90\nlocal b91 = 91\nlocal b92 = 92\nlocal b93 = 93\nlocal b94 = 94\nlocal b95 = 95\nlocal b96 = 96\nlocal b97 = 97\nlocal b98 = 98\nlocal b99 = 99\nlocal b100 = 100\nlocal b101 = 101\nlocal b102 = 102\nlocal b103 = 103\nlocal b104 = 104\nlocal b105 = 105\nlocal b106 = 106\nlocal b107 = 107\nlocal b108 = 108\nlocal b109 = 109\nlocal b110 = 110\nlocal b111 = 111\nlocal b112 = 112\nlocal b113 = 113\nlocal b114 = 114\nlocal b115 = 115\nlocal b116 = 116\nlocal b117 = 117\nlocal b118 = 118\nlocal b119 = 119\nlocal b120 = 120\nlocal b121 = 121\nlocal b122 = 122\nlocal b123 = 123\nlocal b124 = 124\nlocal b125 = 125\nlocal b126 = 126\nlocal b127 = 127\nlocal b128 = 128\nlocal b129 = 129\nlocal b130 = 130\nlocal b131 = 131\nlocal b132 = 132\nlocal b133 = 133\nlocal b134 = 134\nlocal b135 = 135\nlocal b136 = 136\nlocal b137 = 137\nlocal b138 = 138\nlocal b139 = 139\nlocal b140 = 140\nlocal b141 = 141\nlocal b142 = 142\nlocal b143 = 143\nlocal b144 = 144\nlocal b145 = 145\nlocal b146 = 146\nlocal b147 = 147\nlocal b148 = 148\nlocal b149 = 149\nlocal b150 = 150\nreturn function() return a1 + b1 + a2 + b2 + a3 + b3 + a4 + b4 + a5 + b5 + a6 + b6 + a7 + b7 + a8 + b8 + a9 + b9 + a10 + b10 + a11 + b11 + a12 + b12 + a13 + b13 + a14 + b14 + a15 + b15 + a16 + b16 + a17 + b17 + a18 + b18 + a19 + b19 + a20 + b20 + a21 + b21 + a22 + b22 + a23 + b23 + a24 + b24 + a25 + b25 + a26 + b26 + a27 + b27 + a28 + b28 + a29 + b29 + a30 + b30 + a31 + b31 + a32 + b32 + a33 + b33 + a34 + b34 + a35 + b35 + a36 + b36 + a37 + b37 + a38 + b38 + a39 + b39 + a40 + b40 + a41 + b41 + a42 + b42 + a43 + b43 + a44 + b44 + a45 + b45 + a46 + b46 + a47 + b47 + a48 + b48 + a49 + b49 + a50 + b50 + a51 + b51 + a52 + b52 + a53 + b53 + a54 + b54 + a55 + b55 + a56 + b56 + a57 + b57 + a58 + b58 + a59 + b59 + a60 + b60 + a61 + b61 + a62 + b62 + a63 + b63 + a64 + b64 + a65 + b65 + a66 + b66 + a67 + b67 + a68 + b68 + a69 + b69 + a70 + b70 + a71 + b71 + a72 + b72 + a73 + b73 + a74 + b74 + a75 + b75 + a76 + b76 + a77 + b77 + a78 + b78 + a79 + b79 + a80 + b80 + a81 + b81 + a82 + b82 + a83 + b83 + a84 + b84 + a85 + b85 + a86 + b86 + a87 + b87 + a88 + b88 + a89 + b89 + a90 + b90 + a91 + b91 + a92 + b92 + a93 + b93 + a94 + b94 + a95 + b95 + a96 + b96 + a97 + b97 + a98 + b98 + a99 + b99 + a100 + b100 + a101 + b101 + a102 + b102 + a103 + b103 + a104 + b104 + a105 + b105 + a106 + b106 + a107 + b107 + a108 + b108 + a109 + b109 + a110 + b110 + a111 + b111 + a112 + b112 + a113 + b113 + a114 + b114 + a115 + b115 + a116 + b116 + a117 + b117 + a118 + b118 + a119 + b119 + a120 + b120 + a121 + b121 + a122 + b122 + a123 + b123 + a124 + b124 + a125 + b125 + a126 + b126 + a127 + b127 + a128 + b128 + a129 + b129 + a130 + b130 + a131 + b131 + a132 + b132 + a133 + b133 + a134 + b134 + a135 + b135 + a136 + b136 + a137 + b137 + a138 + b138 + a139 + b139 + a140 + b140 + a141 + b141 + a142 + b142 + a143 + b143 + a144 + b144 + a145 + b145 + a146 + b146 + a147 + b147 + a148 + b148 + a149 + b149 + a150 + b150 end end",
         "input:302: too many upvalues (limit is 255) in function at line 302 near '+'"},
    };

    private static String abbreviate(String src) {
        String s = src.replaceAll("\\p{Cntrl}", "?");
        return (s.length() > 60 ? s.substring(0, 60) + "..." : s) + " ";
    }

    static String compileError(String src, String chunk) {
        LuaError e = assertThrows(LuaError.class,
                () -> LuaCompiler.compile(src.getBytes(StandardCharsets.ISO_8859_1), LuaString.of(chunk)));
        return new String(((LuaString) e.ref).bytes(), StandardCharsets.ISO_8859_1);
    }

    @TestFactory
    Stream<DynamicTest> messages() {
        return Arrays.stream(CASES).map(c -> DynamicTest.dynamicTest(abbreviate(c[0]),
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
