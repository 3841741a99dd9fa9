package dev.moonstack.lib.string;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaString;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Round trips through string.pack and string.unpack: for random valid formats (every option,
 * endianness switches, a maximum alignment, 'x' and 'X' padding) and values that fit them,
 * unpack(fmt, pack(fmt, values...)) gives the values back, 'c' strings padded with zeros,
 * 'f' values rounded to float, and the position after the packed string; for formats without
 * 's' and 'z', packsize(fmt) is the packed length.
 */
class PackProperties {
    private static final Lua LUA = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true);
    private static final LuaClosure ROUNDTRIP = Runtimes.loadClosure(LUA, """
        local fmt = ...
        local p = string.pack(fmt, select(2, ...))
        return p, string.unpack(fmt, p)
        """, "=roundtrip");
    private static final LuaClosure PACKSIZE = Runtimes.loadClosure(LUA, "return string.packsize(...)", "=packsize");

    /** A random valid format with its arguments and the values unpack must give back. */
    static final class Format {
        final StringBuilder fmt = new StringBuilder();
        final List<Object> args = new ArrayList<>();
        final List<Object> expected = new ArrayList<>();
        boolean fixedSize = true;
        int maxAlign = 1;

        @Override public String toString() { return "format \"" + fmt + "\" with " + args.size() + " values"; }
    }

    /** Sizes whose alignment under {@code maxAlign} is a power of two (else the format is invalid). */
    private static boolean alignable(int size, int maxAlign) {
        int a = Math.min(size, maxAlign);
        return a <= 1 || (a & (a - 1)) == 0;
    }

    static Format format(Random r) {
        Format f = new Format();
        if (r.nextInt(3) == 0) {
            f.maxAlign = new int[] {1, 2, 4, 8, 16}[r.nextInt(5)];
            f.fmt.append('!').append(f.maxAlign);
        }
        int n = 1 + r.nextInt(8);
        for (int k = 0; k < n; k++) item(r, f);
        return f;
    }

    private static void item(Random r, Format f) {
        switch (r.nextInt(10)) {
            case 0 -> f.fmt.append("<> = ".charAt(r.nextInt(5)));
            case 1, 2, 3 -> integer(r, f);
            case 4 -> floating(r, f);
            case 5, 6 -> string(r, f);
            case 7 -> f.fmt.append('x');
            case 8 -> {
                int size = 1 << r.nextInt(5);                       // X with a power-of-two size
                f.fmt.append("Xi").append(size);
            }
            default -> integer(r, f);
        }
    }

    private static void integer(Random r, Format f) {
        int size;
        do size = 1 + r.nextInt(16); while (!alignable(size, f.maxAlign));
        boolean signed = r.nextBoolean();
        f.fmt.append(signed ? 'i' : 'I').append(size);
        long v;
        if (size >= 8) {
            v = r.nextLong();
        } else if (signed) {
            v = r.nextLong() >> (64 - 8 * size);                  // sign-extended random bits
        } else {
            v = r.nextLong() >>> (64 - 8 * size);
        }
        f.args.add(v);
        f.expected.add(v);
    }

    private static void floating(Random r, Format f) {
        switch (r.nextInt(3)) {
            case 0 -> {
                float x = Float.intBitsToFloat(r.nextInt());
                f.fmt.append('f');
                f.args.add((double) x);
                f.expected.add((double) x);
            }
            case 1 -> {
                double x = Double.longBitsToDouble(r.nextLong());
                f.fmt.append('d');
                f.args.add(x);
                f.expected.add(x);
            }
            default -> {
                double x = r.nextGaussian() * 1e6;
                f.fmt.append('n');
                f.args.add(x);
                f.expected.add(x);
            }
        }
    }

    private static byte[] bytes(Random r, int len, boolean zeros) {
        byte[] b = new byte[len];
        for (int k = 0; k < len; k++) b[k] = (byte) (zeros ? r.nextInt(256) : 1 + r.nextInt(255));
        return b;
    }

    private static void string(Random r, Format f) {
        switch (r.nextInt(3)) {
            case 0 -> {
                int size = r.nextInt(10);
                byte[] b = bytes(r, r.nextInt(size + 1), true);
                f.fmt.append('c').append(size);
                f.args.add(LuaString.wrap(b));
                f.expected.add(LuaString.wrap(Arrays.copyOf(b, size)));       // padded with zeros
            }
            case 1 -> {
                int size;
                do size = 1 + r.nextInt(16); while (!alignable(size, f.maxAlign));
                byte[] b = bytes(r, r.nextInt(size == 1 ? 256 : 300), true);
                f.fmt.append('s').append(size);
                f.args.add(LuaString.wrap(b));
                f.expected.add(LuaString.wrap(b));
                f.fixedSize = false;
            }
            default -> {
                byte[] b = bytes(r, r.nextInt(20), false);
                f.fmt.append('z');
                f.args.add(LuaString.wrap(b));
                f.expected.add(LuaString.wrap(b));
                f.fixedSize = false;
            }
        }
    }

    @Property(tries = 2000)
    void unpackGivesBackWhatPackTook(@ForAll long seed) {
        Format f = format(new Random(seed));
        Object[] call = new Object[f.args.size() + 1];
        call[0] = LuaString.of(f.fmt.toString());
        for (int k = 0; k < f.args.size(); k++) call[k + 1] = f.args.get(k);
        Object[] r = Runtimes.callRaw(LUA, ROUNDTRIP, call);
        LuaString packed = (LuaString) r[0];
        assertEquals(f.expected.size() + 2, r.length, f.toString());
        for (int k = 0; k < f.expected.size(); k++) {
            assertEquals(f.expected.get(k), r[k + 1], f + ": value " + (k + 1));
        }
        assertEquals(packed.length() + 1L, r[r.length - 1], f + ": next position");
        if (f.fixedSize) assertEquals((long) packed.length(), Runtimes.callRaw(LUA, PACKSIZE, call[0])[0], f + ": packsize");
    }
}
