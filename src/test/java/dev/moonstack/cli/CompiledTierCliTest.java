package dev.moonstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled tier's command-line options: {@code require "jit"} only with a tier option (as
 * lua5.4 without, as LuaJIT with), {@code -jv} for a loop, and the shape of {@code -jdump}.
 */
class CompiledTierCliTest {
    @TempDir
    Path dir;

    private static final String REQUIRE = "local ok, e = pcall(require, 'jit') print(ok, type(e) == 'table' or e:match('^[^\\n]*'), type(jit))";

    @Test
    void jitModuleOnlyWithATierOption() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/lua5.4")), "lua5.4 is needed as the reference");
        CliTest.Result ref = CliTest.run(dir, null, "lua5.4", "-e", REQUIRE);
        CliTest.Result plain = CliTest.run(dir, null, "-e", REQUIRE);
        assertEquals(ref.out(), plain.out(), "no tier option: as lua5.4");
        assertEquals("false\tmodule 'jit' not found:\tnil\n", plain.out());
        for (String option : List.of("-jon", "-joff", "-jv", "-Ohotcall=5", "-Ohotloop=3")) {
            CliTest.Result r = CliTest.run(dir, null, option, "-e", REQUIRE);
            assertEquals("true\ttrue\ttable\n", r.out(), option + ": the module, and the global as in LuaJIT");
        }
    }

    @Test
    void verboseLogsAHotLoop() throws Exception {
        Files.writeString(dir.resolve("loop.lua"), "local s = 0\nfor i = 1, 1000000 do\n  s = s + i\nend\nprint(s)\n");
        CliTest.Result r = CliTest.run(dir, null, "-jv", "loop.lua");
        assertEquals("500000500000\n", r.out());
        assertEquals("[COMPILE 1 loop.lua:3 loop]\n", r.err().replace("\r", ""));
    }

    @Test
    void dumpListsJvmCodeUnderEachLuaInstruction() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/luac5.4")), "luac5.4 is needed as the reference");
        Files.writeString(dir.resolve("add.lua"), "local function add(a, b)\n  return a + b\nend\nprint(add(1, 2))\n");
        CliTest.Result r = CliTest.run(dir, null, "-Ohotcall=0", "-jdump", "add.lua");
        String out = r.out().replace("\r", "");
        assertEquals(0, r.status(), r.err());
        assertTrue(out.endsWith("\n3\n"), out);
        assertTrue(out.startsWith("---- add.lua:0 main chunk: JVM class dev/moonstack/jit/Compiled"),
                "at hotcall=0 the main chunk, called from Java, is compiled first: " + out);
        int add = out.indexOf("---- add.lua:1 'add': JVM class dev/moonstack/jit/Compiled");
        assertTrue(add > 0, out);
        String[] lines = out.substring(add).split("\n");
        assertEquals("-- prologue: stack arrays, base, constants, upvalues, countdown window; re-entry points", lines[1]);
        // the Lua instructions, as luac5.4 -l lists them, in order, each followed by its JVM code
        List<String> lua = new ArrayList<>(), expected = luacLines(dir.resolve("add.lua"), "function <add.lua:1,3>");
        int jvmAfterLast = 0;
        for (String l : lines) {
            if (l.matches("\t\\d+\t\\[[-\\d]+\\]\t.*")) {
                lua.add(l);
                jvmAfterLast = 0;
            } else if (l.startsWith("\t\t\t")) {
                jvmAfterLast++;
            }
            if (l.startsWith("-- handler")) break;
        }
        assertEquals(expected, lua, out);
        assertTrue(out.contains("-- add.lua:2: return a + b\n"), "the source line, once");
        assertTrue(out.matches("(?s).*\tADD      \t2 0 1\n(\t\t\t.*\n|\t\tL\\d+:\n)*\t\t\tINVOKESTATIC dev/moonstack/vm/Tier\\.add\\(.*"),
                "ADD's block calls Tier.add: " + out);
        assertTrue(out.contains("\t\t\tLOOKUPSWITCH 0: L"), "the switch over re-entry points");
    }

    /**
     * A class path without ASM (the library the compiler writes classes with): hot code stays
     * interpreted, with the reason under -jv, and the program runs as with it (ReplTerminalTest
     * runs the CLI from the classes alone; before the tier was on by default, the first hot
     * loop there ended the process with a NoClassDefFoundError).
     */
    @Test
    void withoutAsmEverythingStaysInterpreted() throws Exception {
        Files.writeString(dir.resolve("hot.lua"), "local function f(x) return x + 1 end\nlocal s = 0\n"
                + "for i = 1, 1000000 do s = f(s) end\nprint(s)\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of("target/classes").toAbsolutePath().toString();
        for (String option : List.of("-jon", "-jv")) {
            Process p = new ProcessBuilder(java, "-cp", classes, "dev.moonstack.cli.Main", option, "hot.lua")
                    .directory(dir.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), err);
            assertEquals("1000000\n", out, err);
            assertEquals(option.equals("-jv") ? "[ABORT hot.lua:1 -- no ASM (org.objectweb.asm) on the class path]\n" : "",
                    err.replace("\r", ""));
        }
    }

    /** The instruction lines of one function in {@code luac5.4 -l}'s listing. */
    private List<String> luacLines(Path file, String header) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/luac5.4", "-l", "-p", file.getFileName().toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String l : listing.split("\n")) {
            if (l.startsWith(header)) in = true;
            else if (in && l.isEmpty()) break;
            else if (in && l.startsWith("\t")) lines.add(l);
        }
        assertTrue(!lines.isEmpty(), listing);
        return lines;
    }
}
