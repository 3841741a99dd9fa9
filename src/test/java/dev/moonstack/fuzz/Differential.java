package dev.moonstack.fuzz;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaOracle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a batch of Lua programs in lua5.4 (one process for the whole batch) and in Moonstack
 * (one runtime for the batch), through the same driver script, and splits the output per
 * program. The driver loads each program with its own environment, runs it in a pcall and
 * prints its uncaught error; its printer {@code P} shows values without addresses (tables with
 * their contents in sorted key order, floats with tostring and %.17g, strings with %q).
 */
final class Differential {
    private Differential() {}

    /** Instructions a batch may run in Moonstack before it counts as hung. */
    static final long BUDGET = 200_000_000L;
    /** Wall-clock limit of a batch in either runtime (a batch takes about a second). */
    static final long TIMEOUT_SECONDS = 30;

    private static final String DRIVER = String.join("\n",
            "local function keyless(a, b)",
            "  local ta, tb = type(a), type(b)",
            "  if ta ~= tb then return ta < tb end",
            "  if ta == 'number' or ta == 'string' then return a < b end",
            "  if ta == 'boolean' then return b and not a end",
            "  return false",
            "end",
            "local show",
            "function show(v, depth, seen)",
            "  local t = type(v)",
            "  if t == 'string' then return string.format('%q', v) end",
            "  if t == 'number' then",
            "    if math.type(v) == 'integer' then return tostring(v) end",
            "    return tostring(v) .. '/' .. string.format('%.17g', v)",
            "  end",
            "  if t ~= 'table' then return t == 'boolean' and tostring(v) or t end",
            "  if seen[v] then return '<cycle>' end",
            "  if depth > 3 then return '{...}' end",
            "  seen[v] = true",
            "  local keys = {}",
            "  for k in next, v do keys[#keys + 1] = k end",
            "  table.sort(keys, keyless)",
            "  local parts = {}",
            "  for i = 1, #keys do",
            "    local k = keys[i]",
            "    parts[i] = show(k, depth + 1, seen) .. '=' .. show(rawget(v, k), depth + 1, seen)",
            "  end",
            "  seen[v] = nil",
            "  return '{' .. table.concat(parts, ',') .. '}' .. (getmetatable(v) and '+mt' or '')",
            "end",
            "local function P(...)",
            "  local n = select('#', ...)",
            "  local parts = {}",
            "  for i = 1, n do parts[i] = show((select(i, ...)), 0, {}) end",
            "  io.write(table.concat(parts, '\\t'), '\\n')",
            "end",
            "local function PC(f)",
            "  local ok, e = pcall(f)",
            "  if not ok then io.write('caught: ', show(e, 0, {}), '\\n') end",
            "end",
            "local function S(x)",
            "  local t = type(x)",
            "  if t == 'table' or t == 'function' then return t end",
            "  return tostring(x)",
            "end",
            "local progs = ...",
            "for i = 1, #progs do",
            "  io.write('@@@ ', i, '\\n')",
            "  io.stdout:flush()",
            "  local env = setmetatable({P = P, PC = PC, S = S}, {__index = _G})",
            "  local f, err = load(progs[i], '=p' .. i, 't', env)",
            "  if not f then io.write('compile: ', err, '\\n')",
            "  else",
            "    local ok, e = pcall(f)",
            "    if not ok then io.write('error: ', show(e, 0, {}), '\\n') end",
            "  end",
            "  io.stdout:flush()",
            "end",
            "io.write('@@@ end\\n')",
            "");

    /** The driver with the programs as its vararg, as one chunk. */
    static String driver(List<String> programs) {
        StringBuilder b = new StringBuilder("return (function(...)\n").append(DRIVER).append("end)({\n");
        for (String p : programs) b.append(literal(p)).append(",\n");
        return b.append("})\n").toString();
    }

