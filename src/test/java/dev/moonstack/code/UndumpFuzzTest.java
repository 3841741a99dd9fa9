package dev.moonstack.code;

import dev.moonstack.compiler.LuaCompiler;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.Proto;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Mutated and truncated dumps never make {@link Undump} throw anything but a LuaError, nor
 * take long; what it accepts can be listed and dumped again.
 */
class UndumpFuzzTest {
    private static final List<byte[]> SEEDS = seeds();

    private static List<byte[]> seeds() {
        String[] programs = {
            "return 1",
            "local a, b = 1, 'x' return function(...) local t = {...}; for i = 1, #t do a = a + t[i] end return a, b end",
            "local s = 'a long string constant, longer than forty bytes in all' local t = {1.5, -0.0, true, false, nil, s}"
                + " for k, v in pairs(t) do if v then print(k, v) elseif k > 2 then break end end"
                + " while #t > 0 do table.remove(t) end goto done ::done:: return t",
            "local function f(n) if n < 2 then return n end return f(n - 1) + f(n - 2) end"
                + " local x <close> = nil return f(20) // 3 | 7 ~ 1 << 2, ('x'):rep(3) .. 'y'",
        };
        java.util.ArrayList<byte[]> seeds = new java.util.ArrayList<>();
        for (String p : programs) {
            Proto f = LuaCompiler.compile(p.getBytes(), LuaString.of("=fuzz"));
            seeds.add(Dump.dump(f, false));
            seeds.add(Dump.dump(f, true));
        }
        return seeds;
    }

    @Provide
    Arbitrary<byte[]> mutants() {
        return Arbitraries.longs().map(UndumpFuzzTest::mutate);
    }

    /** A seed with a few random edits: byte changes, insertions, deletions, a cut. */
    static byte[] mutate(long seed) {
        Random r = new Random(seed);
        byte[] d = SEEDS.get(r.nextInt(SEEDS.size())).clone();
        int edits = 1 + r.nextInt(6);
        for (int e = 0; e < edits && d.length > 0; e++) {
            int at = 31 + r.nextInt(Math.max(1, d.length - 31));   // mostly past the header
            if (r.nextInt(10) == 0) at = r.nextInt(d.length);
            at = Math.min(at, d.length - 1);
            switch (r.nextInt(5)) {
                case 0 -> d[at] = (byte) r.nextInt(256);
                case 1 -> d[at] ^= (byte) (1 << r.nextInt(8));
                case 2 -> {
                    byte[] n = new byte[d.length + 1];
                    System.arraycopy(d, 0, n, 0, at);
                    n[at] = (byte) (r.nextBoolean() ? 0xff : r.nextInt(256));
                    System.arraycopy(d, at, n, at + 1, d.length - at);
                    d = n;
                }
                case 3 -> d = concat(java.util.Arrays.copyOf(d, at), java.util.Arrays.copyOfRange(d, at + 1, d.length));
                default -> d = java.util.Arrays.copyOf(d, at);
            }
        }
        return d;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Found by onlyLuaErrors: a line delta that made a line negative, which dumped unloadable. */
    @net.jqwik.api.Example
    void negativeLinesAreRefused() {
        byte[] chunk = mutate(3091674171583948921L);
        LuaError e = org.junit.jupiter.api.Assertions.assertThrows(LuaError.class,
                () -> Undump.undump(chunk, LuaString.of("=fuzz")));
        org.junit.jupiter.api.Assertions.assertEquals("fuzz: bad binary format (line out of range)", e.getMessage());
    }

    @Property(tries = 3000)
    void onlyLuaErrors(@ForAll("mutants") byte[] chunk) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            Proto p;
            try {
                p = Undump.undump(chunk, LuaString.of("=fuzz"));
            } catch (LuaError e) {
                return;
            }
            Disassembler.list(p, true);
            Undump.undump(Dump.dump(p, false), LuaString.of("=again"));
        });
    }
}
