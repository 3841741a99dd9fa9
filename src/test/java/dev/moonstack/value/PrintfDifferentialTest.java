package dev.moonstack.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Formats thousands of random values with {@link Printf} and with lua5.4 (one process per
 * test) and compares every result; skipped when lua5.4 is not installed. The seed changes
 * per run and is printed with any mismatch; set -Dprintf.seed=N to replay one.
 */
class PrintfDifferentialTest {
    private static final String SCRIPT = String.join("\n",
            "local function esc(s)",
            "  return (s:gsub('.', function(c)",
            "    local b = c:byte()",
            "    if b < 32 or b > 126 or b == 92 then return string.format('\\\\x%02x', b) end",
            "  end))",
            "end",
            "local function dbl(n) return (string.unpack('<d', string.pack('<i8', n))) end",
            "local function unhex(h) return (h:gsub('..', function(x) return string.char(tonumber(x, 16)) end)) end",
            "local out = {}",
            "for line in io.lines(arg[1]) do",
            "  local kind, spec, val = line:match('^(%a+)\\t([^\\t]*)\\t(.*)$')",
            "  local v",
            "  if kind == 'f' or kind == 't' then v = dbl(tonumber(val))",
            "  elseif kind == 'i' then v = tonumber(val)",
            "  else v = unhex(val) end",
            "  local ok, r",
            "  if kind == 't' then ok, r = true, tostring(v) else ok, r = pcall(string.format, spec, v) end",
            "  out[#out + 1] = ok and esc(r) or ('ERR:' .. esc(r))",
            "end",
            "io.write(table.concat(out, '\\n'), '\\n')",
            "");

    private static final String[] FIXED_FORMATS = {
        "%.14g", "%.17g", "%a", "%.3e", "%.10f", "%g", "%.0f", "%.1f", "%.3a", "%.0a", "%#.5g",
        "%+.20e", "%.16g", "%.15g", "%.1e", "%e", "%#.0g", "%.2g",
    };

    private final long seed = Long.getLong("printf.seed", System.nanoTime());
    /** -Dprintf.scale=N multiplies the number of cases, for occasional long runs. */
    private final int scale = Integer.getInteger("printf.scale", 1);

    /** One case: what to send to Lua and what Printf made of it. */
    private static final class Case {
        final String kind, spec, arg, got;
        Case(String kind, String spec, String arg, String got) {
            this.kind = kind; this.spec = spec; this.arg = arg; this.got = got;
        }
    }

    @Test
    void fixedFormatsOnRandomDoubles() throws Exception {
        LuaOracle.require();
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Case> cases = new ArrayList<>();
        for (int n = 0; n < 4000 * scale; n++) {
            double v = RandomDoubles.next(rnd);
            String bits = Long.toString(Double.doubleToRawLongBits(v));
            for (String f : FIXED_FORMATS) cases.add(new Case("f", f, bits, show(MiniFormat.format(f, v))));
            cases.add(new Case("t", "", bits, show(Printf.tostringFloat(v).getBytes(StandardCharsets.ISO_8859_1))));
        }
        compare(cases);
    }

    /** Values just below powers of ten, where rounding carries into a new digit (glibc's %#g quirk). */
    @Test
    void carriesAcrossPowersOfTen() throws Exception {
        LuaOracle.require();
        List<Double> values = new ArrayList<>();
        for (int k = -7; k <= 22; k++) {
            double p = Double.parseDouble("1e" + k);
            values.add(Math.nextDown(p));
            values.add(p);
            for (int j = 1; j <= 17; j++) values.add(Double.parseDouble("9".repeat(j) + "5e" + (k - j - 1)));
        }
        List<Case> cases = new ArrayList<>();
        for (double v : values) {
            String bits = Long.toString(Double.doubleToRawLongBits(v));
            for (int p = 0; p <= 17; p++) {
                for (String f : new String[] {"%#." + p + "g", "%." + p + "g", "%." + p + "e", "%#." + p + "e",
                                              "%." + p + "f", "%#." + p + "G", "%#." + p + "f"}) {
                    cases.add(new Case("f", f, bits, show(MiniFormat.format(f, v))));
                }
            }
        }
        compare(cases);
    }

