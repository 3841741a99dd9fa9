package dev.moonstack.prof;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open and close events of one instrumenting profile, written as a speedscope "evented"
 * profile: a timeline with one open and one close per call (jlfwong/speedscope's file
 * format; LuaVela's iprof has no timeline).
 */
public final class Timeline {
    private final Map<String, Integer> frames = new LinkedHashMap<>();
    private final List<long[]> events = new ArrayList<>();     // {0 open / 1 close, at, frame}
    private long last = Long.MIN_VALUE;

    void open(String name, long at) { add(0, name, at); }

    void close(String name, long at) { add(1, name, at); }

    /** Times only go forward: a compensated clock may step back by a fraction of a clock read. */
    private void add(int kind, String name, long at) {
        last = Math.max(last, at);
        events.add(new long[] {kind, last, frames.computeIfAbsent(name, k -> frames.size())});
    }

    /** Open plus close events recorded so far. */
    public int size() { return events.size(); }

    /** The speedscope file: frames, then one evented profile in nanoseconds from the first event. */
    public void speedscope(String name, Appendable out) throws IOException {
        long start = events.isEmpty() ? 0 : events.get(0)[1], end = events.isEmpty() ? 0 : last;
        out.append("{\"$schema\":\"https://www.speedscope.app/file-format-schema.json\",\"shared\":{\"frames\":[");
        boolean first = true;
        for (String f : frames.keySet()) {
            if (!first) out.append(',');
            first = false;
            out.append("{\"name\":").append(FlameGraphs.json(f)).append('}');
        }
        out.append("]},\"profiles\":[{\"type\":\"evented\",\"name\":").append(FlameGraphs.json(name))
           .append(",\"unit\":\"nanoseconds\",\"startValue\":0,\"endValue\":").append(Long.toString(end - start))
           .append(",\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            long[] e = events.get(i);
            if (i > 0) out.append(',');
            out.append("{\"type\":\"").append(e[0] == 0 ? 'O' : 'C').append("\",\"at\":")
               .append(Long.toString(e[1] - start)).append(",\"frame\":").append(Long.toString(e[2])).append('}');
        }
        out.append("]}],\"name\":").append(FlameGraphs.json(name)).append(",\"exporter\":\"moonstack\"}\n");
    }
}
