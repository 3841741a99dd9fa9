package dev.moonstack.prof;

import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.api.Lua;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The sampling profiler: a function's share of the samples against its share measured with a
 * clock, and the collapsed, speedscope and SVG outputs well-formed.
 */
class SamplingTest {
    private final Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream());

    SamplingTest() {
        Runtimes.register(lua, "wallclock", (L, base, nargs) -> {
            L.pushNumber(System.nanoTime() / 1e9);
            return 1;
        });
    }

    /** hot and cold alternate; the script measures hot's share of the time with wallclock. */
    static final String SCRIPT = """
            local function hot(n) local x = 0 for i = 1, n do x = x + i % 7 end return x end
            local function cold(n) local x = 0 for i = 1, n do x = x + i % 3 end return x end
            local hotT, t0 = 0, wallclock()
            while wallclock() - t0 < 1.5 do
              local t = wallclock()
              hot(60000)
              hotT = hotT + (wallclock() - t)
              cold(30000)
            end
            return hotT / (wallclock() - t0)
            """;

    @Test void aFunctionsShareOfSamplesIsItsShareOfTime(@TempDir Path dir) throws Exception {
        Object chunk = Runtimes.loadClosure(lua, SCRIPT, "@share.lua");
        double[] measured = new double[1];
        SampleSet s = Profiles.runWithSampling(Runtimes.state(lua), "1ms", dir.resolve("share.collapsed"),
                () -> measured[0] = ((Number) Runtimes.callRaw(lua, chunk)[0]).doubleValue());
        long total = s.total(), hot = s.containing("hot (share.lua:1)");
        assertTrue(total >= 100, "only " + total + " samples");
        double share = (double) hot / total;
        assertEquals(measured[0], share, 0.10, "sampled " + share + " of " + total + ", measured " + measured[0]);
        assertTrue(s.containing("main chunk (share.lua)") == total, "every sample is under the main chunk");
    }

    private SampleSet sample(String script) throws Exception {
        Object chunk = Runtimes.loadClosure(lua, script, "@flame.lua");
        SamplingProfiler p = SamplingProfiler.start(Runtimes.state(lua), 200);
        Runtimes.callRaw(lua, chunk);
        return p.stop();
    }

    static final String BUSY = """
            local function cmp(a, b) local x = 0 for i = 1, 20 do x = x + i end return a < b end
            local co = coroutine.wrap(function()
              while true do
                local t = {} for i = 1, 2000 do t[i] = (i * 7919) % 2000 end
                table.sort(t, cmp)
                coroutine.yield()
              end
            end)
            local function leaf(n) local x = 0 for i = 1, n do x = x + i end return x end
            local function mid() return leaf(100000) + 1 end
            local t = os.clock()
            while os.clock() - t < 0.4 do mid() co() end
            """;

    @Test void collapsedStacksAreWellFormed(@TempDir Path dir) throws Exception {
        SampleSet s = sample(BUSY);
        Path out = dir.resolve("p.collapsed");
        Profiles.write(s, out);
        List<String> lines = Files.readAllLines(out);
        assertFalse(lines.isEmpty());
        long sum = 0;
        for (String l : lines) {
            assertTrue(l.matches("[^;\\n]+(;[^;\\n]+)* [0-9]+"), l);
            assertTrue(l.startsWith("main chunk (flame.lua)"), "root first: " + l);
            sum += Long.parseLong(l.substring(l.lastIndexOf(' ') + 1));
        }
        assertEquals(s.total(), sum);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("main chunk (flame.lua);mid (flame.lua:10);leaf (flame.lua:9) ")),
                String.join("\n", lines));
        // a builtin is a frame, and a Lua function it calls (at a poll of that function) is above
        // it; the coroutine is under its resumer (the wrap function)
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(
                "main chunk (flame.lua);wrap (builtin);? (flame.lua:2);table.sort (builtin);? (flame.lua:1) ")),
                String.join("\n", lines));
    }

    @Test void speedscopeJsonIsASampledProfile(@TempDir Path dir) throws Exception {
        SampleSet s = sample(BUSY);
        Path out = dir.resolve("p.speedscope.json");
        Profiles.write(s, out);
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) new Json(Files.readString(out)).value();
        assertEquals("https://www.speedscope.app/file-format-schema.json", doc.get("$schema"));
        @SuppressWarnings("unchecked")
        List<Object> frames = (List<Object>) ((Map<String, Object>) doc.get("shared")).get("frames");
        @SuppressWarnings("unchecked")
        Map<String, Object> prof = (Map<String, Object>) ((List<Object>) doc.get("profiles")).get(0);
        assertEquals("sampled", prof.get("type"));
        assertEquals("microseconds", prof.get("unit"));
        List<?> samples = (List<?>) prof.get("samples"), weights = (List<?>) prof.get("weights");
        assertEquals(samples.size(), weights.size());
        double sum = 0;
        for (Object w : weights) sum += (Double) w;
        assertEquals((Double) prof.get("endValue") - (Double) prof.get("startValue"), sum, 1e-6);
        for (Object sample : samples) {
            for (Object i : (List<?>) sample) {
                int k = ((Double) i).intValue();
                assertTrue(k >= 0 && k < frames.size());
                assertTrue(((Map<?, ?>) frames.get(k)).get("name") instanceof String);
            }
        }
    }

    @Test void svgIsWellFormedAndInteractive(@TempDir Path dir) throws Exception {
        SampleSet s = sample(BUSY);
        Path out = dir.resolve("p.svg");
        Profiles.write(s, out);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
        assertEquals("svg", d.getDocumentElement().getTagName());
        assertTrue(d.getElementsByTagName("script").getLength() == 1);
        assertTrue(d.getElementsByTagName("g").getLength() >= 3);
        String text = Files.readString(out);
        assertTrue(text.contains("onmouseover") && text.contains("function search()"));
        assertTrue(text.contains("leaf (flame.lua:9)"));
        assertThrows(IllegalArgumentException.class, () -> Profiles.write(s, dir.resolve("p.bin")));
    }

    @Test void intervals() {
        assertEquals(1000, Profiles.parseInterval(null));
        assertEquals(250, Profiles.parseInterval("250us"));
        assertEquals(2000, Profiles.parseInterval("2ms"));
        assertEquals(500, Profiles.parseInterval("0.5"));
        assertThrows(IllegalArgumentException.class, () -> Profiles.parseInterval("fast"));
        assertThrows(IllegalArgumentException.class, () -> Profiles.parseInterval("1us"));
    }

    /** A tiny JSON reader for the test: objects, arrays, strings, numbers (as Double), literals. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) { this.s = s; }

        Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                ws();
                if (s.charAt(i) == '}') { i++; return m; }
                do {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    m.put(k, value());
                    ws();
                } while (s.charAt(i++) == ',');
                assertEquals('}', s.charAt(i - 1));
                return m;
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                ws();
                if (s.charAt(i) == ']') { i++; return l; }
                do { l.add(value()); ws(); } while (s.charAt(i++) == ',');
                assertEquals(']', s.charAt(i - 1));
                return l;
            }
            if (c == '"') return string();
            int j = i;
            while (i < s.length() && "+-0123456789.eEtruefalsn".indexOf(s.charAt(i)) >= 0) i++;
            String t = s.substring(j, i);
            if (t.equals("true") || t.equals("false")) return Boolean.valueOf(t);
            if (t.equals("null")) return null;
            return Double.valueOf(t);
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            for (char c; (c = s.charAt(i++)) != '"'; ) {
                if (c == '\\') {
                    char e = s.charAt(i++);
                    if (e == 'u') { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                    else b.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                } else {
                    assertTrue(c >= 0x20, "control character in a string");
                    b.append(c);
                }
            }
            return b.toString();
        }

        private void expect(char c) { assertEquals(c, s.charAt(i++)); }

        private void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }
    }
}
