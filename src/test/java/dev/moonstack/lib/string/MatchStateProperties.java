package dev.moonstack.lib.string;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Random literal searches: the matcher, with the needle escaped, agrees with a naive search. */
class MatchStateProperties {
    /** Bytes that stress the matcher: magic characters, class letters, NUL, high bytes. */
    private static final byte[] ALPHABET = PatternCorpus.bytes("aab%.()[]^$*+-?fb019 \0\u0080\u00ff");

    @Provide
    Arbitrary<byte[]> subjects() {
        return Arbitraries.of(toBoxed()).array(Byte[].class).ofMaxSize(40).map(MatchStateProperties::unbox);
    }

    @Provide
    Arbitrary<byte[]> needles() {
        return Arbitraries.of(toBoxed()).array(Byte[].class).ofMaxSize(4).map(MatchStateProperties::unbox);
    }

    private static Byte[] toBoxed() {
        Byte[] b = new Byte[ALPHABET.length];
        for (int i = 0; i < b.length; i++) b[i] = ALPHABET[i];
        return b;
    }

    private static byte[] unbox(Byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[i];
        return r;
    }

    /** The needle as a pattern: every non-alphanumeric byte escaped with '%'. */
    static byte[] escape(byte[] needle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : needle) {
            boolean alnum = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
            if (!alnum) out.write('%');
            out.write(b);
        }
        return out.toByteArray();
    }

    static int naive(byte[] s, int from, byte[] n) {
        outer:
        for (int i = from; i + n.length <= s.length; i++) {
            for (int j = 0; j < n.length; j++) if (s[i + j] != n[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** Unanchored search with the matcher, as string.find's loop does. */
    static int matcherFind(byte[] s, int from, byte[] p, int[] end) {
        MatchState ms = new MatchState(s, s.length, p, p.length);
        for (int s1 = from; s1 <= s.length; s1++) {
            ms.reset();
            int e = ms.match(s1, 0);
            if (e >= 0) {
                end[0] = e;
                return s1;
            }
        }
        return -1;
    }

    @Property(tries = 2000)
    void escapedLiteralFindsTheNaiveIndex(@ForAll("subjects") byte[] s, @ForAll("needles") byte[] n,
                                          @ForAll @IntRange(min = 0, max = 40) int from) {
        from = Math.min(from, s.length);
        int[] end = {-1};
        int at = matcherFind(s, from, escape(n), end);
        assertEquals(naive(s, from, n), at);
        if (at >= 0) assertEquals(at + n.length, end[0]);
        assertEquals(naive(s, from, n), MatchState.memFind(s, from, s.length, n, n.length));
    }

    @Property(tries = 500)
    void substringsOfTheSubjectAreFound(@ForAll("subjects") byte[] s, @ForAll @IntRange(min = 0, max = 40) int a,
                                        @ForAll @IntRange(min = 0, max = 4) int len) {
        a = Math.min(a, s.length);
        len = Math.min(len, s.length - a);
        byte[] n = java.util.Arrays.copyOfRange(s, a, a + len);
        int[] end = {-1};
        int at = matcherFind(s, 0, escape(n), end);
        assertEquals(naive(s, 0, n), at);
        assertEquals(true, at >= 0 && at <= a);
    }
}
