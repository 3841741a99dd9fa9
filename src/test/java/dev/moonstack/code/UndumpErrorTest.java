package dev.moonstack.code;

import dev.moonstack.compiler.LuaCompiler;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaOracle;
import dev.moonstack.value.LuaString;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Malformed binary chunks get lua5.4's messages: every truncation and header corruption of
 * some dumps, and hand-made bad sizes and strings, each loaded by lua5.4 and by us under
 * several chunk names. (Inputs that crash lua5.4 itself, such as more upvalue names than
 * upvalues, a bug fixed in 5.4.8, are left out.)
 */
class UndumpErrorTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Reads "namehex datahex" lines; prints the hex of load's message, or "ok". */
    private static final String SCRIPT = """
            local function unhex(h) return (h:gsub("..", function(x) return string.char(tonumber(x, 16)) end)) end
            local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
            for line in io.lines(arg[1]) do
              local n, d = line:match("^(%x*) (%x*)$")
              local f, m = load(unhex(d), n ~= "" and unhex(n) or nil, "b")
              print(f and "ok" or hex(m))
            end
            """;

    private static byte[] dumpOf(String src, boolean strip) {
        return Dump.dump(LuaCompiler.compile(src.getBytes(), LuaString.of("=src")), strip);
    }

    /** Our message for {@code chunk} loaded under {@code name} (null: the chunk itself), or "ok". */
    private static String ours(byte[] chunk, byte[] name) {
        try {
            Undump.undump(chunk, LuaString.wrap(name == null ? chunk : name));
            return "ok";
        } catch (LuaError e) {
            return LuaOracle.show(((LuaString) e.ref).bytes());
        }
    }

    private record Case(byte[] name, byte[] chunk) {}

    private static void compare(List<Case> cases) throws Exception {
        StringBuilder data = new StringBuilder();
        for (Case c : cases) {
            data.append(c.name == null ? "" : HEX.formatHex(c.name)).append(' ').append(HEX.formatHex(c.chunk)).append('\n');
        }
        List<byte[]> lua = LuaOracle.runLines(SCRIPT, data.toString().getBytes());
        assertEquals(cases.size(), lua.size());
        for (int i = 0; i < cases.size(); i++) {
            String l = new String(lua.get(i));
            String expected = l.equals("ok") ? "ok" : LuaOracle.show(HEX.parseHex(l));
            assertEquals(expected, ours(cases.get(i).chunk, cases.get(i).name), "case " + i + ": " + HEX.formatHex(cases.get(i).chunk));
        }
    }

    private static final String PROGRAM = """
            local a, b = 1, "a string constant longer than forty bytes, so a long one"
            local function f(x, ...) local t = {...}; return a + b * 3, x, 2.5, true, nil, t end
            return f, function() return a end
            """;

    @Test
    void truncations() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (boolean strip : new boolean[] {false, true}) {
            byte[] d = dumpOf(PROGRAM, strip);
            for (int len = 1; len < d.length; len++) cases.add(new Case(null, java.util.Arrays.copyOf(d, len)));
        }
        compare(cases);
    }

    @Test
    void headerCorruptionsAndNames() throws Exception {
        byte[] d = dumpOf(PROGRAM, false);
        List<Case> cases = new ArrayList<>();
        byte[][] names = {null, "=stdin".getBytes(), "@some/file.lua".getBytes(), "plain".getBytes(),
                          "x".repeat(100).getBytes(), {'=', (byte) 0xFF, 0, 'z'}};
        for (byte[] name : names) {
            for (int i = 1; i < 32; i++) {   // the header and the count of upvalues
                byte[] c = d.clone();
                c[i]++;
                cases.add(new Case(name, c));
            }
            cases.add(new Case(name, java.util.Arrays.copyOf(d, 20)));
            cases.add(new Case(name, d));
        }
        compare(cases);
    }

    /** Hand-made bodies after a valid header: sizes that overflow, absent strings, huge counts. */
    @Test
    void badBodies() throws Exception {
        byte[] d = dumpOf("return 1", false);
        byte[] header = java.util.Arrays.copyOf(d, 32);   // header and count of upvalues
        List<Case> cases = new ArrayList<>();
        String[] bodies = {
            "",
            "00",                                   // source: a never-ending varint
            "7f7f7f7f7f7f7f7f7f7f7f",               // size overflow (loadSize)
            "80 7f7f7f7f81",                        // linedefined overflows an int
            "80 80 80 00 01 02 7f7fff",             // two million instructions
            "80 80 80 00 01 02 7f7f7f7f80",         // code count past the int limit
            "80 80 80 00 01 02 81 46010000 81 04 80",   // a string constant without string
            "80 80 80 00 01 02 81 46010000 87 ff",  // 7 constants (unknown tag = nil), then nothing
            "80 80 80 00 01 02 81 46010000 81 14 ffffffffff",   // a long string past the end
            "80 80 80 00 01 02 81 46010000 80 7f7fff 03",        // millions of upvalues
            "80 80 80 00 01 02 81 46010000 80 80 7f7fff",        // millions of functions
            "80 80 80 00 01 02 81 46010000 80 80 80 7f7fff",     // line info past the end
            "80 80 80 00 01 02 81 46010000 80 80 80 80 7f7fff",  // absolute lines past the end
            "80 80 80 00 01 02 81 46010000 80 80 80 80 80 7f7fff",   // local variables past the end
        };
        for (String body : bodies) {
            byte[] b = HEX.parseHex(body.replace(" ", ""));
            ByteArrayOutputStream c = new ByteArrayOutputStream();
            c.writeBytes(header);
            c.writeBytes(b);
            cases.add(new Case("=t".getBytes(), c.toByteArray()));
        }
        compare(cases);
    }

    @Test
    void withoutLua() {
        byte[] d = dumpOf(PROGRAM, false);
        LuaError e = assertThrows(LuaError.class, () -> Undump.undump(java.util.Arrays.copyOf(d, 40), LuaString.of("@f.lua")));
        assertEquals("f.lua: bad binary format (truncated chunk)", e.ref.toString());
        e = assertThrows(LuaError.class, () -> Undump.undump("hello".getBytes(), LuaString.of("=t")));
        assertEquals("t: bad binary format (not a binary chunk)", e.ref.toString());
    }
}
