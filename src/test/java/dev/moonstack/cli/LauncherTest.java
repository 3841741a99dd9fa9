package dev.moonstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers the build writes next to the jar, target/moonstack and target/moonstackc (from
 * src/main/launcher): the program name they pass, their use from PATH through a symbolic link,
 * the compiler entry, and Ctrl-C reaching a script that a shell script runs in the background.
 */
class LauncherTest {
    static final Path LAUNCHER = Path.of("target/moonstack").toAbsolutePath();
    static final Path COMPILER = Path.of("target/moonstackc").toAbsolutePath();

    @TempDir
    Path dir;

    @BeforeAll
    static void launchersBuilt() {
        Assumptions.assumeTrue(Files.isExecutable(LAUNCHER) && Files.isExecutable(COMPILER),
                "no launcher at " + LAUNCHER + " (the build writes it at process-classes: mvn process-classes); skipping");
    }

    /** Runs a command (sh -c when {@code shell}) in the temporary folder with PATH starting there. */
    CliTest.Result sh(String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).directory(dir.toFile());
        pb.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        pb.environment().remove("LUA_INIT");
        pb.environment().remove("LUA_INIT_5_4");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes(), err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new CliTest.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheVersionBanner() throws Exception {
        CliTest.Result r = sh("'" + LAUNCHER + "' -v");
        assertEquals(0, r.status(), r.err());
        assertEquals(Main.VERSION + "\n", r.out());
        assertTrue(r.out().endsWith("PUC-Rio\n"), "main.lua looks for \"PUC-Rio\\nhello\" after -v -e");
    }

    /** lua.c's progname is argv[0] as typed: the full path here, in messages and at arg[-1]. */
    @Test
    void passesItsPathAsTheProgramName() throws Exception {
        CliTest.Result r = sh("'" + LAUNCHER + "' -e 'print(arg[0])' -e 'error(\"boom\")'");
        assertEquals(1, r.status());
        assertEquals(LAUNCHER + "\n", r.out());
        assertTrue(r.err().startsWith(LAUNCHER + ": (command line):1: boom\n"), r.err());
    }

    /** Linked onto PATH, it is "moonstack" as lua is "lua"; the link is followed to the jar. */
    @Test
    void runsFromPathThroughASymbolicLink() throws Exception {
        Files.createSymbolicLink(dir.resolve("moonstack"), LAUNCHER);
        Files.writeString(dir.resolve("s.lua"), "print(arg[-1], arg[0], ...) error('x')\n");
        CliTest.Result r = sh("moonstack s.lua a b");
        assertEquals("moonstack\ts.lua\ta\tb\n", r.out());
        assertEquals("moonstack: s.lua:1: x\nstack traceback:\n\t[C]: in function 'error'\n"
                + "\ts.lua:1: in main chunk\n\t[C]: in ?\n", r.err());
        CliTest.Result usage = sh("moonstack -x");
        assertTrue(usage.err().startsWith("moonstack: unrecognized option '-x'\nusage: moonstack [options]"), usage.err());
    }

    /** The compiler entry: luac's -o, and the chunk runs in lua5.4 (when installed) and here. */
    @Test
    void compilerWritesABinaryChunk() throws Exception {
        Files.writeString(dir.resolve("a.lua"), "print('from a', ...)\n");
        Files.writeString(dir.resolve("b.lua"), "print('from b')\n");
        Files.createSymbolicLink(dir.resolve("moonstackc"), COMPILER);
        CliTest.Result c = sh("moonstackc -o ab.luac a.lua b.lua && moonstackc -s a.lua && '" + LAUNCHER + "' ab.luac x");
        assertEquals(0, c.status(), c.err());
        assertEquals("from a\nfrom b\n", c.out());
        assertTrue(Files.size(dir.resolve("luac.out")) < Files.size(dir.resolve("ab.luac")), "-s strips");
        if (CliTest.referenceAvailable()) assertEquals("from a\nfrom b\n", sh("lua5.4 ab.luac").out());
    }

    /**
     * Ctrl-C: a shell script's background job starts with SIGINT ignored; lua.c handles it
     * anyway, and so does the launcher. The script stops with lua's message and status.
     */
    @Test
    void ctrlCStopsABackgroundScript() throws Exception {
        List<String> lines = interrupted("'" + LAUNCHER + "'");
        assertEquals(List.of("12", LAUNCHER + ": interrupted!", "stack traceback:",
                "\t(command line):1: in main chunk", "\t[C]: in ?", "rc=1"), lines);
        if (CliTest.referenceAvailable()) {
            assertEquals(List.of("12", "lua5.4: interrupted!", "stack traceback:",
                    "\t(command line):1: in main chunk", "\t[C]: in ?", "rc=1"), interrupted("lua5.4"));
        }
    }

    /** Runs {@code cmd} in the background of a shell script, sends SIGINT once it printed 12. */
    private List<String> interrupted(String cmd) throws Exception {
        String script = cmd + " -e 'print(12) io.stdout:flush() while true do end' 2>&1 & echo $!; wait $!; echo rc=$?";
        Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = in.readLine(), second = in.readLine();   // the pid and 12, in either order
            String pid = first.equals("12") ? second : first;
            assertEquals("12", first.equals("12") ? first : second);
            lines.add("12");
            Thread.sleep(300);                 // into the loop (lua5.4 could still be returning from print)
            assertEquals(0, new ProcessBuilder("sh", "-c", "kill -INT " + pid).start().waitFor());
            for (String l; (l = in.readLine()) != null; ) lines.add(l);
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return lines;
    }
}
