package dev.moonstack.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Printf} and {@code FormatSpec} against printf-golden.txt, a table of several
 * thousand results of lua5.4 (5.4.4 on glibc) made by printf-golden.lua next to it.
 */
class PrintfGoldenTest {
    private static List<String[]> table() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PrintfGoldenTest.class.getResourceAsStream("printf-golden.txt"), StandardCharsets.ISO_8859_1))) {
            for (String line; (line = r.readLine()) != null;) rows.add(line.split("\t", -1));
        }
        assertTrue(rows.size() > 5000, "golden table incomplete");
        return rows;
    }

    private static byte[] unhex(String h) {
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        return b;
    }

    @Test
    void allRows() throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String[] row : table()) {
            String kind = row[0], spec = row[1], arg = row[2], expected = row[3];
            String got;
            try {
                got = run(kind, spec, arg);
            } catch (LuaError e) {
                got = MiniFormat.message(e);
            }
            if (got == null) continue;
            checked++;
            if (!got.equals(expected)) failures.add(kind + " " + spec + " " + arg + ": expected [" + expected + "] got [" + got + "]");
        }
        assertTrue(checked > 5000);
        assertEquals("", String.join("\n", failures.subList(0, Math.min(40, failures.size()))),
                failures.size() + " mismatches");
    }

    private static String run(String kind, String spec, String arg) {
        switch (kind) {
            case "f": case "qf":
                return LuaOracle.show(MiniFormat.format(spec, Double.longBitsToDouble(Long.parseLong(arg))));
            case "t":
                return LuaOracle.show(Printf.tostringFloat(Double.longBitsToDouble(Long.parseLong(arg)))
                        .getBytes(StandardCharsets.ISO_8859_1));
            case "i": case "qi":
                return LuaOracle.show(MiniFormat.format(spec, Long.parseLong(arg)));
            case "s": case "qs":
                return LuaOracle.show(MiniFormat.format(spec, unhex(arg)));
            case "e": {
                // "no value" belongs to the builtin's argument handling, not to these primitives
                if (spec.equals("%a%")) return null;
                return "OK:" + LuaOracle.show(MiniFormat.format(spec, Long.parseLong(arg)));
            }
            default: throw new AssertionError(kind);
        }
    }
}
