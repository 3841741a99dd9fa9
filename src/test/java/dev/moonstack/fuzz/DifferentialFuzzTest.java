package dev.moonstack.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import dev.moonstack.value.LuaOracle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;

/**
 * Differential fuzzing against lua5.4: random terminating programs ({@link ProgramGenerator})
 * must print exactly what lua5.4 prints, error messages and their positions included. Programs
 * run in batches (one lua5.4 process and one Moonstack runtime per batch); every other batch
 * runs in one of three modes in turn: plain, check-invariants (the stack invariants checked
 * before every instruction) and compiled (the compiled tier on at threshold 0, so every function
 * and every loop that polls runs compiled). A second test compares the two tiers with each
 * other, without lua5.4. A difference is shrunk with jqwik's shrinking (dropping snippets,
 * simplifying seeds) before it is reported. The lua5.4 test is skipped when lua5.4 is not installed.
 *
 * <p>Budget and replay, as system properties (pass them to Maven with {@code -D}):
 * <ul>
 * <li>{@code moonstack.fuzz.tries}: programs to compare; 1,500 by default (about half a
 *     minute on two cores), {@code -Dmoonstack.fuzz.tries=100000} for a nightly run;
 * <li>{@code moonstack.fuzz.seed}: the random seed; fixed by default so that CI runs are
 *     reproducible, {@code random} for a new one each run (it is printed, and reported with a
 *     failure);
 * <li>{@code moonstack.fuzz.batch}: programs per batch, 100 by default;
 * <li>{@code moonstack.fuzz.tiers}: programs the tiers are compared on, 600 by default.
 * </ul>
 */
class DifferentialFuzzTest {
    private static final int TRIES = Integer.getInteger("moonstack.fuzz.tries", 1500);
    private static final int BATCH = Integer.getInteger("moonstack.fuzz.batch", 100);
    private static final int TIER_TRIES = Integer.getInteger("moonstack.fuzz.tiers", 600);
    private static final int SHRINK_STEPS = 400;

    /** How Moonstack runs a batch. */
    enum Mode {
        PLAIN(false, false), CHECK_INVARIANTS(true, false), COMPILED(false, true);

        final boolean check, compiled;

        Mode(boolean check, boolean compiled) {
            this.check = check;
            this.compiled = compiled;
        }

        List<String> run(List<String> sources) throws InterruptedException {
            return Differential.moonstack(sources, check, compiled);
        }
    }

    /** What a batch's output is compared with: lua5.4, or the interpreter (for the compiled tier). */
    interface Reference {
        List<String> run(List<String> sources) throws Exception;
    }

    static final Reference LUA54 = Differential::reference;
    static final Reference INTERPRETER = Mode.PLAIN::run;

    static long seed() {
        String s = System.getProperty("moonstack.fuzz.seed", "20261121");
        return s.equals("random") ? new Random().nextLong() : Long.parseLong(s);
    }

