package dev.moonstack.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * utf8.char and the decoders agree: for random code points, utf8.codepoint(utf8.char(cps...))
 * gives them back, utf8.len counts them and utf8.offset finds each start; strict code points
 * encode as Java's UTF-8 encoder does, and 5.4's extended ones (up to 7FFFFFFF) round-trip in
 * lax mode.
 */
class Utf8Properties {
    private static final Lua LUA = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true);
    private static final LuaClosure ROUNDTRIP = Runtimes.loadClosure(LUA, """
        local lax = ...
        local s = utf8.char(select(2, ...))
        local starts = {}
        for i = 1, select("#", ...) - 1 do starts[i] = utf8.offset(s, i) end
        return s, utf8.len(s, 1, -1, lax), table.concat(starts, ","), utf8.codepoint(s, 1, -1, lax)
        """, "=roundtrip");

    @Provide
    Arbitrary<List<Integer>> strictCodePoints() {
        Arbitrary<Integer> cp = Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(0, 0x7F)),
            Tuple.of(2, Arbitraries.integers().between(0x80, 0x7FF)),
            Tuple.of(2, Arbitraries.integers().between(0x800, 0xFFFF)),
            Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF)))
            .filter(c -> c < 0xD800 || c > 0xDFFF);
        return cp.list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Integer>> laxCodePoints() {
        Arbitrary<Integer> cp = Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.integers().between(0, 0xFFFF)),
            Tuple.of(1, Arbitraries.integers().between(0xD800, 0xDFFF)),
            Tuple.of(2, Arbitraries.integers().between(0x110000, 0x7FFFFFFF)));
        return cp.list().ofMaxSize(8);
    }

    /** Runs the round trip; returns the encoded string after checking len, offsets and code points. */
    private static LuaString roundTrip(List<Integer> cps, boolean lax) {
        Object[] args = new Object[cps.size() + 1];
        args[0] = lax;
        for (int k = 0; k < cps.size(); k++) args[k + 1] = (long) cps.get(k);
        Object[] r = Runtimes.callRaw(LUA, ROUNDTRIP, args);
        LuaString s = (LuaString) r[0];
        assertEquals((long) cps.size(), r[1], "utf8.len");
        StringBuilder starts = new StringBuilder();
        int pos = 1;
        for (int k = 0; k < cps.size(); k++) {
            if (k > 0) starts.append(',');
            starts.append(pos);
            pos += Utf8Cases.width(cps.get(k));
        }
        assertEquals(LuaString.of(starts.toString()), r[2], "utf8.offset of each character");
        assertEquals(pos - 1, s.length(), "encoded length");
        assertEquals(cps.size() + 3, r.length, "one code point per character");
        for (int k = 0; k < cps.size(); k++) assertEquals((long) cps.get(k), r[k + 3], "code point " + (k + 1));
        return s;
    }

    @Property(tries = 1000)
    void strictCodePointsRoundTripAndEncodeAsJavaDoes(@ForAll("strictCodePoints") List<Integer> cps) {
        LuaString s = roundTrip(cps, false);
        int[] a = cps.stream().mapToInt(Integer::intValue).toArray();
        assertArrayEquals(new String(a, 0, a.length).getBytes(StandardCharsets.UTF_8), s.bytes());
    }

    @Property(tries = 1000)
    void extendedCodePointsRoundTripInLaxMode(@ForAll("laxCodePoints") List<Integer> cps) {
        roundTrip(cps, true);
    }
}
