package dev.moonstack.lib.string;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The (subject, pattern, init) cases the differential test runs through both lua5.4 and
 * {@link PatternDriver}. Strings are written in Java with chars 0..255 standing for bytes.
 */
final class PatternCorpus {
    private PatternCorpus() {}

    /** One case; {@code init} null means the optional argument is absent. */
    record Case(byte[] s, byte[] p, Long init) {
        @Override public String toString() {
            return "s=" + show(s) + " p=" + show(p) + (init == null ? "" : " init=" + init);
        }
    }

    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    /** A readable escaped form, for failure messages. */
    static String show(byte[] b) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : b) {
            int c = x & 0xFF;
            if (c >= 32 && c < 127 && c != '\\' && c != '"') sb.append((char) c);
            else sb.append(String.format("\\x%02x", c));
        }
        return sb.append('"').toString();
    }

    static Case c(String s, String p) { return new Case(bytes(s), bytes(p), null); }

    static Case c(String s, String p, long init) { return new Case(bytes(s), bytes(p), init); }

    /** Hand-picked cases, one or more per feature and edge. */
    static List<Case> handwritten() {
        List<Case> l = new ArrayList<>(List.of(
            // empty subjects, empty patterns, empty matches
            c("", ""), c("abc", ""), c("", "a*"), c("abc", "x*"), c("abc", "x-"), c("abc", "x?"),
            c("", "^"), c("", "$"), c("", "^$"), c("abc", "^$"), c("abc", "()"), c("", "()"),
            c("abc", "", 4), c("abc", "", 5), c("abc", "", -1), c("abc", "", -10), c("abc", "b", 0),
            c("abc", ".-"), c("abc", ".*"), c("abc", "%a*", 2), c("a,b,,c", "[^,]*"),
            // anchors
            c("abc", "^a"), c("abc", "^b"), c("abc", "^b", 2), c("abc", "c$"), c("abc", "b$"),
            c("a$b", "$b"), c("a$b", "a$b"), c("ab$", "%$$"), c("a^b", "a^b"), c("^^", "^^"),
            c("a^b^", "^."), c("xa^b", "^a"), c("aaa", "^a"), c("aaa", "^a*$"), c("b$a", "$\0?"),
            c("hello", "^(h)(e)"), c("abc", "$"), c("abc", "^"),
            // single classes
            c("ab12 _!", "%a+"), c("ab12 _!", "%d+"), c("ab12 _!", "%w+"), c("ab12 _!", "%p+"),
            c("ab12 _!", "%s"), c("aB", "%u"), c("aB", "%l"), c("0xFfg", "%x+"), c("a\tb\n", "%c+"),
            c("a b", "%g+"), c("ab12 _!", "%A+"), c("ab12 _!", "%D+"), c("ab12 _!", "%W+"),
            c("ab12 _!", "%P+"), c("ab12 _!", "%S+"), c("aB", "%U+"), c("aB", "%L+"), c("0xFfg", "%X+"),
            c("a\tb\n", "%C+"), c("a b", "%G+"), c("a.b", "%."), c("a%b", "%%"), c("zz", "%z"),
            c("a\0b", "%z"), c("a\0b", "%Z+"), c("x]y", "%]"), c("\u000b\f\r", "%s+"),
            c("\u007f\u0080", "%c+"), c("~`!", "%p+"), c("ab_c", "[%w_]+"),
            // any byte, including NUL and high bytes
            c("a\0b", "."), c("a\0b", "a.b"), c("\0\0\0", ".+"), c("\0\1\2", "%z+"),
            c("ab\0\1\2c", "[\0-\2]+"), c("ab\0\1\2c", "[\0-\0]+"), c("abc\0efg", "%\0"),
            c("abc\0\0\0", "%\0+"), c("abc\0\0\0", "%\0%\0?"), c("abc\0\0", "\0."),
            c("abcx\0\0abc\0abc", "x\0\0abc\0a."), c("abc\0efg\0\1e\1g", "%b\0\1"),
            c("\u00ff\u0080abc", "[\u0080-\u00ff]+"), c("\u00e9t\u00e9", "%a+"), c("\u00e9t\u00e9", "%W+"),
            c("\u00e9t\u00e9", "%g"), c("\u00e9t\u00e9", "%p"), c("\u00e9t\u00e9", "%c"),
            c("\u00e9t\u00e9", "[^%a]+"), c("x\u00ffy", "\u00ff"), c("x\u00ffy", "[\u00ff]"),
            c("\u0080\u00fe\u00ff", "[\u00fe-\u00ff]+"), c("\u00c0\u00e0", "%u"), c("\u00c0\u00e0", "%l"),
            // sets
            c("a]b", "[]]"), c("a]b", "[]a]+"), c("a]b", "[^]]+"), c("a]b]", "[^]a]+"), c("a-b", "[a-]+"),
            c("a-b", "[-a]+"), c("b-z", "[a-]"), c("az-y", "[%a-z]+"), c("-z", "[%a-z]+"), c("q-", "[%a-z]"),
            c("abc", "[a-c]+"), c("abcd", "[^a-c]+"), c("a^b", "[b^]+"), c("a^b", "[^^]+"),
            c("x[y", "[[]"), c("x%y", "[%%]"), c("a]b", "[%]]"), c("a-b", "[%-]"), c("12ab", "[%d]+"),
            c("12ab", "[^%d]+"), c("12ab", "[%D]+"), c("a.b", "[.]"), c("a.b", "[%.]"), c("ABC", "[A-Z]+"),
            c("ab", "[b-a]"), c("ab", "[a-a]"), c("a-", "[a--]+"), c("+-*", "[+--]+"),
            c("aaa", "[]"), c("aaa", "[^]"), c("aaa", "[a"), c("aaa", "[a%]"), c("aaa", "[a%"),
            c("aaa", "[^"), c("aaa", "["), c("a[", "%["),
            // repetitions
            c("aaab", "a*"), c("aaab", "a+"), c("aaab", "a-"), c("aaab", "a-b"), c("aaab", "a?"),
            c("aaab", "a?a?a?a?b"), c("b", "a+"), c("b", "a+b"), c("ab", "a*b*c*"), c("<a><b>", "<.->"),
            c("<a><b>", "<.*>"), c("<a><b>", "<(.-)>"), c("<a><b>", "<(.*)>"), c("int x; /* a */ y /* b */", "/%*.-%*/"),
            c("int x; /* a */ y /* b */", "/%*.*%*/"), c("aaa", "a-$"), c("aaa", "(a-)$"), c("aaa", "(a*)(a*)"),
            c("aaa", "(a-)(a-)"), c("aaa", "(a+)(a+)"), c("abc", "a*?"), c("a?", "a?%?"), c("a+", "a%+"),
            c("ab", ".-b"), c("ab", ".-$"), c("xyz", "%a-z"), c("  x  ", "^%s*(.-)%s*$"),
            c("key = value", "(%w+)%s*=%s*(%w+)"), c("2024-01-15", "(%d+)-(%d+)-(%d+)"),
            // captures
            c("hello world", "(o)"), c("hello world", "(h)(e)(l)(l)(o)"), c("hello", "()ll()"),
            c("hello", "(l)()"), c("hello", "((l)(l))"), c("hello", "(h(e(l)))"), c("abc", "()"),
            c("abc", "()", 4), c("abc", "(()a)"), c("abc", "(a)(b)(c)(d)"), c("", "(.-)"),
            c("abc", "(.)%1"), c("abba", "(.)(.)%2%1"), c("aXbXc", "a(.)b%1c"), c("abab", "(ab)%1"),
            c("xyzxyz", "^(.-)%1$"), c("aaa", "()a%1"), c("aa", "(a)%1"), c("aa", "(a)%2"),
            c("aa", "%1"), c("aa", "(a%1)"), c("aa", "%0"), c("aa", "(%0)"), c("aa", "()%1"),
            c("abc", "(.)(.)(.)%3"), c("abcc", "(.)(.)(.)%3"), c("a", "(.)(.)"),
            c("aaaaaaaaab", "(a)(a)(a)(a)(a)(a)(a)(a)(a)%9"),
            c("hello", "(()"), c("hello", "(."), c("hello", ".)"), c("hello", "h)"), c("hello", "(h))"),
            c("hello", "(h)(e"), c("hello", "())"), c("hello", "(()l)"), c("hello", "%1(h)"),
            // balance
            c("x(a(b)c)y", "%b()"), c("(()", "%b()"), c("((a)", "%b()"), c("(a))", "%b()"),
            c("a(b", "%b()"), c("))((", "%b()"), c("[[x]]", "%b[]"), c("if a then b end end", "%bie"),
            c("aaa", "%baa"), c("abab", "%bab"), c("xx", "%bxx"), c("abc", "%b"), c("abc", "%ba"),
            c("(a)(b)", "%b()%b()"), c("(a)(b)", "(%b())"), c("f(a(b), c) + g(d)", "%w+%b()"),
            c("(x)", "%b()$"), c("{a}", "^%b{}$"), c("(x", "%b()*"),
            // frontier
            c("THE (quick) fox", "%f[%a]%a+"), c("hello world", "%f[%w]%w+"), c("hello world", "%f[%W]"),
            c("  x", "%f[%S]"), c("abc", "%f[%z]"), c("abc", "%f[%Z]"), c("abc", "%f[a]"),
            c("aaa", "%f[^a]"), c("ab", "%f[%l]"), c("alo alo th02 is 1hat", "()%f[%w%d]"),
            c("THE (quick) fox", "%f[%l]"), c("x", "%f"), c("x", "%fa"), c("x", "%f[a"), c("x", "%f[]"),
            c("a\0b", "%f[\0]"), c("a\0b", "%f[%c]"), c("\u00ffa", "%f[a]"), c("1 22 333", "%f[%d]%d+%f[%D]"),
            c("a.b", "%f[%.]"), c("word", "%f[%w]%w+%f[%W]"),
            // malformed
            c("a", "%"), c("a", "a%"), c("a", "%b"), c("a", "%ba"), c("a", "("), c("a", ")"),
            c("a", "a)"), c("a", "(a"), c("a", "[a-"), c("a", "[%a"), c("", "%"), c("", "%1"),
            c("", "[a"), c("", "())"), c("", "%f"),
            // plain-looking patterns that find takes literally
            c("a+b", "a+b"), c("a.b", "a.b"), c("a)b", "a)b"), c("a]b", "]"), c("abcabc", "cab"),
            c("abc", "abcd"), c("abcabc", "abc", 2), c("abcabc", "abc", -3), c("abcabc", "abc", -100),
            c("abc", "c", 3), c("abc", "c", 4), c("abc", "%a", 4), c("abc", "%a", 5),
            // gmatch and gsub loops: empty matches next to real ones, anchors, init
            c("abc", "%a*"), c("abc", "%a-"), c("a b  c", "%s*"), c("a,b,,c,", "([^,]*)"),
            c("hello world from Lua", "%a+"), c("abc", "^%a"), c("^a^b", "^%a"), c("abc", "^"),
            c("abc", "()", 2), c("abc", "%a", -1), c("abc", ".", 10), c("one two", "(%a+) (%a+)"),
            c("a=1, b=2", "(%w+)=(%w+)"), c("aaa", "a*", 2), c("aaa", "", 3), c("ab", "b*"),
            c("xaxbx", "x*"), c("xxx", "x-"), c("abc", "b-"), c("abc", ".-$"), c("abc", "$", 2),
            c("a\\b", "\\"), c("%d", "%%d"), c("50%", "%d+%%"), c("a.b.c", "%.", 3),
            c("a.b.c", "[^.]+", -3), c("f(x) g(y)", "(%a)(%b())"), c("--[[x]]", "%-%-%[%[(.-)%]%]"),
            c("C:\\dir\\file.txt", "[^\\]+$"), c("k1=v1;k2=v2", "(%w+)=(%w*)"), c("aaa", "(a)(a)(a)"),
            c("[a][b]", "%[(.-)%]"), c("x=1\ny=2", "(%w)=(%d)"), c("<<>>", "%b<>"), c("ab", "a?b?c?$"),
            c("abcabc", "(abc)%1$"), c("abcabd", "(abc)%1$"), c("aaaa", "(a-)%1$"), c("tic tac toe", "t.c"),
            c("tic tac toe", "^t.c$"), c("123abc456", "^%d+"), c("123abc456", "%d+$"),
            c("  ", "^%s*$"), c("\t\n", "^%s+$"), c("A1b2C3", "%u%d"), c("A1b2C3", "[%l%d]+")));
        return l;
    }

    /** Every subject against every pattern of two small lists. */
    static List<Case> crossProduct() {
        String[] subjects = {"", "a", "ab", "aaa", "abcabc", "hello world", "(a(b)c)", "x = 10, y=20",
            "a\0b\0", "\u00ff\u0080 zz", "  lead trail  ", "a]b-c^d$e", "THE end.", "1.5e10 0x1F"};
        String[] patterns = {"a", "^a", "a$", ".", "..", ".-", ".*", "%a+", "%a*", "%a-", "%a?",
            "(%a+)", "()", "(.)%1", "%s*", "%S+", "[a-c]+", "[^a-c]+", "[%w_]+", "[]a]", "[^%s]+",
            "%b()", "%bab", "%f[%a]", "%f[%A]", "%f[%w]%w+", "(%w+)%s*=%s*(%w+)", "^(.-)$",
            "(a*(.)%w(%s*))", "%d+", "%x+", "%p", "%u%l*", "(()a)", "a-b", "b*", "[%]%-%^%$]+",
            "%$", "%^", "%.", "\0", "%z", "[\0-\31]", "[\u0080-\u00ff]+", ".-(%d)", "(.)(.)",
            "%d?%.?%d+", "0x%x+", "(%d+)[eE]?", "e$", "^$", "(%a)(%a)%2?", "[^]]", "x*$"};
        List<Case> l = new ArrayList<>();
        for (String s : subjects) for (String p : patterns) l.add(c(s, p));
        return l;
    }

    /** The cases that do not come from a random generator. */
    static List<Case> fixed() {
        List<Case> l = handwritten();
        l.addAll(crossProduct());
        l.addAll(depthCases());
        return l;
    }

    /** Patterns whose matcher recursion sits around the MAXCCALLS limit, and deep ones. */
    static List<Case> depthCases() {
        List<Case> l = new ArrayList<>();
        for (int n = 196; n <= 203; n++) {
            // These succeed on their first path, so they are quick below the limit.
            l.add(c("a".repeat(n), "a?".repeat(n)));
            l.add(c("a".repeat(n), "a*".repeat(n)));
            l.add(c("a".repeat(n), "a-".repeat(n)));
            l.add(c("a".repeat(n), "(a?)".repeat(Math.min(n, 32)) + "a?".repeat(n - 32)));
            l.add(c("ab".repeat(n), "%bab".repeat(n)));
            l.add(c("a".repeat(n), "(a)?".repeat(n)));
            // This one backtracks exponentially unless its first path hits the limit, so only
            // from lua5.4's limit of 200 on (a literal: the corpus must not follow the engine).
            if (n >= 200) l.add(c("a".repeat(n), "a?".repeat(n) + "a".repeat(n)));
        }
        l.add(c("a".repeat(300), "()".repeat(31) + "a+"));
        l.add(c("a".repeat(300), "()".repeat(32) + "a+"));
        l.add(c("a".repeat(300), "()".repeat(33) + "a+"));
        l.add(c("a".repeat(40), "(a)".repeat(33)));
        return l;
    }

    private static final String[] ATOMS = {"a", "b", "c", "x", " ", ".", "%a", "%d", "%s", "%w",
        "%p", "%l", "%u", "%x", "%c", "%g", "%A", "%D", "%S", "%W", "%P", "[abc]", "[^a]", "[a-c]",
        "[%d_]", "[]]", "[^]a]", "[a-]", "[%a-]", "\0", "\u00ff", "%.", "%%", "%(", "%]", "%-"};
    private static final String[] SUFFIXES = {"", "", "", "*", "+", "-", "?"};
    private static final String SUBJECT_BYTES = "aaabbbccx  ()[]1_.%-\0\u00ff";

    /** Random but reproducible patterns from a small grammar, on random short subjects. */
    static List<Case> random(long seed, int count) {
        Random r = new Random(seed);
        List<Case> l = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            StringBuilder s = new StringBuilder();
            int ls = r.nextInt(14);
            for (int i = 0; i < ls; i++) s.append(SUBJECT_BYTES.charAt(r.nextInt(SUBJECT_BYTES.length())));
            l.add(new Case(bytes(s.toString()), bytes(randomPattern(r)), r.nextInt(8) == 0 ? (long) r.nextInt(9) - 4 : null));
        }
        return l;
    }

    private static String randomPattern(Random r) {
        StringBuilder p = new StringBuilder();
        if (r.nextInt(5) == 0) p.append('^');
        int items = 1 + r.nextInt(5), open = 0, closed = 0;
        for (int i = 0; i < items; i++) {
            int kind = r.nextInt(20);
            if (kind == 0) {
                p.append('(');
                open++;
            } else if (kind == 1 && open > 0) {
                p.append(')');
                open--;
                closed++;
            } else if (kind == 2) {
                p.append("()");
                closed++;
            } else if (kind == 3 && closed > 0) {
                p.append('%').append(1 + r.nextInt(closed + 1));
            } else if (kind == 4) {
                p.append(r.nextBoolean() ? "%b()" : "%bab");
            } else if (kind == 5) {
                p.append(r.nextBoolean() ? "%f[%w]" : "%f[^a]");
            } else {
                p.append(ATOMS[r.nextInt(ATOMS.length)]).append(SUFFIXES[r.nextInt(SUFFIXES.length)]);
            }
        }
        // Usually balance the parentheses; sometimes leave them open to reach the errors.
        if (r.nextInt(6) != 0) while (open-- > 0) p.append(')');
        if (r.nextInt(6) == 0) p.append('$');
        return p.toString();
    }
}
