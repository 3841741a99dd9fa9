package dev.moonstack.perf;

/**
 * A quick timing loop outside JMH, for experiments with JVM diagnostic flags
 * (-XX:+PrintCompilation, PrintAssembly): runs a perf/lua workload repeatedly and prints
 * the time of each batch, wall clock and thread CPU time (the CPU time is the steadier
 * number on a shared machine). Usage: {@code Run <script> [batches=20] [calls per batch=10]};
 * {@code -Dprofile=pure} skips the mixed warm-up (see {@link LuaBench#profile});
 * {@code -Ddebugger=attached|idle|cond:N} attaches the debugger (see {@link LuaBench#debugger}).
 */
public final class Run {
    private Run() {}

    public static void main(String[] args) throws Exception {
        LuaBench b = new LuaBench();
        b.script = args[0];
        b.profile = System.getProperty("profile", "mixed");
        b.debugger = System.getProperty("debugger", "off");
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        b.load();
        long sink = 0;
        StringBuilder out = new StringBuilder();     // printed at the end: keeps -XX:+PrintAssembly readable
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int j = 0; j < batches; j++) {
            long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
            for (int c = 0; c < calls; c++) sink += b.run();
            long c1 = mx.getCurrentThreadCpuTime(), t1 = System.nanoTime();
            out.append(String.format("%s: %.1f us/op cpu, %.1f us/op wall%n", args[0], (c1 - c0) / 1e3 / calls, (t1 - t0) / 1e3 / calls));
        }
        System.out.print(out);
        if (sink == 42) System.out.println();
    }
}