    @Example
    void generatedProgramsPrintWhatLua54Prints() throws Exception {
        LuaOracle.require();
        long seed = seed();
        Random random = new Random(seed);
        RandomGenerator<List<Long>> gen = ProgramGenerator.programs().generator(1000);
        long start = System.nanoTime();
        int compared = 0, skipped = 0;
        for (int b = 0; compared + skipped < TRIES; b++) {
            int n = Math.min(BATCH, TRIES - compared - skipped);
            List<Shrinkable<List<Long>>> batch = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Shrinkable<List<Long>> s = gen.next(random);
                batch.add(s);
                sources.add(ProgramGenerator.source(s.value()));
            }
            List<String> expected;
            for (;;) {
                try {
                    expected = Differential.reference(sources);
                    break;
                } catch (Differential.ReferenceFailure f) {       // not ours to compare: logged and skipped
                    System.out.println("differential fuzz: skipped a program lua5.4 fails on (" + f.getMessage()
                            + ", seeds " + batch.get(f.index).value() + ")");
                    batch.remove(f.index);
                    sources.remove(f.index);
                    skipped++;
                }
            }
            Mode mode = Mode.values()[b % 3];
            Integer bad = firstDifference(sources, expected, mode);
            if (bad != null) report(batch.get(bad), mode, LUA54, seed);
            compared += sources.size();
        }
        System.out.printf("differential fuzz: %d programs compared with lua5.4, %d skipped, in %.1f s (seed %d)%n",
                compared, skipped, (System.nanoTime() - start) / 1e9, seed);
    }

    /**
     * The compiled tier against the interpreter: the same programs, the tier off and on at
     * threshold 0, must print the same (the "the two tiers with each other").
     */
    @Example
    void theCompiledTierPrintsWhatTheInterpreterPrints() throws Exception {
        long seed = seed() + 1;
        Random random = new Random(seed);
        RandomGenerator<List<Long>> gen = ProgramGenerator.programs().generator(1000);
        long start = System.nanoTime();
        int compared = 0, skipped = 0;
        while (compared + skipped < TIER_TRIES) {
            int n = Math.min(BATCH, TIER_TRIES - compared - skipped);
            List<Shrinkable<List<Long>>> batch = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batch.add(gen.next(random));
                sources.add(ProgramGenerator.source(batch.get(i).value()));
            }
            List<String> expected;
            for (;;) {
                try {
                    expected = INTERPRETER.run(sources);
                    break;
                } catch (AssertionError e) {       // ran away in the interpreter (budget, time): skipped
                    int k = indexOfFailure(e, sources);
                    System.out.println("differential fuzz: skipped a program the interpreter does not finish (seeds "
                            + batch.get(k).value() + ")");
                    batch.remove(k);
                    sources.remove(k);
                    skipped++;
                }
            }
            Integer bad = firstDifference(sources, expected, Mode.COMPILED);
            if (bad != null) report(batch.get(bad), Mode.COMPILED, INTERPRETER, seed);
            compared += sources.size();
        }
        System.out.printf("differential fuzz: %d programs compared between the tiers, %d skipped, in %.1f s (seed %d)%n",
                compared, skipped, (System.nanoTime() - start) / 1e9, seed);
    }

    /** Index of the first program whose output differs from {@code expected}, or null. */
    private static Integer firstDifference(List<String> sources, List<String> expected, Mode mode) throws Exception {
        List<String> actual;
        try {
            actual = mode.run(sources);
        } catch (AssertionError e) {
            return indexOfFailure(e, sources);
        }
        for (int i = 0; i < sources.size(); i++) {
            String a = i < actual.size() ? actual.get(i) : "<missing>";
            if (!normalize(expected.get(i)).equals(normalize(a))) return i;
        }
        return null;
    }

    private static final java.util.regex.Pattern INT_DIV_ZERO =
            java.util.regex.Pattern.compile(":-?\\d+: attempt to (perform 'n%+0'|divide by zero)");

    /**
     * Output with the reference's known deviations masked. REFERENCE_MOD_LINE_BUG: lua5.4.4 does
     * not save the pc before an integer modulo or floor division by zero (OP_MOD, OP_IDIV and
     * their K forms; 5.4.6 does), so it positions "attempt to perform 'n%%0'" and "attempt to
     * divide by zero" at the last instruction that saved it, often a line before; the line of
     * those two messages is not compared.
     */
    static String normalize(String out) {
        return INT_DIV_ZERO.matcher(out).replaceAll(":?: attempt to $1");
    }

    /** The program named by a Moonstack failure ("program N of the batch"). */
    private static int indexOfFailure(AssertionError e, List<String> sources) {
        String m = String.valueOf(e.getMessage());
        java.util.regex.Matcher k = java.util.regex.Pattern.compile("^program (\\d+) of the batch").matcher(m);
        return k.find() ? Math.max(0, Math.min(sources.size(), Integer.parseInt(k.group(1))) - 1) : 0;
    }

    private static boolean differs(String source, Mode mode, Reference ref) throws Exception {
        try {
            return firstDifference(List.of(source), ref.run(List.of(source)), mode) != null;
        } catch (Differential.ReferenceFailure | AssertionError f) {
            return false;
        }
    }

    /** Shrinks a differing program and fails with it and both outputs. */
    private static void report(Shrinkable<List<Long>> failing, Mode mode, Reference ref, long seed) throws Exception {
        Shrinkable<List<Long>> cur = failing;
        int steps = 0;
        search:
        while (steps < SHRINK_STEPS) {
            for (Iterator<Shrinkable<List<Long>>> it = cur.shrink().iterator(); it.hasNext() && steps < SHRINK_STEPS; steps++) {
                Shrinkable<List<Long>> c = it.next();
                if (differs(ProgramGenerator.source(c.value()), mode, ref)) {
                    cur = c;
                    continue search;
                }
            }
            break;
        }
        String src = ProgramGenerator.source(cur.value());
        String expected = ref.run(List.of(src)).get(0);
        String actual;
        try {
            actual = mode.run(List.of(src)).get(0);
        } catch (AssertionError e) {
            actual = "Moonstack failed: " + e.getMessage();
        }
        String against = ref == LUA54 ? "lua5.4" : "the interpreter";
        fail("output differs from " + against + " (seed " + seed + ", mode " + mode + ", seeds " + cur.value()
                + ", shrunk in " + steps + " steps)\n--- program (after ProgramGenerator.PRELUDE):\n"
                + src.substring(ProgramGenerator.PRELUDE.length()) + "--- " + against + ":\n" + expected
                + "--- moonstack:\n" + actual);
    }
}
