package dev.moonstack.conformance;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs one file of the official Lua test suite as the reference is run in user mode: a fresh
 * interpreter process whose working directory is the suite folder, with {@code _U}, {@code _soft},
 * {@code _port} and {@code _nomsg} set before the file runs.
 */
final class SuiteRun {
    enum Status { PASS, FAIL, TIMEOUT }

    final String file;
    Status status;
    /** First line of the error for a failure, or the last line of output. */
    String detail = "";
    long millis;

    SuiteRun(String file) { this.file = file; }

    static SuiteRun run(Path suite, String file, int timeoutSeconds) throws IOException, InterruptedException {
        return run(suite, file, timeoutSeconds, "");
    }

    /** As above, in one of the CLI's checking modes ({@code moonstack.check}; "" for none). */
    static SuiteRun run(Path suite, String file, int timeoutSeconds, String mode) throws IOException, InterruptedException {
        SuiteRun r = new SuiteRun(file);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("conformance-" + file, ".log");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xss16m", "-Xmx2g", "-Dmoonstack.check=" + mode,
                "-cp", System.getProperty("java.class.path"),
                "dev.moonstack.cli.Main", "-e", "_U=true _soft=true _port=true _nomsg=true", file)
                .directory(suite.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("LUA_INIT");
        pb.environment().remove("LUA_INIT_5_4");
        long t0 = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        r.millis = (System.nanoTime() - t0) / 1_000_000;
        if (!done) {
            p.destroyForcibly().waitFor();
            r.status = Status.TIMEOUT;
            r.detail = "no result after " + timeoutSeconds + " s";
        } else {
            r.status = p.exitValue() == 0 ? Status.PASS : Status.FAIL;
            r.detail = summary(Files.readAllLines(log, StandardCharsets.ISO_8859_1), r.status);
        }
        Files.deleteIfExists(log);
        return r;
    }

    private static String summary(java.util.List<String> lines, Status status) {
        if (status == Status.FAIL) {
            for (String l : lines) if (l.startsWith("moonstack: ")) return l.substring(11).trim();
        }
        for (int i = lines.size() - 1; i >= 0; i--) if (!lines.get(i).isBlank()) return lines.get(i).trim();
        return "";
    }

    static File suiteDir() {
        String prop = System.getProperty("moonstack.suite");
        if (prop != null) return new File(prop);
        return new File("../shared/conformance/lua-5.4.8-tests");
    }
}
