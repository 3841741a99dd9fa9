package dev.moonstack.value;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ChunkId} against lua5.4's short_src, byte for byte, around the LUA_IDSIZE limits. */
class ChunkIdTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Reads hex-encoded chunk names, one a line, and prints the hex of each short_src. */
    private static final String SCRIPT = """
            local function unhex(h) return (h:gsub("..", function(x) return string.char(tonumber(x, 16)) end)) end
            local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
            for line in io.lines(arg[1]) do
              local f = assert(load("return debug.getinfo(1, 'S').short_src", unhex(line)))
              print(hex(f()))
            end
            """;

    /** Names of lengths {@code from..to}, each made of {@code prefix} and repeated {@code unit}. */
    private static void sized(List<byte[]> out, String prefix, byte[] unit, int from, int to) {
        for (int len = from; len <= to; len++) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(prefix.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            for (int i = 0; b.size() < len; i++) b.write(unit[i % unit.length]);
            byte[] name = b.toByteArray();
            out.add(java.util.Arrays.copyOf(name, len));
        }
    }

    private static List<byte[]> names() {
        List<byte[]> names = new ArrayList<>();
        byte[][] units = {
            {'a', 'b', 'c'},
            {(byte) 0xC3, (byte) 0xA9},               // 'é' in UTF-8: cuts fall inside characters
            {(byte) 0xFF, 'x', (byte) 0x80},          // not UTF-8 at all
            {(byte) 0xE2, (byte) 0x82, (byte) 0xAC},  // '€'
        };
        for (byte[] u : units) {
            sized(names, "=", u, 1, 4);
            sized(names, "=", u, 56, 64);
            sized(names, "@", u, 1, 4);
            sized(names, "@", u, 56, 64);
            sized(names, "", u, 1, 3);
            sized(names, "", u, 40, 50);
        }
        for (int nl : new int[] {0, 1, 5, 43, 44, 45, 46, 60}) {
            byte[] n = new byte[70];
            java.util.Arrays.fill(n, (byte) 'q');
            n[nl] = '\n';
            names.add(java.util.Arrays.copyOf(n, 48));
            names.add(java.util.Arrays.copyOf(n, 70));
            names.add(java.util.Arrays.copyOf(n, Math.min(nl + 1, 70)));
            n[0] = '=';
            names.add(n.clone());
            n[0] = '@';
            names.add(n.clone());
        }
        names.add("x\r\ny".getBytes());
        names.add("local x = 1 -- a\tchunk".getBytes());
        names.add(new byte[] {'=', 'a', 0, 'b'});       // C strings: cut at the first zero
        names.add(new byte[] {'@', 'a', 0, 'b'});
        names.add(new byte[] {'s', 0, '\n', 'b'});
        names.add(new byte[] {0, 'b'});
        return names;
    }

    @Test
    void matchesLua() throws Exception {
        List<byte[]> names = names();
        StringBuilder data = new StringBuilder();
        for (byte[] n : names) data.append(HEX.formatHex(n)).append('\n');
        List<byte[]> expected = LuaOracle.runLines(SCRIPT, data.toString().getBytes());
        assertEquals(names.size(), expected.size());
        for (int i = 0; i < names.size(); i++) {
            byte[] want = HEX.parseHex(new String(expected.get(i)));
            LuaString got = ChunkId.ofBytes(LuaString.wrap(names.get(i)));
            assertEquals(LuaOracle.show(want), LuaOracle.show(got.bytes()), "chunk name " + LuaOracle.show(names.get(i)));
        }
    }

    @Test
    void textForm() {
        assertEquals("stdin", ChunkId.of(LuaString.of("=stdin")));
        assertEquals("[string \"x\"]", ChunkId.of(LuaString.of("x")));
        assertEquals("?", ChunkId.of(LuaString.of("=?")));
        assertEquals("?", ChunkId.of(null));
        assertEquals("\u00e9\ufffd", ChunkId.of(LuaString.wrap(new byte[] {'=', (byte) 0xC3, (byte) 0xA9, (byte) 0xC3})));
    }
}
