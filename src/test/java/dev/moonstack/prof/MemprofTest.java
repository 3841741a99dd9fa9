package dev.moonstack.prof;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.vm.LuaThread;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * memprof's file and report against the reference: Tarantool's own parser
 * (../shared/memprof-fixture/reference-parser/run-parser.sh, under luajit) must read the files
 * Moonstack writes and name their sites, and the Java report must print what it prints, on
 * the golden fixture and on our files, section by section as multisets of lines (the order of
 * ties is unspecified there).
 *
 * <p>The events here come from test builtins that call the event API, with the runtime's own
 * feed detached (see {@link #handDriven}); {@link MemprofEventsTest} checks the runtime's.
 */
class MemprofTest {
    static final Path FIXTURE = fixtureDir();

    private final Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream());

    static Path fixtureDir() {
        Path p = Path.of("../shared/memprof-fixture");
        return Files.isDirectory(p) ? p : Path.of("/work/shared/memprof-fixture");
    }

    MemprofTest() {
        // note(n): an allocation of n bytes by the caller; returns the object's address
        Runtimes.register(lua, "note", (L, base, nargs) -> {
            Memprof m = Memprof.running(L.G);
            long a = m.newAddress();
            m.alloc(L, a, L.num(base));
            L.pushInteger(a);
            return 1;
        });
        // grow(addr, osize, nsize): a resize in place by the caller
        Runtimes.register(lua, "grow", (L, base, nargs) -> {
            Memprof.running(L.G).realloc(L, L.num(base), L.num(base + 1), L.num(base), L.num(base + 2));
            return 0;
        });
        // drop(addr, size): the runtime frees the object (INTERNAL)
        Runtimes.register(lua, "drop", (L, base, nargs) -> {
            Memprof.running(L.G).free(null, L.num(base), L.num(base + 1));
            return 0;
        });
    }

    /** The allocations both scripts start with, at lines 2 (in mk), 6 and 7 (through pcall). */
    static final String NOTES = """
            local function mk(n)
              local a = note(n)
              return a
            end
            local x = mk(40)
            local y = note(100)
            local ok, z = pcall(note, 300)
            """;

    static final String SCRIPT = NOTES + """
            local f = load("local q = note(88)\\nreturn q", "=inline")
            local w = f()
            local g = load("local r = note(80)\\nreturn r")
            local v = g()
            grow(x, 40, 64)
            grow(x, 64, 128)
            drop(y, 100)
            drop(z, 300)
            return f, g
            """;

    /**
     * Detaches the runtime's own feed from the profile just started on {@code lua}: only the
     * test builtins' events and the prototypes of chunks loaded remain.
     */
    private Memprof handDriven(Memprof m) {
        Runtimes.state(lua).memoryAccount().listen(null);
        return m;
    }

    /** Runs SCRIPT under a profile started from Java; returns the file. */
    private Path profile(Path dir) throws IOException {
        Path file = dir.resolve("script.bin");
        Object chunk = lua.load(SCRIPT, "@memtest.lua");
        Memprof m = handDriven(Memprof.start(Runtimes.state(lua), file));
        Object[] loaded = lua.call(chunk);
        m.stop();
        java.lang.ref.Reference.reachabilityFence(loaded);      // their prototypes get no FREE
        return file;
    }

    @Test void theReferenceParserReadsOurFileAndNamesOurSites(@TempDir Path dir) throws Exception {
        Path file = profile(dir);
        String ref = referenceParser(file);
        assertTrue(ref.contains("@memtest.lua:2: 1 events\t+40B\t-0B\n"), ref);      // mk's line
        assertTrue(ref.contains("@memtest.lua:6: 1 events\t+100B\t-0B\n"), ref);     // a builtin called from Lua
        assertTrue(ref.matches("(?s).*\nnote:0x[0-9a-f]+: 1 events\t\\+300B\t-0B\n.*"), ref);  // called by pcall
        assertTrue(ref.contains("=inline:1: 1 events\t+88B\t-0B\n"), ref);
        assertTrue(ref.contains("function_alias_1:1: 1 events\t+80B\t-0B\n"), ref);
        assertTrue(ref.contains("@memtest.lua:12: 1 events\t+64B\t-40B\n\tOverrides:\n\t\t@memtest.lua:2\n"), ref);
        assertTrue(ref.contains("INTERNAL: 2 events\t+0B\t-400B\n"), ref);
        assertTrue(ref.contains("\n@memtest.lua:12 holds 64B: 1 allocs, 1 frees\n"), ref);
        assertTrue(ref.endsWith("ALIASES:\nfunction_alias_1:\n1\t| local r = note(80)\n2\t| return r\n\n\n"), ref);
        for (String[] opts : new String[][] {{}, {"--leak-only"}, {"--human-readable"}}) {
            String ours = MemprofReport.parse(Files.readAllBytes(file)).text(opts.length > 0 && opts[0].contains("leak"),
                    opts.length > 0 && opts[0].contains("human"));
            assertSameSections(referenceParser(file, opts), ours);
        }
    }

    @Test void symbolsOfChunksLoadedWhileProfilingAreInTheStreamAtLoad(@TempDir Path dir) throws Exception {
        byte[] b = Files.readAllBytes(profile(dir));
        int events = indexOf(b, "ljm\3".getBytes(StandardCharsets.ISO_8859_1));
        int inline = indexOf(b, "\7=inline".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(events > 0 && inline > events, "=inline's symbol is in the event stream");
        assertEquals(0x08, b[inline - 2] & 0xff, "an in-stream SYMTAB/LFUNC event (header, address 1 byte)");
    }

    /** A profile started by the script lists the running chunk and its functions in the leading symtab. */
    @Test void theLeadingSymtabHasTheRunningChunk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lead.bin");
        String s = "local function f() return note(7) end\nmisc.memprof.start(...)\nf()\nmisc.memprof.stop()";
        lua.call(lua.load(s, "@lead.lua"), file.toString());
        byte[] b = Files.readAllBytes(file);
        int events = indexOf(b, "ljm\3".getBytes(StandardCharsets.ISO_8859_1));
        int main = indexOf(b, "@lead.lua".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(main > 0 && main < events, "the running chunk is in the leading symtab");
        assertEquals(-1, indexOf(java.util.Arrays.copyOfRange(b, events, b.length), "@lead.lua".getBytes(StandardCharsets.ISO_8859_1)),
                "and not again in the stream");
        assertTrue(referenceParser(file).startsWith("ALLOCATIONS\n@lead.lua:1: 1 events\t+7B\t-0B\n"));
    }

    @Test void allocationStacksWeightedByBytes(@TempDir Path dir) throws Exception {
        Object chunk = lua.load(NOTES + """
                grow(x, 40, 64)
                grow(x, 64, 128)
                """, "@memtest.lua");
        Memprof m = handDriven(Memprof.start(Runtimes.state(lua), dir.resolve("s.bin")));
        m.recordStacks();
        lua.call(chunk);
        m.stop();
        SampleSet s = m.allocationStacks();
        StringBuilder c = new StringBuilder();
        FlameGraphs.collapsed(s, c);
        String main = "main chunk (memtest.lua)";
        assertEquals(main + ";mk (memtest.lua:1);note (builtin) 40\n"
                + main + ";note (builtin) 100\n"
                + main + ";pcall (builtin);note (builtin) 300\n"
                + main + ";grow (builtin) 88\n", c.toString());
        StringBuilder j = new StringBuilder();
        FlameGraphs.speedscope(s, "alloc", j);
        assertTrue(j.toString().contains("\"unit\":\"bytes\",\"startValue\":0,\"endValue\":528,"), j.toString());
        StringBuilder svg = new StringBuilder();
        FlameGraphs.svg(s, "alloc", svg);
        assertTrue(svg.toString().contains("<title>all (528 bytes, 100.00%)</title>"), svg.toString());
    }

    @Test void closingTheRuntimeEndsItsProfile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("close.bin");
        Lua other = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        other.call(other.load("assert(misc.memprof.start(...))", "=c"), file.toString());
        other.close();
        assertNull(Memprof.running(Runtimes.state(other)));
        byte[] b = Files.readAllBytes(file);
        assertEquals(0x80, b[b.length - 1] & 0xff, "the epilogue");
        assertEquals("ALLOCATIONS\n\nREALLOCATIONS\n\nDEALLOCATIONS\n\nHEAP SUMMARY:\n\n", MemprofReport.parse(b).text(false, false));
    }

    /**
     * Generated files (symbols in the symtab and in the stream, aliases, C symbols, events of
     * every kind from every source, reallocations and frees of objects known and unknown):
     * the Java report prints what the reference parser prints, in all three modes.
     */
    @Test void javaReportMatchesTheReferenceOnGeneratedFiles(@TempDir Path dir) throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            java.util.Random rnd = new java.util.Random(seed);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            MemprofWriter w = new MemprofWriter(bytes);
            w.beginSymtab();
            String[] chunks = {"@a.lua", "=inline", "local x = 1\nreturn x", "return 2\n\nreturn 3", "@b.lua"};
            for (int i = 0; i < 3; i++) w.symLua(false, 10 + i, chunks[i].getBytes(StandardCharsets.ISO_8859_1), i * 7);
            w.symC(false, 100, "string.rep".getBytes(StandardCharsets.ISO_8859_1));
            w.beginEvents();
            List<long[]> live = new ArrayList<>();
            long next = 1000;
            for (int e = 0; e < 300; e++) {
                int k = rnd.nextInt(20);
                if (k == 0) {
                    int i = 3 + rnd.nextInt(2);
                    w.symLua(true, 10 + i, chunks[i].getBytes(StandardCharsets.ISO_8859_1), 0);
                    continue;
                }
                if (k == 1) {
                    w.symC(true, 200 + rnd.nextInt(3) * 10, ("builtin" + rnd.nextInt(3)).getBytes(StandardCharsets.ISO_8859_1));
                    continue;
                }
                int source = new int[] {MemprofWriter.INTERNAL, MemprofWriter.LFUNC, MemprofWriter.CFUNC}[rnd.nextInt(3)];
                long addr = source == MemprofWriter.LFUNC ? 10 + rnd.nextInt(5) : 100 + rnd.nextInt(140);
                int kind = k < 10 || live.isEmpty() ? MemprofWriter.ALLOC : k < 15 ? MemprofWriter.REALLOC : MemprofWriter.FREE;
                w.header(kind, source, addr, 1 + rnd.nextInt(4));
                long size = 1 + rnd.nextInt(5000);
                if (kind == MemprofWriter.ALLOC) {
                    live.add(new long[] {next, size});
                    w.uleb(next++);
                    w.uleb(size);
                    continue;
                }
                long[] o = rnd.nextInt(8) == 0 ? new long[] {99999, 5} : live.remove(rnd.nextInt(live.size()));
                w.uleb(o[0]);
                w.uleb(o[1]);
                if (kind == MemprofWriter.REALLOC) {
                    long n = rnd.nextBoolean() ? o[0] : next++;
                    live.add(new long[] {n, size});
                    w.uleb(n);
                    w.uleb(size);
                }
            }
            w.end();
            Path file = dir.resolve("gen" + seed + ".bin");
            Files.write(file, bytes.toByteArray());
            MemprofReport r = MemprofReport.parse(bytes.toByteArray());
            assertSameSections(referenceParser(file), r.text(false, false));
            assertSameSections(referenceParser(file, "--leak-only"), r.text(true, false));
            assertSameSections(referenceParser(file, "--human-readable"), r.text(false, true));
        }
    }

    @Test void javaReportMatchesTheReferenceOnTheFixture() throws Exception {
        byte[] fixture = Files.readAllBytes(FIXTURE.resolve("fixture.bin"));
        MemprofReport r = MemprofReport.parse(fixture);
        assertSameSections(Files.readString(FIXTURE.resolve("fixture.report.txt")), r.text(false, false));
        assertSameSections(Files.readString(FIXTURE.resolve("fixture.leak-only.txt")), r.text(true, false));
        assertSameSections(Files.readString(FIXTURE.resolve("fixture.human-readable.txt")), r.text(false, true));
    }

    @Test void anEmptyProfileFromMiscMemprof(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty.bin");
        Object[] r = lua.call(lua.load("local ok = misc.memprof.start(...) return ok, misc.memprof.stop()", "=e"),
                file.toString());
        assertEquals(List.of(true, true), List.of(r));
        String ours = MemprofReport.parse(Files.readAllBytes(file)).text(false, false);
        assertEquals("ALLOCATIONS\n\nREALLOCATIONS\n\nDEALLOCATIONS\n\nHEAP SUMMARY:\n\n", ours);
        assertEquals(ours, referenceParser(file));
    }

    /** Tarantool's messages and errnos (lib_misc.c: luaL_fileresult, LJ_ERR_PROF_ISRUNNING, ..._NOTRUNNING). */
    @Test void miscMemprofErrors(@TempDir Path dir) {
        String s = """
                local file = ...
                local a = {misc.memprof.stop()}
                local b = {misc.memprof.start("/nonexistent-dir/x.bin")}
                local c = {misc.memprof.start(file)}
                local d = {misc.memprof.start(file)}
                local e = {misc.memprof.stop()}
                local function s(t) return table.concat({tostring(t[1]), tostring(t[2]), tostring(t[3])}, "|") end
                return s(a), s(b), s(c), s(d), s(e), select('#', table.unpack(c))
                """;
        Object[] r = lua.call(lua.load(s, "=e"), dir.resolve("x.bin").toString());
        assertEquals("nil|profiler is not running|22", r[0].toString());
        assertEquals("nil|/nonexistent-dir/x.bin: No such file or directory|2", r[1].toString());
        assertEquals("true|nil|nil", r[2].toString());
        assertEquals("nil|profiler is running already|22", r[3].toString());
        assertEquals("true|nil|nil", r[4].toString());
        assertEquals(1L, ((Number) r[5]).longValue());
        // as Tarantool's open(2) failures: EISDIR, ENOENT
        Object[] d = lua.call(lua.load("local a, b, c = misc.memprof.start(...) return tostring(a) .. '|' .. b .. '|' .. c", "=d"),
                dir.toString());
        assertEquals("nil|" + dir + ": Is a directory|21", d[0].toString());
        d = lua.call(lua.load("local a, b, c = misc.memprof.start('') return tostring(a) .. '|' .. b .. '|' .. c", "=d"));
        assertEquals("nil|: No such file or directory|2", d[0].toString());
    }

    @Test void ulebRoundTripsThroughTheReport() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MemprofWriter w = new MemprofWriter(bytes);
        w.beginSymtab();
        w.symLua(false, 1L << 40, "@big.lua".getBytes(StandardCharsets.ISO_8859_1), 300);
        w.beginEvents();
        w.header(MemprofWriter.ALLOC, MemprofWriter.LFUNC, 1L << 40, 128);
        w.uleb((1L << 50) + 3);
        w.uleb(16384);
        w.end();
        String r = MemprofReport.parse(bytes.toByteArray()).text(false, false);
        assertTrue(r.startsWith("ALLOCATIONS\n@big.lua:128: 1 events\t+16384B\t-0B\n"), r);
    }

    @Test void badFilesGiveTheReferenceMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemprofReport.parse("ljx\3\0\0\0".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("symtab:Bad LuaJIT symbol table format prologue: ljx", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MemprofReport.parse("ljs\3\0\0\0\u0080ljm\2\0\0\0".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("events:memprof event format version mismatch: the tool expects 3, but your data is 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MemprofReport.parse("ljs\3\0\0\0\u0080ljm\3\0\0\0\u0009\u0001".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("events:unexpected end of file", e.getMessage());
    }

    /** As LuaJIT's string.format, which runs the reference parser: exact value, ties up. */
    @Test void humanReadableBytesRoundAsLuaJIT() {
        assertEquals("163.97KiB", MemprofReport.bytes(167910, true));
        assertEquals("1KiB", MemprofReport.bytes(1024, true));
        assertEquals("1.50KiB", MemprofReport.bytes(1536, true));
        assertEquals("1023B", MemprofReport.bytes(1023, true));
        assertEquals("1.13KiB", MemprofReport.bytes(1152, true));         // luajit: ("%.2f"):format(1.125)
        assertEquals("6.63KiB", MemprofReport.bytes(6784, true));
    }

    // ---------------------------------------------------------------- helpers

    static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) if (b[i + j] != what[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** The report's sections (ALLOCATIONS, ..., ALIASES:), each as its sorted lines. */
    static Map<String, List<String>> sections(String report) {
        Map<String, List<String>> s = new LinkedHashMap<>();
        List<String> cur = null;
        for (String line : report.split("\n", -1)) {
            if (line.matches("ALLOCATIONS|REALLOCATIONS|DEALLOCATIONS|HEAP SUMMARY:|ALIASES:")) {
                cur = new ArrayList<>();
                s.put(line, cur);
            } else if (cur != null) {
                cur.add(line);
            } else {
                s.computeIfAbsent("", k -> new ArrayList<>()).add(line);
            }
        }
        for (List<String> l : s.values()) Collections.sort(l);
        return s;
    }

    static void assertSameSections(String expected, String actual) {
        assertEquals(sections(expected), sections(actual), "expected:\n" + expected + "\nactual:\n" + actual);
    }

    /** The reference parser's output; skips the test where luajit is missing. */
    static String referenceParser(Path file, String... opts) throws IOException, InterruptedException {
        Path script = FIXTURE.resolve("reference-parser/run-parser.sh").toAbsolutePath();
        Assumptions.assumeTrue(Files.isExecutable(script), "no reference parser at " + script);
        Assumptions.assumeTrue(onPath("luajit"), "luajit is not installed (apt-get install -y luajit): the reference parser needs it");
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(opts));
        cmd.add(file.toAbsolutePath().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.ISO_8859_1);
        assertEquals(0, p.exitValue(), "the reference parser failed:\n" + text);
        return text;
    }

    static boolean onPath(String cmd) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, cmd))) return true;
        }
        return false;
    }

    /** A thread-free check that the event API attributes a host call to its builtin. */
    @Test void aBuiltinCalledByTheHostIsACLocation(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("host.bin");
        Memprof m = handDriven(Memprof.start(Runtimes.state(lua), file));
        LuaThread L = Runtimes.mainThread(lua);
        lua.call(Runtimes.state(lua).globals.getStrRef(dev.moonstack.value.LuaString.of("note")), 48L);
        m.stop();
        String r = MemprofReport.parse(Files.readAllBytes(file)).text(false, false);
        assertTrue(r.matches("(?s)ALLOCATIONS\nnote:0x[0-9a-f]+: 1 events\t\\+48B\t-0B\n.*"), r);
        assertEquals(0, L.calls.depth());
    }
}
