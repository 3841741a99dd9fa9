package dev.moonstack.value;

/**
 * Lua's number semantics on raw Java numbers: string-to-number conversion (Lua: luaO_str2num),
 * float-to-integer conversion, floor division, modulo, shifts and {@code pow} with C's
 * special cases. Shared by the compiler's constant folding and the executor's arithmetic.
 */
public final class LuaNumber {
    private LuaNumber() {}

    private static final double TWO63 = 9.223372036854775808E18;

    // ---------------------------------------------------------------- float <-> integer

    /** True if {@code d} has an exact integer representation (Lua: luaV_flttointns, F2Ieq). */
    public static boolean fitsInteger(double d) {
        return d >= -TWO63 && d < TWO63 && d == Math.floor(d);
    }

    /** Floor of {@code d} if it fits an integer (Lua: F2Ifloor); caller checks with {@link #floorFits}. */
    public static boolean floorFits(double d) {
        double f = Math.floor(d);
        return f >= -TWO63 && f < TWO63;
    }

    // ---------------------------------------------------------------- arithmetic

    /** Integer floor division (Lua: luaV_idiv); {@code n == 0} raises the Lua error. */
    public static long idiv(long m, long n) {
        if (n == 0) throw LuaError.run("attempt to divide by zero");
        if (n == -1) return -m;           // avoids overflow of MIN / -1
        return Math.floorDiv(m, n);
    }

    /** Integer modulo with the sign of the divisor (Lua: luaV_mod). */
    public static long imod(long m, long n) {
        if (n == 0) throw LuaError.run("attempt to perform 'n%0'");
        if (n == -1) return 0;
        return Math.floorMod(m, n);
    }

    /**
     * Float modulo (Lua: luai_nummod): C's fmod, whose result has the sign of {@code a},
     * corrected when it and {@code b} have different signs.
     */
    public static double fmod(double a, double b) {
        double m = a % b;                 // Java's % on doubles is C's fmod
        if (m > 0 ? b < 0 : (m < 0 && b > 0)) m += b;
        return m;
    }

    /** Float floor division (Lua: luai_numidiv). */
    public static double fidiv(double a, double b) { return Math.floor(a / b); }

