package dev.moonstack.dap;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The end-to-end check of {@code moonstack --dap} with a real third-party client: Microsoft's
 * DebugClient (npm {@code @vscode/debugadapter-testsupport} 1.68.0) drives the build's launcher
 * through the sessions of editors/dap-e2e/test (node's test runner). Skips with a message where
 * node or npm is missing, or where the pinned packages cannot be installed.
 */
class DapEndToEndTest {
    static final Path DIR = Path.of("editors/dap-e2e").toAbsolutePath();
    static final Path LAUNCHER = Path.of("target/moonstack").toAbsolutePath();
    /** The sessions of test/session.test.js (10) and test/attach.test.js (2). */
    static final int SESSIONS = 12;

    @Test
    void debugClientSessions() throws Exception {
        assumeTrue(works("node", "--version"), "node is not installed: the DAP end-to-end test needs it (.ci/run installs it)");
        assumeTrue(works("npm", "--version"), "npm is not installed: the DAP end-to-end test needs it (.ci/run installs it)");
        assertTrue(Files.isExecutable(LAUNCHER), "no launcher " + LAUNCHER + " (made when the classes are compiled)");
        if (!Files.isDirectory(DIR.resolve("node_modules/@vscode/debugadapter-testsupport"))) {
            Result ci = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            assumeTrue(ci.code == 0, "npm ci could not install the pinned test client (offline?):\n" + ci.output);
        }
        Result r = run(List.of("node", "--test", "--test-concurrency=1", "test/"), 600);
        assertEquals(0, r.code, "DebugClient sessions failed:\n" + r.output);
        assertEquals(SESSIONS, count(r.output, "# pass (\\d+)"), "sessions passed:\n" + r.output);
        assertEquals(0, count(r.output, "# fail (\\d+)"), r.output);
    }

    private record Result(int code, String output) {}

    private static Result run(List<String> cmd, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(DIR.toFile()).redirectErrorStream(true);
        pb.environment().put("MOONSTACK", LAUNCHER.toString());
        Path log = Files.createTempFile("dap-e2e", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (!done) return new Result(-1, "timed out after " + seconds + " s\n" + out);
            return new Result(p.exitValue(), out);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    private static boolean works(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static int count(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
