package dev.moonstack.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checked-in golden cases for string.pack/unpack/packsize (pack_golden.txt) and utf8
 * (utf8_golden.txt): expressions with the results the reference gave (see the files' headers),
 * re-evaluated in Moonstack by binlib_golden.lua, which must print every line unchanged.
 * Runs without lua5.4.
 */
class BinlibGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/lua");

    /** The file as binlib_golden.lua prints it after evaluating it in Moonstack. */
    private static List<String> reevaluated(Path golden) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Lua lua = new Lua(out, new ByteArrayOutputStream(), true);
        LuaTable arg = new LuaTable();
        arg.setInt(1, LuaString.of(golden.toString()), 0);
        Runtimes.state(lua).globals.setStr(LuaString.of("arg"), arg, 0);
        Runtimes.callRaw(lua, Runtimes.loadFileClosure(lua, DIR.resolve("binlib_golden.lua").toString()));
        lua.flush();
        return out.toString(StandardCharsets.ISO_8859_1).lines().toList();
    }

    private static void check(String name, int minCases) throws Exception {
        Path golden = DIR.resolve(name);
        List<String> expected = Files.readAllLines(golden, StandardCharsets.ISO_8859_1);
        long cases = expected.stream().filter(l -> l.contains("\t")).count();
        assertTrue(cases >= minCases, name + " has " + cases + " cases");
        List<String> got = reevaluated(golden);
        assertEquals(expected.size(), got.size(), "one line per line");
        List<String> diffs = new ArrayList<>();
        for (int k = 0; k < expected.size(); k++) {
            if (!expected.get(k).equals(got.get(k))) {
                diffs.add(name + ":" + (k + 1) + "\n  expected: " + expected.get(k) + "\n  got:      " + got.get(k));
            }
        }
        assertEquals("", String.join("\n", diffs), diffs.size() + " golden lines differ");
    }

    @Test
    void packGolden() throws Exception {
        check("pack_golden.txt", 140);
    }

    @Test
    void utf8Golden() throws Exception {
        check("utf8_golden.txt", 80);
    }
}
