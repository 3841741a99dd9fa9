package dev.moonstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Error messages and tracebacks at every boundary (metamethods, iterators, builtins, callbacks
 * from builtins, coroutines, hooks, stack overflow), compared with the reference interpreter:
 * each scenario of {@code tracebacks/corpus.lua} runs as its own script in {@code lua5.4} and
 * in Moonstack's command (in this JVM), and exit status, output and error output must be
 * identical once the program name is the same.
 */
class TracebackDifferentialTest {
    private static final Path DIR = Path.of("target", "tracebacks");

    @TestFactory
    Stream<DynamicTest> scenariosMatchTheReference() throws IOException {
        Assumptions.assumeTrue(referenceAvailable(), "lua5.4 is not installed: skipping the traceback differential test");
        Map<String, String> scenarios = scenarios();
        Files.createDirectories(DIR);
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> s : scenarios.entrySet()) {
            tests.add(DynamicTest.dynamicTest(s.getKey(), () -> compare(s.getKey(), s.getValue())));
        }
        return tests.stream();
    }

    /** The corpus has enough scenarios to cover every boundary the debug issue lists. */
    @org.junit.jupiter.api.Test
    void corpusIsLargeEnough() throws IOException {
        org.junit.jupiter.api.Assertions.assertTrue(scenarios().size() >= 50, "at least 50 scenarios");
    }

    private static void compare(String name, String code) throws Exception {
        Path script = DIR.resolve(name + ".lua");
        Files.writeString(script, code);
        CliTest.Result ref = CliTest.run(Path.of("."), null, "lua5.4", script.toString());
        CliTest.Result ours = runInProcess(script.toString());
        String expected = "status " + ref.status() + "\n" + ref.out() + "--- stderr\n" + ref.err().replace("lua5.4: ", "moonstack: ");
        String actual = "status " + ours.status() + "\n" + ours.out() + "--- stderr\n" + ours.err();
        assertEquals(normalise(expected), normalise(actual), name);
    }

    /** Addresses differ between runs of any interpreter: "table: 0x55d0..." becomes "table: ADDR". */
    private static String normalise(String s) {
        return s.replaceAll("0x[0-9a-f]+", "ADDR");
    }

    private static CliTest.Result runInProcess(String script) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8), e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int[] status = new int[1];
        Thread t = new Thread(null, () -> status[0] = new Main(o, e).run(new String[] {script}), "scenario", 1L << 26);
        t.start();
        t.join();
        o.flush();
        return new CliTest.Result(status[0], out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Scenarios by name: the lines after each "--- name" line up to the next. */
    static Map<String, String> scenarios() throws IOException {
        Map<String, String> scenarios = new LinkedHashMap<>();
        String name = null;
        StringBuilder code = new StringBuilder();
        try (var in = TracebackDifferentialTest.class.getResourceAsStream("/tracebacks/corpus.lua")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.startsWith("--- ")) {
                    if (name != null) scenarios.put(name, code.toString());
                    name = line.substring(4).trim();
                    code.setLength(0);
                } else if (name != null) {
                    code.append(line).append('\n');
                }
            }
        }
        if (name != null) scenarios.put(name, code.toString());
        return scenarios;
    }

    private static boolean referenceAvailable() {
        try {
            return new ProcessBuilder("lua5.4", "-v").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
