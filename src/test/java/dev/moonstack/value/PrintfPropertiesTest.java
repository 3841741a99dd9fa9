package dev.moonstack.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Round trips and internal agreements of {@link Printf} and {@link DecimalDigits}. */
class PrintfPropertiesTest {
    @Provide
    Arbitrary<Double> finiteDoubles() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
                Arbitraries.doubles(),
                Arbitraries.randomValue(r -> RandomDoubles.next(new java.util.SplittableRandom(r.nextLong())))
                        .filter(Double::isFinite));
    }

    private static String fmt(String spec, double v) {
        return new String(MiniFormat.format(spec, v), StandardCharsets.ISO_8859_1);
    }

    @Property(tries = 3000)
    void g17RoundTrips(@ForAll("finiteDoubles") double x) {
        assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(Double.parseDouble(fmt("%.17g", x))));
    }

    @Property(tries = 3000)
    void hexRoundTrips(@ForAll("finiteDoubles") double x) {
        assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(Double.parseDouble(fmt("%a", x))));
        assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(Double.parseDouble(fmt("%A", x))));
    }

    /** A decimal of at most 14 significant digits survives tostring (what makes print(0.1) print 0.1). */
    @Property(tries = 3000)
    void tostringKeepsShortDecimals(@ForAll long mantissa, @ForAll @IntRange(min = -280, max = 280) int exp) {
        long m = Math.abs(mantissa % 100_000_000_000_000L);
        double x = Double.parseDouble(m + "e" + exp);
        String s = Printf.tostringFloat(x);
        assertEquals(x, Double.parseDouble(s), s);
    }

    /** The fast digit path agrees with BigDecimal wherever it answers. */
    @Property(tries = 5000)
    void significantDigitsMatchBigDecimal(@ForAll("finiteDoubles") double x, @ForAll @IntRange(min = 1, max = 18) int n) {
        double a = Math.abs(x);
        Assume.that(a != 0);                               // no significant digits, no exponent
        DecimalDigits dd = new DecimalDigits();
        dd.significant(a, n);
        BigDecimal r = new BigDecimal(a).round(new MathContext(n, RoundingMode.HALF_EVEN));
        String u = r.unscaledValue().toString();
        String want = (u + "0".repeat(n)).substring(0, n);
        assertEquals(want + "e" + (u.length() - 1 - r.scale()),
                new String(dd.buf, 0, dd.count, StandardCharsets.ISO_8859_1) + "e" + dd.exp);
    }

    @Property(tries = 5000)
    void fixedDigitsMatchBigDecimal(@ForAll("finiteDoubles") double x, @ForAll @IntRange(min = 0, max = 40) int p) {
        double a = Math.abs(x);
        Assume.that(a <= 1e30);                            // the long ones are the slow path anyway
        DecimalDigits dd = new DecimalDigits();
        dd.fixed(a, p);
        String u = new BigDecimal(a).setScale(p, RoundingMode.HALF_EVEN).unscaledValue().toString();
        if (u.length() < p + 1) u = "0".repeat(p + 1 - u.length()) + u;
        assertEquals(u, new String(dd.buf, 0, dd.count, StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 2000)
    void exp10IsFloorLog10(@ForAll("finiteDoubles") double x) {
        double a = Math.abs(x);
        Assume.that(a != 0);                               // log10(0) has no floor
        int e = DecimalDigits.exp10(a);
        BigDecimal v = new BigDecimal(a);
        assertEquals(true, v.compareTo(BigDecimal.ONE.scaleByPowerOfTen(e)) >= 0
                && v.compareTo(BigDecimal.ONE.scaleByPowerOfTen(e + 1)) < 0, a + " -> " + e);
    }

    /** %F is %f with INF and NAN in capitals (lstrlib rejects %F, but C accepts it). */
    @Property(tries = 500)
    void upperFIsUpperF(@ForAll("finiteDoubles") double x, @ForAll @IntRange(min = 0, max = 12) int p) {
        LuaBuffer f = new LuaBuffer(), F = new LuaBuffer();
        Printf.formatFloat(f, 'f', 0, 0, p, x);
        Printf.formatFloat(F, 'F', 0, 0, p, x);
        assertEquals(f.toString(), F.toString());
        LuaBuffer inf = new LuaBuffer();
        Printf.formatFloat(inf, 'F', 0, 0, p, Double.NEGATIVE_INFINITY);
        assertEquals("-INF", inf.toString());
    }
}
