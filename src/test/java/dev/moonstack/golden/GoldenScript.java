package dev.moonstack.golden;

import dev.moonstack.api.Coroutine;
import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.vm.LuaThread;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A golden script: Lua source whose expected standard output is written in {@code -- expect:}
 * comments (in order), and whose expected uncaught error, if any, is a final
 * {@code -- expect error:} comment. The expectations are lua5.4's output, written by
 * src/test/lua/annotate.lua.
 */
final class GoldenScript {
    private static final String EXPECT = "-- expect: ", EXPECT_ERROR = "-- expect error: ";

    final Path file;
    final List<String> expected = new ArrayList<>();
    String expectedError;
    /**
     * Marked {@code -- modes: main thread only}: the script looks at which coroutine runs it
     * (coroutine.running, isyieldable, yields from the main chunk) or at C-call depths that
     * count from the main coroutine, so it does not run in the preempting coroutine mode.
     */
    boolean mainThreadOnly;

    GoldenScript(Path file) throws IOException {
        this.file = file;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("-- modes: main thread only")) mainThreadOnly = true;
            int e = line.indexOf(EXPECT_ERROR);
            if (e >= 0) {
                expectedError = line.substring(e + EXPECT_ERROR.length());
                continue;
            }
            int i = line.indexOf(EXPECT);
            if (i >= 0) expected.add(line.substring(i + EXPECT.length()).stripTrailing());
        }
    }

    /** The outcome of one run: output lines and the uncaught error message (or null). */
    static final class Outcome {
        final List<String> lines = new ArrayList<>();
        String error;
        /** Stack invariant violations after the script returned or failed. */
        List<String> violations;
        /** Times the script was suspended by the preemption hook. */
        int preemptions;
    }

    /** Runs the script in a fresh runtime, {@code mode} applied to its main coroutine. */
    Outcome run(Consumer<LuaThread> mode) throws IOException { return run(mode, 0); }

    /**
     * As {@link #run(Consumer)}; with {@code preempt > 0} the script runs inside a coroutine
     * that a count hook suspends every {@code preempt} instructions, resumed until it ends.
     */
    Outcome run(Consumer<LuaThread> mode, int preempt) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Lua lua = new Lua(new PrintStream(out, false, StandardCharsets.UTF_8), new PrintStream(err, true), true);
        mode.accept(Runtimes.mainThread(lua));
        Outcome o = new Outcome();
        try {
            LuaClosure f = Runtimes.loadClosure(lua, Files.readAllBytes(file), "@" + file.getFileName());
            Object[] r = preempt > 0 ? preempted(lua, f, preempt, o) : Runtimes.callRaw(lua, pmain(lua), f);
            if (r[0] == Boolean.FALSE) o.error = LuaError.plain(String.valueOf(r[1])).getMessage().replaceAll("\n.*", "");
        } catch (LuaError | dev.moonstack.api.LuaException e) {
            o.error = e.getMessage().replaceAll("\n.*", "");
        }
        o.violations = Runtimes.mainThread(lua).checkInvariants();
        lua.flush();
        String text = out.toString(StandardCharsets.UTF_8);
        for (String l : text.split("\n", -1)) o.lines.add(l.stripTrailing());
        if (!o.lines.isEmpty() && o.lines.get(o.lines.size() - 1).isEmpty()) o.lines.remove(o.lines.size() - 1);
        return o;
    }

    /**
     * Runs a chunk at the C-call depth the annotator ran it at under lua5.4 (lua.c's pmain, its
     * docall, then annotate.lua's pcall): a Java function, like pmain, calling a Lua driver
     * that pcalls the chunk. Depth-sensitive results ("C stack overflow") then agree.
     */
    private static Object pmain(Lua lua) {
        Object driver = Runtimes.callRaw(lua, Runtimes.loadClosure(lua, "return function(f) return pcall(f) end", "=driver"))[0];
        return dev.moonstack.vm.Builtin.of("pmain", (L, base, nargs) -> {
            int f = L.top();
            L.push(driver, 0);
            L.pushValue(base);
            L.call(f, -1);
            return L.top() - f;
        });
    }

    /** Runs {@code f} as pmain does, in a coroutine suspended every {@code every} instructions. */
    private static Object[] preempted(Lua lua, LuaClosure f, int every, Outcome o) {
        Object driver = Runtimes.callRaw(lua, Runtimes.loadClosure(lua, "return function(f) return pcall(f) end", "=driver"))[0];
        Coroutine co = Runtimes.coroutine(lua, (dev.moonstack.value.LuaFunction) driver);
        co.preemptEvery(every);
        Coroutine.Result r = co.resume(f);
        while (r.yielded()) {
            if (!r.preempted()) throw new AssertionError("the script's main chunk yielded");
            o.preemptions++;
            r = co.resume();
        }
        if (r.kind == Coroutine.Result.Kind.FAILED) throw r.error;
        return r.values;
    }

    @Override public String toString() { return file.getFileName().toString(); }
}
