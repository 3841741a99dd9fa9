package dev.moonstack.code;

import dev.moonstack.compiler.LuaCompiler;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.Proto;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link Dump} and {@link Undump} on a corpus (the listing snippets, generated sources, the
 * official suite and the benchmarks): the round trip keeps the listing with all debug
 * information, and the format is luac's, both ways: luac5.4 lists our dumps as we list them,
 * and the chunks luac5.4 writes load into what luac5.4 lists.
 */
class DumpTest {
    @TempDir
    static Path tmp;

    private static List<Path> corpus() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(DifferentialListingTest.SNIPPETS, DifferentialListingTest.SUITE, DifferentialListingTest.BENCH)) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(p -> p.toString().endsWith(".lua")).sorted().forEach(files::add);
            }
        }
        files.addAll(GeneratedSources.writeAll(Files.createDirectories(tmp.resolve("generated"))));
        return files;
    }

    /**
     * The compiled main function. A file with a syntax error has nothing to dump: its test is
     * reported as skipped, with the error, rather than passed.
     */
    private static Proto compile(Path file) throws IOException {
        Proto p = null;
        String error = null;
        try {
            p = LuaCompiler.compile(LuacReference.loadSource(file), LuaString.of("@" + file));
        } catch (LuaError e) {
            error = e.getMessage();
        }
        String why = error;
        assumeTrue(p != null, () -> file + " does not compile: " + why);
        return p;
    }

    private static Stream<DynamicTest> each(ThrowingTest t) throws IOException {
        return corpus().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> t.run(f)));
    }

    interface ThrowingTest { void run(Path f) throws Exception; }

    @TestFactory
    Stream<DynamicTest> roundTripKeepsEverything() throws IOException {
        return each(f -> {
            Proto p = compile(f);
            byte[] d = Dump.dump(p, false);
            Proto q = Undump.undump(d, LuaString.of("=x"));
            assertEquals(Disassembler.list(p, true), Disassembler.list(q, true));
            assertArrayEquals(d, Dump.dump(q, false));
        });
    }

    @TestFactory
    Stream<DynamicTest> strippedRoundTripKeepsCode() throws IOException {
        return each(f -> {
            Proto p = compile(f);
            byte[] d = Dump.dump(p, true);
            Proto q = Undump.undump(d, LuaString.of("=x"));
            assertEquals(stripped(p), stripped(q));
            assertEquals("=?", q.source.toString());
            assertEquals(null, q.lineInfo);
            assertEquals(0, q.locVars.length);
            assertArrayEquals(d, Dump.dump(q, true));
            Proto again = Undump.undump(Dump.dump(q, false), LuaString.of("=x"));
            assertEquals(Disassembler.list(q, true), Disassembler.list(again, true));
        });
    }

    /** The code-only listing, without what stripping removes. */
    private static String stripped(Proto p) {
        StringBuilder sb = new StringBuilder();
        for (String line : Disassembler.list(p, false).split("\n")) {
            if (line.startsWith("main <") || line.startsWith("function <")) {
                sb.append(line, 0, line.indexOf('<')).append(line.substring(line.indexOf(':')));
            } else if (line.startsWith("\t")) {
                String[] f = line.split("\t", 4);
                sb.append(f[1]).append('\t').append(f[3].replaceAll("\t; .*", ""));
            } else {
                sb.append(line.replaceAll("\\d+ locals?, ", ""));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @TestFactory
    Stream<DynamicTest> luacListsOurDumps() throws IOException {
        assumeTrue(LuacReference.available(), "luac5.4 is not installed");
        return each(f -> {
            Proto p = compile(f);
            for (boolean strip : new boolean[] {false, true}) {
                Path out = tmp.resolve(f.getFileName() + (strip ? ".s" : "") + ".luac");
                Files.write(out, Dump.dump(p, strip));
                String ours = LuacReference.normalize(Disassembler.list(Undump.undump(Files.readAllBytes(out), LuaString.of("=x")), true));
                assertEquals(LuacReference.normalize(LuacReference.listing(out)), ours, f + (strip ? " stripped" : ""));
            }
        });
    }

    /** With a luac of Lua 5.4.8 (-Dmoonstack.luac) as reference, our dumps are its, byte for byte. */
    @TestFactory
    Stream<DynamicTest> dumpsAreLuacs() throws IOException {
        assumeTrue(LuacReference.hasFixes548(), "needs a luac of Lua 5.4.8 (-Dmoonstack.luac)");
        return each(f -> {
            Proto p = compile(f);
            for (boolean strip : new boolean[] {false, true}) {
                Path out = tmp.resolve(f.getFileName() + (strip ? ".ref.s" : ".ref"));
                List<String> cmd = new ArrayList<>(List.of(LuacReference.LUAC, "-o", out.toString(), f.toString()));
                if (strip) cmd.add(1, "-s");
                Process pr = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                assertEquals(0, pr.waitFor());
                assertArrayEquals(Files.readAllBytes(out), Dump.dump(p, strip), f + (strip ? " stripped" : ""));
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> luacChunksLoad() throws IOException {
        assumeTrue(LuacReference.available(), "luac5.4 is not installed");
        return each(f -> {
            compile(f);                                  // skips a file with a syntax error
            for (boolean strip : new boolean[] {false, true}) {
                Path out = tmp.resolve(f.getFileName() + (strip ? ".luac.s" : ".luac.out"));
                Process pr = new ProcessBuilder(LuacReference.LUAC, strip ? "-s" : "-l", "-o", out.toString(), f.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                assertEquals(0, pr.waitFor());
                Proto q = Undump.undump(Files.readAllBytes(out), LuaString.of("=x"));
                String expected = LuacReference.normalize(LuacReference.listing(out));
                assertEquals(expected, LuacReference.normalize(Disassembler.list(q, true)), f + (strip ? " stripped" : ""));
            }
        });
    }
}
