package dev.moonstack.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The debugger's cost (issue 12) on one workload, measured in one JVM: one runtime per
 * {@link LuaBench#debugger} mode, their batches interleaved round-robin so that the machine's
 * load drifts over all modes alike; prints each mode's median thread-CPU time per call and its
 * ratio to "off". Usage: {@code DebugCost <script> [rounds=40] [calls per batch=10] [modes=off,attached,exceptions,idle]}.
 */
public final class DebugCost {
    private DebugCost() {}

    public static void main(String[] args) throws Exception {
        String script = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String[] modes = (args.length > 3 ? args[3] : "off,attached,exceptions,idle").split(",");
        List<LuaBench> benches = new ArrayList<>();
        for (String m : modes) {
            LuaBench b = new LuaBench();
            b.script = script;
            b.profile = "pure";
            b.debugger = m;
            b.load();
            benches.add(b);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[][] t = new double[modes.length][rounds];
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < modes.length; i++) {
                long c0 = mx.getCurrentThreadCpuTime();
                for (int c = 0; c < calls; c++) sink += benches.get(i).run();
                t[i][r] = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / calls;
            }
        }
        double off = median(t[0], rounds / 2);
        for (int i = 0; i < modes.length; i++) {
            double m = median(t[i], rounds / 2);
            System.out.printf("%s debugger=%s: %.1f us/op cpu (median of the last %d rounds), %+.1f%% vs %s%n",
                    script, modes[i], m, rounds - rounds / 2, (m / off - 1) * 100, modes[0]);
        }
        if (sink == 42) System.out.println();
    }

    /** The median of {@code xs} from index {@code from} (the first rounds are warm-up). */
    private static double median(double[] xs, int from) {
        double[] s = Arrays.copyOfRange(xs, from, xs.length);
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
