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
 * the stack invariants checked before every instruction, the compiled tier compiling
 * every function at its first call, and the interpreter alone (the tier, on by default and in
 * the plain run, off). A failure in a mode alone means
 * some code keeps a stale copy of the stack arrays, reads a pc that was not saved, or breaks
 * an invariant of the three stacks.
 *
 * <p>By default every file expected to pass runs in every mode except all.lua, which only runs
 * the others again (about three minutes on two cores); {@code -Dmoonstack.conformance.modes=all}
 * adds it, {@code =none} skips this test, and a comma-separated list of files runs those.
 */
class ConformanceModesTest {
    static final List<String> MODES = List.of("torture", "every-instruction", "invariants", "compiled", "interpreter");
    /**
     * Files a mode cannot run unchanged. gc.lua (and all.lua, which runs it) checks that
     * collectgarbage("count") falls back after a collection; the count includes what the
     * thread allocated since the last collection, and stack torture allocates a new stack
     * at every growth check.
     */
    static final Map<String, List<String>> NOT_IN_MODE = Map.of("torture", List.of("gc.lua", "all.lua"));

    @TestFactory
    Stream<DynamicTest> passingFilesPassInEveryMode() throws Exception {
        File suite = SuiteRun.suiteDir();
        Assumptions.assumeTrue(suite.isDirectory(), "official suite not found at " + suite.getAbsolutePath()
                + " (set -Dmoonstack.suite); skipping conformance modes");
        Map<String, String> expected = ConformanceTest.readExpected();
        String which = System.getProperty("moonstack.conformance.modes", "default");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            boolean chosen = which.equals("all") || (which.equals("default") ? !e.getKey().equals("all.lua")
                    : Arrays.asList(which.split(",")).contains(e.getKey()));
            if (e.getValue().equals("PASS") && chosen) files.add(e.getKey());
        }
        int timeout = Integer.getInteger("moonstack.conformance.timeout", 180);
        return MODES.stream().flatMap(mode -> files.stream()
                .filter(f -> !NOT_IN_MODE.getOrDefault(mode, List.of()).contains(f))
                .map(f -> DynamicTest.dynamicTest(mode + ": " + f, () -> {
            SuiteRun r = SuiteRun.run(suite.toPath(), f, timeout, mode);
            assertEquals(SuiteRun.Status.PASS, r.status, f + " in mode " + mode + ": " + r.detail);
        })));
    }
}
