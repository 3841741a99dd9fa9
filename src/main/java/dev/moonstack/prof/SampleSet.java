package dev.moonstack.prof;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The result of a sampling run: each distinct stack (root first) with its number of samples;
 * or, from memprof, each allocating stack with its bytes ({@link #intervalMicros} 0).
 */
public final class SampleSet {
    /** Stacks, root first, in the order first seen, with their sample counts. */
    public final Map<List<String>, Long> counts;
    /** The interval the timer asked for samples at; 0 when the counts are bytes allocated. */
    public final long intervalMicros;

    SampleSet(Map<List<String>, Long> counts, long intervalMicros) {
        this.counts = Collections.unmodifiableMap(counts);
        this.intervalMicros = intervalMicros;
    }

    /** Whether the counts are bytes (an allocation profile) rather than samples. */
    public boolean isBytes() { return intervalMicros == 0; }

    public long total() {
        long n = 0;
        for (long c : counts.values()) n += c;
        return n;
    }

    /** Samples whose stack contains a frame for which {@code frame} is a prefix of its name. */
    public long containing(String frame) {
        long n = 0;
        for (Map.Entry<List<String>, Long> e : counts.entrySet()) {
            if (e.getKey().stream().anyMatch(f -> f.startsWith(frame))) n += e.getValue();
        }
        return n;
    }
}
