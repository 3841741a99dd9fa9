package dev.moonstack.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.moonstack.api.Lua;
import dev.moonstack.api.LuaException;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The jit tests' fixture: a script runs under lua5.4 and under Moonstack with the compiled tier
 * at threshold 0 (every function compiled at its first call); the outputs must be the same, and
 * the named global functions must have been compiled, so that a script that silently ran
 * interpreted fails.
 */
final class TierScripts {
    private TierScripts() {}

    /** Compares {@code script}'s output (an uncaught error's message appended) with lua5.4's. */
    static void check(Path tmp, String name, String mustCompile, String script) throws Exception {
        String expected = reference(tmp, script);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Lua lua = new Lua(out, out, true);
        Jit jit = Jit.of(Runtimes.state(lua));
        jit.setThreshold(0);
        jit.setOn(Runtimes.mainThread(lua), true);
        String err = "";
        try {
            lua.call(lua.load(script, "=stdin"));
        } catch (LuaException e) {
            err = e.getMessage();
        }
        Runtimes.state(lua).stdout.flush();
        assertEquals(expected, out.toString(StandardCharsets.UTF_8) + err, name);
        for (String f : mustCompile.split(" ")) {
            Object fn = Runtimes.state(lua).globals.getStrRef(LuaString.of(f));
            assertTrue(fn instanceof LuaClosure, f + " is not a global Lua function");
            assertTrue(jit.isCompiled(((LuaClosure) fn).p), f + " was not compiled: " + jit.abortReason(((LuaClosure) fn).p));
        }
    }

    /** The output of lua5.4 for the script read from standard input, stdout and stderr together. */
    static String reference(Path tmp, String script) throws Exception {
        Path lua = Path.of("/usr/bin/lua5.4");
        assumeTrue(Files.isExecutable(lua), "lua5.4 is needed as the reference");
        Path f = tmp.resolve("script.lua");
        Files.writeString(f, script);
        Process p = new ProcessBuilder(lua.toString(), "-e", "", "-").redirectInput(f.toFile())
                .redirectErrorStream(true).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "lua5.4 did not finish");
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
