package dev.moonstack.prof;

import dev.moonstack.vm.GlobalState;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sampling profiler's entry points for hosts and the command line: run something under
 * the sampler and write the samples in the format the file name asks for (moonstack
 * {@code --profile[=interval] --profile-out FILE}).
 */
public final class Profiles {
    private Profiles() {}

    /** The default sampling interval: 1 ms, as LuaJIT's jit.p (10 ms there) but finer. */
    public static final long DEFAULT_INTERVAL_MICROS = 1000;

    /**
     * Runs {@code body} on runtime {@code G} under the sampling profiler and writes the samples
     * to {@code out} (see {@link #write}), also when {@code body} throws. {@code interval} is
     * the value of {@code --profile=...} ({@link #parseInterval}; null: the default).
     */
    public static SampleSet runWithSampling(GlobalState G, String interval, Path out, Runnable body) throws IOException {
        SamplingProfiler p = SamplingProfiler.start(G, parseInterval(interval));
        SampleSet s = null;
        try {
            body.run();
        } finally {
            s = p.stop();
            write(s, out);
        }
        return s;
    }

    /**
     * "250us", "2ms", "2" (milliseconds), "0.5ms"; null or empty: the default. Returns microseconds.
     *
     * @throws IllegalArgumentException for anything else, or a value below 10 microseconds
     */
    public static long parseInterval(String s) {
        if (s == null || s.isEmpty()) return DEFAULT_INTERVAL_MICROS;
        String t = s.trim().toLowerCase();
        double scale = 1000;
        if (t.endsWith("us")) {
            scale = 1;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("ms")) {
            t = t.substring(0, t.length() - 2);
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad profiling interval '" + s + "' (use e.g. 1ms or 250us)");
        }
        long us = Math.round(v * scale);
        if (!(us >= 10)) throw new IllegalArgumentException("profiling interval '" + s + "' is below 10us");
        return us;
    }

    /**
     * Writes {@code s} to {@code out} by its extension: {@code .collapsed} or {@code .txt}
     * collapsed stacks, {@code .speedscope.json} (or {@code .json}) speedscope, {@code .svg}
     * an interactive flame graph.
     */
    public static void write(SampleSet s, Path out) throws IOException {
        char kind = format(out);
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            if (kind == 's') FlameGraphs.svg(s, "Moonstack flame graph: " + out.getFileName(), w);
            else if (kind == 'j') FlameGraphs.speedscope(s, out.getFileName().toString(), w);
            else FlameGraphs.collapsed(s, w);
        }
    }

    /**
     * The format of a profile file by its extension: 's' SVG, 'j' speedscope JSON, 'c'
     * collapsed stacks.
     *
     * @throws IllegalArgumentException for any other extension
     */
    public static char format(Path out) {
        String name = out.getFileName().toString().toLowerCase();
        if (name.endsWith(".svg")) return 's';
        if (name.endsWith(".json")) return 'j';
        if (name.endsWith(".collapsed") || name.endsWith(".txt")) return 'c';
        throw new IllegalArgumentException("unknown profile format '" + out.getFileName()
                + "': use .collapsed, .txt, .speedscope.json or .svg");
    }
}
