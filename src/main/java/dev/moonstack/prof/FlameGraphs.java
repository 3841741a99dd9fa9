package dev.moonstack.prof;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outputs of the sampling profiler: Brendan Gregg's collapsed stacks, a speedscope
 * "sampled" profile, and a self-contained interactive SVG flame graph (after
 * brendangregg/FlameGraph's flamegraph.pl and jlfwong/speedscope's file format).
 */
public final class FlameGraphs {
    private FlameGraphs() {}

    /** "root;...;leaf count" lines: root first, exactly one space before an integer count. */
    public static void collapsed(SampleSet s, Appendable out) throws IOException {
        for (Map.Entry<List<String>, Long> e : s.counts.entrySet()) {
            out.append(String.join(";", e.getKey())).append(' ').append(Long.toString(e.getValue())).append('\n');
        }
    }

    /**
     * speedscope's file format (https://www.speedscope.app/file-format-schema.json): one
     * "sampled" profile, one sample per distinct stack weighted by its count times the
     * interval, in microseconds; or by its bytes, in unit "bytes", for an allocation profile.
     */
    public static void speedscope(SampleSet s, String name, Appendable out) throws IOException {
        Map<String, Integer> index = new LinkedHashMap<>();
        StringBuilder samples = new StringBuilder(), weights = new StringBuilder();
        long end = 0;
        for (Map.Entry<List<String>, Long> e : s.counts.entrySet()) {
            if (samples.length() > 0) {
                samples.append(',');
                weights.append(',');
            }
            samples.append('[');
            List<String> stack = e.getKey();
            for (int i = 0; i < stack.size(); i++) {
                if (i > 0) samples.append(',');
                samples.append(index.computeIfAbsent(stack.get(i), k -> index.size()));
            }
            samples.append(']');
            long w = s.isBytes() ? e.getValue() : e.getValue() * s.intervalMicros;
            weights.append(w);
            end += w;
        }
        out.append("{\"$schema\":\"https://www.speedscope.app/file-format-schema.json\",\"shared\":{\"frames\":[");
        boolean first = true;
        for (String f : index.keySet()) {
            if (!first) out.append(',');
            first = false;
            out.append("{\"name\":").append(json(f)).append('}');
        }
        out.append("]},\"profiles\":[{\"type\":\"sampled\",\"name\":").append(json(name))
                .append(",\"unit\":\"").append(s.isBytes() ? "bytes" : "microseconds")
                .append("\",\"startValue\":0,\"endValue\":").append(Long.toString(end))
                .append(",\"samples\":[").append(samples).append("],\"weights\":[").append(weights)
                .append("]}],\"name\":").append(json(name))
                .append(",\"activeProfileIndex\":0,\"exporter\":\"moonstack\"}\n");
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** A node of the merged call tree: children sorted by name, as flamegraph.pl sorts them. */
    static final class Node {
        final String name;
        long count;
        final TreeMap<String, Node> children = new TreeMap<>();

        Node(String name) { this.name = name; }
    }

    static Node tree(SampleSet s) {
        Node root = new Node("all");
        for (Map.Entry<List<String>, Long> e : s.counts.entrySet()) {
            Node n = root;
            n.count += e.getValue();
            for (String f : e.getKey()) {
                n = n.children.computeIfAbsent(f, Node::new);
                n.count += e.getValue();
            }
        }
        return root;
    }

    static int depth(Node n) {
        int d = 0;
        for (Node c : n.children.values()) d = Math.max(d, depth(c));
        return d + 1;
    }

    /** The interactive SVG flame graph (see {@link FlameSvg}). */
    public static void svg(SampleSet s, String title, Appendable out) throws IOException {
        FlameSvg.write(tree(s), title, s.isBytes() ? "bytes" : "samples", out);
    }

    /** Frames of the tree in drawing order, for tests: "name count" per frame. */
    static List<String> frames(Node n) {
        List<String> out = new ArrayList<>();
        out.add(n.name + " " + n.count);
        for (Node c : n.children.values()) out.addAll(frames(c));
        return out;
    }
}
