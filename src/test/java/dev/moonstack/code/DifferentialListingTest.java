package dev.moonstack.code;

import dev.moonstack.compiler.LuaCompiler;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.Proto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Compares {@code Disassembler.list(LuaCompiler.compile(src), true)} with
 * {@code luac5.4 -l -l} (modulo {@link CodegenFixes}) for every file of a corpus: the snippets under
 * src/test/resources/listings, generated sources that reach the encoding limits, the official
 * 5.4.8 test suite and the benchmarks (the last two when present in ../shared).
 */
class DifferentialListingTest {
    /** The official suite, as the conformance tests find it (-Dmoonstack.suite). */
    static final Path SUITE = Path.of(System.getProperty("moonstack.suite", "../shared/conformance/lua-5.4.8-tests"));
    static final Path BENCH = Path.of("../shared/bench");
    static final Path SNIPPETS = Path.of("src/test/resources/listings");

    private static final AtomicInteger suitePassed = new AtomicInteger();
    private static final AtomicInteger suiteTotal = new AtomicInteger();

    @TempDir
    static Path tmp;

    @TestFactory
    Stream<DynamicTest> snippets() throws IOException {
        assumeTrue(LuacReference.available(), "luac5.4 is not installed");
        return tests(luaFiles(SNIPPETS), false);
    }

    @TestFactory
    Stream<DynamicTest> generated() throws IOException {
        assumeTrue(LuacReference.available(), "luac5.4 is not installed");
        return tests(GeneratedSources.writeAll(tmp), false);
    }

    @TestFactory
    Stream<DynamicTest> officialSuite() throws IOException {
        assumeTrue(LuacReference.available(), "luac5.4 is not installed");
        assumeTrue(Files.isDirectory(SUITE), "the official test suite is not in " + SUITE);
        return tests(luaFiles(SUITE), true);
    }

    @TestFactory
    Stream<DynamicTest> benchmarks() throws IOException {
        assumeTrue(LuacReference.available(), "luac5.4 is not installed");
        assumeTrue(Files.isDirectory(BENCH), "the benchmarks are not in " + BENCH);
        return tests(luaFiles(BENCH), false);
    }

    @AfterAll
    static void report() {
        if (suiteTotal.get() > 0) {
            System.out.println("official suite: " + suitePassed.get() + "/" + suiteTotal.get()
                    + " files match the listings of " + LuacReference.LUAC);
        }
    }

    private static List<Path> luaFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> p.toString().endsWith(".lua")).sorted().forEach(files::add);
        }
        return files;
    }

    private static Stream<DynamicTest> tests(List<Path> files, boolean count) {
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            if (count) suiteTotal.incrementAndGet();
            compareWithLuac(f);
            if (count) suitePassed.incrementAndGet();
        }));
    }

    /**
     * Our listing must equal the reference's; against a luac older than 5.4.8 it may differ
     * where {@link CodegenFixes} explains the difference.
     */
    static void compareWithLuac(Path file) throws Exception {
        String expected = LuacReference.normalize(LuacReference.listing(file));
        String actual = LuacReference.normalize(ourListing(file));
        if (LuacReference.hasFixes548() || expected.equals(actual)) {
            assertEquals(expected, actual, () -> file + " differs:\n"
                    + LuacReference.firstDifferences(expected, actual, 10));
            return;
        }
        String unexplained = CodegenFixes.unexplained(file.getFileName().toString(), expected, actual);
        assertEquals("", unexplained, () -> file + " differs beyond the 5.4.8 fixes:\n"
                + LuacReference.firstDifferences(expected, actual, 10));
    }

    /** Our listing, or luac's way of reporting a syntax error. */
    static String ourListing(Path file) throws IOException {
        try {
            Proto p = LuaCompiler.compile(LuacReference.loadSource(file), LuaString.of("@" + file));
            return Disassembler.list(p, true);
        } catch (LuaError e) {
            return LuacReference.PROGNAME + ": " + new String(((LuaString) e.ref).bytes(), StandardCharsets.ISO_8859_1) + "\n";
        }
    }
}
