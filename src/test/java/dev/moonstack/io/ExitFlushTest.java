package dev.moonstack.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Nothing written is lost on any way out of the command line: a file written and never
 * closed, and standard output written with io.write, reach their destination when the script
 * ends, fails, calls os.exit with any argument, runs out of memory, or the JVM is terminated,
 * as C's exit flushes every open stream for lua5.4.
 */
class ExitFlushTest {
    @TempDir
    Path dir;

    /** Writes "data" to a file it does not close and "out" to standard output, then leaves by {@code how}. */
    private static final String WAYS = String.join("\n",
            "local path, how = ...",
            "local f = assert(io.open(path, 'w'))",
            "f:write('data')",
            "io.write('out')",
            "if how == 'nogc' then getmetatable(f).__gc = nil end",
            "if how == 'exit0' then os.exit(0)",
            "elseif how == 'exit1' then os.exit(1)",
            "elseif how == 'exit7' then os.exit(7)",
            "elseif how == 'exittrue' then os.exit(true)",
            "elseif how == 'exitfalse' then os.exit(false)",
            "elseif how == 'exitclose' then os.exit(0, true)",
            "elseif how == 'nogc' then os.exit(0)",
            "elseif how == 'error' then error('boom')",
            "elseif how == 'errorobject' then error({})",
            "end",
            "");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"end, 0", "exit0, 0", "exit1, 1", "exit7, 7", "exittrue, 0", "exitfalse, 1", "exitclose, 0",
                "nogc, 0", "error, 1", "errorobject, 1"})
    void fileAndStdoutAreKept(String how, int status) throws Exception {
        Files.writeString(dir.resolve("ways.lua"), WAYS);
        Child.Result r = Child.run(Child.cli("ways.lua", "ours.txt", how), dir, null);
        assertEquals(status, r.status(), r.err());
        assertEquals("data", Files.readString(dir.resolve("ours.txt")), "the file of " + how);
        assertEquals("out", r.out(), "standard output of " + how);
        if (Child.luaAvailable()) {                     // the same expectations hold for lua5.4
            Child.Result ref = Child.run(Child.lua("ways.lua", "ref.txt", how), dir, null);
            assertEquals(status, ref.status());
            assertEquals("data", Files.readString(dir.resolve("ref.txt")));
            assertEquals("out", ref.out());
        }
    }

    @Test
    void outOfMemoryKeepsWhatWasWritten() throws Exception {
        Files.writeString(dir.resolve("oom.lua"), String.join("\n",
                "local f = assert(io.open('oom.txt', 'w'))",
                "f:write('data')",
                "io.write('out')",
                "local t, s = {}, ('x'):rep(1 << 20)",
                "while true do t[#t + 1] = s .. #t end",
                ""));
        List<String> cmd = Child.javaMain(List.of("-Xmx96m"), "dev.moonstack.cli.Main", "oom.lua");
        Child.Result r = Child.run(cmd, dir, null);
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("not enough memory"), r.err());
        assertEquals("data", Files.readString(dir.resolve("oom.txt")));
        assertEquals("out", r.out());
    }

    /** A JVM ended by SIGTERM while the script waits for input runs the exit hook. */
    @Test
    void terminatedJvmFlushesOpenFiles() throws Exception {
        Files.writeString(dir.resolve("wait.lua"), String.join("\n",
                "local f = assert(io.open('term.txt', 'w'))",
                "f:write('data')",
                "io.write('out')",
                "print(' ready')",
                "f:write('more')",
                "io.write('tail')",
                "io.read()",
                ""));
        Process p = Child.builder(Child.cli("wait.lua"), dir).start();
        try {
            assertEquals("out ready\n", Child.readUntil(p.getInputStream(), "ready\n"));
            assertTrue(p.toHandle().destroy(), "SIGTERM sent");   // Process.destroy would close our pipes
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals("tail", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals("datamore", Files.readString(dir.resolve("term.txt")));
        } finally {
            p.destroyForcibly();
        }
    }
}
