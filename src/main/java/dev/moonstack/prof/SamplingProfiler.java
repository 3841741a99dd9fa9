package dev.moonstack.prof;

import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.Interrupts;
import dev.moonstack.vm.LuaThread;
import dev.moonstack.vm.Samples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The sampling profiler: a timer thread asks for a sample every interval, and the executor's
 * interrupt slow path records the running coroutine's stack at its next poll (LuaJIT: jit.p
 * and jit.profile; Tarantool: sysprof). Stacks are counted as they come; see
 * {@link FlameGraphs} for the outputs.
 */
public final class SamplingProfiler implements Samples.Sampler {
    private final Interrupts interrupts;
    private final long intervalMicros;
    private final Map<List<String>, long[]> counts = new LinkedHashMap<>();
    private final Thread timer;
    private volatile boolean running = true;

    private SamplingProfiler(GlobalState G, long intervalMicros) {
        this.interrupts = G.interrupts;
        this.intervalMicros = intervalMicros;
        this.timer = new Thread(this::tick, "moonstack-sampler");
        timer.setDaemon(true);
    }

    /**
     * Starts sampling runtime {@code G} every {@code intervalMicros}. Call on the runtime's
     * thread while no script runs (the sampler is installed in its interrupt path).
     */
    public static SamplingProfiler start(GlobalState G, long intervalMicros) {
        if (intervalMicros <= 0) throw new IllegalArgumentException("sampling interval must be positive");
        SamplingProfiler p = new SamplingProfiler(G, intervalMicros);
        G.interrupts.setSampler(p);
        p.timer.start();
        return p;
    }

    /** The timer: sets the flag every interval; the executor does the rest. */
    private void tick() {
        long next = System.nanoTime();
        while (running) {
            next += intervalMicros * 1000;
            long wait = next - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            else next = System.nanoTime();           // fell behind (a loaded machine): no burst
            interrupts.requestSample();
        }
    }

    /** From the slow path, on the runtime's thread. */
    @Override public void sample(LuaThread L) {
        counts.computeIfAbsent(Samples.stack(L), k -> new long[1])[0]++;
    }

    /** Whether {@link #stop} has not been called yet. */
    public boolean isRunning() { return running; }

    /** Stops sampling (on the runtime's thread) and returns the samples. */
    public SampleSet stop() {
        running = false;
        LockSupport.unpark(timer);
        try {
            timer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        interrupts.setSampler(null);
        Map<List<String>, Long> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k, v[0]));
        return new SampleSet(out, intervalMicros);
    }
}
