package dev.moonstack.lib.string;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.moonstack.lib.string.PatternCorpus.Case;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the pattern corpus through lua5.4 (find, plain find, match, gmatch, gsub with "%0"
 * and "<%1>", all in one process) and through {@link PatternDriver}, and compares the lines.
 */
class MatchStateDifferentialTest {
    /** The Lua half: reads "hex(s) TAB hex(p) TAB init-or-dash" lines, prints one result line each. */
    private static final String HARNESS = """
        local function unhex(h) return (h:gsub("%x%x", function(x) return string.char(tonumber(x, 16)) end)) end
        local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
        local function ser(t, i, j)
          local out = {}
          for k = i, j do
            local v = t[k]
            if v == nil then out[#out + 1] = "n"
            elseif math.type(v) == "integer" then out[#out + 1] = "i" .. v
            elseif type(v) == "string" then out[#out + 1] = "s" .. hex(v)
            else out[#out + 1] = "?" .. tostring(v) end
          end
          return table.concat(out, " ")
        end
        local function run(f, ...)
          local t = table.pack(pcall(f, ...))
          if t[1] then return ser(t, 2, t.n) else return "E:" .. tostring(t[2]) end
        end
        local function gm(s, p, init)
          local it = string.gmatch(s, p, init)
          local parts = {}
          while true do
            local t = table.pack(pcall(it))  -- through pcall: no position prefix on errors
            if not t[1] then return "E:" .. tostring(t[2]) end
            if t[2] == nil then break end
            parts[#parts + 1] = ser(t, 2, t.n) .. ";"
          end
          return "[" .. table.concat(parts) .. "]"
        end
        for line in io.lines(arg[1]) do
          local hs, hp, hi = line:match("^(%x*)\\t(%x*)\\t(%S+)$")
          local s, p, init = unhex(hs), unhex(hp), tonumber(hi)
          print(table.concat({run(string.find, s, p, init), run(string.find, s, p, init, true),
            run(string.match, s, p, init), gm(s, p, init), run(string.gsub, s, p, "%0"),
            run(string.gsub, s, p, "<%1>")}, " | "))
        end
        """;

    /** The Java half: the same line for one case. */
    static String javaLine(Case c) {
        LuaString s = LuaString.wrap(c.s()), p = LuaString.wrap(c.p());
        long init = c.init() == null ? 1 : c.init();
        return String.join(" | ",
            guarded(() -> PatternDriver.ser(PatternDriver.find(s, p, init, false))),
            guarded(() -> PatternDriver.ser(PatternDriver.find(s, p, init, true))),
            guarded(() -> PatternDriver.ser(PatternDriver.match(s, p, init))),
            guarded(() -> PatternDriver.serAll(PatternDriver.gmatch(s, p, init))),
            guarded(() -> PatternDriver.ser(PatternDriver.gsub(s, p, LuaString.of("%0"), Long.MAX_VALUE))),
            guarded(() -> PatternDriver.ser(PatternDriver.gsub(s, p, LuaString.of("<%1>"), Long.MAX_VALUE))));
    }

    private static String guarded(Supplier<String> op) {
        try {
            return op.get();
        } catch (LuaError e) {
            return "E:" + e.getMessage();
        }
    }

    static boolean haveLua() {
        try {
            Process pr = new ProcessBuilder("lua5.4", "-v").redirectErrorStream(true).start();
            pr.getInputStream().readAllBytes();
            return pr.waitFor(10, TimeUnit.SECONDS) && pr.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The lua5.4 line of every case, from one lua5.4 process. */
    static List<String> luaLines(List<Case> cases) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("moonstack-pm");
        try {
            Path script = dir.resolve("harness.lua"), input = dir.resolve("cases.txt");
            Files.writeString(script, HARNESS);
            HexFormat hex = HexFormat.of();
            StringBuilder sb = new StringBuilder();
            for (Case c : cases) {
                sb.append(hex.formatHex(c.s())).append('\t').append(hex.formatHex(c.p())).append('\t')
                  .append(c.init() == null ? "-" : c.init().toString()).append('\n');
            }
            Files.writeString(input, sb);
            Process pr = new ProcessBuilder("lua5.4", script.toString(), input.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(pr.waitFor(120, TimeUnit.SECONDS), "lua5.4 timed out");
            assertEquals(0, pr.exitValue(), "lua5.4 harness failed");
            return out.lines().toList();
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.delete(f);
            }
            Files.delete(dir);
        }
    }

    private static String clip(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
    }

    static List<Case> corpus() {
        List<Case> all = PatternCorpus.fixed();
        all.addAll(PatternCorpus.random(0x5EED_1234L, 3000));
        return all;
    }

    @Test
    void corpusIsLargeEnough() {
        assertTrue(PatternCorpus.handwritten().size() >= 250, "hand-picked: " + PatternCorpus.handwritten().size());
        assertTrue(PatternCorpus.fixed().size() >= 300, "fixed cases: " + PatternCorpus.fixed().size());
    }

    @Test
    void agreesWithLua54() throws Exception {
        Assumptions.assumeTrue(haveLua(), "lua5.4 not installed: differential pattern test skipped");
        List<Case> cases = corpus();
        List<String> expected = luaLines(cases);
        assertEquals(cases.size(), expected.size(), "lua5.4 printed a line per case");
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String got = javaLine(cases.get(i));
            if (!got.equals(expected.get(i))) {
                diffs.add(clip(cases.get(i).toString()) + "\n  lua:  " + clip(expected.get(i))
                    + "\n  java: " + clip(got));
            }
        }
        if (!diffs.isEmpty()) {
            fail(diffs.size() + " of " + cases.size() + " cases differ; first ones:\n"
                + String.join("\n", diffs.subList(0, Math.min(15, diffs.size()))));
        }
    }
}
