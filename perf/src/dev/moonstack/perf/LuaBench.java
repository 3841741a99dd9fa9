package dev.moonstack.perf;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaString;
import dev.moonstack.vm.LuaThread;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Steady-state cost of Lua workloads: each workload in {@code perf/lua/} is a chunk that
 * returns a function, loaded once; one benchmark operation is one call of that function from
 * Java, so every operation is a fresh (normally compiled, not OSR) executor invocation.
 * {@code perf/lua/timeit.lua} times the same functions under lua5.4 for comparison.
 *
 * <p>{@code profile=mixed} (the default) first runs every local workload a few times in the
 * same JVM, so that the executor is compiled with the profile of a program that uses many
 * opcodes, as real programs do (and as every CLI run does); {@code profile=pure} measures
 * the workload alone, which lets C2 drop every case the workload does not use and gives
 * numbers no real program sees.
 *
 * <p>Run through {@code perf/jmh.sh}; the workload directory is the system property
 * {@code moonstack.perf.lua} (default {@code perf/lua}, relative to the repository), the
 * are-we-fast-yet directory {@code moonstack.awfy}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LuaBench {
    /** The workload: a file name in perf/lua without ".lua", or "awfy:Name". */
    @Param({"fib", "calls", "loop_int", "loop_float", "table_array", "table_hash", "methods", "strings", "coro",
            "awfy:Richards", "awfy:DeltaBlue", "awfy:Json"})
    public String script;

    /** "mixed": warm the executor up on all local workloads first; "pure": this one only. */
    @Param({"mixed"})
    public String profile = "mixed";

    /**
     * The debugger's cost (issue 12): "off"; "attached" with nothing to watch; "exceptions",
     * the uncaught-errors filter on; "idle", a line breakpoint in a function that never runs and
     * the uncaught-errors filter on; "cond:N", a
     * never-true conditional breakpoint at line N of the workload (fib: 3, in the hot function).
     */
    @Param({"off"})
    public String debugger = "off";

    /** The local workloads, for the mixed profile. */
    static final String[] LOCAL = {"fib", "calls", "loop_int", "loop_float", "table_array", "table_hash",
                                   "methods", "strings", "coro"};

    private LuaThread L;
    private Object fn;

    @Setup
    public void load() throws Exception {
        if (profile.equals("mixed")) {
            for (String other : LOCAL) {
                LuaBench o = new LuaBench();
                o.script = other;
                o.profile = "pure";
                o.load();
                long t0 = System.nanoTime();
                while (System.nanoTime() - t0 < 200_000_000L) o.run();
            }
        }
        Path dir = Path.of(System.getProperty("moonstack.perf.lua", "perf/lua"));
        String file = script;
        String[] args = {};
        if (script.startsWith("awfy:")) {
            file = "awfy";
            args = new String[] {script.substring(5), System.getProperty("moonstack.awfy", "/work/shared/bench/awfy")};
        }
        boolean tier = !"off".equals(System.getProperty("moonstack.jit", "on"));   // the compiled tier (-Dmoonstack.jit=off)
        Lua lua = Lua.builder().stdout(OutputStream.nullOutputStream()).stderr(OutputStream.nullOutputStream())
                .ignoreEnvironment(true).compiledTier(tier).build();
        L = Runtimes.mainThread(lua);
        attachDebugger(lua, file);
        if (tier && Integer.getInteger("moonstack.jit.hotcall") != null) {
            dev.moonstack.jit.Jit.install(Runtimes.state(lua)).setThreshold(Integer.getInteger("moonstack.jit.hotcall"));
        }
        byte[] src = Files.readAllBytes(dir.resolve(file + ".lua"));
        LuaClosure chunk = Runtimes.loadClosure(lua, src, "@" + file + ".lua");
        int f = L.top();
        L.push(chunk, 0);
        for (String a : args) L.pushString(LuaString.of(a));
        L.call(f, 1);
        fn = L.ref(f);
        L.setTop(f);
        if (!Runtimes.isFunction(fn)) throw new IllegalStateException(file + ".lua did not return a function");
    }

    private void attachDebugger(Lua lua, String file) {
        if (debugger.equals("off")) return;
        dev.moonstack.debug.Debugger d = dev.moonstack.debug.Debugger.attach(lua);
        if (debugger.equals("idle")) {
            lua.call(lua.load("local function never()\n  return 1\nend", "@idle.lua"));
            d.setBreakpoints("@idle.lua", java.util.List.of(new dev.moonstack.debug.Breakpoint("@idle.lua", 2)));
            d.setExceptionBreakpoints(true, false);
        } else if (debugger.equals("exceptions")) {
            d.setExceptionBreakpoints(true, false);
        } else if (debugger.startsWith("cond:")) {
            String src = "@" + file + ".lua";
            int line = Integer.parseInt(debugger.substring(5));
            d.setBreakpoints(src, java.util.List.of(new dev.moonstack.debug.Breakpoint(src, line, "false", null, null)));
        } else if (!debugger.equals("attached")) {
            throw new IllegalArgumentException("debugger=" + debugger);
        }
    }

    /** One call of the workload's function; returns its result's payload (kept alive by JMH). */
    @Benchmark
    public long run() {
        LuaThread L = this.L;
        int f = L.top();
        L.push(fn, 0);
        L.call(f, 1);
        long result = L.num(f);
        L.setTop(f);
        return result;
    }
}
