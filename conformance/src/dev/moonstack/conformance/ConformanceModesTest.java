package dev.moonstack.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Official test files that pass normally must pass unchanged in the runtime's checking modes:
 * stack torture (the value stack moves at every growth check), an interrupt countdown of 1,
 * and the stack invariants checked before every instruction. A failure in a mode alone means
 * some code keeps a stale copy of the stack arrays, reads a pc that was not saved, or breaks
 * an invariant of the three stacks.
 *
 * <p>CI runs {@link #CI_FILES}, chosen to cover calls, varargs, metamethods, to-be-closed
 * variables, coroutines, goto and the libraries in about two minutes;
 * {@code -Dmoonstack.conformance.modes=all} runs every file expected to pass (the nightly size).
 */
class ConformanceModesTest {
    static final List<String> MODES = List.of("torture", "every-instruction", "invariants");
    static final List<String> CI_FILES = List.of("goto.lua", "vararg.lua", "events.lua", "locals.lua",
            "constructs.lua", "calls.lua", "nextvar.lua", "closure.lua", "coroutine.lua", "pm.lua", "tpack.lua");

    @TestFactory
    Stream<DynamicTest> passingFilesPassInEveryMode() throws Exception {
        File suite = SuiteRun.suiteDir();
        Assumptions.assumeTrue(suite.isDirectory(), "official suite not found at " + suite.getAbsolutePath()
                + " (set -Dmoonstack.suite); skipping conformance modes");
        Map<String, String> expected = ConformanceTest.readExpected();
        String which = System.getProperty("moonstack.conformance.modes", "ci");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            boolean chosen = which.equals("all") || (which.equals("ci") ? CI_FILES.contains(e.getKey())
                    : Arrays.asList(which.split(",")).contains(e.getKey()));
            if (e.getValue().equals("PASS") && chosen) files.add(e.getKey());
        }
        int timeout = Integer.getInteger("moonstack.conformance.timeout", 180);
        return MODES.stream().flatMap(mode -> files.stream().map(f -> DynamicTest.dynamicTest(mode + ": " + f, () -> {
            SuiteRun r = SuiteRun.run(suite.toPath(), f, timeout, mode);
            assertEquals(SuiteRun.Status.PASS, r.status, f + " in mode " + mode + ": " + r.detail);
        })));
    }
}
