package dev.moonstack.lexer;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The scanner on its own: tokens, numerals, strings, long brackets, lines and errors (values checked with lua5.4). */
class LexerTest {
    private static Lexer lexer(String src) {
        Lexer l = new Lexer(src.getBytes(StandardCharsets.ISO_8859_1), LuaString.of("=t"));
        l.next();
        return l;
    }

    private static List<Integer> tokens(String src) {
        Lexer l = lexer(src);
        List<Integer> out = new ArrayList<>();
        while (l.token != Token.EOS) {
            out.add(l.token);
            l.next();
        }
        return out;
    }

    private static byte[] string(String src) {
        Lexer l = lexer(src);
        assertEquals(Token.STRING, l.token);
        return l.sval.bytes();
    }

    private static String error(String src) {
        LuaError e = assertThrows(LuaError.class, () -> {
            Lexer l = lexer(src);
            while (l.token != Token.EOS) l.next();
        });
        return e.getMessage();
    }

    @Test
    void symbolsAndReservedWords() {
        assertEquals(List.of(Token.IDIV, Token.CONCAT, Token.DOTS, Token.EQ, Token.GE, Token.LE, Token.NE,
                Token.SHL, Token.SHR, Token.DBCOLON, (int) '/', (int) '.', (int) '~', (int) ':', (int) '<',
                (int) '>', (int) '=', (int) '[', (int) '-'),
                tokens("// .. ... == >= <= ~= << >> :: / . ~ : < > = [ -"));
        assertEquals(List.of(Token.AND, Token.BREAK, Token.GOTO, Token.WHILE, Token.NAME, Token.NAME),
                tokens("and break goto while While _x1"));
    }

    @Test
    void integersAndFloats() {
        Lexer l = lexer("3 0x10 0xffffffffffffffff 9223372036854775807 9223372036854775808 0x1p4 0x.8 1e2 .5 3. 0xA.8P-1");
        long[] ints = {3, 16, -1, Long.MAX_VALUE};
        for (long v : ints) {
            assertEquals(Token.INT, l.token);
            assertEquals(v, l.ival);
            l.next();
        }
        double[] flts = {9.223372036854775808e18, 16.0, 0.5, 100.0, 0.5, 3.0, 5.25};
        for (double v : flts) {
            assertEquals(Token.FLT, l.token);
            assertEquals(v, l.fval);
            l.next();
        }
        assertEquals(Token.EOS, l.token);
    }

    @Test
    void escapes() {
        assertArrayEquals(new byte[] {7, 8, 12, 10, 13, 9, 11, '\\', '"', '\''},
                string("'\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\\''"));
        assertArrayEquals(new byte[] {'A', 'B', 0, 'z', (byte) 255, '9'}, string("\"\\65\\x42\\0z\\2559\""));
        assertArrayEquals(new byte[] {(byte) 0xE2, (byte) 0x82, (byte) 0xAC, 'H'}, string("'\\u{20AC}\\u{48}'"));
        assertArrayEquals(new byte[] {(byte) 0xFD, (byte) 0xBF, (byte) 0xBF, (byte) 0xBF, (byte) 0xBF, (byte) 0xBF},
                string("'\\u{7FFFFFFF}'"));
        assertArrayEquals("a\nb".getBytes(StandardCharsets.ISO_8859_1), string("'a\\\nb'"));
        assertArrayEquals("ab".getBytes(StandardCharsets.ISO_8859_1), string("'a\\z  \n\t  b'"));
    }

    @Test
    void longBrackets() {
        assertArrayEquals("x]]y".getBytes(StandardCharsets.ISO_8859_1), string("[==[x]]y]==]"));
        assertArrayEquals("a\nb\n".getBytes(StandardCharsets.ISO_8859_1), string("[[\r\na\r\nb\n\r]]"));
        assertEquals(List.of(Token.NAME), tokens("--[==[ comment ]] ]==] x -- line comment"));
    }

    @Test
    void lineNumbers() {
        Lexer l = lexer("a\r\nb\n\rc\r\rd\n[[\n\n]] e");
        int[] lines = {1, 2, 3, 5, 8, 8};
        for (int line : lines) {
            assertEquals(line, l.linenumber);
            l.next();
            assertEquals(line, l.lastline);
        }
    }

    @Test
    void lookaheadAdvancesTheLineAsInLua() {
        Lexer l = lexer("x\n\n=");
        assertEquals(1, l.linenumber);
        assertEquals('=', l.lookahead());
        assertEquals(3, l.linenumber);
        l.next();
        assertEquals(3, l.lastline);
        assertEquals('=', l.token);
    }

    @Test
    void errors() {
        assertEquals("t:1: malformed number near '3x'", error("3x"));
        assertEquals("t:1: malformed number near '0x1p'", error("0x1p"));
        assertEquals("t:2: unfinished string near '\"ab'", error("\n\"ab\n"));
        assertEquals("t:1: invalid long string delimiter near '[='", error("[=x"));
        assertEquals("t:3: unfinished long string (starting at line 1) near <eof>", error("[[\n\n"));
        assertEquals("t:1: decimal escape too large near '\"\\256\"'", error("\"\\256\""));
        assertEquals("t:1: missing '{' near '\"\\ux'", error("\"\\ux\""));
    }
}
