package dev.moonstack.code;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference listings: runs the installed {@code luac5.4} (or the luac named by the system
 * property {@code moonstack.luac}, e.g. one built from Lua 5.4.8) and normalises listings for
 * comparison.
 */
final class LuacReference {
    private LuacReference() {}

    static final String LUAC = System.getProperty("moonstack.luac", "luac5.4");
    /** What error reports start with, in place of luac's argv[0]. */
    static final String PROGNAME = "luac";
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]+");
    private static final Pattern VERSION = Pattern.compile("Lua (\\d+)\\.(\\d+)\\.(\\d+)");
    /** The reference's release number (5.4.4 gives 4), or -1 when it cannot be run. */
    private static Integer release;

    /** True if the reference luac can be run. */
    static boolean available() { return release() >= 0; }

    /**
     * True if the reference has the code-generation fixes of Lua 5.4.8 (see {@link
     * CodegenFixes}), so that our listings must equal its listings exactly.
     */
    static boolean hasFixes548() { return release() >= 8; }

    private static synchronized int release() {
        if (release == null) {
            release = -1;
            try {
                Process p = new ProcessBuilder(LUAC, "-v").redirectErrorStream(true).start();
                String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                Matcher m = VERSION.matcher(v);
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && m.find()
                        && m.group(1).equals("5") && m.group(2).equals("4")) {
                    release = Integer.parseInt(m.group(3));
                }
            } catch (IOException | InterruptedException e) {
                release = -1;
            }
        }
        return release;
    }

    /**
     * {@code luac -l -l -o /dev/null file}: the full listing, or luac's error message with
     * {@link #PROGNAME} as program name.
     */
    static String listing(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(LUAC, "-l", "-l", "-o", "/dev/null", file.toString())
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor();
        String listing = new String(out, StandardCharsets.ISO_8859_1);
        return listing.startsWith(LUAC + ": ") ? PROGNAME + listing.substring(LUAC.length()) : listing;
    }

    /**
     * Replaces every address ({@code 0x...}, luac's pointers or the Disassembler's stand-ins)
     * by {@code ADDR<n>}, numbered in order of first appearance.
     */
    static String normalize(String listing) {
        Matcher m = ADDRESS.matcher(listing);
        Map<String, String> names = new HashMap<>();
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String r = names.computeIfAbsent(m.group(), k -> "ADDR" + names.size());
            m.appendReplacement(sb, r);
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Source bytes as luaL_loadfile sees them: a first line starting with '#' is blanked. */
    static byte[] loadSource(Path file) throws IOException {
        byte[] src = Files.readAllBytes(file);
        if (src.length > 0 && src[0] == '#') {
            for (int i = 0; i < src.length && src[i] != '\n'; i++) src[i] = ' ';
        }
        return src;
    }

    /** A short report of the first differing lines of two listings. */
    static String firstDifferences(String expected, String actual, int max) {
        String[] el = expected.split("\n", -1), al = actual.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < Math.max(el.length, al.length) && shown < max; i++) {
            String x = i < el.length ? el[i] : "<none>", y = i < al.length ? al[i] : "<none>";
            if (!x.equals(y)) {
                sb.append("line ").append(i + 1).append("\n  luac: ").append(x).append("\n  ours: ").append(y).append('\n');
                shown++;
            }
        }
        return sb.toString();
    }
}
