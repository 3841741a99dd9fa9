package dev.moonstack.prof;

import java.io.IOException;

/**
 * A self-contained interactive SVG flame graph: root at the bottom, width by samples, the
 * details of the frame under the pointer at the foot, and a search that highlights matching
 * frames and gives their share (after brendangregg/FlameGraph's flamegraph.pl; our own code).
 */
final class FlameSvg {
    private FlameSvg() {}

    static final int WIDTH = 1200, ROW = 16, TOP = 40, FOOT = 30;

    static void write(FlameGraphs.Node root, String title, String unit, Appendable out) throws IOException {
        int rows = FlameGraphs.depth(root);
        int height = TOP + rows * ROW + FOOT;
        out.append("<?xml version=\"1.0\" standalone=\"no\"?>\n")
           .append("<svg version=\"1.1\" width=\"").append(Integer.toString(WIDTH)).append("\" height=\"")
           .append(Integer.toString(height)).append("\" viewBox=\"0 0 ").append(Integer.toString(WIDTH)).append(' ')
           .append(Integer.toString(height)).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n")
           .append("<style>text{font:12px Verdana,sans-serif}rect.f{stroke:#fff;stroke-width:0.5}g.fr:hover rect{stroke:#000}")
           .append("rect.hit{fill:#e040e0 !important}</style>\n")
           .append("<rect width=\"100%\" height=\"100%\" fill=\"#f8f8f0\"/>\n")
           .append("<text x=\"").append(Integer.toString(WIDTH / 2)).append("\" y=\"20\" text-anchor=\"middle\" style=\"font-size:16px\">")
           .append(esc(title)).append("</text>\n")
           .append("<text id=\"search\" x=\"").append(Integer.toString(WIDTH - 10))
           .append("\" y=\"20\" text-anchor=\"end\" style=\"cursor:pointer\" onclick=\"search()\">Search</text>\n")
           .append("<text id=\"matched\" x=\"").append(Integer.toString(WIDTH - 10)).append("\" y=\"")
           .append(Integer.toString(height - 10)).append("\" text-anchor=\"end\"></text>\n")
           .append("<text id=\"details\" x=\"10\" y=\"").append(Integer.toString(height - 10)).append("\"> </text>\n");
        frame(root, 0, 0, (double) (WIDTH - 20) / Math.max(1, root.count), root.count, height - FOOT, unit, out);
        out.append(SCRIPT).append("</svg>\n");
    }

    /** Draws {@code n} at sample offset {@code x0} and row {@code row}, then its children above it. */
    private static void frame(FlameGraphs.Node n, long x0, int row, double scale, long total, int base, String unit,
            Appendable out)
            throws IOException {
        double x = 10 + x0 * scale, w = n.count * scale;
        if (w < 0.1) return;
        int y = base - (row + 1) * ROW;
        String info = n.name + " (" + n.count + " " + unit + ", " + String.format("%.2f", 100.0 * n.count / total) + "%)";
        out.append("<g class=\"fr\" onmouseover=\"s(this)\" onmouseout=\"c()\"><title>").append(esc(info)).append("</title>")
           .append("<rect class=\"f\" x=\"").append(fmt(x)).append("\" y=\"").append(Integer.toString(y))
           .append("\" width=\"").append(fmt(w)).append("\" height=\"").append(Integer.toString(ROW - 1))
           .append("\" fill=\"").append(color(n.name)).append("\" data-n=\"").append(Long.toString(n.count)).append("\"/>");
        int chars = (int) (w / 7);
        if (chars >= 3) {
            String label = n.name.length() <= chars ? n.name : n.name.substring(0, Math.max(0, chars - 2)) + "..";
            out.append("<text x=\"").append(fmt(x + 3)).append("\" y=\"").append(Integer.toString(y + ROW - 4))
               .append("\">").append(esc(label)).append("</text>");
        }
        out.append("</g>\n");
        long cx = x0;
        for (FlameGraphs.Node c : n.children.values()) {
            frame(c, cx, row + 1, scale, total, base, unit, out);
            cx += c.count;
        }
    }

    /** Warm colours from the name, so a function keeps its colour; builtins bluish. */
    private static String color(String name) {
        int h = name.hashCode();
        if (name.endsWith("(builtin)")) return "rgb(" + (80 + (h & 31)) + "," + (150 + (h >>> 5 & 31)) + ",220)";
        return "rgb(" + (205 + (h & 49)) + "," + (80 + (h >>> 6 & 127)) + "," + (40 + (h >>> 13 & 40)) + ")";
    }

    private static String fmt(double d) { return String.format(java.util.Locale.ROOT, "%.2f", d); }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Hover shows the frame's details at the foot; Search highlights frames matching a regular expression. */
    private static final String SCRIPT = "<script type=\"text/ecmascript\"><![CDATA[\n"
            + "var details = document.getElementById('details'), matched = document.getElementById('matched');\n"
            + "function s(g) { details.textContent = g.getElementsByTagName('title')[0].textContent; }\n"
            + "function c() { details.textContent = ' '; }\n"
            + "function search() {\n"
            + "  var term = prompt('Search for (regular expression):', '');\n"
            + "  var gs = document.getElementsByTagName('g'), all = 0, spans = [], re = term ? new RegExp(term) : null;\n"
            + "  for (var i = 0; i < gs.length; i++) {\n"
            + "    var r = gs[i].getElementsByTagName('rect')[0], t = gs[i].getElementsByTagName('title')[0].textContent;\n"
            + "    var name = t.replace(/ \\(\\d+ (samples|bytes).*$/, ''), x = +r.getAttribute('x'), w = +r.getAttribute('width');\n"
            + "    if (name === 'all') all = w;\n"
            + "    var on = re !== null && re.test(name);\n"
            + "    r.setAttribute('class', on ? 'f hit' : 'f');\n"
            + "    if (on) spans.push([x, x + w]);\n"
            + "  }\n"
            + "  spans.sort(function (a, b) { return a[0] - b[0]; });\n"
            + "  var covered = 0, end = -1;\n"   // a match inside a match counts once: merge the spans
            + "  for (var j = 0; j < spans.length; j++) {\n"
            + "    var a = Math.max(spans[j][0], end);\n"
            + "    if (spans[j][1] > a) { covered += spans[j][1] - a; end = spans[j][1]; }\n"
            + "  }\n"
            + "  matched.textContent = re ? 'Matched: ' + (all ? (100 * covered / all).toFixed(1) : 0) + '%' : '';\n"
            + "}\n"
            + "]]></script>\n";
}