    /** A Lua string literal for {@code s}'s UTF-8 bytes. */
    static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if (c == '\\' || c == '"') b.append('\\').append((char) c);
            else if (c >= 32 && c < 127) b.append((char) c);
            else b.append(String.format("\\%03d", c));
        }
        return b.append('"').toString();
    }

    /** lua5.4 crashed or ran away (no output of its own can be compared) on program {@code index}. */
    static final class ReferenceFailure extends Exception {
        final int index;

        ReferenceFailure(int index, String why) {
            super(why);
            this.index = index;
        }
    }

    /** Output beyond which lua5.4 counts as running away. */
    private static final long MAX_OUTPUT = 64L << 20;

    /** Runs the batch in lua5.4; returns the output of each program. */
    static List<String> reference(List<String> programs) throws IOException, InterruptedException, ReferenceFailure {
        String lua = LuaOracle.require();
        Path file = Files.createTempFile("moonstack-fuzz", ".lua");
        Path out = Files.createTempFile("moonstack-fuzz", ".out");
        try {
            Files.writeString(file, driver(programs));
            Process p = new ProcessBuilder(lua, file.toString()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            p.getOutputStream().close();
            boolean done = false;
            for (long waited = 0; !done && waited < TIMEOUT_SECONDS * 10 && Files.size(out) < MAX_OUTPUT; waited++) {
                done = p.waitFor(100, TimeUnit.MILLISECONDS);
            }
            if (!done) p.destroyForcibly().waitFor();
            String text = Files.size(out) < MAX_OUTPUT ? Files.readString(out, StandardCharsets.ISO_8859_1) : "";
            List<String> parts = split(text, programs.size());
            if (!done || p.exitValue() != 0 || !text.endsWith("@@@ end\n")) {
                int running = Math.max(1, parts.size());
                throw new ReferenceFailure(running - 1, !done ? "lua5.4 ran away (time or output)"
                        : "lua5.4 exited with " + p.exitValue() + ": " + tail(text));
            }
            return parts;
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(out);
        }
    }

    private static String tail(String s) { return s.length() < 300 ? s : s.substring(s.length() - 300); }

    /**
     * Runs the batch in Moonstack (in the check-invariants mode if {@code check}); returns the
     * output of each program. A Java exception, an AssertionError (a violated invariant) or a
     * hang is reported as an AssertionError naming the program that was running.
     */
    static List<String> moonstack(List<String> programs, boolean check) throws InterruptedException {
        return moonstack(programs, check, false);
    }

    /**
     * As {@link #moonstack(List, boolean)}, with the compiled tier on at threshold 0 if
     * {@code compiled}, else off (the interpreter alone).
     */
    static List<String> moonstack(List<String> programs, boolean check, boolean compiled) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Lua lua = new Lua(new PrintStream(out, false, StandardCharsets.ISO_8859_1), new ByteArrayOutputStream(), true);
        Runtimes.mainThread(lua).interrupts().setCheckInvariants(check);
        Runtimes.mainThread(lua).setTierOn(compiled);
        if (compiled) {                           // every function compiled at its first call, loops at their first poll
            dev.moonstack.jit.Jit jit = dev.moonstack.jit.Jit.of(Runtimes.state(lua));
            jit.setThreshold(0);
            jit.setOn(Runtimes.mainThread(lua), true);
        }
        Runtimes.mainThread(lua).interrupts().setBudget(BUDGET);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                Runtimes.callRaw(lua, Runtimes.loadClosure(lua, driver(programs), "=driver"));
                List<String> v = Runtimes.mainThread(lua).checkInvariants();
                if (!v.isEmpty()) throw new AssertionError("stack invariants after the batch: " + v);
            } catch (LuaError e) {
                failure.set(new AssertionError("the driver failed: " + e.getMessage()));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "moonstack-fuzz", 256L << 20);
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        if (t.isAlive()) {
            Runtimes.mainThread(lua).interrupts().requestInterrupt();
            t.join(5000);
            failure.compareAndSet(null, new AssertionError("Moonstack timed out"));
        }
        lua.flush();
        String text = out.toString(StandardCharsets.ISO_8859_1);
        if (failure.get() != null) {
            List<String> parts = split(text, programs.size());
            int running = parts.size();
            throw new AssertionError("program " + running + " of the batch: " + failure.get()
                    + "\n--- program:\n" + (running > 0 ? programs.get(running - 1) : "?"), failure.get());
        }
        return split(text, programs.size());
    }

    /** The output of each program, from the driver's "@@@ i" markers (fewer if it stopped early). */
    static List<String> split(String out, int n) {
        List<String> parts = new ArrayList<>();
        int at = out.indexOf("@@@ 1\n");
        if (at < 0) {
            parts.add(out);
            return parts;
        }
        for (int i = 1; i <= n; i++) {
            int from = at + ("@@@ " + i + "\n").length();
            int next = out.indexOf(i < n ? "@@@ " + (i + 1) + "\n" : "@@@ end\n", from);
            if (next < 0) {
                parts.add(out.substring(from) + "<<output ends here>>");
                return parts;
            }
            parts.add(out.substring(from, next));
            at = next;
        }
        return parts;
    }
}