    @Test
    void randomSpecsOnRandomValues() throws Exception {
        LuaOracle.require();
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<Case> cases = new ArrayList<>();
        for (int n = 0; n < 20000 * scale; n++) {
            int what = rnd.nextInt(10);
            if (what < 5) {
                String spec = randomSpec(rnd, "aAeEfgG", "-+ #0", true);
                double v = RandomDoubles.next(rnd);
                cases.add(new Case("f", spec, Long.toString(Double.doubleToRawLongBits(v)), run(spec, v)));
            } else if (what < 8) {
                int k = rnd.nextInt(4);
                String spec = k == 0 ? randomSpec(rnd, "di", "-+ 0", true)
                        : k == 1 ? randomSpec(rnd, "u", "-0", true)
                        : k == 2 ? randomSpec(rnd, "oxX", "-#0", true)
                        : randomSpec(rnd, "c", "-", false);
                long v = randomLong(rnd);
                cases.add(new Case("i", spec, Long.toString(v), run(spec, v)));
            } else {
                boolean q = what == 9 && rnd.nextBoolean();
                String spec = q ? "%q" : randomSpec(rnd, "s", "-", true);
                byte[] s = randomBytes(rnd, !q);
                cases.add(new Case("s", spec, hex(s), run(spec, s)));
            }
        }
        compare(cases);
    }

    private static String run(String spec, Object v) {
        try {
            return show(MiniFormat.format(spec, v));
        } catch (LuaError e) {
            return "ERR:" + MiniFormat.message(e);
        }
    }

    /** A spec with random flags (from {@code flags}, repeats allowed), width and precision. */
    static String randomSpec(SplittableRandom rnd, String convs, String flags, boolean precision) {
        StringBuilder sb = new StringBuilder("%");
        int nf = rnd.nextInt(4) == 0 ? rnd.nextInt(1, 4) : 0;
        for (int i = 0; i < nf; i++) sb.append(flags.charAt(rnd.nextInt(flags.length())));
        if (rnd.nextInt(3) == 0) sb.append(rnd.nextInt(1, rnd.nextBoolean() ? 10 : 100));
        if (precision && rnd.nextInt(2) == 0) {
            sb.append('.');
            int k = rnd.nextInt(6);
            if (k > 0) sb.append(k == 1 ? rnd.nextInt(100) : rnd.nextInt(k < 4 ? 8 : 20));
        }
        sb.append(convs.charAt(rnd.nextInt(convs.length())));
        if (rnd.nextInt(8) == 0) sb.append('|');            // shows trailing padding
        return sb.toString();
    }

    private static long randomLong(SplittableRandom rnd) {
        switch (rnd.nextInt(5)) {
            case 0: return rnd.nextLong();
            case 1: return rnd.nextLong(-1000, 1000);
            case 2: return rnd.nextLong() >> rnd.nextInt(64);
            case 3: return new long[] {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 255, 256, 10}[rnd.nextInt(8)];
            default: return rnd.nextLong(0, 1L << 40);
        }
    }

    private static byte[] randomBytes(SplittableRandom rnd, boolean noZeros) {
        int len = rnd.nextInt(8) == 0 ? rnd.nextInt(90, 130) : rnd.nextInt(12);
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            int c = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : rnd.nextInt(4) == 0 ? '0' + rnd.nextInt(10) : 'a' + rnd.nextInt(26);
            if (noZeros && c == 0) c = 'z';
            b[i] = (byte) c;
        }
        return b;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(String.format("%02x", x & 0xFF));
        return sb.toString();
    }

    private static String show(byte[] b) { return LuaOracle.show(b); }

    private void compare(List<Case> cases) throws Exception {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Case c : cases) data.write((c.kind + "\t" + c.spec + "\t" + c.arg + "\n").getBytes(StandardCharsets.ISO_8859_1));
        List<byte[]> lines = LuaOracle.runLines(SCRIPT, data.toByteArray());
        assertEquals(cases.size(), lines.size(), "lua5.4 output lines");
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String want = new String(lines.get(i), StandardCharsets.ISO_8859_1);
            if (!want.equals(c.got)) {
                String v = c.kind.equals("f") || c.kind.equals("t")
                        ? Double.toString(Double.longBitsToDouble(Long.parseLong(c.arg))) : c.arg;
                bad.add(c.kind + " [" + c.spec + "] " + v + ": lua [" + want + "] ours [" + c.got + "]");
            }
        }
        assertEquals("", String.join("\n", bad.subList(0, Math.min(30, bad.size()))),
                bad.size() + " of " + cases.size() + " differ (seed " + seed + ")");
    }
}
