package dev.moonstack.value;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the reference {@code lua5.4} on a script and a data file, for differential tests. */
public final class LuaOracle {
    private LuaOracle() {}

    private static final String LUA = "lua5.4";

    /** The path of lua5.4 on PATH, or null. */
    public static String find() {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, LUA);
            if (f.canExecute()) return f.getPath();
        }
        return null;
    }

    /** Skips the calling test (JUnit assumption) when lua5.4 is not installed. */
    public static String require() {
        String lua = find();
        Assumptions.assumeTrue(lua != null, "lua5.4 is not installed: differential test skipped");
        return lua;
    }

    /**
     * Runs {@code script} with the data file path as {@code arg[1]} and returns its standard
     * output; fails on a non-zero exit status.
     */
    public static byte[] run(String script, byte[] data) throws IOException, InterruptedException {
        String lua = require();
        Path dir = Files.createTempDirectory("moonstack-oracle");
        try {
            Path s = dir.resolve("script.lua"), d = dir.resolve("data.txt");
            Files.write(s, script.getBytes(StandardCharsets.UTF_8));
            Files.write(d, data);
            Process p = new ProcessBuilder(lua, s.toString(), d.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            byte[] out = readAll(p.getInputStream());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("lua5.4 timed out");
            }
            if (p.exitValue() != 0) throw new IOException("lua5.4 exited with " + p.exitValue());
            return out;
        } finally {
            for (File f : dir.toFile().listFiles()) f.delete();
            dir.toFile().delete();
        }
    }

    /** {@link #run} with the output split into lines (the output must not contain newlines otherwise). */
    public static List<byte[]> runLines(String script, byte[] data) throws IOException, InterruptedException {
        byte[] out = run(script, data);
        List<byte[]> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(out, from, i));
                from = i + 1;
            }
        }
        if (from < out.length) lines.add(java.util.Arrays.copyOfRange(out, from, out.length));
        return lines;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        byte[] b = new byte[1 << 16];
        for (int n; (n = in.read(b)) > 0;) bo.write(b, 0, n);
        return bo.toByteArray();
    }

    /** Bytes as a readable Java string: printable ASCII as is, the rest as \xHH. */
    public static String show(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xFF;
            if (c >= 32 && c < 127 && c != '\\') sb.append((char) c);
            else sb.append(String.format("\\x%02x", c));
        }
        return sb.toString();
    }
}
