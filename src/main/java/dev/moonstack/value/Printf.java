package dev.moonstack.value;

import java.nio.charset.StandardCharsets;

/**
 * C's printf conversions as glibc prints them, byte for byte, for Lua's {@code tostring} of
 * floats (Lua: tostringbuff, lua_Number2str with "%.14g") and for {@code string.format}
 * (Lua: str_format, addquoted, quotefloat, lua_number2strx).
 */
public final class Printf {
    private Printf() {}

    /** Flag bits of a conversion ('-', '+', ' ', '#', '0'). */
    public static final int FLAG_MINUS = 1, FLAG_PLUS = 2, FLAG_SPACE = 4, FLAG_HASH = 8, FLAG_ZERO = 16;
    private static final int MINUS = FLAG_MINUS, PLUS = FLAG_PLUS, SPACE = FLAG_SPACE, HASH = FLAG_HASH,
            ZERO = FLAG_ZERO;

    private static final byte[] ZEROS = new byte[64], SPACES = new byte[64];
    static final byte[] LOWER_HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.ISO_8859_1);

    static {
        java.util.Arrays.fill(ZEROS, (byte) '0');
        java.util.Arrays.fill(SPACES, (byte) ' ');
    }

    private static final long TEN_POW_19 = Long.parseUnsignedLong("10000000000000000000");

    /** Largest number of bytes {@link #tostringFloat(double, byte[], int)} writes. */
    public static final int MAX_TOSTRING = 24;

    // ================================================================ tostring

    /** Lua's {@code tostring} of a float: "%.14g", plus ".0" when that looks like an integer. */
    public static String tostringFloat(double d) {
        byte[] b = new byte[MAX_TOSTRING];
        int n = tostringFloat(d, b, 0);
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** {@link #tostringFloat(double)} as a Lua string. */
    public static LuaString tostringFloatLua(double d) {
        byte[] b = new byte[MAX_TOSTRING];
        int n = tostringFloat(d, b, 0);
        return LuaString.wrap(java.util.Arrays.copyOf(b, n));
    }

    /** Appends {@link #tostringFloat(double)} to {@code out}. */
    public static void appendFloat(LuaBuffer out, double d) {
        int start = out.length();
        out.append(SPACES, 0, MAX_TOSTRING);               // reserves the room
        int end = tostringFloat(d, out.array(), start);
        out.setLength(end);
    }

    /**
     * Writes Lua's {@code tostring} of {@code d} at {@code dst[off..]} (room for
     * {@link #MAX_TOSTRING} bytes needed) and returns the offset past it.
     * Lua: tostringbuff.
     */
    public static int tostringFloat(double d, byte[] dst, int off) {
        long bits = Double.doubleToRawLongBits(d);
        int p = off;
        if (bits < 0) dst[p++] = '-';
        double a = Math.abs(d);
        if (a < 1e14 && a == (long) a) {                   // integral: the digits and ".0"
            long n = (long) a;
            int nd = DecimalDigits.digitCount(n);
            DecimalDigits.writeDigits(dst, p, n, nd);
            p += nd;
            dst[p++] = '.';
            dst[p++] = '0';
            return p;
        }
        if (!Double.isFinite(a)) return putAscii(dst, p, a != a ? "nan" : "inf");
        long packed = DecimalDigits.significantPacked(a, 14);
        return layoutG14(dst, p, packed >>> 11, (int) (packed & 0x7FF) - 1024);
    }

    /** "%.14g" of the 14 digits {@code n} with decimal exponent {@code x}, then Lua's ".0" rule. */
    private static int layoutG14(byte[] dst, int p, long n, int x) {
        int nd = 14;
        while (nd > 1 && n % 10 == 0) { n /= 10; nd--; }   // %g drops trailing zeros
        if (x < -4 || x >= 14) {                           // e-style
            DecimalDigits.writeDigits(dst, p + 1, n, nd);  // digits shifted one right for the point
            dst[p] = dst[p + 1];
            if (nd > 1) {
                dst[p + 1] = '.';
                p += nd + 1;
            } else {
                p += 1;
            }
            return putExponent(dst, p, 'e', x);
        }
        if (x < 0) {                                       // 0.000ddd
            dst[p++] = '0';
            dst[p++] = '.';
            for (int i = -1; i > x; i--) dst[p++] = '0';
            DecimalDigits.writeDigits(dst, p, n, nd);
            return p + nd;
        }
        if (nd <= x + 1) {                                 // integral: pad, then Lua's ".0"
            DecimalDigits.writeDigits(dst, p, n * DecimalDigits.POW10[x + 1 - nd], x + 1);
            p += x + 1;
            dst[p++] = '.';
            dst[p++] = '0';
            return p;
        }
        DecimalDigits.writeDigits(dst, p + 1, n, nd);      // ddd.ddd: move the integer digits left
        System.arraycopy(dst, p + 1, dst, p, x + 1);
        dst[p + x + 1] = '.';
        return p + nd + 1;
    }

    private static int putExponent(byte[] dst, int p, char e, int x) {
        dst[p++] = (byte) e;
        dst[p++] = (byte) (x < 0 ? '-' : '+');
        int ax = Math.abs(x);
        int nd = ax >= 100 ? 3 : 2;
        DecimalDigits.writeDigits(dst, p, ax, nd);
        return p + nd;
    }

    private static int putAscii(byte[] dst, int p, String s) {
        for (int i = 0; i < s.length(); i++) dst[p++] = (byte) s.charAt(i);
        return p;
    }

    // ================================================================ floats

    /**
     * Formats {@code v} with one of {@code a A e E f F g G}, the FLAG_* bits, width and
     * precision (-1: none), as glibc's printf does (Lua: the float cases of str_format).
     */
    public static void formatFloat(LuaBuffer out, int conv, int flags, int width, int prec, double v) {
        boolean upper = conv >= 'A' && conv <= 'Z';
        long bits = Double.doubleToRawLongBits(v);
        int sign = bits < 0 ? '-' : (flags & PLUS) != 0 ? '+' : (flags & SPACE) != 0 ? ' ' : 0;
        if (!Double.isFinite(v)) {                         // glibc pads inf and nan with spaces
            String s = v != v ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
            int pad = beginField(out, flags & ~ZERO, width, sign, 0, s.length());
            out.append(s);
            endField(out, pad);
            return;
        }
        double a = Math.abs(v);
        switch (conv | 0x20) {
            case 'a': HexFloat.format(out, flags, width, prec, sign, upper, bits); break;
            case 'e': formatE(out, flags, width, prec < 0 ? 6 : prec, sign, upper, a); break;
            case 'f': formatF(out, flags, width, prec < 0 ? 6 : prec, sign, a); break;
            case 'g': formatG(out, flags, width, prec < 0 ? 6 : prec == 0 ? 1 : prec, sign, upper, a); break;
            default: throw new IllegalArgumentException("not a float conversion: " + (char) conv);
        }
    }

    private static void formatE(LuaBuffer out, int flags, int width, int prec, int sign,
                                boolean upper, double a) {
        DecimalDigits dd = new DecimalDigits();
        dd.significant(a, prec + 1);
        emitE(out, flags, width, sign, upper, dd, prec);
    }

    private static void formatF(LuaBuffer out, int flags, int width, int prec, int sign, double a) {
        DecimalDigits dd = new DecimalDigits();
        dd.fixed(a, prec);
        emitF(out, flags, width, sign, dd.buf, dd.count, dd.count - prec, prec);
    }

    /** %g: P significant digits; style f when -4 <= X < P, e otherwise; '#' keeps zeros. */
    private static void formatG(LuaBuffer out, int flags, int width, int p, int sign,
                                boolean upper, double a) {
        DecimalDigits dd = new DecimalDigits();
        dd.significant(a, p);
        int x = dd.exp;
        boolean e = x < -4 || x >= p;
        int fracLen = e ? p - 1 : p - 1 - x;
        if ((flags & HASH) == 0) {                         // strip trailing zeros of the fraction
            int last = e ? fracLen : x + fracLen;          // index of the last fraction digit
            while (fracLen > 0 && dd.buf[last] == '0') { fracLen--; last--; }
        } else if (x == p && DecimalDigits.exp10(a) == p - 1) {
            // glibc quirk: style f with no fraction digits was chosen before rounding carried
            // into a new digit (999999.5 -> 1000000); it switches to style e but keeps the
            // fraction count of style f, so "%#g" prints "1.e+06"
            fracLen = 0;
        }
        if (e) emitE(out, flags, width, sign, upper, dd, fracLen);
        else emitF(out, flags, width, sign, dd.buf, p, x + 1, fracLen);
    }

    /** d.ddde+XX from the digits in {@code dd} (at least {@code fracLen + 1} of them). */
    private static void emitE(LuaBuffer out, int flags, int width, int sign, boolean upper,
                              DecimalDigits dd, int fracLen) {
        boolean point = fracLen > 0 || (flags & HASH) != 0;
        int ax = Math.abs(dd.exp);
        int expDigits = ax >= 100 ? 3 : 2;
        int pad = beginField(out, flags, width, sign, 0, 1 + (point ? 1 : 0) + fracLen + 2 + expDigits);
        out.append(dd.buf[0]);
        if (point) out.append('.');
        out.append(dd.buf, 1, fracLen);
        out.append(upper ? 'E' : 'e').append(dd.exp < 0 ? '-' : '+');
        appendNumber(out, ax, expDigits);
        endField(out, pad);
    }

    /**
     * ddd.ddd where {@code dg[0..nd)} are digits with the point after {@code intLen} of them
     * ({@code intLen <= 0}: the value is below one); missing positions are zeros.
     */
    private static void emitF(LuaBuffer out, int flags, int width, int sign, byte[] dg, int nd,
                              int intLen, int fracLen) {
        boolean point = fracLen > 0 || (flags & HASH) != 0;
        int pad = beginField(out, flags, width, sign, 0,
                Math.max(intLen, 1) + (point ? 1 : 0) + fracLen);
        if (intLen <= 0) out.append('0');
        else appendDigits(out, dg, nd, 0, intLen);
        if (point) out.append('.');
        appendDigits(out, dg, nd, intLen, fracLen);
        endField(out, pad);
    }

    /** Digits {@code dg[from .. from+n)}, zeros where the index lies outside {@code [0, nd)}. */
    private static void appendDigits(LuaBuffer out, byte[] dg, int nd, int from, int n) {
        int lead = Math.min(Math.max(-from, 0), n);
        appendRepeated(out, ZEROS, lead);
        int start = from + lead, avail = Math.min(nd - start, n - lead);
        if (avail > 0) out.append(dg, start, avail);
        else avail = 0;
        appendRepeated(out, ZEROS, n - lead - avail);
    }

    // ================================================================ fields and padding

    /**
     * Writes the left padding, the sign and a "0x"/"0X" prefix (hexPrefix 'x' or 'X', or 0),
     * and the zero padding of a field whose remaining body is {@code bodyLen} bytes long;
     * returns the right padding still owed to {@link #endField}.
     */
    static int beginField(LuaBuffer out, int flags, int width, int sign, int hexPrefix, int bodyLen) {
        int total = bodyLen + (sign != 0 ? 1 : 0) + (hexPrefix != 0 ? 2 : 0);
        int pad = width - total;
        if (pad <= 0) pad = 0;
        boolean left = (flags & MINUS) != 0, zero = !left && (flags & ZERO) != 0;
        if (!left && !zero) appendRepeated(out, SPACES, pad);
        if (sign != 0) out.append(sign);
        if (hexPrefix != 0) out.append('0').append(hexPrefix);
        if (zero) appendRepeated(out, ZEROS, pad);
        return left ? pad : 0;
    }

    static void endField(LuaBuffer out, int pad) { appendRepeated(out, SPACES, pad); }

    private static void appendRepeated(LuaBuffer out, byte[] fill, int n) {
        while (n > 0) {
            int k = Math.min(n, fill.length);
            out.append(fill, 0, k);
            n -= k;
        }
    }

    /** Appends {@code v >= 0} in decimal, with leading zeros up to {@code minDigits}. */
    static void appendNumber(LuaBuffer out, long v, int minDigits) {
        int nd = Math.max(DecimalDigits.digitCount(v), minDigits);
        int start = out.length();
        appendRepeated(out, ZEROS, nd);
        DecimalDigits.writeDigits(out.array(), start, v, nd);
    }

    // ================================================================ integers

    /**
     * Formats {@code v} with {@code d i} (signed), {@code u o x X} (the bits as an unsigned
     * 64-bit number) or {@code c} (the low byte; width and '-' only), as glibc's printf does
     * with a "ll" length modifier (Lua: the integer cases of str_format).
     */
    public static void formatInteger(LuaBuffer out, int conv, int flags, int width, int prec, long v) {
        if (conv == 'c') {
            int pad = beginField(out, flags & MINUS, width, 0, 0, 1);
            out.append((int) v);
            endField(out, pad);
            return;
        }
        int sign = 0, shift = 0, hexPrefix = 0;
        long mag = v;
        switch (conv) {
            case 'd': case 'i':
                if (v < 0) { sign = '-'; mag = -v; }       // MIN_VALUE stays, read as unsigned
                else sign = (flags & PLUS) != 0 ? '+' : (flags & SPACE) != 0 ? ' ' : 0;
                break;
            case 'u': break;
            case 'o': shift = 3; break;
            case 'x': case 'X':
                shift = 4;
                if ((flags & HASH) != 0 && v != 0) hexPrefix = conv;
                break;
            default: throw new IllegalArgumentException("not an integer conversion: " + (char) conv);
        }
        int nd = mag == 0 && prec == 0 ? 0 : unsignedDigits(mag, shift);
        int digits = Math.max(nd, prec);
        if (conv == 'o' && (flags & HASH) != 0 && (digits == 0 || digits == nd && mag != 0)) {
            digits++;                                      // '#': the first digit must be a 0
        }
        if (prec >= 0) flags &= ~ZERO;                     // a precision overrides '0'
        int pad = beginField(out, flags, width, sign, hexPrefix, digits);
        appendRepeated(out, ZEROS, digits - nd);
        int start = out.length();
        appendRepeated(out, ZEROS, nd);
        writeUnsigned(out.array(), start, mag, nd, shift, conv == 'X' ? UPPER_HEX : LOWER_HEX);
        endField(out, pad);
    }

    /** Digits of the unsigned {@code v} in base 10 ({@code shift == 0}), 8 or 16. */
    private static int unsignedDigits(long v, int shift) {
        if (shift != 0) return v == 0 ? 1 : (64 - Long.numberOfLeadingZeros(v) + shift - 1) / shift;
        if (v < 0) return Long.compareUnsigned(v, TEN_POW_19) < 0 ? 19 : 20;
        return DecimalDigits.digitCount(v);
    }

    private static void writeUnsigned(byte[] b, int off, long v, int nd, int shift, byte[] hex) {
        int i = off + nd - 1;
        if (shift != 0) {
            long mask = (1L << shift) - 1;
            for (; i >= off; i--, v >>>= shift) b[i] = hex[(int) (v & mask)];
            return;
        }
        if (v < 0 && i >= off) {                           // first step unsigned, the rest fits
            long q = Long.divideUnsigned(v, 10);
            b[i--] = (byte) ('0' + (v - q * 10));
            v = q;
        }
        for (; i >= off; i--, v /= 10) b[i] = (byte) ('0' + v % 10);
    }

    // ================================================================ strings

    /** {@code %s} of the bytes {@code s[0..len)}: precision truncates, width pads. */
    public static void formatString(LuaBuffer out, int flags, int width, int prec, byte[] s, int len) {
        int n = prec >= 0 ? Math.min(len, prec) : len;
        int pad = beginField(out, flags & MINUS, width, 0, 0, n);
        out.append(s, 0, n);
        endField(out, pad);
    }

    // ================================================================ %q

    /**
     * A string as a Lua literal that reads back as the same bytes (Lua: addquoted): quotes,
     * backslashes and newlines escaped by a backslash, other control bytes as decimal escapes,
     * three digits wide only when a digit follows.
     */
    public static void quoteString(LuaBuffer out, byte[] s, int len) {
        out.append('"');
        int run = 0;                                       // start of bytes not yet copied
        for (int i = 0; i < len; i++) {
            int c = s[i] & 0xFF;
            if (c == '"' || c == '\\' || c == '\n') {
                out.append(s, run, i - run).append('\\').append(c);
                run = i + 1;
            } else if (c < 32 || c == 127) {               // iscntrl in the C locale
                out.append(s, run, i - run).append('\\');
                boolean digitNext = i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9';
                appendNumber(out, c, digitNext ? 3 : 1);
                run = i + 1;
            }
        }
        out.append(s, run, len - run).append('"');
    }

    /** An integer as a literal; math.mininteger in hex, which reads back as that integer. */
    public static void quoteInteger(LuaBuffer out, long v) {
        if (v == Long.MIN_VALUE) out.append("0x8000000000000000");
        else out.append(Long.toString(v));
    }

    /** A float as a literal that reads back exactly (Lua: quotefloat): hex, or 1e9999, -1e9999, (0/0). */
    public static void quoteFloat(LuaBuffer out, double v) {
        if (v == Double.POSITIVE_INFINITY) out.append("1e9999");
        else if (v == Double.NEGATIVE_INFINITY) out.append("-1e9999");
        else if (v != v) out.append("(0/0)");
        else formatFloat(out, 'a', 0, 0, -1, v);
    }
}
