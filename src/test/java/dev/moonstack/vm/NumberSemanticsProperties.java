package dev.moonstack.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Lua 5.4's number semantics, checked through the executor (compiled Lua code, not the helper
 * methods): floor division and modulo, exact comparisons between integers and floats, and
 * conversions between numbers and strings.
 */
class NumberSemanticsProperties {
    static final Lua LUA = new Lua(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), true);
    static final LuaClosure DIVMOD = fn("local a, b = ... return a // b, a % b, (a // b) * b + a % b");
    static final LuaClosure COMPARE = fn("local i, f = ... return i < f, i <= f, i == f, f < i, f <= i, i > f, i >= f");
    static final LuaClosure ROUNDTRIP = fn("local x = ... return tonumber(tostring(x)), tonumber(string.format('%.17g', x)), math.type(x)");
    static final LuaClosure FLOAT_DIVMOD = fn("local a, b = ... return a // b, a % b");

    static LuaClosure fn(String body) {
        return (LuaClosure) Runtimes.callRaw(LUA, Runtimes.loadClosure(LUA, "return function(...) " + body + " end", "=props"))[0];
    }

    @Provide
    Arbitrary<Long> interesting() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-1000, 1000),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 1L, 1L << 53, (1L << 53) + 1, -(1L << 62)));
    }

    @Property(tries = 2000)
    void integerDivisionAndModuloRecomposeTheDividend(@ForAll("interesting") long a, @ForAll("interesting") long b) {
        Assume.that(b != 0);
        Object[] r = Runtimes.callRaw(LUA, DIVMOD, a, b);
        long q = (Long) r[0], m = (Long) r[1];
        assertEquals(a, (long) (Long) r[2], "a == (a//b)*b + a%b (wrapping)");
        assertEquals(Math.floorDiv(a, b) == q || (a == Long.MIN_VALUE && b == -1), true, "floor division");
        assertEquals(m == 0 || (m < 0) == (b < 0), true, "modulo has the divisor's sign: " + a + " % " + b + " = " + m);
    }

    @Property(tries = 300)
    void integerDivisionByZeroIsAnError(@ForAll long a) {
        try {
            Runtimes.callRaw(LUA, DIVMOD, a, 0L);
            throw new AssertionError("no error");
        } catch (LuaError e) {
            assertEquals(true, e.getMessage().contains("attempt to perform 'n//0'") || e.getMessage().contains("divide by zero"),
                    e.getMessage());
        }
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.longs().map(l -> (double) l),
                Arbitraries.longs().map(l -> (double) l + 0.5),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                        9.223372036854775807E18, -9.223372036854775808E18, 9007199254740993.0, Double.MIN_VALUE),
                Arbitraries.longs().map(Double::longBitsToDouble));
    }

    @Property(tries = 3000)
    void mixedComparisonsAreExact(@ForAll("interesting") long i, @ForAll("doubles") double f) {
        Object[] r = Runtimes.callRaw(LUA, COMPARE, i, f);
        int c = Double.isNaN(f) ? 2 : Double.isInfinite(f) ? (f > 0 ? -1 : 1)
                : new BigDecimal(i).compareTo(new BigDecimal(f));
        boolean nan = c == 2;
        assertEquals(!nan && c < 0, r[0], i + " < " + f);
        assertEquals(!nan && c <= 0, r[1], i + " <= " + f);
        assertEquals(!nan && c == 0, r[2], i + " == " + f);
        assertEquals(!nan && c > 0, r[3], f + " < " + i);
        assertEquals(!nan && c >= 0, r[4], f + " <= " + i);
        assertEquals(!nan && c > 0, r[5], i + " > " + f);
        assertEquals(!nan && c >= 0, r[6], i + " >= " + f);
    }

    @Property(tries = 2000)
    void floatsSurviveToStringAt17Digits(@ForAll("doubles") double x) {
        Assume.that(!Double.isNaN(x) && !Double.isInfinite(x));
        Object[] r = Runtimes.callRaw(LUA, ROUNDTRIP, x);
        // "%.17g" of an integral float has no point, so it reads back as an integer (Lua semantics)
        double back = ((Number) r[1]).doubleValue();
        assertEquals(true, back == x, "%.17g round trip of " + x + " gave " + r[1]);
        assertEquals("float", r[2].toString());
    }

    @Property(tries = 1000)
    void integersSurviveToString(@ForAll("interesting") long x) {
        Object[] r = Runtimes.callRaw(LUA, ROUNDTRIP, x);
        assertEquals(x, (long) (Long) r[0]);
        assertEquals(LuaString.of("integer"), r[2]);
    }

    @Property(tries = 2000)
    void floatModuloRecomposes(@ForAll("doubles") double a, @ForAll("doubles") double b) {
        Assume.that(Double.isFinite(a) && Double.isFinite(b) && b != 0 && Math.abs(a / b) < 1e15);
        Object[] r = Runtimes.callRaw(LUA, FLOAT_DIVMOD, a, b);
        double q = (Double) r[0], m = (Double) r[1];
        assertEquals(Math.floor(a / b), q, 0.0, "floor division");
        assertEquals(true, m == 0 || (m < 0) == (b < 0) || Double.isNaN(m), "modulo sign: " + a + " % " + b + " = " + m);
        assertEquals(true, Math.abs(m) <= Math.abs(b), "|a % b| <= |b|");
    }
}