    /** C's pow, which differs from Java's for a base of 1 or -1 with NaN or infinite exponents. */
    public static double pow(double a, double b) {
        if (b == 2) return a * a;
        if (a == 1 || b == 0) return 1.0;
        if (a == -1 && Double.isInfinite(b)) return 1.0;
        if (Double.isNaN(a) && isOddInteger(b)) {   // C's pow (glibc) clears the sign of a NaN base
            return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & Long.MAX_VALUE);   // here;
        }                                           // Math.pow keeps it, and "-nan" would show
        return Math.pow(a, b);
    }

    private static boolean isOddInteger(double b) {
        return Math.abs(b) < 0x1p53 && b == Math.rint(b) && ((long) b & 1) != 0;
    }

    /** Left shift with Lua's rules: shifts of 64 or more give 0; negative shifts go right (Lua: luaV_shiftl). */
    public static long shiftLeft(long x, long y) {
        if (y < 0) {
            if (y <= -64) return 0;
            return x >>> -y;
        }
        if (y >= 64) return 0;
        return x << y;
    }

    // ---------------------------------------------------------------- string -> number

    private static boolean isSpace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

    private static int hexValue(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        c |= 0x20;
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    }

    /**
     * Converts {@code s[off..off+len)} to a number as Lua does (Lua: luaO_str2num): an integer
     * if the text is a decimal or hex integer that fits (hex wraps around), else a float.
     * Returns {@link NumTag#INT} or {@link NumTag#FLT} with the payload in {@code out[0]},
     * or null if the text is not a numeral.
     */
    public static NumTag str2number(byte[] s, int off, int len, long[] out) {
        if (str2int(s, off, off + len, out)) return NumTag.INT;
        double d = str2d(s, off, off + len);
        long bits = Double.doubleToRawLongBits(d);
        if (bits == FAIL_BITS) return null;
        out[0] = bits;
        return NumTag.FLT;
    }

    public static NumTag str2number(LuaString s, long[] out) {
        return str2number(s.bytes(), 0, s.length(), out);
    }

    // str2d reports failure with this one NaN bit pattern (a numeral never parses to NaN).
    private static final long FAIL_BITS = 0x7ff8dead0000beefL;
    private static final double FAIL = Double.longBitsToDouble(FAIL_BITS);

    /** Lua: l_str2int. */
    private static boolean str2int(byte[] s, int i, int end, long[] out) {
        while (i < end && isSpace(s[i])) i++;
        boolean neg = false;
        if (i < end && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
        long a = 0;
        boolean empty = true;
        if (i + 1 < end && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
            i += 2;
            for (int d; i < end && (d = hexValue(s[i])) >= 0; i++) {
                a = a * 16 + d;
                empty = false;
            }
        } else {
            final long maxBy10 = Long.MAX_VALUE / 10;
            final int maxLastD = (int) (Long.MAX_VALUE % 10);
            for (; i < end && s[i] >= '0' && s[i] <= '9'; i++) {
                int d = s[i] - '0';
                // a < 0: it already holds 2^63 (the magnitude of mininteger), which no digit may follow
                if (a < 0 || a >= maxBy10 && (a > maxBy10 || d > maxLastD + (neg ? 1 : 0))) return false;
                a = a * 10 + d;
                empty = false;
            }
        }
        while (i < end && isSpace(s[i])) i++;
        if (empty || i != end) return false;
        out[0] = neg ? 0 - a : a;
        return true;
    }

    /** Lua: l_str2d; returns {@link #FAIL} when the text is not a float numeral. */
    private static double str2d(byte[] s, int i, int end) {
        for (int j = i; j < end; j++) {
            if (s[j] == 'n' || s[j] == 'N') return FAIL;   // rejects 'inf' and 'nan'
        }
        while (i < end && isSpace(s[i])) i++;
        while (end > i && isSpace(s[end - 1])) end--;
        if (i == end) return FAIL;
        boolean neg = false;
        int j = i;
        if (s[j] == '-' || s[j] == '+') neg = s[j++] == '-';
        double d = (j + 1 < end && s[j] == '0' && (s[j + 1] == 'x' || s[j + 1] == 'X'))
                ? hexFloat(s, j + 2, end) : decimalFloat(s, j, end);
        if (Double.doubleToRawLongBits(d) == FAIL_BITS) return FAIL;
        return neg ? -d : d;
    }

    /** Decimal float numeral without sign: digits [. digits] [e [+-] digits]. */
    private static double decimalFloat(byte[] s, int i, int end) {
        int start = i, digits = 0;
        while (i < end && s[i] >= '0' && s[i] <= '9') { i++; digits++; }
        if (i < end && s[i] == '.') {
            i++;
            while (i < end && s[i] >= '0' && s[i] <= '9') { i++; digits++; }
        }
        if (digits == 0) return FAIL;
        if (i < end && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            if (i < end && (s[i] == '+' || s[i] == '-')) i++;
            int expDigits = 0;
            while (i < end && s[i] >= '0' && s[i] <= '9') { i++; expDigits++; }
            if (expDigits == 0) return FAIL;
        }
        if (i != end) return FAIL;
        return Double.parseDouble(new String(s, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Hex float numeral after "0x": hexdigits [. hexdigits] [p [+-] digits], correctly rounded. */
    private static double hexFloat(byte[] s, int i, int end) {
        StringBuilder sb = new StringBuilder(end - i + 8).append("0x");
        int digits = 0;
        while (i < end && hexValue(s[i]) >= 0) { sb.append((char) s[i++]); digits++; }
        if (i < end && s[i] == '.') {
            sb.append('.');
            i++;
            while (i < end && hexValue(s[i]) >= 0) { sb.append((char) s[i++]); digits++; }
        }
        if (digits == 0) return FAIL;
        sb.append('p');
        if (i < end && (s[i] == 'p' || s[i] == 'P')) {
            i++;
            int signAt = i;
            if (i < end && (s[i] == '+' || s[i] == '-')) i++;
            int expStart = i;
            while (i < end && s[i] >= '0' && s[i] <= '9') i++;
            if (i == expStart) return FAIL;
            sb.append(new String(s, signAt, i - signAt, java.nio.charset.StandardCharsets.ISO_8859_1));
        } else {
            sb.append('0');
        }
        if (i != end) return FAIL;
        try {
            return Double.parseDouble(sb.toString());
        } catch (NumberFormatException e) {   // exponent beyond int range
            return hugeExponent(sb);
        }
    }

    private static double hugeExponent(StringBuilder sb) {
        String t = sb.toString();
        int p = t.indexOf('p');
        boolean negExp = t.charAt(p + 1) == '-';
        boolean zero = Double.parseDouble(t.substring(0, p) + "p0") == 0;
        return zero ? 0.0 : negExp ? 0.0 : Double.POSITIVE_INFINITY;
    }
}
