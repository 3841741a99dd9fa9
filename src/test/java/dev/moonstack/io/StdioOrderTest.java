package dev.moonstack.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Standard output buffers as lua5.4's does: print flushes at every call, io.write follows C's
 * stdio rules (fully buffered on a pipe, line-buffered on a terminal, setvbuf), stderr is
 * unbuffered, io.popen flushes everything first and os.execute nothing. Observed through one
 * pipe shared by standard output and standard error, where the order of the two shows what
 * was held in a buffer, and compared with lua5.4.
 */
class StdioOrderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "io.write('1 ') io.stderr:write('2 ') print('3')",
        "print('1') io.stderr:write('2 ') io.write('3 ') io.stderr:write('4 ')",
        "io.stdout:setvbuf('no') io.write('1 ') io.stderr:write('2 ')",
        "io.write('1 ') io.stdout:setvbuf('no') io.stderr:write('2 ')",
        "io.write('1 ') io.stdout:setvbuf('line') io.stderr:write('2 ')",
        "io.stdout:setvbuf('line') io.write('1\\n2 ') io.stderr:write('3 ') io.write('\\n')",
        "io.stdout:setvbuf('full', 2) io.write('1 2 3') io.stderr:write('4 ')",
        "io.write('1 ') io.flush() io.stderr:write('2 ') io.write('3 ') io.stdout:flush() io.stderr:write('4 ')",
        "io.stderr:setvbuf('full') io.stderr:write('1 ') io.write('2 ') io.flush() io.stderr:write('3 ')",
        "io.stderr:setvbuf('line') io.stderr:write('1\\n2 ') io.write('3 ') io.flush() io.stderr:write('4 ')",
        "io.write('1 ') io.read() io.stderr:write('2 ')",
        "io.stdout:setvbuf('line') io.write('1 ') io.read() io.stderr:write('2 ')",
        "io.stdin:setvbuf('no') io.write('1 ') io.read() io.stderr:write('2 ')",
        "io.stdout:setvbuf('line') io.stdin:setvbuf('no') io.write('1 ') io.read() io.stderr:write('2 ')",
        "io.stdout:setvbuf('line') io.write('1 ') local f = io.open(arg[0]) f:setvbuf('no') f:read() io.stderr:write('2 ')",
        "io.write('1 ') io.stderr:write('2 ') os.exit(3)",
        "io.write('1 ') os.execute('echo 2') io.stderr:write('3 ')",
        "io.write('1 ') local p = io.popen('echo 2') io.stderr:write('3 ') io.write(p:read('a')) p:close()",
        "io.write('1 ') local p = io.popen('cat', 'w') p:write('2 ') io.stderr:write('3 ') p:close() io.stderr:write('4 ')",
        "io.write('1 ') local p = io.popen('cat', 'w') p:setvbuf('no') p:write('2 ') p:close() io.stderr:write('3 ')",
        "io.write(io.popen('echo 1 >&2; echo 2'):read('a'))",
        "io.output(io.stderr) io.write('1 ') print('2') io.stderr:write('3 ')",
    })
    void sameOrderAsLua(String script) throws Exception {
        Child.requireLua();
        Files.writeString(dir.resolve("s.lua"), script + "\n");
        Child.Result ref = Child.runMerged(Child.lua("s.lua"), dir, "x\n");
        Child.Result ours = Child.runMerged(Child.cli("s.lua"), dir, "x\n");
        assertEquals(ref.out(), ours.out(), script);
        assertEquals(ref.status(), ours.status(), script);
    }

    /** print reaches a pipe at once: the test sees line 1 before it gives the script its input. */
    @ParameterizedTest
    @ValueSource(strings = {"lua", "ours"})
    void printedLineArrivesBeforeTheScriptReadsItsInput(String who) throws Exception {
        if (who.equals("lua")) Child.requireLua();
        Files.writeString(dir.resolve("ask.lua"), "print('line 1') local l = io.read() print('got ' .. l)\n");
        List<String> cmd = who.equals("lua") ? Child.lua("ask.lua") : Child.cli("ask.lua");
        Process p = Child.builder(cmd, dir).start();
        try {
            assertEquals("line 1\n", Child.readUntil(p.getInputStream(), "line 1\n"));
            try (OutputStream in = p.getOutputStream()) {
                in.write("line 2\n".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals("got line 2\n", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * On a terminal (a pseudo-terminal from script(1)) standard output is line-buffered and
     * reading the terminal flushes it: a prompt written with io.write shows before the answer
     * is typed. Without that, the test would wait for the prompt in vain.
     */
    @ParameterizedTest
    @ValueSource(strings = {"lua", "ours"})
    void promptShowsOnATerminalBeforeTheAnswer(String who) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) is not installed");
        if (who.equals("lua")) Child.requireLua();
        Files.writeString(dir.resolve("prompt.lua"), "io.write('Name? ') local n = io.read() io.write('hi ', n, '!\\n')\n");
        List<String> run = who.equals("lua") ? Child.lua("prompt.lua") : Child.cli("prompt.lua");
        String command = String.join(" ", run.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList());
        Process p = Child.builder(List.of("/usr/bin/script", "-qfec", command, "/dev/null"), dir).start();
        try {
            assertTrue(Child.readUntil(p.getInputStream(), "Name? ").endsWith("Name? "));
            OutputStream in = p.getOutputStream();
            in.write("bob\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            String rest = Child.readUntil(p.getInputStream(), "!\r\n");
            assertTrue(rest.endsWith("hi bob!\r\n"), rest);
            in.close();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
    }
}
