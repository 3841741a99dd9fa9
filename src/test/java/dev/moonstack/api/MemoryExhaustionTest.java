package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out of memory is Lua's "not enough memory", never a Java error: ten ways of exhausting a
 * small heap (-Xmx128m), each in a child JVM, through the command line (the message lua5.4
 * prints under a memory limit, exit status 1) and embedded (a LuaError, and the runtime works
 * afterwards).
 */
class MemoryExhaustionTest {
    static final List<String> SHAPES = List.of(
            "local t = {} for i = 1, 1e9 do t[i] = {} end",
            "local t = {} for i = 1, 1e9 do t[i] = function() return i end end",
            "local t = {} for i = 1, 1e9 do t[i] = coroutine.create(print) end",
            "local c = {} for i = 1, 1e9 do c = {c} end",
            "local s = 'x' for i = 1, 100 do s = s .. s end",
            "local s = string.rep('x', 2^31 - 100)",
            "local t = {} for i = 1, 1e9 do t[i] = string.rep('y', 1000) .. i end",
            "local t = {} for i = 1, 1e9 do t['k' .. i] = i end",
            "local t = {} for i = 1, 1e9 do t[#t + 1] = setmetatable({}, {__index = t}) end",
            "local t = {} for i = 1, 30 do t[i] = string.rep('z', 2^i) end local u = table.concat(t) local v = u .. u .. u");

    @TempDir
    Path dir;

    @Test
    void theCommandLineReportsNotEnoughMemory() throws Exception {
        for (int i = 0; i < SHAPES.size(); i++) {
            Path script = dir.resolve("shape" + i + ".lua");
            Files.writeString(script, SHAPES.get(i) + "\n");
            Result r = java(List.of("dev.moonstack.cli.Main", script.toString()));
            assertEquals("moonstack: not enough memory\n", r.output, "shape " + i + ": " + SHAPES.get(i));
            assertEquals(1, r.exit, "exit status for shape " + i);
        }
    }

    @Test
    void aHostGetsALuaErrorAndAUsableRuntime() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(MemoryProbe.class.getName()));
        cmd.addAll(SHAPES);
        Result r = java(cmd);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < SHAPES.size(); i++) expected.add("LuaError: not enough memory | after: 1000");
        assertEquals(String.join("\n", expected) + "\n", r.output);
        assertEquals(0, r.exit);
    }

    private record Result(String output, int exit) {}

    /** Runs a main class of the test class path in a JVM with a 128 MB heap; output and status. */
    private static Result java(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-Xss16m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) p.destroyForcibly();
        return new Result(new String(out, StandardCharsets.UTF_8), p.exitValue());
    }
}
