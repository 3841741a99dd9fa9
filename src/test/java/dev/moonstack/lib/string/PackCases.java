package dev.moonstack.lib.string;

import static dev.moonstack.lib.LibHarness.NIL;
import static dev.moonstack.lib.LibHarness.bool;
import static dev.moonstack.lib.LibHarness.f;
import static dev.moonstack.lib.LibHarness.i;
import static dev.moonstack.lib.LibHarness.line;
import static dev.moonstack.lib.LibHarness.s;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated cases for string.pack/unpack/packsize (lines for binlib_harness.lua): random
 * formats of every option, with endianness and alignment settings, sizes at and past their
 * limits, a little noise (invalid options, stray digits, zero bytes), and arguments that fit,
 * overflow by one, or have the wrong type. A format is packed and the result unpacked again
 * ("roundtrip"), measured with packsize, or used to unpack random data from random positions.
 */
final class PackCases {
    private final Random r;
    private final List<String> out = new ArrayList<>();

    /** Whether the current format will be packed: then no huge 'c' sizes (they would pack hundreds of megabytes). */
    private boolean packing;

    private PackCases(long seed) { r = new Random(seed); }

    static List<String> generate(long seed, int n) {
        PackCases g = new PackCases(seed);
        for (int k = 0; k < n; k++) g.oneCase();
        return g.out;
    }

    private int pick(int... v) { return v[r.nextInt(v.length)]; }

    private long pickL(long... v) { return v[r.nextInt(v.length)]; }

    private String pick(String... v) { return v[r.nextInt(v.length)]; }

    private void oneCase() {
        StringBuilder fmt = new StringBuilder();
        List<String> args = new ArrayList<>();
        int k = r.nextInt(20);
        packing = k < 11;
        int items = 1 + r.nextInt(6);
        for (int j = 0; j < items; j++) item(fmt, args);
        if (k < 11) {
            if (!args.isEmpty() && r.nextInt(12) == 0) args.remove(args.size() - 1);   // one missing
            if (r.nextInt(20) == 0) args.add(i(7));                                  // one extra
            args.add(0, s(fmt));
            out.add(line("roundtrip", args));
        } else if (k < 14) {
            out.add(line("packsize", List.of(s(fmt))));
        } else {
            List<String> u = new ArrayList<>(List.of(s(fmt), s(data())));
            if (r.nextBoolean()) u.add(r.nextInt(5) == 0 ? i(pickL(Long.MIN_VALUE, Long.MAX_VALUE, 0, 1L << 40))
                    : i(r.nextInt(50) - 25));
            out.add(line("unpack", u));
        }
    }

