package dev.moonstack.lib;

import static dev.moonstack.lib.LibHarness.NIL;
import static dev.moonstack.lib.LibHarness.bool;
import static dev.moonstack.lib.LibHarness.f;
import static dev.moonstack.lib.LibHarness.i;
import static dev.moonstack.lib.LibHarness.line;
import static dev.moonstack.lib.LibHarness.s;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated cases for the utf8 library (lines for binlib_harness.lua): subjects made of valid
 * characters, 5.4's extended sequences, surrogates, overlong forms, stray and missing
 * continuation bytes and invalid lead bytes, each put through len, codepoint, offset, codes
 * and utf8.charpattern with random positions and strict or lax mode; and utf8.char over code
 * points around every boundary.
 */
final class Utf8Cases {
    private final Random r;
    private final List<String> out = new ArrayList<>();

    private Utf8Cases(long seed) { r = new Random(seed); }

    /** About six cases per subject, plus one char case per subject. */
    static List<String> generate(long seed, int subjects) {
        Utf8Cases g = new Utf8Cases(seed);
        for (int k = 0; k < subjects; k++) {
            g.subjectCases(g.subject());
            g.charCase();
        }
        return g.out;
    }

    /** Encodes {@code v} in {@code n} bytes as UTF-8 does, overlong if v is small enough for fewer. */
    static void encode(ByteArrayOutputStream b, long v, int n) {
        if (n == 1) {
            b.write((int) v);
            return;
        }
        int shift = 6 * (n - 1);
        b.write(((0xFF00 >> n) & 0xFF) | (int) (v >> shift));
        for (shift -= 6; shift >= 0; shift -= 6) b.write(0x80 | (int) ((v >> shift) & 0x3F));
    }

    /** Bytes needed for {@code v} in (extended) UTF-8. */
    static int width(long v) {
        return v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : v < 0x200000 ? 4 : v < 0x4000000 ? 5 : 6;
    }

    private long between(long lo, long hi) { return lo + (long) (r.nextDouble() * (hi - lo + 1)); }

    /** A code point: mostly valid, sometimes a surrogate or beyond 10FFFF. */
    private long codePoint() {
        switch (r.nextInt(10)) {
            case 0: case 1: return between(0, 0x7F);
            case 2: return between(0x80, 0x7FF);
            case 3: return between(0x800, 0xFFFF);
            case 4: return between(0x10000, 0x10FFFF);
            case 5: return between(0xD800, 0xDFFF);
            case 6: return between(0x110000, 0x1FFFFF);
            case 7: return between(0x200000, 0x3FFFFFF);
            case 8: return between(0x4000000, 0x7FFFFFFF);
            default: return pick(0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF, 0x110000,
                    0xD7FF, 0xE000, 0x1FFFFF, 0x200000, 0x3FFFFFF, 0x4000000, 0x7FFFFFFF);
        }
    }

    private long pick(long... v) { return v[r.nextInt(v.length)]; }

    /** One piece of a subject: a character, or one of the ways UTF-8 goes wrong. */
    private void piece(ByteArrayOutputStream b) {
        int k = r.nextInt(20);
        if (k < 12) {
            long cp = codePoint();
            encode(b, cp, width(cp));
        } else if (k < 14) {                              // overlong
            long cp = codePoint() & 0xFFFF;
            encode(b, cp, Math.min(6, width(cp) + 1 + r.nextInt(2)));
        } else if (k < 16) {                              // truncated sequence
            long cp = between(0x80, 0x7FFFFFFF);
            ByteArrayOutputStream t = new ByteArrayOutputStream();
            encode(t, cp, width(cp));
            byte[] bs = t.toByteArray();
            b.write(bs, 0, 1 + r.nextInt(bs.length - 1));
        } else if (k < 18) {
            b.write((int) between(0x80, 0xBF));            // stray continuation byte
        } else {
            b.write((int) pick(0xC0, 0xC1, 0xF5, 0xF8, 0xFC, 0xFE, 0xFF, 0));
        }
    }

    private byte[] subject() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int n = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(8);
        boolean clean = r.nextInt(3) == 0;                    // some subjects only well-formed
        for (int k = 0; k < n; k++) {
            if (clean) {
                long cp = r.nextBoolean() ? codePoint() : between(0, 0x7F);
                if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp &= 0xFFF;
                encode(b, cp, width(cp));
            } else {
                piece(b);
            }
        }
        return b.toByteArray();
    }

    /** A position argument around the subject: in range, just outside, far outside or absent. */
    private String pos(int len) {
        int k = r.nextInt(12);
        if (k == 0) return NIL;
        if (k == 1) return i(pick(Long.MIN_VALUE, Long.MAX_VALUE, -(len + 1L), len + 1L, len + 2L, 0));
        return i(between(-len - 1, len + 1));
    }

    private String lax() {
        int k = r.nextInt(3);
        return k == 0 ? NIL : bool(k == 1);
    }

    private void subjectCases(byte[] sb) {
        String s = s(sb);
        int len = sb.length;
        out.add(line("len", List.of(s)));
        out.add(line("len", List.of(s, pos(len), pos(len), lax())));
        out.add(line("codepoint", List.of(s, pos(len), pos(len), lax())));
        out.add(line("codepoint", List.of(s, i(1), i(-1), lax())));
        String n = i(r.nextInt(4) == 0 ? pick(Long.MIN_VALUE, Long.MAX_VALUE, 100) : between(-5, 5));
        out.add(r.nextBoolean() ? line("offset", List.of(s, n)) : line("offset", List.of(s, n, pos(len))));
        out.add(line("codes", List.of(s, lax())));
        out.add(line("charpat", List.of(s)));
    }

    /** utf8.char over a few code points, some out of range or of other types. */
    private void charCase() {
        List<String> args = new ArrayList<>();
        int n = r.nextInt(5);
        for (int k = 0; k < n; k++) {
            int kind = r.nextInt(20);
            if (kind == 0) args.add(i(pick(-1, 0x80000000L, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFFFFFFL)));
            else if (kind == 1) args.add(f(pick(0, 65, 0x10FFFF) + (r.nextBoolean() ? 0.0 : 0.5)));
            else if (kind == 2) args.add(s(r.nextBoolean() ? "97" : "x"));
            else if (kind == 3) args.add(NIL);
            else args.add(i(codePoint()));
        }
        out.add(line("char", args));
    }
}
