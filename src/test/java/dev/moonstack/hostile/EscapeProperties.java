package dev.moonstack.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaError;
import dev.moonstack.vm.GarbageCollector;
import dev.moonstack.vm.Hooks;
import dev.moonstack.vm.Interrupts;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Generated escape attempts from a host's stop (see {@code StopTest} for the hand-written
 * ones): random Lua programs built from a small recursive grammar of the ingredients a hostile
 * script may use to survive a stop (pcall and xpcall with looping, failing or pcall-calling
 * message handlers, error with odd values, coroutines resumed, wrapped and closed,
 * to-be-closed variables, finalizers, debug hooks, load readers, builtins that call Lua or
 * run long, metamethods), always around an endless loop. Each program runs twice on a fresh
 * runtime: under an instruction budget, then under an interrupt requested from another thread
 * after a short delay. Each time it must end with the uncatchable error, nothing but a
 * {@link LuaError} may reach the host, the stop must be over, and the runtime must be usable.
 *
 * <p><b>The grammar.</b> A program is a {@link Chain}: a statement that never ends by itself
 * (it neither returns nor raises an error; only the stop ends it). It is a terminal loop (a
 * plain loop, a loop of caught errors, of stack overflows, of builtins that run long or call
 * Lua) inside up to {@link Grammar#STEPS} wrappers, each an ingredient that runs the loop
 * inside it: {@code pcall(function() S end)}, {@code coroutine.wrap(function() S end)()},
 * {@code setmetatable({}, {__index = function() S end}).x}, ... Some wrappers hold a second
 * endless chain {@code S2}, one level less deep ({@link Grammar#DEPTH} levels): a message
 * handler, {@code __close} method, finalizer or hook that loops too, so that it runs while the
 * stop unwinds ({@code do local x <close> = setmetatable({}, {__close = function() S2 end}); S end}),
 * or a loop that runs if a caught stop let the script go on ({@code pcall(function() S2 end); S}).
 * Hooks that raise are set inside a coroutine that a retrying pcall runs, so that their errors
 * cannot end the program. Error values are nil, numbers, strings, functions, a thread, or
 * tables whose {@code __tostring} fails or loops. Shrinking removes wrappers at any level (a
 * list element) and goes to the first, simplest, alternatives: a failure ends as a minimal
 * program such as {@code while true do string.find(...) end}.
 *
 * <p><b>After a run</b> the host clears the hooks the script left on the main thread and runs
 * the finalizers still pending (each drain under a budget: they may loop, and each runs once)
 * before it checks {@code 1 + 1}: leftovers of a hostile script are not the stop's business.
 *
 * <p><b>Sizes.</b> {@code -Dmoonstack.hostile.tries=N} sets the number of programs (300 by
 * default, about half a minute on two cores; 5000 for a nightly run);
 * {@code -Dmoonstack.hostile.hangMs=N} the hang guard (20 s; once a hang was seen, the runs
 * that shrinking makes use {@code min(hangMs, 5 s)}). The guard only tells a hang from a slow
 * stop: no time is asserted. The worst stop latencies measured per ingredient (over the
 * programs that contain it) are printed at the end, with the number of tries run.
 */
class EscapeProperties {
    static final int TRIES = Integer.getInteger("moonstack.hostile.tries", 300);
    static final long HANG_MS = Long.getLong("moonstack.hostile.hangMs", 20_000L);
    private static final long SHRINK_HANG_MS = Math.min(HANG_MS, 5_000);
    /** Budget of the finalizer drain between runs (see {@link #assertUsable}). */
    private static final long DRAIN_BUDGET = 100_000;
    /** Longer programs are left out (the grammar rarely makes them). */
    static final int MAX_LENGTH = 4000;

    private static volatile boolean hangSeen;

    @Property(tries = 300, shrinking = ShrinkingMode.FULL)   // tries: TRIES, set by SizeAndSummary
    @AddLifecycleHook(SizeAndSummary.class)
    void aStopCannotBeEscaped(@ForAll("programs") Chain program,
                              @ForAll("budgets") long budget,
                              @ForAll @IntRange(min = 0, max = 60) int delayMs) throws Exception {
        Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true);
        Frag frag = program.frag();
        Run b = run(lua, frag.code(), budget, -1);
        check(lua, b, "instruction budget exhausted");
        Run i = run(lua, frag.code(), 0, delayMs);
        check(lua, i, "interrupted");
        Stats.record(frag.kinds(), b.latencyNs, i.latencyNs);
    }

    // ---------------------------------------------------------------- the grammar

    /** A fragment of Lua source and the ingredients it is made of. */
    record Frag(String code, Set<String> kinds) {
        static Frag of(String kind, String code, Frag... parts) {
            Set<String> k = new TreeSet<>();
            k.add(kind);
            for (Frag p : parts) if (p != null) k.addAll(p.kinds);
            return new Frag(code, k);
        }

        @Override
        public String toString() { return code; }
    }

    /**
     * An endless statement: a terminal loop inside a chain of wrappers, the first step the
     * outermost. Shrinking a chain removes steps (wrappers at any level) and simplifies each.
     */
    record Chain(List<Step> steps, Frag terminal) {
        Frag frag() {
            Frag f = terminal;
            for (int i = steps.size() - 1; i >= 0; i--) f = steps.get(i).around(f);
            return f;
        }

        String code() { return frag().code(); }

        Set<String> kinds() { return frag().kinds(); }

        @Override
        public String toString() { return code(); }
    }

    /** The text of a wrapper around the endless statement {@code s}, with a second one {@code s2}, an error value {@code v} and a hook mode. */
    interface Render {
        String apply(String s, String s2, String v, String mode);
    }

    /** One wrapper: its ingredient, and what it uses besides the inner loop (or null). */
    record Step(String kind, Render render, Chain side, Frag value, String mode) {
        Frag around(Frag inner) {
            Frag s2 = side == null ? null : side.frag();
            return Frag.of(kind, render.apply(inner.code(), s2 == null ? null : s2.code(),
                    value == null ? null : value.code(), mode), inner, s2, value);
        }

        @Override
        public String toString() { return kind; }
    }

    @Provide
    Arbitrary<Chain> programs() { return Grammar.chain(Grammar.DEPTH).filter(c -> c.code().length() <= MAX_LENGTH); }

    /** Budgets that stop a program early (while it sets up) or late (deep inside). */
    @Provide
    Arbitrary<Long> budgets() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 1000),
                Arbitraries.longs().between(1, 300_000).withDistribution(RandomDistribution.uniform()));
    }

    /**
     * The grammar: {@code chain(d)} is a terminal loop in up to {@link #STEPS} wrappers, whose
     * second loops (a handler's, a {@code __close}'s, ...) are {@code chain(d - 1)}; the
     * alternatives listed first are the simplest, which shrinking goes to.
     */
    static final class Grammar {
        /** Nesting of second loops (chain within chain). */
        static final int DEPTH = 2;
        /** Wrappers in one chain at most. */
        static final int STEPS = 4;

        private Grammar() {}

        private static final Map<Integer, Arbitrary<Chain>> CHAINS = new java.util.concurrent.ConcurrentHashMap<>();
        private static final Map<Integer, Arbitrary<Frag>> ODDS = new java.util.concurrent.ConcurrentHashMap<>();

        /**
         * The chains of depth {@code d}, behind a lazy arbitrary: jqwik hashes arbitraries
         * structurally, and a lazy one hashes by identity, so sharing lower depths stays cheap.
         */
        static Arbitrary<Chain> chain(int d) {
            return CHAINS.computeIfAbsent(d, k -> Arbitraries.lazy(() -> Combinators.combine(
                    step(d).list().ofMaxSize(STEPS).withSizeDistribution(RandomDistribution.uniform()),
                    terminal(odd(d))).as(Chain::new)));
        }

        /** An error value: nil, numbers, ..., or (deeper) a table whose __tostring fails or loops. */
        static Arbitrary<Frag> odd(int d) {
            return ODDS.computeIfAbsent(d, k -> Arbitraries.lazy(() -> {
                Arbitrary<Frag> simple = Arbitraries.of("nil", "42", "-1.5", "0/0", "math.mininteger", "'msg'", "{}",
                        "true", "print", "(coroutine.running())", "setmetatable({}, {__tostring = function() return {} end})")
                        .map(v -> Frag.of("error.value", v));
                if (d == 0) return simple;
                return Arbitraries.oneOf(simple,
                        odd(d - 1).map(x -> Frag.of("error.tostringFails",
                                "setmetatable({}, {__tostring = function() error(" + x.code() + ") end})", x)),
                        chain(d - 1).map(c -> Frag.of("error.tostringLoops",
                                "setmetatable({}, {__tostring = function() " + c.code() + " end})", c.frag())));
            }));
        }

        /** Statements that loop forever by themselves. */
        private static Arbitrary<Frag> terminal(Arbitrary<Frag> v) {
            List<Arbitrary<? extends Frag>> alts = new ArrayList<>();
            String[][] fixed = {
                {"loop.while", "while true do end"},
                {"loop.repeat", "repeat until false"},
                {"loop.for", "for i = 1, math.huge do end"},
                {"loop.goto", "do local f = function() ::again:: goto again end f() end"},
                {"loop.stackOverflow", "while true do pcall(function() local t t = setmetatable({},"
                        + " {__index = function(_, k) return t[k] end}) return t.x end) end"},
                {"loop.luaStackOverflow", "while true do pcall(function() local function f() return 1 + f() end"
                        + " return f() end) end"},
                {"loop.find", "while true do string.find(string.rep('a', 30) .. 'b', string.rep('a*', 30) .. 'c') end"},
                {"loop.gsub", "while true do string.gsub(string.rep('a', 3000) .. 'b', 'a-a-a-a-c', 'x') end"},
                {"loop.rep", "while true do local s = string.rep('ab', 1e5, ',') for i = 1, 2000 do end end"},
                {"loop.repEmpty", "while true do local s = string.rep('', 1e15) end"},
                {"loop.concat", "do local t = table.pack(string.rep('x', 1e5):byte(1, -1)) t.n = nil"
                        + " while true do local s = table.concat(t, ',') for i = 1, 2000 do end end end"},
                {"loop.sort", "do local t = {} for i = 1, 1000 do t[i] = (i * 7919) % 1000 end"
                        + " while true do table.sort(t, function(a, b) return a > b end) end end"},
                {"loop.move", "while true do table.move({}, 1, 1e12, 2) end"},
                {"loop.lenClaims", "while true do table.remove(setmetatable({}, {__len = function() return 1e12 end}), 1) end"},
                {"loop.slowBuiltin", "do local s = 'x' while true do if #s < 1e7 then s = s .. s end local u = s:upper() end end"},
                {"loop.load", "while true do load(function() return ' ' end) end"},
                {"loop.yield", "do local co = coroutine.wrap(function() while true do pcall(coroutine.yield) end end)"
                        + " while true do co() end end"},
            };
            for (String[] f : fixed) alts.add(Arbitraries.just(Frag.of(f[0], f[1])));
            alts.add(v.map(x -> Frag.of("loop.caughtErrors", "while true do pcall(error, " + x.code() + ") end", x)));
            alts.add(v.map(x -> Frag.of("loop.errorInHandler",
                    "while true do xpcall(error, function(m) error(m) end, " + x.code() + ") end", x)));
            alts.add(v.map(x -> Frag.of("loop.loadReaderFails",
                    "while true do load(function() error(" + x.code() + ") end) end", x)));
            return Arbitraries.oneOf(alts);
        }

        /**
         * The wrappers of depth {@code d}: each runs its inner loop {@code s} (and may run a
         * second loop {@code s2} first or while the stop unwinds), so that it is endless too.
         */
        private static Arbitrary<Step> step(int d) {
            List<Arbitrary<? extends Step>> alts = new ArrayList<>();
            Arbitrary<Frag> v = odd(d);
            Arbitrary<Chain> side = d > 0 ? chain(d - 1) : null;
            // protected calls; a pcall retried after each error; the error value's __tostring loops
            unary(alts, "pcall", s -> "pcall(function() " + s + " end)");
            unary(alts, "pcall.retry", s -> "while true do pcall(function() " + s + " end) end");
            binary(alts, side, "pcall.after", (s, s2) -> "pcall(function() " + s2 + " end); " + s);
            unary(alts, "error.tostring", s -> "do local ok, e = pcall(error, setmetatable({},"
                    + " {__tostring = function() " + s + " end})) local _ = tostring(e) end");
            // xpcall: the loop in the body and a message handler that loops, fails or calls pcall;
            // the loop in the handler of an odd error
            binary(alts, side, "xpcall.loopingHandler",
                    (s, s2) -> "xpcall(function() " + s + " end, function(m) " + s2 + " end)");
            valued(alts, v, "xpcall.failingHandler",
                    (s, x) -> "xpcall(function() " + s + " end, function(m) error(" + x + ") end)");
            binary(alts, side, "xpcall.pcallInHandler",
                    (s, s2) -> "xpcall(function() " + s + " end, function(m) pcall(function() " + s2 + " end) return m end)");
            unary(alts, "xpcall.errorHandler", s -> "xpcall(function() " + s + " end, error)");
            unary(alts, "xpcall.traceback", s -> "xpcall(function() " + s + " end, debug.traceback)");
            valued(alts, v, "xpcall.loopInHandler",
                    (s, x) -> "xpcall(function() error(" + x + ") end, function(m) " + s + " end)");
            valued(alts, v, "xpcall.pcallLoopInHandler",
                    (s, x) -> "xpcall(function() error(" + x + ") end, function(m) pcall(function() " + s + " end) return m end)");
            // coroutines
            unary(alts, "coroutine.wrap", s -> "coroutine.wrap(function() " + s + " end)()");
            unary(alts, "coroutine.wrapAfterYield", s -> "do local co = coroutine.wrap(function()"
                    + " pcall(coroutine.yield); " + s + " end) co() co() end");
            unary(alts, "coroutine.resume", s -> "coroutine.resume(coroutine.create(function() " + s + " end))");
            unary(alts, "coroutine.resumeRetry",
                    s -> "while true do coroutine.resume(coroutine.create(function() " + s + " end)) end");
            unary(alts, "coroutine.close", s -> "do local co = coroutine.create(function() local x <close> ="
                    + " setmetatable({}, {__close = function() " + s + " end}) coroutine.yield() end)"
                    + " coroutine.resume(co) coroutine.close(co) end");
            valued(alts, v, "coroutine.yieldInClose", (s, x) -> "do local co = coroutine.wrap(function() pcall(function()"
                    + " local x <close> = setmetatable({}, {__close = function() coroutine.yield() " + s + " end})"
                    + " error(" + x + ") end) end) co() co() end");
            // to-be-closed variables: closed at the end of the block, on an error, while the stop unwinds
            unary(alts, "tbc.atExit", s -> "do local x <close> = setmetatable({}, {__close = function() " + s + " end}) end");
            valued(alts, v, "tbc.onError", (s, x) -> "pcall(function() local x <close> = setmetatable({},"
                    + " {__close = function() " + s + " end}) error(" + x + ") end)");
            binary(alts, side, "tbc.loopingClose",
                    (s, s2) -> "do local x <close> = setmetatable({}, {__close = function() " + s2 + " end}); " + s + " end");
            valued(alts, v, "tbc.failingClose",
                    (s, x) -> "do local x <close> = setmetatable({}, {__close = function() error(" + x + ") end}); " + s + " end");
            // finalizers: run by collectgarbage (which does nothing inside a finalizer, as in Lua:
            // then s runs), or pending while s runs
            binary(alts, side, "gc.collect",
                    (s, s2) -> "setmetatable({}, {__gc = function() " + s2 + " end}) collectgarbage(); " + s);
            binary(alts, side, "gc.pending", (s, s2) -> "setmetatable({}, {__gc = function() " + s2 + " end}); " + s);
            // hooks: one that loops (any thread), one that raises (in a coroutine a retrying pcall
            // runs, so that its errors cannot end the program)
            Arbitrary<String> mode = Arbitraries.of("'', 1", "'', 1000", "'l'", "'c'", "'r'", "'crl', 7");
            if (side != null) {
                alts.add(Combinators.combine(side, mode).as((c, m) -> new Step("hook.loops",
                        (s, s2, x, mm) -> "debug.sethook(function() " + s2 + " end, " + mm + "); " + s, c, null, m)));
            }
            alts.add(Combinators.combine(v, mode).as((x, m) -> new Step("hook.raises",
                    (s, s2, xx, mm) -> "while true do pcall(coroutine.wrap(function() debug.sethook(function() error("
                            + xx + ") end, " + mm + "); " + s + " end)) end", null, x, m)));
            // load: a reader that loops; the loop as source text
            unary(alts, "load.reader", s -> "load(function() " + s + " end)");
            unary(alts, "load.source", s -> "assert(load(" + quote(s) + "))()");
            // builtins that call Lua
            unary(alts, "sort.comparator", s -> "table.sort({3, 1, 2, 5, 4}, function(a, b) " + s + " end)");
            unary(alts, "gsub.function", s -> "string.gsub('abc', '%w', function() " + s + " end)");
            unary(alts, "gsub.table",
                    s -> "string.gsub('abc', '%w', setmetatable({}, {__index = function() " + s + " end}))");
            // metamethods
            unary(alts, "meta.index", s -> "local _ = setmetatable({}, {__index = function() " + s + " end}).x");
            unary(alts, "meta.indexChain", s -> "local _ = setmetatable({}, {__index = setmetatable({},"
                    + " {__index = function() " + s + " end})}).x");
            unary(alts, "meta.newindex", s -> "setmetatable({}, {__newindex = function() " + s + " end}).x = 1");
            unary(alts, "meta.eq", s -> "do local mt = {__eq = function() " + s + " end}"
                    + " local _ = setmetatable({}, mt) == setmetatable({}, mt) end");
            unary(alts, "meta.lt", s -> "local _ = setmetatable({}, {__lt = function() " + s + " end}) < {}");
            unary(alts, "meta.le", s -> "local _ = setmetatable({}, {__le = function() " + s + " end}) <= {}");
            unary(alts, "meta.concat", s -> "local _ = setmetatable({}, {__concat = function() " + s + " end}) .. 'x'");
            unary(alts, "meta.call", s -> "setmetatable({}, {__call = function() " + s + " end})()");
            unary(alts, "meta.len", s -> "local _ = #setmetatable({}, {__len = function() " + s + " end})");
            unary(alts, "meta.tostring", s -> "local _ = tostring(setmetatable({}, {__tostring = function() " + s + " end}))");
            unary(alts, "meta.pairs", s -> "for _ in pairs(setmetatable({}, {__pairs = function() " + s + " end})) do end");
            return Arbitraries.oneOf(alts);
        }

        private static void unary(List<Arbitrary<? extends Step>> alts, String kind, UnaryOperator<String> f) {
            alts.add(Arbitraries.just(new Step(kind, (s, s2, x, m) -> f.apply(s), null, null, null)));
        }

        private static void binary(List<Arbitrary<? extends Step>> alts, Arbitrary<Chain> side, String kind,
                                   BinaryOperator<String> f) {
            if (side == null) return;                     // depth 0: no second loop
            alts.add(side.map(c -> new Step(kind, (s, s2, x, m) -> f.apply(s, s2), c, null, null)));
        }

        private static void valued(List<Arbitrary<? extends Step>> alts, Arbitrary<Frag> v, String kind,
                                   BinaryOperator<String> f) {
            alts.add(v.map(x -> new Step(kind, (s, s2, xx, m) -> f.apply(s, xx), null, x, null)));
        }

        /** A Lua string literal for {@code s}. */
        static String quote(String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') b.append('\\');
                if (c == '\n') b.append("\\n");
                else b.append(c);
            }
            return b.append('"').toString();
        }
    }

    // ---------------------------------------------------------------- running and checking

    /** How one run ended: its outcome (a Throwable, or "returned"), and the stop latency (-1: unknown). */
    record Run(Object outcome, long latencyNs) {}

    /**
     * Runs {@code src} on a thread with a big stack, under {@code budget} instructions when
     * {@code delayMs < 0}, else with an interrupt requested after {@code delayMs} (retried until
     * accepted or the script ended). A run that does not end within the hang guard fails.
     */
    private static Run run(Lua lua, String src, long budget, int delayMs) throws Exception {
        Interrupts it = Runtimes.mainThread(lua).interrupts();
        long start = it.executed();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                it.setBudget(delayMs < 0 ? budget : 0);
                Runtimes.execRaw(lua, src);
                outcome.set("returned");
            } catch (Throwable x) {
                outcome.set(x);
            } finally {
                it.setBudget(0);
            }
        }, "hostile", 256L << 20);
        t.setDaemon(true);
        long guard = hangSeen ? SHRINK_HANG_MS : HANG_MS;
        long stopAt = -1;                   // when the stop was asked for (interrupt) or fell due (budget)
        t.start();
        long deadline = System.nanoTime() + guard * 1_000_000;
        if (delayMs >= 0) {
            Thread.sleep(delayMs);
            while (t.isAlive() && System.nanoTime() < deadline) {
                if (it.requestInterrupt()) {
                    stopAt = System.nanoTime();
                    deadline = stopAt + guard * 1_000_000;
                    break;
                }
                Thread.sleep(1);
            }
        } else {
            while (t.isAlive() && stopAt < 0 && System.nanoTime() < deadline) {   // the count reaches the budget
                if (it.executed() - start >= budget) {
                    stopAt = System.nanoTime();
                    deadline = stopAt + guard * 1_000_000;
                } else {
                    LockSupport.parkNanos(200_000);
                }
            }
        }
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        long end = System.nanoTime();
        if (t.isAlive()) {
            hangSeen = true;
            boolean late = it.requestInterrupt();
            t.join(2000);
            String also = t.isAlive() ? "; a late interrupt did not stop it either" : late ? "; a late interrupt stopped it" : "";
            kill(t);
            throw new AssertionError("no stop within " + guard + " ms under "
                    + (delayMs < 0 ? "a budget of " + budget + (stopAt < 0 ? " (not run out)" : " (run out)")
                            : "an interrupt after " + delayMs + " ms" + (stopAt < 0 ? " (never accepted)" : ""))
                    + also);
        }
        return new Run(outcome.get(), stopAt < 0 ? -1 : end - stopAt);
    }

    /** The outcome is the stop, the stop is over, and the runtime is usable. */
    private static void check(Lua lua, Run r, String stop) throws Exception {
        Object o = r.outcome;
        if (o instanceof Throwable && !(o instanceof LuaError)) {
            throw new AssertionError("a " + o.getClass().getName() + " reached the host, not a LuaError", (Throwable) o);
        }
        assertTrue(o instanceof LuaError, "the program ended by itself (a bug in the grammar?)");
        String msg = ((LuaError) o).getMessage();
        assertTrue(msg != null && msg.contains(stop), "the host got a catchable error, not the stop (\"" + stop + "\"): " + msg);
        assertUsable(lua);
    }

    /**
     * The stop is over and the runtime usable: no stop in force, and after the host clears
     * the script's hooks on the main thread and runs the pending finalizers, {@code 1 + 1} is 2
     * and the stacks are sound. The finalizers may loop, so each drain runs under a budget; a
     * drain that the budget stops must have called at least one finalizer (each runs once, so
     * the drains end however many objects the script left: a program stopped late under load
     * leaves thousands).
     */
    private static void assertUsable(Lua lua) throws Exception {
        Interrupts it = Runtimes.mainThread(lua).interrupts();
        GarbageCollector gc = Runtimes.mainThread(lua).G.gc;
        assertFalse(it.stopping(), "a stop is still in force after it reached the host");
        Object drained = null;
        long deadline = System.nanoTime() + HANG_MS * 1_000_000;
        while (!"drained".equals(drained)) {
            assertTrue(System.nanoTime() < deadline, "the pending finalizers were not drained within " + HANG_MS + " ms");
            Hooks.set(Runtimes.mainThread(lua), null, 0, 0);     // a finalizer may have set them again
            long calls = gc.finalizerCalls();
            drained = guarded(lua, "running the pending finalizers under a budget", () -> {
                it.setBudget(DRAIN_BUDGET);
                try {
                    Runtimes.execRaw(lua, "collectgarbage() collectgarbage()");
                } finally {
                    it.setBudget(0);
                }
                return "drained";
            });
            if (drained instanceof Throwable && !(drained instanceof LuaError
                    && ((LuaError) drained).getMessage().contains("instruction budget exhausted"))) {
                throw new AssertionError("running the pending finalizers", (Throwable) drained);
            }
            assertFalse(it.stopping(), "a stop is still in force after a drain");
            assertTrue("drained".equals(drained) || gc.finalizerCalls() > calls,
                    "a drain stopped by its budget called no finalizer");
        }
        Hooks.set(Runtimes.mainThread(lua), null, 0, 0);
        Object two = guarded(lua, "1 + 1", () -> Runtimes.execRaw(lua, "return 1 + 1")[0]);
        assertEquals(2L, two, "1 + 1 after the stop");
        assertEquals(List.of(), Runtimes.mainThread(lua).checkInvariants(), "stack invariants after the stop");
    }

    /** Calls {@code c} on a thread with a big stack, under the hang guard; returns its result or what it threw. */
    private static Object guarded(Lua lua, String what, Callable<Object> c) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                outcome.set(c.call());
            } catch (Throwable x) {
                outcome.set(x);
            }
        }, "hostile-check", 256L << 20);
        t.setDaemon(true);
        t.start();
        t.join(HANG_MS);
        if (t.isAlive()) {
            Runtimes.mainThread(lua).interrupts().requestInterrupt();
            t.join(2000);
            kill(t);
            throw new AssertionError("the runtime hangs after the stop: " + what + " did not end within " + HANG_MS + " ms");
        }
        return outcome.get();
    }

    /** The last resort for a thread that escaped both stops: it would spin on a core until the JVM exits. */
    @SuppressWarnings({"deprecation", "removal"})
    private static void kill(Thread t) {
        if (!t.isAlive()) return;
        try {
            t.stop();
        } catch (UnsupportedOperationException ignored) {
            // Java 20+: the daemon thread stays
        }
    }

    // ---------------------------------------------------------------- size and summary

    /** The worst stop latencies seen per ingredient. */
    static final class Stats {
        private static final Map<String, long[]> WORST = new TreeMap<>();   // kind -> {programs, budget ns, interrupt ns}

        static synchronized void record(Set<String> kinds, long budgetNs, long interruptNs) {
            for (String k : kinds) {
                long[] w = WORST.computeIfAbsent(k, x -> new long[3]);
                w[0]++;
                w[1] = Math.max(w[1], budgetNs);
                w[2] = Math.max(w[2], interruptNs);
            }
        }

        static synchronized String summary() {
            StringBuilder b = new StringBuilder("worst stop latency per ingredient (programs with it: after the budget ran out, after the interrupt was accepted):");
            for (Map.Entry<String, long[]> e : WORST.entrySet()) {
                long[] w = e.getValue();
                b.append(String.format("%n  %-26s %5d programs  budget %7.1f ms  interrupt %7.1f ms",
                        e.getKey(), w[0], w[1] / 1e6, w[2] / 1e6));
            }
            return b.toString();
        }
    }

    /**
     * Sets the number of tries from {@code moonstack.hostile.tries} (the annotation can only
     * hold a constant) and prints the number run, the time taken and the latencies.
     */
    public static final class SizeAndSummary implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            context.attributes().setTries(TRIES);
            long t0 = System.nanoTime();
            PropertyExecutionResult r = property.execute();
            System.out.printf("EscapeProperties.%s: %d tries, %d checks, %s, %.1f s%n%s%n",
                    context.targetMethod().getName(), r.countTries(), r.countChecks(), r.status(),
                    (System.nanoTime() - t0) / 1e9, Stats.summary());
            return r;
        }
    }
}
