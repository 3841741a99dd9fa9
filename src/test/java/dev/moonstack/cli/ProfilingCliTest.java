package dev.moonstack.cli;

import dev.moonstack.prof.MemprofReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The profiling options of the command: --profile/--profile-out (the sampler's files),
 * --memprof (a memprof file the reference parser reads) and --memprof-report (the reference
 * parser's report, compared as multisets of lines).
 */
class ProfilingCliTest {
    @TempDir
    Path dir;

    static final Path FIXTURE = Files.isDirectory(Path.of("../shared/memprof-fixture"))
            ? Path.of("../shared/memprof-fixture") : Path.of("/work/shared/memprof-fixture");

    static final String BUSY = """
            local function leaf(n) local x = 0 for i = 1, n do x = x + i end return x end
            local t = os.clock()
            while os.clock() - t < 0.3 do leaf(10000) end
            print("done")
            """;

    @Test void profileOutWritesCollapsedStacks() throws Exception {
        Files.writeString(dir.resolve("busy.lua"), BUSY);
        CliTest.Result r = CliTest.run(dir, null, "--profile=250us", "--profile-out", "p.collapsed", "busy.lua");
        assertEquals(0, r.status(), r.err());
        assertEquals("done\n", r.out());
        List<String> lines = Files.readAllLines(dir.resolve("p.collapsed"));
        assertFalse(lines.isEmpty());
        long leaf = 0;
        for (String l : lines) {
            assertTrue(l.matches("^(.*) (\\d+)$"), l);            // speedscope's importer: one space, an integer
            assertTrue(l.startsWith("pmain (builtin);main chunk (busy.lua)"), l);   // lua.c runs all in pmain
            if (l.contains(";leaf (busy.lua:1)")) leaf += Long.parseLong(l.substring(l.lastIndexOf(' ') + 1));
        }
        assertTrue(leaf > 0, String.join("\n", lines));
    }

    @Test void profileOutBySuffix() throws Exception {
        Files.writeString(dir.resolve("busy.lua"), BUSY);
        assertEquals(0, CliTest.run(dir, null, "--profile-out", "p.svg", "busy.lua").status());
        assertTrue(Files.readString(dir.resolve("p.svg")).startsWith("<?xml"));
        assertEquals(0, CliTest.run(dir, null, "--profile", "--profile-out", "p.speedscope.json", "busy.lua").status());
        assertTrue(Files.readString(dir.resolve("p.speedscope.json")).contains("\"type\":\"sampled\""));
    }

    @Test void osExitWritesTheFilesFirst() throws Exception {
        Files.writeString(dir.resolve("x.lua"), BUSY + "os.exit(3)\n");
        CliTest.Result r = CliTest.run(dir, null, "--memprof", "x.bin", "--profile-out", "x.collapsed", "x.lua");
        assertEquals(3, r.status(), r.err());
        assertTrue(Files.readString(dir.resolve("x.collapsed")).contains("main chunk (x.lua)"));
        String report = CliTest.run(dir, null, "--memprof-report", "x.bin").out();
        assertTrue(report.contains("\n@x.lua:1: 1 events\t+40B\t-0B\n"), report);   // leaf's closure, no upvalues
        assertTrue(report.endsWith("\nHEAP SUMMARY:\n") || report.contains("\nHEAP SUMMARY:\n"), report);
    }

    /** --memprof-stacks: the allocating stacks, weighted by bytes, in the format of the file's suffix. */
    @Test void memprofStacksWritesAllocationFlameGraphs() throws Exception {
        Files.writeString(dir.resolve("a.lua"), """
                local function make(n)
                  local t = {}
                  for i = 1, n do t[i] = {} end
                  return t
                end
                make(10)
                """);
        CliTest.Result r = CliTest.run(dir, null, "--memprof", "a.bin", "--memprof-stacks", "a.collapsed", "a.lua");
        assertEquals(0, r.status(), r.err());
        long tables = 0;
        for (String l : Files.readAllLines(dir.resolve("a.collapsed"))) {
            assertTrue(l.matches("^(.*) (\\d+)$"), l);
            if (l.equals("pmain (builtin);main chunk (a.lua);make (a.lua:1) " + l.substring(l.lastIndexOf(' ') + 1))) {
                tables += Long.parseLong(l.substring(l.lastIndexOf(' ') + 1));
            }
        }
        // 11 empty tables of 64 bytes, and t's array part: 1, 2, 4, 8, 16 slots of 12 bytes plus 32
        assertEquals(11 * 64 + 44 + (56 - 44) + (80 - 56) + (128 - 80) + (224 - 128), tables);
        assertEquals(0, CliTest.run(dir, null, "--memprof", "a.bin", "--memprof-stacks", "a.speedscope.json", "a.lua").status());
        assertTrue(Files.readString(dir.resolve("a.speedscope.json")).contains("\"unit\":\"bytes\""));
        assertEquals(0, CliTest.run(dir, null, "--memprof", "a.bin", "--memprof-stacks", "a.svg", "a.lua").status());
        assertTrue(Files.readString(dir.resolve("a.svg")).contains(" bytes, "));
        r = CliTest.run(dir, null, "--memprof-stacks", "a.collapsed", "a.lua");
        assertEquals(1, r.status());
        assertEquals("moonstack: '--memprof-stacks' needs '--memprof FILE'\n", r.err());
    }

    @Test void badProfilingOptions() throws Exception {
        Files.writeString(dir.resolve("s.lua"), "print(1)");
        CliTest.Result r = CliTest.run(dir, null, "--profile", "s.lua");
        assertEquals(1, r.status());
        assertEquals("moonstack: '--profile' needs '--profile-out FILE'\n", r.err());
        r = CliTest.run(dir, null, "--profile-out", "p.png", "s.lua");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("unknown profile format 'p.png'"), r.err());
        r = CliTest.run(dir, null, "--profile=fast", "--profile-out", "p.txt", "s.lua");
        assertEquals("moonstack: bad profiling interval 'fast' (use e.g. 1ms or 250us)\n", r.err());
        r = CliTest.run(dir, null, "--memprof");
        assertTrue(r.err().startsWith("moonstack: '--memprof' needs argument\n"), r.err());
        assertEquals("", r.out());
    }

    @Test void memprofFileIsReadByTheReferenceAndOurReport() throws Exception {
        Files.writeString(dir.resolve("m.lua"), """
                local ok, err, errno = misc.memprof.start("other.bin")
                print(ok, err, errno)
                local f = load("local a = 1\\nreturn a")
                print(misc.memprof.stop(), misc.memprof.stop())
                """);
        CliTest.Result r = CliTest.run(dir, null, "--memprof", "m.bin", "m.lua");
        assertEquals(0, r.status(), r.err());
        // the CLI's profile runs: the script's start is refused; the script may stop it
        assertEquals("nil\tprofiler is running already\t22\ntrue\tnil\tprofiler is not running\t22\n", r.out());
        CliTest.Result ours = CliTest.run(dir, null, "--memprof-report", "m.bin");
        assertEquals(0, ours.status(), ours.err());
        assertTrue(ours.out().startsWith("ALLOCATIONS\n"), ours.out());
        assertTrue(ours.out().matches("(?s).*\n@m\\.lua:3: \\d+ events\t\\+\\d+B\t-0B\n.*"), ours.out());   // load
        assertTrue(ours.out().endsWith("ALIASES:\nfunction_alias_1:\n1\t| local a = 1\n2\t| return a\n\n\n"), ours.out());
        assertEquals(sorted(reference(dir.resolve("m.bin"))), sorted(ours.out()));
    }

    @Test void memprofReportOnTheFixture() throws Exception {
        for (String[] c : new String[][] {{"fixture.report.txt"}, {"fixture.leak-only.txt", "--leak-only"},
                {"fixture.human-readable.txt", "--human-readable"}}) {
            List<String> args = new ArrayList<>(List.of("--memprof-report"));
            if (c.length > 1) args.add(c[1]);
            args.add(FIXTURE.resolve("fixture.bin").toAbsolutePath().toString());
            CliTest.Result r = CliTest.run(dir, null, args.toArray(new String[0]));
            assertEquals(0, r.status(), r.err());
            assertEquals(sorted(Files.readString(FIXTURE.resolve(c[0]))), sorted(r.out()), c[0]);
        }
        Files.write(dir.resolve("bad.bin"), "ljs\3\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
        CliTest.Result r = CliTest.run(dir, null, "--memprof-report", "bad.bin");
        assertEquals(1, r.status());
        assertEquals("moonstack: Failed to parse profile data from bad.bin.\n\tunexpected end of file\n", r.err());
    }

    static List<String> sorted(String s) {
        List<String> l = new ArrayList<>(List.of(s.split("\n", -1)));
        Collections.sort(l);
        return l;
    }

    static String reference(Path file) throws Exception {
        Path script = FIXTURE.resolve("reference-parser/run-parser.sh").toAbsolutePath();
        Assumptions.assumeTrue(Files.isExecutable(script), "no reference parser at " + script);
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/luajit")) || Files.isExecutable(Path.of("/usr/local/bin/luajit")),
                "luajit is not installed (apt-get install -y luajit)");
        Process p = new ProcessBuilder(script.toString(), file.toAbsolutePath().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
