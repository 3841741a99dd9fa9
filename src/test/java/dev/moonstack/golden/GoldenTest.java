package dev.moonstack.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.moonstack.debug.Breakpoint;
import dev.moonstack.debug.Debugger;
import dev.moonstack.lib.Loading;
import dev.moonstack.value.LuaString;
import dev.moonstack.vm.LuaThread;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the golden corpus (src/test/resources/golden) in every execution mode. The output must
 * be the same in each: a difference means some code depends on something it must not (a
 * stale copy of the stack arrays, a pc not saved before an interruption, a live value kept
 * above the live area of the value stack). After each script, the stack invariants must hold.
 */
class GoldenTest {
    static final Path DIR = Paths.get("src/test/resources/golden");

    /** Execution modes: the same corpus must give the same output in each. */
    enum Mode {
        /** As a host gets it: the compiled tier on at its default thresholds. */
        NORMAL(L -> { }),
        /** The compiled tier off: the interpreter alone. */
        INTERPRETER(L -> L.setTierOn(false)),
        STACK_TORTURE(L -> L.setStackTorture(true)),
        INTERRUPT_EVERY_INSTRUCTION(L -> L.interrupts().setEveryInstruction(true)),
        CHECK_INVARIANTS(L -> L.interrupts().setCheckInvariants(true)),
        /** In a coroutine that a count hook suspends every 7 instructions, resumed at once. */
        YIELD_EVERY_7(L -> { }, 7),
        /**
         * Debugger attached (issue 12): a breakpoint in a function that never runs (so the hook
         * mask is on and every call takes the debugger's path) and the uncaught-errors filter,
         * whose stops continue at once.
         */
        DEBUGGER_ATTACHED(GoldenTest::attachIdleDebugger),
        /** The compiled tier on, every function compiled at its first call (dev.moonstack.jit). */
        COMPILED(L -> compiled(L, false)),
        /**
         * The compiled tier on, with the interpreter taking over often: every poll period is
         * one instruction, so compiled code polls at every backward jump and call.
         */
        COMPILED_EVERY_INSTRUCTION(L -> compiled(L, true)),
        /**
         * Forced deoptimization: as the previous mode, and a third of the polls and entries,
         * chosen at random, hand over to the interpreter (Jit.setDeoptChaos).
         */
        COMPILED_DEOPT(L -> {
            compiled(L, true);
            dev.moonstack.jit.Jit.of(L.G).setDeoptChaos(16L);
        });

        final Consumer<LuaThread> setup;
        final int preempt;

        Mode(Consumer<LuaThread> setup) { this(setup, 0); }

        Mode(Consumer<LuaThread> setup, int preempt) {
            this.setup = setup;
            this.preempt = preempt;
        }
    }

    static void attachIdleDebugger(LuaThread L) {
        Debugger d = Debugger.attach(L.G);
        d.setListener(stop -> d.continueRun());
        Loading.loadChunk(L.G, "local function never()\n  return 1\nend".getBytes(StandardCharsets.UTF_8),
                LuaString.of("@never.lua"), "t");
        List<Breakpoint> bp = d.setBreakpoints("@never.lua", List.of(new Breakpoint("@never.lua", 2)));
        assertTrue(bp.get(0).verified(), "the idle breakpoint is bound");
        d.setExceptionBreakpoints(true, false);
    }

    private static void compiled(LuaThread L, boolean everyInstruction) {
        dev.moonstack.jit.Jit jit = dev.moonstack.jit.Jit.of(L.G);
        jit.setThreshold(0);
        jit.setOn(L, true);
        L.interrupts().setEveryInstruction(everyInstruction);
    }

    static List<GoldenScript> corpus() throws IOException {
        List<GoldenScript> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".lua")).sorted()::iterator) {
                scripts.add(new GoldenScript(p));
            }
        }
        return scripts;
    }

    @TestFactory
    Stream<DynamicTest> corpusInEveryMode() throws IOException {
        List<GoldenScript> scripts = corpus();
        assertFalse(scripts.isEmpty(), "golden corpus not found in " + DIR.toAbsolutePath());
        return Stream.of(Mode.values()).flatMap(mode -> scripts.stream().map(s ->
                DynamicTest.dynamicTest(mode + ": " + s, () -> check(s, mode))));
    }

    private static void check(GoldenScript s, Mode mode) throws IOException {
        // reported as skipped, not passed: such a script's expectations hold only on the main coroutine
        assumeFalse(mode.preempt > 0 && s.mainThreadOnly, s + " is marked '-- modes: main thread only': it does not run in a preempting coroutine");
        GoldenScript.Outcome o = s.run(mode.setup, mode.preempt);
        assertEquals(String.join("\n", s.expected), String.join("\n", o.lines), s + " output");
        assertEquals(s.expectedError, o.error, s + " uncaught error");
        assertEquals(List.of(), o.violations, s + " stack invariants after the run");
        if (mode.preempt > 0) assertTrue(o.preemptions > 0, s + " was never preempted");
    }
}
