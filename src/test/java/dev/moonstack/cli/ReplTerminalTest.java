package dev.moonstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL on a real terminal: the launcher runs in a tmux pane (a pseudo-terminal), keys are
 * sent with send-keys and the screen is read with capture-pane. Covers the line editor (JLine):
 * expressions printed, history recalled with Up and kept in ~/.moonstack_history, Ctrl-C
 * abandoning a line and interrupting a running statement, Ctrl-D ending the session.
 */
class ReplTerminalTest {
    private final String socket = "moonstack-test-" + UUID.randomUUID();

    @TempDir
    Path home;

    @BeforeEach
    void tmuxAndLauncher() {
        Assumptions.assumeTrue(onPath("tmux"), "tmux is not installed (Debian: apt-get install -y tmux); skipping the terminal REPL test");
        Assumptions.assumeTrue(Files.isExecutable(LauncherTest.LAUNCHER),
                "no launcher at " + LauncherTest.LAUNCHER + " (mvn process-classes writes it); skipping");
    }

    @AfterEach
    void killServer() throws Exception {
        if (onPath("tmux")) tmux("kill-server");
    }

    @Test
    void editsRecallsInterruptsAndExits() throws Exception {
        tmux("-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "50",
                "env HOME='" + home + "' TERM=xterm '" + LauncherTest.LAUNCHER + "'; echo EXIT=$?; sleep 600");
        await("the banner and a prompt", s -> s.contains(Main.VERSION) && lastLine(s).equals(">"));
        type("1+1");
        await("1+1 printed", s -> lines(s).contains("2"));
        keys("Up");
        await("1+1 recalled", s -> lastLine(s).equals("> 1+1"));
        keys("Enter");
        await("printed again", s -> lines(s).stream().filter("2"::equals).count() == 2);
        type("for i = 1, 2 do");
        type("print(i * 10)");
        type("end");
        await("a chunk over three lines", s -> lines(s).contains(">> end") && lines(s).contains("20"));
        typeOnly("x = ");
        keys("C-c");
        await("the line abandoned", s -> lastLine(s).equals(">") && lines(s).contains("> x ="));
        type("while true do end");
        Thread.sleep(500);
        keys("C-c");
        await("the loop interrupted", s -> s.contains("interrupted!\nstack traceback:\n\tstdin:1: in main chunk\n\t[C]: in ?\n>"));
        type("error('oops')");
        await("an error without the program name", s -> lines(s).contains("stdin:1: oops"));
        keys("C-d");
        await("the end of the session", s -> lines(s).contains("EXIT=0"));
        List<String> history = Files.readAllLines(home.resolve(".moonstack_history"), StandardCharsets.UTF_8);
        assertEquals(List.of("1+1", "1+1", "for i = 1, 2 do\\nprint(i * 10)\\nend", "while true do end", "error('oops')"),
                history.stream().map(l -> l.replaceFirst("^\\d+:", "")).toList(), "history entries: " + history);
    }

    /** Without JLine on the class path the REPL reads plain lines from the terminal. */
    @Test
    void fallsBackToPlainLinesWithoutJLine() throws Exception {
        Path classes = Path.of("target/classes").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        tmux("-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "50",
                "env HOME='" + home + "' '" + java + "' -cp '" + classes + "' dev.moonstack.cli.Main; echo EXIT=$?; sleep 600");
        await("the banner and a prompt", s -> s.contains(Main.VERSION) && lastLine(s).equals(">"));
        type("2^10");
        await("2^10 printed", s -> lines(s).contains("1024.0"));
        type("while true do end");
        Thread.sleep(500);
        keys("C-c");
        await("the loop interrupted", s -> s.contains("interrupted!\nstack traceback:\n\tstdin:1: in main chunk\n\t[C]: in ?\n>"));
        keys("C-d");
        await("the end of the session", s -> lines(s).contains("EXIT=0"));
        assertTrue(Files.notExists(home.resolve(".moonstack_history")), "no history without the line editor");
    }

    /** Types a line and Enter (literally: "end" alone would be tmux's End key). */
    private void type(String line) throws Exception {
        typeOnly(line);
        keys("Enter");
    }

    private void typeOnly(String text) throws Exception {
        tmux("send-keys", "-l", text);
        Thread.sleep(150);
    }

    private void keys(String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("send-keys"));
        cmd.addAll(Arrays.asList(keys));
        tmux(cmd.toArray(new String[0]));
        Thread.sleep(150);
    }

    /** Polls the screen until {@code ok} holds (30 s at most). */
    private void await(String what, Predicate<String> ok) throws Exception {
        String screen = "";
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); System.nanoTime() < end; Thread.sleep(100)) {
            screen = tmux("capture-pane", "-p", "-J").replaceAll("(?m)[ \\t]+$", "").replace("        ", "\t");
            if (ok.test(screen)) return;
        }
        fail("waited in vain for " + what + "; the screen:\n" + screen);
    }

    private static List<String> lines(String screen) {
        return Arrays.asList(screen.split("\n"));
    }

    private static String lastLine(String screen) {
        String[] l = screen.strip().split("\n");
        return l[l.length - 1];
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }
}
