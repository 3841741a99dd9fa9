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

    /**
     * Several files are listed as luac lists them: one main chunk "(moonstackc)" that calls
     * each file's main function in turn, then each file's functions as luac5.4 lists that file.
     */
    @Test
    void listsSeveralFilesAsLuacCombinesThem() throws Exception {
        Files.writeString(dir.resolve("a.lua"), "local x = 1\nprint(x)\n");
        Files.writeString(dir.resolve("b.lua"), "local function f(y) return y * 2 end\nreturn f(3)\n");
        Result r = ours(null, "--list", "a.lua", "b.lua");
        assertEquals(0, r.status, r.err);
        String[] parts = r.out.split("\n(?=\n(main|function) <)");
        assertEquals(4, parts.length, r.out);
        assertTrue(parts[0].startsWith("\nmain <(moonstackc):0,0> (6 instructions at "), parts[0]);
        assertTrue(parts[0].contains("0+ params, 2 slots, 1 upvalue, 0 locals, 0 constants, 2 functions\n"
                + "\t1\t[1]\tVARARGPREP\t0\n"), parts[0]);
        assertTrue(parts[0].contains("\t3\t[1]\tCALL     \t0 1 1\t; 0 in 0 out\n"
                + "\t4\t[2]\tCLOSURE  \t0 1\t; "), parts[0]);
        assertTrue(parts[1].contains("upvalues (1) for ") && parts[1].endsWith("\t0\t_ENV\t0\t0"), "_ENV from the combined chunk: " + parts[1]);
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/luac5.4")), "luac5.4 not installed; skipping the comparison");
        String a = addresses(parts[1] + "\n"), b = addresses(parts[2] + "\n" + parts[3]);
        assertEquals(addresses(luac("a.lua")).replace("\t0\t_ENV\t1\t0", "\t0\t_ENV\t0\t0"), a);
        assertEquals(addresses(luac("b.lua")).replace("\t0\t_ENV\t1\t0", "\t0\t_ENV\t0\t0"), b);
    }

    private String luac(String file) throws Exception {
        Process p = new ProcessBuilder("luac5.4", "-l", "-l", "-p", file).directory(dir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        return out;
    }

    private static String addresses(String listing) { return listing.replaceAll("0x[0-9a-f]+", "ADDR"); }

    @Test
    void listWithoutAFileSaysWhatIsMissing() throws Exception {
        Result r = ours(null, "--list");
        assertEquals(1, r.status);
        assertTrue(r.err.startsWith("moonstack: '--list' needs argument\nusage: moonstack [options] [script [args]]\n"), r.err);
        Result missing = ours(null, "--list", "nosuch.lua");
        assertEquals(1, missing.status);
        assertEquals("moonstack: cannot open nosuch.lua\n", missing.err.replaceAll(": No such file.*", ""));
    }

    /** lua.c's print_version: -v alone prints the banner and runs nothing else. */
    @Test
    void versionOptionPrintsTheBanner() throws Exception {
        Result r = ours(null, "-v");
        assertEquals(0, r.status);
        assertEquals(Main.VERSION + "\n", r.out);
        assertTrue(Main.VERSION.matches("Moonstack \\S+ \\(Lua 5\\.4\\)  Copyright \\(C\\) .*Lua\\.org, PUC-Rio"), Main.VERSION);
        assertEquals(Main.VERSION + "\nhello\n", ours(null, "-v", "-e", "print'hello'").out);
        assertTrue(ours(null, "-vv").err.startsWith("moonstack: unrecognized option '-vv'"));
        assertTrue(ours(null, "-iv").err.startsWith("moonstack: unrecognized option '-iv'"));
    }

    /**
     * -i implies -v; the REPL prints errors without the program name, as lua -i. Input that
     * is not a terminal is echoed after the prompt, as readline (which lua 5.4.8 loads) does.
     */
    @Test
    void interactiveModeShowsTheBannerAndBareErrors() throws Exception {
        String input = "1 + 1\nerror('x')\n";
        Result r = ours(input, "-i");
        assertEquals(0, r.status);
        assertEquals(Main.VERSION + "\n> 1 + 1\n2\n> error('x')\n> \n", r.out);
        assertEquals("stdin:1: x\nstack traceback:\n\t[C]: in function 'error'\n\tstdin:1: in main chunk\n\t[C]: in ?\n", r.err);
        if (referenceAvailable()) {
            Result ref = run(dir, input, "lua5.4", "-i");
            assertEquals(withoutBanner(ref.out), withoutBanner(r.out));
            assertEquals(ref.err, r.err);
        }
    }

    /** Prompts go through tostring; "=" starts an expression; an unfinished chunk at the end of input is reported. */
    @Test
    void interactivePromptsAndContinuations() throws Exception {
        String input = "=1, 2\nlocal t = {\n1}\nx = {\n";
        String[] args = {"-e", "local n = 0 _PROMPT = setmetatable({}, {__tostring = function() n = n + 1 return n .. '$ ' end})", "-i"};
        Result r = ours(input, args);
        assertEquals(Main.VERSION + "\n1$ =1, 2\n1\t2\n2$ local t = {\n>> 1}\n3$ x = {\n>> 4$ \n", r.out);
        assertEquals("stdin:1: unexpected symbol near <eof>\n", r.err);
        if (referenceAvailable()) assertEquals(withoutBanner(run(dir, input, concat("lua5.4", args)).out), withoutBanner(r.out));
    }

    private static String withoutBanner(String out) { return out.substring(out.indexOf('\n') + 1); }

    @Test
    void compatCanBeTurnedOff() throws Exception {
        assertEquals("function\t1024.0\n", ours(null, "-e", "print(type(math.pow), math.ldexp(1, 10))").out);
        assertEquals("nil\tnil\tfunction\n", ours(null, "--no-compat", "-e", "print(math.pow, math.atan2, type(math.atan))").out);
        Result bad = ours(null, "--compat");
        assertTrue(bad.err.startsWith("moonstack: unrecognized option '--compat'"), bad.err);
        assertTrue(ours(null, "---").err.startsWith("moonstack: unrecognized option '---'"));
    }

    /** moonstackc as luac: -p checks, -l lists, -o writes, -s strips, errors as luac's. */
    @Test
    void compilerOptionsAsLuac() throws Exception {
        Files.writeString(dir.resolve("c.lua"), "local a = ... return a + 1\n");
        Files.writeString(dir.resolve("bad.lua"), "x = = 1\n");
        assertEquals(0, luacOurs("-p", "c.lua").status);
        assertEquals(Main.VERSION + "\n", luacOurs("-v").out);
        Result bad = luacOurs("-p", "bad.lua");
        assertEquals(1, bad.status);
        assertEquals("moonstackc: bad.lua:1: unexpected symbol near '='\n", bad.err);
        assertTrue(luacOurs("-x").err.startsWith("moonstackc: unrecognized option '-x'\nusage: moonstackc [options] [filenames]\n"));
        assertTrue(luacOurs().err.startsWith("moonstackc: no input files given\n"));
        assertTrue(luacOurs("-o").err.startsWith("moonstackc: '-o' needs argument\n"));
        assertEquals(0, luacOurs("-o", "full.out", "c.lua").status);
        Result listed = luacOurs("-l", "-s", "-o", "stripped.out", "c.lua");
        assertTrue(listed.out.startsWith("\nmain <c.lua:0,0>") && !listed.out.contains("locals ("), listed.out);
        assertTrue(Files.size(dir.resolve("stripped.out")) < Files.size(dir.resolve("full.out")));
        assertEquals("42\n", ours(null, "-e", "print(loadfile('full.out')(41))").out);
        assertEquals("42\n", ours(null, "-e", "print(loadfile('stripped.out')(41))").out);
        if (Files.isExecutable(Path.of("/usr/bin/lua5.4"))) {
            assertEquals("42\n", run(dir, null, "lua5.4", "-e", "print(loadfile('full.out')(41))").out);
        }
    }

    Result luacOurs(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.moonstack.cli.Luac"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes(), err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static boolean referenceAvailable() { return Files.isExecutable(Path.of("/usr/bin/lua5.4")); }

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
            // os.exit(0, true) in a finalizer run at close finishes the close (main.lua line 319)
            {"-W", "-e", "setmetatable({}, {__gc = function() print(1) end}) "
                    + "setmetatable({}, {__gc = function() print(2) setmetatable({}, {__gc = function() print(3) end}) "
                    + "print(collectgarbage()) os.exit(0, true) end})"},
            // what the shell's background children write after it exits still arrives (C's popen)
            {"-e", "local f = io.popen('(sleep 0.2; echo late) & echo early') io.write(f:read('a')) print(f:close())"},
            {"-e", "local n = os.tmpname() local f = io.open(n) print(n:match('^/tmp/lua_%w%w%w%w%w%w$') == n, f ~= nil) "
                    + "f:close() os.remove(n)"},
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

    /** Scripts from stdin, the arg table changed by -e, error objects: as lua5.4 (lua.c's pushargs, msghandler). */
    @Test
    void scriptArgumentsAndErrorObjectsLikeTheReference() throws Exception {
        Assumptions.assumeTrue(referenceAvailable(), "lua5.4 not installed; skipping");
        Files.writeString(dir.resolve("eo.lua"), "m = setmetatable({x = 0}, {__tostring = function(x)\n"
                + "  return tostring(debug.getinfo(4).currentline + x.x)\nend})\nerror(m)\n");
        String[][] cases = {
            {"print(...)", "-e", "arg[1] = 100", "-", "a"},
            {"print(...)", "-e", "arg = 1", "-"},
            {"print(...)", "-e", "arg = setmetatable({}, {__len = function() return 2 end, __index = function(_, i) return i * 5 end})", "-"},
            {"", "eo.lua"},
            {"", "-e", "error(setmetatable({}, {__tostring = function() error('bad') end}))"},
            {"", "-e", "error(setmetatable({}, {__tostring = function() return 1 end}))"},
        };
        for (String[] c : cases) {
            String[] args = Arrays.copyOfRange(c, 1, c.length);
            Result ref = run(dir, c[0], concat("lua5.4", args)), got = ours(c[0], args);
            String label = String.join(" ", args);
            assertEquals(ref.status, got.status, label);
            assertEquals(ref.out, got.out, label);
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
