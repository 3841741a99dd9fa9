package dev.moonstack.lib.string;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaOracle;
import dev.moonstack.value.MiniFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link FormatSpec}: fields, and lstrlib's acceptance and error messages (checked with lua5.4). */
class FormatSpecTest {
    private static byte[] b(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    @Test
    void fields() {
        FormatSpec fs = FormatSpec.of("%-+ #012.34e");
        assertEquals(FormatSpec.FLAG_MINUS | FormatSpec.FLAG_PLUS | FormatSpec.FLAG_SPACE
                | FormatSpec.FLAG_HASH | FormatSpec.FLAG_ZERO, fs.flags);
        assertEquals(12, fs.width);
        assertEquals(34, fs.precision);
        assertEquals('e', fs.conversion);
        assertEquals(12, fs.end);
        assertTrue(fs.hasModifiers());

        fs = FormatSpec.of("%d");
        assertEquals(0, fs.flags);
        assertEquals(0, fs.width);
        assertEquals(-1, fs.precision);
        assertFalse(fs.hasModifiers());

        assertEquals(0, FormatSpec.of("%.f").precision);
        assertEquals(5, FormatSpec.of("%5.s").width);
        assertEquals(FormatSpec.FLAG_ZERO, FormatSpec.of("%00d").flags);
    }

    @Test
    void parseInTheMiddleAndReuse() {
        byte[] f = b("x=%5.2f, y=%-3d!");
        FormatSpec fs = new FormatSpec().parse(f, 2, f.length);
        assertEquals('f', fs.conversion);
        assertEquals(7, fs.end);
        fs.parse(f, 11, f.length);
        assertEquals('d', fs.conversion);
        assertEquals(FormatSpec.FLAG_MINUS, fs.flags);
        assertEquals(3, fs.width);
        assertEquals(-1, fs.precision);
        assertEquals(15, fs.end);
        fs.check();
    }

    @Test
    void checkOrder() {
        assertTrue(FormatSpec.of("%c").checkedBeforeArgument());
        assertTrue(FormatSpec.of("%a").checkedBeforeArgument());
        assertFalse(FormatSpec.of("%d").checkedBeforeArgument());
        assertFalse(FormatSpec.of("%f").checkedBeforeArgument());
    }

    /** Messages as lua5.4 (5.4.4) gives them; see printf-golden.txt for more. */
    @Test
    void errors() {
        assertEquals("invalid conversion '%t' to 'format'", error("%t"));
        assertEquals("invalid conversion '%F' to 'format'", error("%F"));
        assertEquals("invalid conversion '%' to 'format'", error("%"));
        assertEquals("invalid conversion '%-5' to 'format'", error("%-5"));
        assertEquals("invalid conversion '%l' to 'format'", error("%lld"));
        assertEquals("invalid format (too long)", error("%012345678901234567890123d"));
        assertEquals("invalid conversion specification: '%100d'", error("%100d"));
        assertEquals("invalid conversion specification: '%.10c'", error("%.10c"));
        assertEquals("invalid conversion specification: '%#i'", error("%#i"));
        assertEquals("invalid conversion specification: '%0.s'", error("%0.s"));
        assertEquals("specifier '%q' cannot have modifiers", error("%10q"));
        LuaError e = assertThrows(LuaError.class, () -> FormatSpec.of("%w"));
        assertEquals(1, e.pendingLevel, "raised like luaL_error");
    }

    private static String error(String spec) {
        byte[] f = b(spec);
        LuaError e = assertThrows(LuaError.class, () -> new FormatSpec().parse(f, 0, f.length).check());
        return MiniFormat.message(e);
    }

    /** Random spec strings, formatted with the argument 10 by lua5.4 and by the primitives. */
    @Test
    void randomSpecsAgainstLua() throws Exception {
        LuaOracle.require();
        long seed = Long.getLong("printf.seed", System.nanoTime());
        SplittableRandom rnd = new SplittableRandom(seed);
        String pool = "-+ #0123456789..lhLqscdiuoxXaAeEfFgGpnt%\0\u00ff|";
        List<byte[]> specs = new ArrayList<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int n = 0; n < 5000; n++) {
            StringBuilder sb = new StringBuilder("%");
            int len = rnd.nextInt(4) == 0 ? rnd.nextInt(15, 26) : rnd.nextInt(0, 8);
            for (int i = 0; i < len; i++) sb.append(pool.charAt(rnd.nextInt(pool.length())));
            byte[] spec = b(sb.toString());
            specs.add(spec);
            for (byte x : spec) data.write(String.format("%02x", x & 0xFF).getBytes(StandardCharsets.ISO_8859_1));
            data.write('\n');
        }
        String script = String.join("\n",
                "local function esc(s)",
                "  return (s:gsub('.', function(c)",
                "    local b = c:byte()",
                "    if b < 32 or b > 126 or b == 92 then return string.format('\\\\x%02x', b) end",
                "  end))",
                "end",
                "for line in io.lines(arg[1]) do",
                "  local spec = line:gsub('..', function(x) return string.char(tonumber(x, 16)) end)",
                "  local ok, r = pcall(string.format, spec, 10)",
                "  io.write(ok and esc(r) or ('ERR:' .. esc(r)), '\\n')",
                "end", "");
        List<byte[]> lines = LuaOracle.runLines(script, data.toByteArray());
        assertEquals(specs.size(), lines.size());
        List<String> bad = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < specs.size(); i++) {
            String want = new String(lines.get(i), StandardCharsets.ISO_8859_1);
            if (want.startsWith("ERR:bad argument")) continue;   // a second spec: the builtin's business
            String got;
            try {
                got = LuaOracle.show(MiniFormat.format(specs.get(i), 10L));
            } catch (LuaError e) {
                got = "ERR:" + MiniFormat.message(e);
            }
            compared++;
            if (!want.equals(got)) bad.add(LuaOracle.show(specs.get(i)) + ": lua [" + want + "] ours [" + got + "]");
        }
        assertTrue(compared > 2000, "too few comparable specs: " + compared);
        assertEquals("", String.join("\n", bad.subList(0, Math.min(30, bad.size()))),
                bad.size() + " of " + compared + " differ (seed " + seed + ")");
    }
}
