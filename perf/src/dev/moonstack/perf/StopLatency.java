package dev.moonstack.perf;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaError;
import dev.moonstack.vm.Interrupts;

import java.io.ByteArrayOutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * StopLatency -- how long a host waits for its stop, per escape scenario of issue #11 (the
 * scripts of StopTest and the slowest ingredients EscapeProperties found), measured on one
 * warm runtime, with the time split into what the JVM took (GC) and what the script's thread
 * did. A benchmark, not a test: nothing is asserted.
 *
 * <p>For an interrupt the clock starts when {@code requestInterrupt} is accepted; for a budget,
 * when the host sees the count reach the budget (polled every 0.1 ms, so up to 0.1 ms late).
 * It stops when the host call on the script's thread has its {@code LuaError} ("caught"), and
 * again when the host's {@code join} returns ("joined").
 *
 * <p>Each scenario and kind of stop runs once to warm up (its latency is printed as "1st";
 * in a fresh JVM it includes loading the classes the stop needs), then RUNS times.
 *
 * <p>usage: {@code java -cp ... dev.moonstack.perf.StopLatency [RUNS=20] [name-filter]}
 */
public final class StopLatency {
    private static final long BUDGET = 200_000;

    /** One scenario: a name and an endless script. */
    record Scenario(String name, String script) {}

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("plain.loop", "while true do end"),
            new Scenario("handler.plain", "local function h(m) while true do end end xpcall(error, h, 'x')"),
            new Scenario("close.loop", "while true do local co = coroutine.create(function() local x <close> ="
                    + " setmetatable({}, {__close = function() while true do end end}) coroutine.yield() end)"
                    + " coroutine.resume(co) coroutine.close(co) end"),
            new Scenario("xpcall.handler", "xpcall(error, function(m) while true do end end, 'x')"),
            new Scenario("pcall.error", "while true do pcall(error, 'x') end"),
            new Scenario("close.after", "local x <close> = setmetatable({}, {__close = function() while true do end end})"
                    + " while true do end"),
            new Scenario("wrap.yield", "local co = coroutine.wrap(function() while true do pcall(coroutine.yield) end end)"
                    + " while true do co() end"),
            new Scenario("gc.finalizer", "setmetatable({}, {__gc = function() while true do end end})"
                    + " while true do collectgarbage() end"),
            new Scenario("hook.loop", "debug.sethook(function() while true do end end, '', 1000) while true do end"),
            new Scenario("sort.cmp", "local t = {} for i = 1, 200000 do t[i] = (i * 7919) % 200000 end"
                    + " while true do table.sort(t, function(a, b) return a > b end) end"),
            new Scenario("load.reader", "while true do load(function() return ' ' end) end"),
            new Scenario("find.backtrack", "while true do string.find(string.rep('a', 30) .. 'b', string.rep('a*', 30) .. 'c') end"),
            new Scenario("gsub.backtrack", "local s = string.rep('a', 5000) .. 'b' while true do string.gsub(s, 'a-a-a-a-a-c', 'x') end"),
            new Scenario("rep.big", "while true do local s = string.rep('a', 1e6) end"),
            new Scenario("concat.big", "local t = {} for i = 1, 3e6 do t[i] = 'x' end while true do table.concat(t) end"),
            new Scenario("move.huge", "while true do table.move({}, 1, 1e12, 2) end"),
            new Scenario("upper.big", "local s = 'x' while true do if #s < 1e7 then s = s .. s end local u = s:upper() end"),
            new Scenario("stack.overflow", "while true do pcall(function() local function f() return 1 + f() end"
                    + " return f() end) end"),
            new Scenario("resume.retry", "while true do coroutine.resume(coroutine.create(function()"
                    + " while true do end end)) end"));

    private final Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true);
    private final Interrupts it = Runtimes.mainThread(lua).interrupts();

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String filter = args.length > 1 ? args[1] : "";
        StopLatency m = new StopLatency();
        System.out.printf("%-16s %-9s %4s %8s %8s %8s %8s %8s   %s%n", "scenario", "stop", "runs",
                "p50 ms", "p90 ms", "max ms", "1st ms", "joinmax", "worst run: gc ms, thread cpu ms");
        for (Scenario s : SCENARIOS) {
            if (!s.name.contains(filter)) continue;
            m.report(s, true, runs);
            m.report(s, false, runs);
        }
    }

    private void report(Scenario s, boolean byInterrupt, int runs) throws Exception {
        double[] caught = new double[runs];
        double worstJoin = 0;
        Sample worst = null;
        double first = measure(s.script, byInterrupt, 20).caughtMs;   // warm-up, reported apart
        for (int r = 0; r < runs; r++) {
            Sample x = measure(s.script, byInterrupt, 20 + (r * 7) % 40);
            caught[r] = x.caughtMs;
            if (Boolean.getBoolean("verbose")) System.out.printf("  run %d: caught %.2f ms, cpu %.2f ms, gc %.1f ms, %d classes loaded%n", r, x.caughtMs, x.cpuMs, x.gcMs, x.classes);
            worstJoin = Math.max(worstJoin, x.joinedMs);
            if (worst == null || x.caughtMs > worst.caughtMs) worst = x;
        }
        Arrays.sort(caught);
        System.out.printf("%-16s %-9s %4d %8.2f %8.2f %8.2f %8.2f %8.2f   %.1f, %.1f%n", s.name,
                byInterrupt ? "interrupt" : "budget", runs, caught[runs / 2], caught[runs * 9 / 10],
                caught[runs - 1], first, worstJoin, worst.gcMs, worst.cpuMs);
    }

    /** One stop: ms from the request to the host's catch, to the join, and GC/CPU time in between. */
    record Sample(double caughtMs, double joinedMs, double gcMs, double cpuMs, long classes) {}

    private Sample measure(String script, boolean byInterrupt, int delayMs) throws Exception {
        long[] caughtAt = {-1};
        long[] cpuAt = {0, 0};
        Thread t = new Thread(null, () -> {
            it.setBudget(byInterrupt ? 0 : BUDGET);
            try {
                Runtimes.execRaw(lua, script);
            } catch (LuaError e) {
                caughtAt[0] = System.nanoTime();
                cpuAt[1] = cpu();
            } finally {
                it.setBudget(0);
            }
        }, "stopped", 256L << 20);
        long start = it.executed();
        t.start();
        long requested = byInterrupt ? interruptAfter(t, delayMs) : budgetReached(t, start);
        if (Boolean.getBoolean("verbose")) System.out.println("  requested at uptime " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms");
        long gc0 = gcMs();
        long classes0 = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        cpuAt[0] = ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId());
        t.join(30_000);
        long joined = System.nanoTime();
        if (t.isAlive() || caughtAt[0] < 0) throw new IllegalStateException("not stopped: " + script);
        return new Sample((caughtAt[0] - requested) / 1e6, (joined - requested) / 1e6, gcMs() - gc0,
                (cpuAt[1] - cpuAt[0]) / 1e6,
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classes0);
    }

    private long interruptAfter(Thread t, int delayMs) throws InterruptedException {
        Thread.sleep(delayMs);
        while (!it.requestInterrupt()) {
            if (!t.isAlive()) throw new IllegalStateException("ended before the interrupt");
            Thread.sleep(1);
        }
        return System.nanoTime();
    }

    private long budgetReached(Thread t, long start) {
        while (it.executed() - start < BUDGET && t.isAlive()) LockSupport.parkNanos(100_000);
        return System.nanoTime();
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long gcMs() {
        long sum = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) sum += Math.max(0, b.getCollectionTime());
        return sum;
    }
}
