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

    /**
     * main.lua tests the interpreter command itself and runs it again through the shell as
     * arg[-1] names it: it is run as the reference runs it, through the launcher the build
     * writes (target/moonstack), in user mode but without {@code _port}, which would make it
     * return at once.
     */
    static final String MAIN = "main.lua";
    static final Path LAUNCHER = Path.of("target/moonstack").toAbsolutePath();

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
        ProcessBuilder pb = file.equals(MAIN) ? new ProcessBuilder(LAUNCHER.toString(), "-e", "_U=true", file)
                : new ProcessBuilder(java, "-Xss16m", "-Xmx2g", "-Dmoonstack.check=" + mode,
                        "-cp", System.getProperty("java.class.path"),
                        "dev.moonstack.cli.Main", "-e", "_U=true _soft=true _port=true _nomsg=true", file);
        pb.directory(suite.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        if (!mode.isEmpty()) pb.environment().put("MOONSTACK_JAVA_OPTS", "-Dmoonstack.check=" + mode);
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

    /**
     * The first error line without the program name (the launcher's is its path), temporary
     * file names made stable; or else the last line of output.
     */
    private static String summary(java.util.List<String> lines, Status status) {
        if (status == Status.FAIL) {
            String prefix = "moonstack: ", launcher = LAUNCHER + ": ";
            for (String l : lines) {
                String rest = l.startsWith(prefix) ? l.substring(prefix.length()) : l.startsWith(launcher) ? l.substring(launcher.length()) : null;
                if (rest != null) return rest.replaceAll("lua_[0-9A-Za-z]{6,}", "lua_XXXXXX").trim();
            }
        }
        for (int i = lines.size() - 1; i >= 0; i--) if (!lines.get(i).isBlank()) return lines.get(i).trim();
        return "";
    }

    /** The official suite: -Dmoonstack.suite, else ../shared/conformance/lua-5.4.8-tests. */
    static File suiteDir() {
        String prop = System.getProperty("moonstack.suite");
        if (prop != null) return new File(prop);
        return new File("../shared/conformance/lua-5.4.8-tests");
    }
}