    /** Random data to unpack: zeros, 0xFF runs, or random bytes; sometimes long. */
    private StringBuilder data() {
        int n = r.nextInt(8) == 0 ? 100 + r.nextInt(200) : r.nextInt(40);
        int style = r.nextInt(4);
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) {
            b.append((char) (style == 0 ? 0 : style == 1 ? 0xFF : style == 2 ? r.nextInt(3) * 0x7F : r.nextInt(256)));
        }
        return b;
    }

    /** Appends one item to the format and the argument(s) it takes. */
    private void item(StringBuilder fmt, List<String> args) {
        int k = r.nextInt(100);
        if (k < 10) fmt.append(pick("<", ">", "=", " ", "  "));
        else if (k < 16) alignment(fmt);
        else if (k < 52) integer(fmt, args);
        else if (k < 64) floating(fmt, args);
        else if (k < 82) string(fmt, args);
        else if (k < 86) fmt.append('x');
        else if (k < 94) padAlign(fmt);
        else noise(fmt);
    }

    private void alignment(StringBuilder fmt) {
        fmt.append('!');
        if (r.nextInt(4) != 0) fmt.append(pick(1, 2, 4, 8, 16, 1, 2, 4, 8, 16, 3, 6, 0, 17, 100));
    }

    private void padAlign(StringBuilder fmt) {
        fmt.append('X');
        if (r.nextInt(12) == 0) return;                             // nothing follows
        fmt.append(pick("i", "i2", "i8", "i16", "I3", "h", "b", "j", "d", "f", "n", "s4", "T", "x",
                "c1", "z", "<", "X", "!", " i", "i17"));
    }

    private void noise(StringBuilder fmt) {
        int k = r.nextInt(packing ? 4 : 5);
        if (k == 0) fmt.append(pick("r", "y", "Z", "q", "%", "#", "-"));
        else if (k == 1) fmt.append((char) (0x80 + r.nextInt(0x80)));
        else if (k == 2) fmt.append('\0');                          // the format ends there
        else if (k == 3) fmt.append(r.nextInt(10));                  // a digit as an option
        else fmt.append("c").append(pick("2147483647", "214748364", "1" + "0".repeat(12), "99999999999"));
    }

    private static final String[] INT_OPTS = {"b", "B", "h", "H", "l", "L", "j", "J", "T", "i", "I"};

    private void integer(StringBuilder fmt, List<String> args) {
        String o = INT_OPTS[r.nextInt(INT_OPTS.length)];
        int size = switch (o) {
            case "b", "B" -> 1;
            case "h", "H" -> 2;
            case "i", "I" -> 4;
            default -> 8;
        };
        fmt.append(o);
        if (o.equals("i") || o.equals("I")) {
            int n = r.nextInt(4);
            if (n > 0) {
                size = r.nextInt(30) == 0 ? pick(0, 17, 32) : 1 + r.nextInt(16);
                fmt.append(size);
            }
        }
        boolean signed = Character.isLowerCase(o.charAt(0));
        args.add(intArg(size, signed));
    }

    /** An argument for an integer option: in range, at its edges, one past them, or of another type. */
    private String intArg(int size, boolean signed) {
        int bits = Math.min(8 * Math.max(size, 1), 64);
        long min = bits == 64 ? Long.MIN_VALUE : signed ? -(1L << (bits - 1)) : 0;
        long max = bits == 64 ? Long.MAX_VALUE : signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        int k = r.nextInt(20);
        if (k < 8) return i(min + (long) (r.nextDouble() * ((double) max - min)));
        if (k < 11) return i(pickL(min, max, 0, -1, 1));
        if (k < 13) return i(pickL(min - 1, max + 1));
        if (k < 14) return i(r.nextLong());
        if (k < 15) return f(pickL(0, 3, -7, 1L << 53));           // floats with integral values
        if (k < 16) return f(pick(1.5, 1e100, -0.0, Double.NaN));
        if (k < 17) return s(pick("12", " 0x10 ", "1e2", "3.5", "abc"));
        if (k < 18) return r.nextBoolean() ? NIL : bool(true);
        return i(r.nextInt(256) - 128);
    }

    private double pick(double... v) { return v[r.nextInt(v.length)]; }

    private void floating(StringBuilder fmt, List<String> args) {
        fmt.append(pick("f", "d", "n"));
        int k = r.nextInt(20);
        if (k < 6) args.add(f(Double.longBitsToDouble(r.nextLong())));
        else if (k < 10) args.add(f((double) Float.intBitsToFloat(r.nextInt())));
        else if (k < 15) args.add(f(pick(0.0, -0.0, 1.5, 1.0 / 3, 1e300, -1e-300, Double.MIN_VALUE, Double.MAX_VALUE,
                Float.MAX_VALUE, Float.MIN_VALUE, 3.4028235677973366e38, 1e-46, Double.NaN, -Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
        else if (k < 17) args.add(i(pickL(0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 16777217)));
        else if (k < 19) args.add(s(pick("0.5", "0x1p4", "1e400", "nan", "")));
        else args.add(NIL);
    }

    private void string(StringBuilder fmt, List<String> args) {
        int k = r.nextInt(3);
        if (k == 0) {
            int n = r.nextInt(12) == 0 ? -1 : r.nextInt(10);
            fmt.append('c');
            if (n >= 0) fmt.append(n);
            args.add(stringArg(n < 0 ? 2 : r.nextInt(6) == 0 ? n + 1 : r.nextInt(n + 1), false));
        } else if (k == 1) {
            int n = r.nextInt(3) == 0 ? -1 : 1 + r.nextInt(16);
            fmt.append('s');
            if (n >= 0) fmt.append(n);
            int len = n == 1 && r.nextBoolean() ? 250 + r.nextInt(10) : r.nextInt(12);
            args.add(stringArg(len, false));
        } else {
            fmt.append('z');
            args.add(stringArg(r.nextInt(10), r.nextInt(8) == 0));
        }
    }

    /** A string argument of {@code len} bytes (no zero unless {@code zero}); sometimes a number. */
    private String stringArg(int len, boolean zero) {
        if (r.nextInt(25) == 0) return r.nextBoolean() ? i(12345) : f(0.25);
        if (r.nextInt(40) == 0) return NIL;
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < len; k++) b.append((char) (1 + r.nextInt(255)));
        if (zero && len > 0) b.setCharAt(r.nextInt(len), '\0');
        return s(b);
    }
}
