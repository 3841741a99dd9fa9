package dev.moonstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interpreter command, run as a process, compared with the reference {@code lua5.4} command. */
class CliTest {
    @TempDir
    Path dir;

    record Result(int status, String out, String err) {}

    static Result run(Path cwd, String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (args.length > 0 && args[0].equals("lua5.4")) {
            cmd.addAll(Arrays.asList(args));
        } else {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            cmd.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), "dev.moonstack.cli.Main"));
            cmd.addAll(Arrays.asList(args));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().remove("LUA_INIT");
        pb.environment().remove("LUA_INIT_5_4");
        Process p = pb.start();
        if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes(), err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    Result ours(String stdin, String... args) throws Exception { return run(dir, stdin, args); }

    @Test
    void runsAScriptWithItsArguments() throws Exception {
        Files.writeString(dir.resolve("s.lua"), "print(arg[0], arg[1], arg[2], #arg, ...)\n");
        Result r = ours(null, "s.lua", "a", "b");
        assertEquals(0, r.status);
        assertEquals("s.lua\ta\tb\t2\ta\tb\n", r.out);
    }

    @Test
    void argTableHasTheInterpreterAndOptionsAtNegativeIndices() throws Exception {
        Files.writeString(dir.resolve("s.lua"), "print(arg[-1], arg[-2], arg[-3])\n");
        Result r = ours(null, "-e", "x=1", "s.lua");
        assertEquals("x=1\t-e\tmoonstack\n", r.out);
    }

    @Test
    void executesStatementsAndStdin() throws Exception {
        assertEquals("3\n", ours(null, "-e", "print(1 + 2)").out);
        assertEquals("stdin\n", ours("print('stdin')", "-").out);
        assertEquals("piped\n", ours("print('piped')").out);
    }

    @Test
    void reportsErrorsWithATraceback() throws Exception {
        Result r = ours(null, "-e", "error('boom')");
        assertEquals(1, r.status);
        assertEquals("moonstack: (command line):1: boom\nstack traceback:\n\t[C]: in function 'error'\n"
                + "\t(command line):1: in main chunk\n\t[C]: in ?\n", r.err);
    }

    @Test
    void reportsSyntaxErrorsWithoutATraceback() throws Exception {
        Files.writeString(dir.resolve("bad.lua"), "local x = \nx = = 1\n");
        Result r = ours(null, "bad.lua");
        assertEquals(1, r.status);
        assertEquals("moonstack: bad.lua:2: unexpected symbol near '='\n", r.err);
    }

    @Test
    void rejectsUnknownOptions() throws Exception {
        Result r = ours(null, "-x");
        assertEquals(1, r.status);
        assertTrue(r.err.startsWith("moonstack: unrecognized option '-x'\nusage: moonstack [options] [script [args]]"), r.err);
        assertTrue(ours(null, "-e").err.contains("'-e' needs argument"));
    }

    @Test
    void loadsLibrariesWithDashL() throws Exception {
        Files.writeString(dir.resolve("mymod.lua"), "return {answer = 42}\n");
        Result r = ours(null, "-l", "mymod", "-l", "m2=mymod", "-e", "print(mymod.answer, m2.answer)");
        assertEquals("42\t42\n", r.out);
    }

    @Test
    void skipsAShebangLineKeepingLineNumbers() throws Exception {
        Files.writeString(dir.resolve("sh.lua"), "#!/usr/bin/env moonstack\nerror('line two')\n");
        assertTrue(ours(null, "sh.lua").err.startsWith("moonstack: sh.lua:2: line two"));
    }

    @Test
    void listsBytecode() throws Exception {
        Files.writeString(dir.resolve("l.lua"), "return 1 + 2\n");
        Result r = ours(null, "--list", "l.lua");
        assertTrue(r.out.contains("main <l.lua:0,0>") && r.out.contains("RETURN"), r.out);
    }

    @Test
    void interactiveModePrintsExpressionValues() throws Exception {
        Result r = ours("1 + 1\nx = 5\nx * 2\nfor i = 1, 2 do\nprint(i)\nend\n", "-i");
        assertTrue(r.out.contains("2\n") && r.out.contains("10\n") && r.out.contains("1\n") && r.out.contains(">> "), r.out);
    }

    /** The same scripts through lua5.4 and through ours: identical output, errors and status. */
    @Test
    void behavesLikeTheReferenceCommand() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/lua5.4")), "lua5.4 not installed; skipping");
        String[][] cases = {
            {"-e", "print(1, 2.5, 'x')"},
            {"-e", "local t = nil; return t.x"},
            {"-e", "local function f() error({}) end f()"},
            {"-e", "error(setmetatable({}, {__tostring = function() return 'custom' end}))"},
            {"-e", "local function lvl(n) if n == 0 then error('deep') end lvl(n - 1) end lvl(30)"},
            {"-e", "string.rep()"},
            {"-e", "x = = 1"},
            {"-e", "local t = setmetatable({}, {__index = function(t, k) return nil + k end}) return t.x"},
            {"-e", "print(pcall(error)) os.exit(3)"},
            {"-e", "io.write('no newline')"},
            {"-e", "print(#arg, arg[0])"},
        };
        for (String[] c : cases) {
            Result ref = run(dir, null, concat("lua5.4", c));
            Result got = ours(null, c);
            String label = String.join(" ", c);
            assertEquals(ref.status, got.status, label);
            assertEquals(ref.out.replace("lua5.4", "moonstack"), got.out, label);
            assertEquals(ref.err.replace("lua5.4:", "moonstack:"), got.err, label);
        }
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
