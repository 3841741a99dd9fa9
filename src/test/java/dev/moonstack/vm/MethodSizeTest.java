package dev.moonstack.vm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * HotSpot does not JIT-compile a method whose bytecode exceeds 8,000 bytes (HugeMethodLimit):
 * such a method would run interpreted forever. This test reads every method's bytecode size
 * with javap and fails for the dispatch loop, or any other method, that is over the limit.
 */
class MethodSizeTest {
    static final int HUGE_METHOD_LIMIT = 8000;

    /** Bytecode length of each method of a class file, by javap's "N: opcode" lines. */
    static List<String> oversized(Path classFile) {
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        StringWriter out = new StringWriter();
        javap.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-c", "-p", classFile.toString());
        List<String> big = new ArrayList<>();
        String method = null;
        int last = 0;
        Pattern insn = Pattern.compile("^\\s+(\\d+): \\w");
        for (String line : out.toString().split("\n")) {
            if (isMethodHeader(line)) {
                if (method != null && last > HUGE_METHOD_LIMIT) big.add(method + " (" + last + " bytes)");
                method = line.trim();
                last = 0;
            }
            Matcher m = insn.matcher(line);
            if (m.find()) last = Integer.parseInt(m.group(1));
        }
        if (method != null && last > HUGE_METHOD_LIMIT) big.add(method + " (" + last + " bytes)");
        return big;
    }

    /** A method's header in javap's listing; the static initializer ("static {};") is one too. */
    private static boolean isMethodHeader(String line) {
        return line.startsWith("  ") && !line.startsWith("   ") && (line.contains("(") || line.contains("static {}"));
    }

    static int dispatchSize() throws Exception {
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        StringWriter out = new StringWriter();
        javap.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-c", "-p",
                "target/classes/dev/moonstack/vm/Executor.class");
        int size = 0;
        boolean inDispatch = false;
        for (String line : out.toString().split("\n")) {
            if (isMethodHeader(line)) inDispatch = line.contains(" dispatch(");
            Matcher m = Pattern.compile("^\\s+(\\d+): \\w").matcher(line);
            if (inDispatch && m.find()) size = Integer.parseInt(m.group(1));
        }
        return size;
    }

    @Test
    void dispatchLoopIsUnderTheLimit() throws Exception {
        int size = dispatchSize();
        assertTrue(size > 1000, "could not measure Executor.dispatch (" + size + ")");
        assertTrue(size < HUGE_METHOD_LIMIT, "Executor.dispatch is " + size + " bytes, over HugeMethodLimit");
    }

    @Test
    void noMethodIsOverTheLimit() throws Exception {
        List<String> big = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Paths.get("target/classes"))) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                big.addAll(oversized(p));
            }
        }
        assertTrue(big.isEmpty(), "methods over " + HUGE_METHOD_LIMIT + " bytes: " + big);
    }
}
