package dev.moonstack.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs binlib_harness.lua (cases for string.pack/unpack/packsize and utf8, one a line) in the
 * reference interpreter, one process for all cases, and in Moonstack, one runtime for all
 * cases, and compares their output lines. The reference is {@code lua5.4} or the interpreter
 * named by the system property {@code moonstack.lua} (e.g. a build of 5.4.8).
 */
public final class LibHarness {
    private LibHarness() {}

    static final String REFERENCE = System.getProperty("moonstack.lua", "lua5.4");
    static final Path HARNESS = Path.of("src/test/resources/lua/binlib_harness.lua");
    private static final HexFormat HEX = HexFormat.of();

    // ---------------------------------------------------------------- argument encoding

    public static String i(long v) { return "i" + v; }

    /** A float argument: hexadecimal numerals keep every bit; NaNs keep their sign. */
    public static String f(double v) {
        if (Double.isNaN(v)) return Double.doubleToRawLongBits(v) < 0 ? "f-nan" : "fnan";
        if (Double.isInfinite(v)) return v > 0 ? "finf" : "f-inf";
        return "f" + Double.toHexString(v);
    }

    public static String s(byte[] b) { return "s" + HEX.formatHex(b); }

    /** A string argument from chars 0..255, one byte each. */
    public static String s(CharSequence latin1) { return s(latin1.toString().getBytes(StandardCharsets.ISO_8859_1)); }

    public static String bool(boolean b) { return b ? "t" : "F"; }

    public static final String NIL = "n";

    /** A case line: the function name, then its encoded arguments. */
    public static String line(String fn, List<String> args) {
        return args.isEmpty() ? fn : fn + "\t" + String.join("\t", args);
    }

    // ---------------------------------------------------------------- running

    /** Skips the calling test when the reference interpreter cannot be run. */
    public static void requireReference() {
        boolean ok;
        try {
            Process p = new ProcessBuilder(REFERENCE, "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            ok = false;
        }
        Assumptions.assumeTrue(ok, REFERENCE + " is not installed: differential test skipped");
    }

    /** The harness output of the reference for the cases, a line each. */
    public static List<String> reference(List<String> cases) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("moonstack-binlib");
        try {
            Path input = writeCases(dir, cases);
            Process p = new ProcessBuilder(REFERENCE, HARNESS.toString(), input.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), REFERENCE + " timed out");
            assertEquals(0, p.exitValue(), REFERENCE + " failed on the harness");
            return out.lines().toList();
        } finally {
            deleteAll(dir);
        }
    }

    /** The harness output of Moonstack for the cases, a line each. */
    public static List<String> moonstack(List<String> cases) throws IOException {
        Path dir = Files.createTempDirectory("moonstack-binlib");
        try {
            Path input = writeCases(dir, cases);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Lua lua = new Lua(out, new ByteArrayOutputStream(), true);
            LuaTable arg = new LuaTable();
            arg.setInt(0, LuaString.of(HARNESS.toString()), 0);
            arg.setInt(1, LuaString.of(input.toString()), 0);
            Runtimes.state(lua).globals.setStr(LuaString.of("arg"), arg, 0);
            Runtimes.callRaw(lua, Runtimes.loadFileClosure(lua, HARNESS.toString()));
            lua.flush();
            return out.toString(StandardCharsets.ISO_8859_1).lines().toList();
        } finally {
            deleteAll(dir);
        }
    }

    /** Runs the cases on both sides and fails, listing the first differences, if any line differs. */
    public static void assertSameAsReference(List<String> cases) throws IOException, InterruptedException {
        requireReference();
        List<String> expected = reference(cases);
        List<String> got = moonstack(cases);
        assertEquals(cases.size(), expected.size(), "the reference printed a line per case");
        assertEquals(cases.size(), got.size(), "Moonstack printed a line per case");
        List<String> diffs = new ArrayList<>();
        for (int k = 0; k < cases.size(); k++) {
            if (!expected.get(k).equals(got.get(k))) {
                diffs.add(clip(cases.get(k)) + "\n  ref:  " + clip(expected.get(k)) + "\n  ours: " + clip(got.get(k)));
            }
        }
        if (!diffs.isEmpty()) {
            fail(diffs.size() + " of " + cases.size() + " cases differ; first ones:\n"
                + String.join("\n", diffs.subList(0, Math.min(15, diffs.size()))));
        }
    }

    private static Path writeCases(Path dir, List<String> cases) throws IOException {
        Path input = dir.resolve("cases.txt");
        Files.writeString(input, String.join("\n", cases) + "\n", StandardCharsets.ISO_8859_1);
        return input;
    }

    private static void deleteAll(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(dir);
    }

    static String clip(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
    }
}
