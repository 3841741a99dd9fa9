package dev.moonstack.prof;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaString;
import dev.moonstack.vm.LuaThread;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cost of each profiler while it runs (docs/profiling.md, "Cost"): runs a perf/lua workload
 * (or "awfy:Name") in batches, as dev.moonstack.perf.Run does, with one profiler on, and prints
 * the best batch's thread CPU time and wall time per call. Not a test: a main for
 * {@code perf}-style measurements, one JVM per run.
 *
 * <p>Usage: {@code ProfilerCost <workload> <off|iprof-plain|iprof-inclusive|sampling|memprof> [batches] [calls]}.
 * iprof profiles each batch (host API, limit 199); the sampler runs at the default interval
 * over all batches; memprof writes to a temporary file over all batches.
 */
public final class ProfilerCost {
    private ProfilerCost() {}

    /** The other local workloads, run first so that the executor is compiled as for a real program. */
    private static final String[] WARM = {"fib", "calls", "loop_int", "loop_float", "table_array", "table_hash",
                                          "methods", "strings", "coro"};

    public static void main(String[] args) throws Exception {
        String workload = args[0], mode = args[1];
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int calls = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        for (String w : WARM) {                    // the mixed profile of perf's LuaBench
            Bench b = new Bench(w);
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < 200_000_000L) b.run();
        }
        Bench b = new Bench(workload);
        SamplingProfiler sampler = mode.equals("sampling")
                ? SamplingProfiler.start(Runtimes.state(b.lua), Profiles.DEFAULT_INTERVAL_MICROS) : null;
        Path tmp = mode.equals("memprof") ? Files.createTempFile("cost", ".bin") : null;
        Memprof memprof = tmp != null ? Memprof.start(Runtimes.state(b.lua), tmp) : null;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double bestCpu = Double.MAX_VALUE, bestWall = Double.MAX_VALUE;
        for (int j = 0; j < batches; j++) {
            long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
            Runnable batch = () -> { for (int c = 0; c < calls; c++) b.run(); };
            if (mode.startsWith("iprof-")) {
                Profiler.Mode m = mode.equals("iprof-plain") ? Profiler.Mode.PLAIN : Profiler.Mode.INCLUSIVE;
                Profiler.iprof(b.L, "batch", m, Profiler.NO_LIMIT, batch);
            } else if (mode.equals("off") || sampler != null || memprof != null) {
                batch.run();
            } else {
                throw new IllegalArgumentException("mode " + mode);
            }
            long c1 = mx.getCurrentThreadCpuTime(), t1 = System.nanoTime();
            bestCpu = Math.min(bestCpu, (c1 - c0) / 1e3 / calls);
            bestWall = Math.min(bestWall, (t1 - t0) / 1e3 / calls);
        }
        String extra = "";
        if (sampler != null) extra = " samples=" + sampler.stop().total();
        if (memprof != null) {
            memprof.stop();
            extra = " file=" + Files.size(tmp) + "B";
            Files.delete(tmp);
        }
        System.out.printf("%s %s: %.1f us/op cpu, %.1f us/op wall%s%n", workload, mode, bestCpu, bestWall, extra);
    }

    /** A workload loaded as perf's LuaBench loads it: a chunk that returns the function to time. */
    private static final class Bench {
        final Lua lua = new Lua(OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), true);
        final LuaThread L = Runtimes.mainThread(lua);
        final Object fn;

        Bench(String script) throws Exception {
            String file = script;
            String[] args = {};
            if (script.startsWith("awfy:")) {
                file = "awfy";
                args = new String[] {script.substring(5), System.getProperty("moonstack.awfy", "/work/shared/bench/awfy")};
            }
            byte[] src = Files.readAllBytes(Path.of("perf/lua", file + ".lua"));
            LuaClosure chunk = Runtimes.loadClosure(lua, src, "@" + file + ".lua");
            int f = L.top();
            L.push(chunk, 0);
            for (String a : args) L.pushString(LuaString.of(a));
            L.call(f, 1);
            fn = L.ref(f);
            L.setTop(f);
        }

        /** One call from the host: through api.Lua, which enters the runtime (memprof's events need that). */
        long run() {
            return Runtimes.callRaw(lua, fn).length;
        }
    }
}
