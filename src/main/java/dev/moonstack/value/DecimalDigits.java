package dev.moonstack.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Correctly rounded decimal digits of a double, as glibc's printf produces them for
 * {@code %e %f %g}: the exact binary value rounded half-even (Lua: the digits behind
 * {@code l_sprintf}; glibc: __printf_fp).
 *
 * <p>The fast path scales the value by a 128-bit approximation of a power of ten and reads
 * the rounding decision off the product; the approximation is a floor, so its error is one-
 * sided and far below one unit of the fraction's 64 bits, and only a fraction that lies at
 * the last step below one half cannot be decided. Those cases, digit counts beyond 17 and
 * values too large for a long after scaling go to {@link BigDecimal}, which is exact.
 *
 * <p>An instance is a reusable digit buffer: after {@link #significant} or {@link #fixed}
 * it holds ASCII digits {@code buf[0..count)} and, for {@code significant}, the decimal
 * exponent of the first digit.
 */
final class DecimalDigits {
    /** Returned by {@link #roundScaled} when the fast path cannot decide. */
    static final long UNDECIDED = -1;

    private static final int QMIN = -308, QMAX = 340;
    /** 10^q ~ (T_HI[i]:T_LO[i]) * 2^T_EXP[i], i = q - QMIN, 128 bits with the top bit set, rounded down. */
    private static final long[] T_HI = new long[QMAX - QMIN + 1];
    private static final long[] T_LO = new long[QMAX - QMIN + 1];
    private static final int[] T_EXP = new int[QMAX - QMIN + 1];
    /** The smallest double not below 10^k, k = -324 .. 308; decides floor(log10 v) exactly. */
    private static final double[] POW10_CEIL = new double[308 + 324 + 1];
    /** 10^0 .. 10^18. */
    static final long[] POW10 = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++, p *= 10) POW10[i] = p;
        BigInteger ten = BigInteger.TEN;
        for (int q = QMIN; q <= QMAX; q++) {
            BigInteger t;
            int exp;
            if (q >= 0) {
                BigInteger pow = ten.pow(q);
                int shift = pow.bitLength() - 128;
                t = shift >= 0 ? pow.shiftRight(shift) : pow.shiftLeft(-shift);
                exp = shift;
            } else {
                BigInteger pow = ten.pow(-q);
                int k = pow.bitLength() + 127;
                t = BigInteger.ONE.shiftLeft(k).divide(pow);
                exp = -k;
            }
            T_HI[q - QMIN] = t.shiftRight(64).longValue();
            T_LO[q - QMIN] = t.longValue();
            T_EXP[q - QMIN] = exp;
        }
        for (int k = -324; k <= 308; k++) {
            double d = Double.parseDouble("1e" + k);
            if (new BigDecimal(d).compareTo(BigDecimal.ONE.scaleByPowerOfTen(k)) < 0) d = Math.nextUp(d);
            POW10_CEIL[k + 324] = d;
        }
    }

    byte[] buf = new byte[32];
    int count;
    /** Decimal exponent of {@code buf[0]} after {@link #significant}. */
    int exp;

    // ---------------------------------------------------------------- digit buffers

    /**
     * Fills the buffer with the first {@code n >= 1} significant digits of {@code v >= 0}
     * (finite), rounded half-even; zero gives {@code n} zeros with exponent 0.
     */
    void significant(double v, int n) {
        reserve(n);
        count = n;
        if (v == 0) {
            java.util.Arrays.fill(buf, 0, n, (byte) '0');
            exp = 0;
            return;
        }
        if (n <= 18) {
            long packed = n <= 15 ? significantPacked(v, n) : UNDECIDED;
            long digits;
            if (packed != UNDECIDED) {
                digits = packed >>> 11;
                exp = (int) (packed & 0x7FF) - 1024;
            } else {
                int x = exp10(v);
                digits = roundScaled(v, n - 1 - x);
                if (digits == POW10[n]) { digits = POW10[n - 1]; x++; }
                exp = x;
            }
            if (digits >= 0) {
                writeDigits(buf, 0, digits, n);
                return;
            }
        }
        significantSlow(v, n);
    }

    /**
     * Fills the buffer with the digits of round-half-even({@code v * 10^p}) for {@code v >= 0}
     * (finite), padded with leading zeros to at least {@code p + 1} digits: the value is the
     * digits with a decimal point before the last {@code p}.
     */
    void fixed(double v, int p) {
        long n = v == 0 ? 0 : roundScaled(v, p);
        if (n >= 0) {
            int nd = Math.max(digitCount(n), p + 1);
            reserve(nd);
            writeDigits(buf, 0, n, nd);
            count = nd;
            return;
        }
        String s = new BigDecimal(v).setScale(p, RoundingMode.HALF_EVEN).unscaledValue().toString();
        int nd = Math.max(s.length(), p + 1);
        reserve(nd);
        int lead = nd - s.length();
        java.util.Arrays.fill(buf, 0, lead, (byte) '0');
        for (int i = 0; i < s.length(); i++) buf[lead + i] = (byte) s.charAt(i);
        count = nd;
    }

    private void significantSlow(double v, int n) {
        BigDecimal r = new BigDecimal(v).round(new MathContext(n, RoundingMode.HALF_EVEN));
        String s = r.unscaledValue().toString();
        int len = Math.min(s.length(), n);
        for (int i = 0; i < len; i++) buf[i] = (byte) s.charAt(i);
        java.util.Arrays.fill(buf, len, n, (byte) '0');
        exp = s.length() - 1 - r.scale();
    }

    private void reserve(int n) {
        if (buf.length < n) buf = new byte[Math.max(n, buf.length * 2)];
    }

    // ---------------------------------------------------------------- static core

    /**
     * The first {@code n} significant digits of {@code v > 0} (finite, {@code n <= 15}) as a
     * long, packed with the decimal exponent: {@code digits << 11 | (exp + 1024)}. Never
     * fails: undecidable cases are computed with {@link BigDecimal}.
     */
    static long significantPacked(double v, int n) {
        int x = exp10(v);
        long digits = roundScaled(v, n - 1 - x);
        if (digits == UNDECIDED) {
            BigDecimal r = new BigDecimal(v).round(new MathContext(n, RoundingMode.HALF_EVEN));
            BigInteger u = r.unscaledValue();
            int len = u.toString().length();
            x = len - 1 - r.scale();
            digits = u.longValue() * POW10[n - len];
        } else if (digits == POW10[n]) {
            digits = POW10[n - 1];
            x++;
        }
        return digits << 11 | (x + 1024);
    }

    /** floor(log10(v)) for a finite {@code v > 0}, exactly. */
    static int exp10(double v) {
        long bits = Double.doubleToRawLongBits(v);
        int be = (int) (bits >>> 52) & 0x7FF;
        int b = be != 0 ? be - 1023 : -1011 - Long.numberOfLeadingZeros(bits & 0xFFFFFFFFFFFFFL);
        // v < 2^(b+1), so floor((b+1)*log10(2)) is the exponent or one above it
        int x = Math.min((int) Math.floor((b + 1) * 0.30102999566398120), 308);
        if (v < POW10_CEIL[x + 324]) x--;
        return x;
    }

    /**
     * round-half-even({@code v * 10^q}) for a finite {@code v > 0}, or {@link #UNDECIDED} when
     * the result would not fit comfortably in a long or the fast path cannot decide a tie.
     */
    static long roundScaled(double v, int q) {
        if (q < 0 && q >= -18 && v < 9.2e18 && v == (long) v) return roundIntegerDown((long) v, -q);
        if (q < QMIN || q > QMAX) return UNDECIDED;
        long bits = Double.doubleToRawLongBits(v);
        int be = (int) (bits >>> 52) & 0x7FF;
        long m = bits & 0xFFFFFFFFFFFFFL;
        int e;
        if (be == 0) {
            e = -1074;
        } else {
            m |= 1L << 52;
            e = be - 1075;
        }
        int lz = Long.numberOfLeadingZeros(m);
        m <<= lz;
        e -= lz;
        int i = q - QMIN;
        long th = T_HI[i], tl = T_LO[i];
        // P = m * (th:tl), 192 bits in p2:p1:p0; v * 10^q ~ P / 2^s
        long p0 = m * tl;
        long lohi = unsignedMultiplyHigh(m, tl);
        long hilo = m * th;
        long p2 = unsignedMultiplyHigh(m, th);
        long p1 = lohi + hilo;
        if (Long.compareUnsigned(p1, lohi) < 0) p2++;
        int s = -(e + T_EXP[i]);
        if (s < 130) return UNDECIDED;
        long intPart, frac;
        boolean sticky;
        if (s < 192) {
            int r = s - 128;                               // 2..63: integer part inside p2
            intPart = p2 >>> r;
            frac = (p2 << (64 - r)) | (p1 >>> r);
            sticky = (p1 << (64 - r)) != 0 || p0 != 0;
        } else if (s == 192) {
            intPart = 0;
            frac = p2;
            sticky = p1 != 0 || p0 != 0;
        } else if (s < 256) {
            int r = s - 192;
            intPart = 0;
            frac = p2 >>> r;
            sticky = (p2 << (64 - r)) != 0 || p1 != 0 || p0 != 0;
        } else {
            return 0;                                      // below 2^-64: rounds to zero
        }
        boolean exact = q >= 0 && q <= 55;                 // 10^q = 5^q * 2^q fits 128 bits
        boolean up;
        if (exact) {
            up = frac < 0 && (frac != Long.MIN_VALUE || sticky || (intPart & 1) != 0);
        } else {
            // the true product lies above the computed one by less than half a unit of 'frac'
            if (frac == Long.MAX_VALUE) return UNDECIDED;
            up = frac < 0;
        }
        return up ? intPart + 1 : intPart;
    }

    /** round-half-even(n / 10^k) for {@code n >= 0}, {@code 1 <= k <= 18}. */
    private static long roundIntegerDown(long n, int k) {
        long d = POW10[k];
        long quo = n / d, rem = n - quo * d;
        long half = d >>> 1;                               // d is even
        if (rem > half || (rem == half && (quo & 1) != 0)) quo++;
        return quo;
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** Number of decimal digits of {@code n >= 0} (1 for 0). */
    static int digitCount(long n) {
        int d = 1;
        while (d < 19 && n >= POW10[d]) d++;
        return d;
    }

    /** Writes {@code n >= 0} as exactly {@code nd} ASCII digits (leading zeros) at {@code b[off..]}. */
    static void writeDigits(byte[] b, int off, long n, int nd) {
        for (int i = off + nd - 1; i >= off; i--) {
            b[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
    }
}
