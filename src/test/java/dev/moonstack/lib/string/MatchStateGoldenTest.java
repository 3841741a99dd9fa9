package dev.moonstack.lib.string;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moonstack.lib.string.PatternCorpus.Case;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checked-in results of lua5.4 (5.4.4) for a few dozen cases, in the differential test's line
 * format (find | plain find | match | gmatch | gsub "%0" | gsub "<%1>"), so the engine is
 * still checked where lua5.4 is not installed.
 */
class MatchStateGoldenTest {
    record Golden(Case c, String expected) {
        @Override public String toString() { return c.toString(); }
    }

    static Golden g(String s, String p, Long init, String expected) {
        return new Golden(new Case(PatternCorpus.bytes(s), PatternCorpus.bytes(p), init), expected);
    }

    static Stream<Golden> golden() {
        return Stream.of(
            g("hello world", "o", null,
              "i5 i5 | i5 i5 | s6f | [s6f;s6f;] | s68656c6c6f20776f726c64 i2 | s68656c6c3c6f3e20773c6f3e726c64 i2"),
            g("hello world", "(o)(r)", null,
              "i8 i9 s6f s72 | n | s6f s72 | [s6f s72;] | s68656c6c6f20776f726c64 i1 | s68656c6c6f20773c6f3e6c64 i1"),
            g("hello", "()ll()", null,
              "i3 i4 i3 i5 | n | i3 i5 | [i3 i5;] | s68656c6c6f i1 | s68653c333e6f i1"),
            g("", "", null,
              "i1 i0 | i1 i0 | s | [s;] | s i1 | s3c3e i1"),
            g("abc", "", 4L,
              "i4 i3 | i4 i3 | s | [s;] | s616263 i4 | s3c3e613c3e623c3e633c3e i4"),
            g("abc", "x*", null,
              "i1 i0 | n | s | [s;s;s;s;] | s616263 i4 | s3c3e613c3e623c3e633c3e i4"),
            g("a^b^", "^.", null,
              "i1 i1 | n | s61 | [s5e62;] | s615e625e i1 | s3c613e5e625e i1"),
            g("abc", "^b", 2L,
              "i2 i2 | n | s62 | [] | s616263 i0 | s616263 i0"),
            g("THE (quick) fox", "%f[%a]%a+", null,
              "i1 i3 | n | s544845 | [s544845;s717569636b;s666f78;] | s5448452028717569636b2920666f78 i3 | s3c5448453e20283c717569636b3e29203c666f783e i3"),
            g("x(a(b)c)y", "%b()", null,
              "i2 i8 | n | s28612862296329 | [s28612862296329;] | s782861286229632979 i1 | s783c286128622963293e79 i1"),
            g("((a)", "%b()", null,
              "i2 i4 | n | s286129 | [s286129;] | s28286129 i1 | s283c2861293e i1"),
            g("aaa", "()a%1", null,
              "n | n | n | [] | s616161 i0 | s616161 i0"),
            g("abab", "(ab)%1", null,
              "i1 i4 s6162 | n | s6162 | [s6162;] | s61626162 i1 | s3c61623e i1"),
            g("<a><b>", "<.->", null,
              "i1 i3 | n | s3c613e | [s3c613e;s3c623e;] | s3c613e3c623e i2 | s3c3c613e3e3c3c623e3e i2"),
            g("<a><b>", "<.*>", null,
              "i1 i6 | n | s3c613e3c623e | [s3c613e3c623e;] | s3c613e3c623e i1 | s3c3c613e3c623e3e i1"),
            g("a]b", "[]]", null,
              "i2 i2 | n | s5d | [s5d;] | s615d62 i1 | s613c5d3e62 i1"),
            g("az-y", "[%a-z]+", null,
              "i1 i4 | n | s617a2d79 | [s617a2d79;] | s617a2d79 i1 | s3c617a2d793e i1"),
            g("a-b", "[a-]+", null,
              "i1 i2 | n | s612d | [s612d;] | s612d62 i1 | s3c612d3e62 i1"),
            g("\u00e9t\u00e9", "%a+", null,
              "i2 i2 | n | s74 | [s74;] | se974e9 i1 | se93c743ee9 i1"),
            g("a\u0000b", "a.b", null,
              "i1 i3 | n | s610062 | [s610062;] | s610062 i1 | s3c6100623e i1"),
            g("ab\u0000\u0001\u0002c", "[\u0000-\u0002]+", null,
              "i3 i5 | n | s000102 | [s000102;] | s616200010263 i1 | s61623c0001023e63 i1"),
            g("\u00ff\u0080abc", "[\u0080-\u00ff]+", null,
              "i1 i2 | n | sff80 | [sff80;] | sff80616263 i1 | s3cff803e616263 i1"),
            g("a,b,,c", "[^,]*", null,
              "i1 i1 | n | s61 | [s61;s62;s;s63;] | s612c622c2c63 i4 | s3c613e2c3c623e2c3c3e2c3c633e i4"),
            g("  x  ", "^%s*(.-)%s*$", null,
              "i1 i5 s78 | n | s78 | [] | s2020782020 i1 | s3c783e i1"),
            g("key = value", "(%w+)%s*=%s*(%w+)", null,
              "i1 i11 s6b6579 s76616c7565 | n | s6b6579 s76616c7565 | [s6b6579 s76616c7565;] | s6b6579203d2076616c7565 i1 | s3c6b65793e i1"),
            g("abc", "%f[%W]", null,
              "i4 i3 | n | s | [s;] | s616263 i1 | s6162633c3e i1"),
            g("hello", "(()", null,
              "E:unfinished capture | n | E:unfinished capture | E:unfinished capture | s68656c6c6f i6 | E:unfinished capture"),
            g("hello", ".)", null,
              "E:invalid pattern capture | n | E:invalid pattern capture | E:invalid pattern capture | E:invalid pattern capture | E:invalid pattern capture"),
            g("a", "%", null,
              "E:malformed pattern (ends with '%') | n | E:malformed pattern (ends with '%') | E:malformed pattern (ends with '%') | E:malformed pattern (ends with '%') | E:malformed pattern (ends with '%')"),
            g("a", "[a", null,
              "E:malformed pattern (missing ']') | n | E:malformed pattern (missing ']') | E:malformed pattern (missing ']') | E:malformed pattern (missing ']') | E:malformed pattern (missing ']')"),
            g("a", "%f", null,
              "E:missing '[' after '%f' in pattern | n | E:missing '[' after '%f' in pattern | E:missing '[' after '%f' in pattern | E:missing '[' after '%f' in pattern | E:missing '[' after '%f' in pattern"),
            g("a", "%ba", null,
              "E:malformed pattern (missing arguments to '%b') | n | E:malformed pattern (missing arguments to '%b') | E:malformed pattern (missing arguments to '%b') | E:malformed pattern (missing arguments to '%b') | E:malformed pattern (missing arguments to '%b')"),
            g("aa", "%1", null,
              "E:invalid capture index %1 | n | E:invalid capture index %1 | E:invalid capture index %1 | E:invalid capture index %1 | E:invalid capture index %1"),
            g("aa", "(a%1)", null,
              "E:invalid capture index %1 | n | E:invalid capture index %1 | E:invalid capture index %1 | E:invalid capture index %1 | E:invalid capture index %1"),
            g("a+b", "a+b", null,
              "n | i1 i3 | n | [] | s612b62 i0 | s612b62 i0"),
            g("abcabc", "abc", -3L,
              "i4 i6 | i4 i6 | s616263 | [s616263;] | s616263616263 i2 | s3c6162633e3c6162633e i2"),
            g("a\u0000b", "%z", null,
              "i2 i2 | n | s00 | [s00;] | s610062 i1 | s613c003e62 i1"),
            g("abc", "%d?%a", null,
              "i1 i1 | n | s61 | [s61;s62;s63;] | s616263 i3 | s3c613e3c623e3c633e i3"),
            g("a".repeat(205), "a?".repeat(205) + "a".repeat(205), null,
              "E:pattern too complex | n | E:pattern too complex | E:pattern too complex | E:pattern too complex | E:pattern too complex"),
            g("a".repeat(40), "(a)".repeat(33), null,
              "E:too many captures | n | E:too many captures | E:too many captures | E:too many captures | E:too many captures"),
            g("xyzxyz", "^(.-)%1$", null,
              "i1 i6 s78797a | n | s78797a | [] | s78797a78797a i1 | s3c78797a3e i1"),
            g("aaa", "(a-)$", null,
              "i1 i3 s616161 | n | s616161 | [s616161;] | s616161 i1 | s3c6161613e i1"));
    }

    @ParameterizedTest
    @MethodSource("golden")
    void matchesLua54(Golden g) {
        assertEquals(g.expected(), MatchStateDifferentialTest.javaLine(g.c()));
    }

    /** The golden rows are lua5.4's own answers: re-check them when lua5.4 is there. */
    @Test
    void goldenRowsAreLua54s() throws Exception {
        Assumptions.assumeTrue(MatchStateDifferentialTest.haveLua(),
            "lua5.4 not installed: golden rows not re-checked");
        List<Golden> rows = golden().toList();
        List<String> lua = MatchStateDifferentialTest.luaLines(rows.stream().map(Golden::c).toList());
        for (int i = 0; i < rows.size(); i++) assertEquals(rows.get(i).expected(), lua.get(i), rows.get(i).toString());
    }
}
