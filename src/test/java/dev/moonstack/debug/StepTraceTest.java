package dev.moonstack.debug;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The golden step-trace corpus (src/test/resources/debug): each case is a script NAME.lua and
 * a transcript NAME.trace of debugger commands ("> ..." lines) and the events they must give,
 * written by hand from the source. The runner replays the commands and compares the whole
 * transcript it gets with the file.
 *
 * <p>Commands: {@code > break [@chunk] LINE [if EXPR] [hit COND] [log MSG]} and
 * {@code > entry} before {@code > run}; after a stop {@code > in}, {@code > over},
 * {@code > out}, {@code > continue}, {@code > eval EXPR} (answered "= VALUE" or "! ERROR"),
 * {@code > threads} (one "thread NAME STATUS" line each) and {@code > frames} ("frame NAME
 * SOURCE:LINE" lines, "tail" marked). Events: "stop REASON SOURCE:LINE DEPTH NAME",
 * "output TEXT", "end" or "error MESSAGE". A file NAME.pre.lua runs before the debugger attaches.
 * A second transcript of the same script is NAME.CASE.trace (hooks.break.trace runs hooks.lua).
 */
class StepTraceTest {
    static final Path DIR = Path.of("src/test/resources/debug");

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path t : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".trace")).sorted()::iterator) {
                String name = t.getFileName().toString().replace(".trace", "");
                String only = System.getProperty("steptrace");
                if (only != null && !only.equals(name)) continue;
                tests.add(DynamicTest.dynamicTest(name, () -> run(name)));
            }
        }
        return tests.stream();
    }

    private sealed interface Event permits Stop, Output, End {}

    private record Stop(StopEvent e) implements Event {}

    private record Output(String text) implements Event {}

    private record End(String error) implements Event {}

    static void run(String trace) throws Exception {
        String name = trace.replaceFirst("\\..*", "");            // the script's name: NAME.CASE runs NAME.lua
        List<String> expected = new ArrayList<>();
        for (String l : Files.readAllLines(DIR.resolve(trace + ".trace"))) {
            if (!l.isBlank() && !l.startsWith("#")) expected.add(l.stripTrailing());
        }
        Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        Path pre = DIR.resolve(name + ".pre.lua");
        if (Files.exists(pre)) Runtimes.callRaw(lua, Runtimes.loadClosure(lua, Files.readString(pre), "@" + name + ".pre.lua"));
        Debugger dbg = Debugger.attach(lua);
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        dbg.setListener(new DebugListener() {
            @Override public void onStop(StopEvent e) { events.add(new Stop(e)); }

            @Override public void onOutput(String text) { events.add(new Output(text.stripTrailing())); }
        });
        List<String> actual = new ArrayList<>();
        int i = 0;
        for (; i < expected.size() && !expected.get(i).equals("> run"); i++) {
            actual.add(expected.get(i));
            setup(dbg, name, expected.get(i).substring(2));
        }
        actual.add("> run");
        i++;
        String script = Files.readString(DIR.resolve(name + ".lua"));
        Thread runner = new Thread(() -> {
            try {
                LuaClosure main = Runtimes.loadClosure(lua, script, "@" + name + ".lua");
                Runtimes.callRaw(lua, main);
                events.add(new End(null));
            } catch (LuaError e) {
                events.add(new End(e.getMessage()));
            } catch (Throwable e) {
                events.add(new End("java " + e));
            }
        }, "script " + name);
        runner.setDaemon(true);
        runner.start();
        for (;;) {
            Event ev = events.poll(10, TimeUnit.SECONDS);
            if (ev == null) {
                actual.add("(timeout)");
                for (StackTraceElement e : runner.getStackTrace()) System.err.println("  script at " + e);   // where it hangs
                break;
            }
            if (actual.size() > expected.size() + 10) {
                actual.add("(runaway: more events than the transcript has)");
                dbg.detach();
                break;
            }
            if (ev instanceof End end) {
                actual.add(end.error == null ? "end" : "error " + end.error);
                break;
            }
            if (ev instanceof Output o) {
                actual.add("output " + o.text);
                continue;
            }
            StopEvent s = ((Stop) ev).e;
            actual.add("stop " + s.reason.name().toLowerCase() + " " + shortSrc(s.source) + ":" + s.line + " " + s.depth + " " + s.function);
            i = commands(dbg, s, expected, i, actual);
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual), trace);
    }

    private static String shortSrc(String source) {
        return source.startsWith("@") || source.startsWith("=") ? source.substring(1) : source;
    }

    private static void setup(Debugger dbg, String name, String cmd) {
        if (cmd.equals("entry")) {
            dbg.stopOnEntry();
            return;
        }
        if (!cmd.startsWith("break ")) throw new IllegalArgumentException(cmd);
        String rest = cmd.substring(6).trim();
        String source = "@" + name + ".lua";
        if (rest.startsWith("@")) {
            source = rest.substring(0, rest.indexOf(' '));
            rest = rest.substring(source.length()).trim();
        }
        String cond = part(rest, " if "), hit = part(rest, " hit "), log = part(rest, " log ");
        int line = Integer.parseInt(rest.split(" ")[0]);
        List<Breakpoint> bps = existing(dbg, source);
        bps.add(new Breakpoint(source, line, cond, hit, log));
        dbg.setBreakpoints(source, new ArrayList<>(bps));
    }

    private static final java.util.Map<Debugger, java.util.Map<String, List<Breakpoint>>> SET = new java.util.WeakHashMap<>();

    private static List<Breakpoint> existing(Debugger dbg, String source) {
        return SET.computeIfAbsent(dbg, k -> new java.util.HashMap<>()).computeIfAbsent(source, k -> new ArrayList<>());
    }

    /** The text after {@code key} up to the next key, or null. */
    private static String part(String s, String key) {
        s = " " + s + " ";
        int at = s.indexOf(key);
        if (at < 0) return null;
        int end = s.length();
        for (String k : Arrays.asList(" if ", " hit ", " log ")) {
            int e = s.indexOf(k, at + key.length());
            if (e >= 0 && e < end) end = e;
        }
        return s.substring(at + key.length(), end).trim();
    }

    /** Runs the commands after a stop, up to and including the one that resumes. */
    private static int commands(Debugger dbg, StopEvent s, List<String> expected, int i, List<String> actual) {
        Inspector in = dbg.inspector();
        for (; i < expected.size(); i++) {
            String l = expected.get(i);
            if (!l.startsWith("> ")) continue;
            actual.add(l);
            String cmd = l.substring(2);
            switch (cmd) {
                case "in" -> { dbg.stepIn(); return i + 1; }
                case "over" -> { dbg.stepOver(); return i + 1; }
                case "out" -> { dbg.stepOut(); return i + 1; }
                case "continue" -> { dbg.continueRun(); return i + 1; }
                case "threads" -> {
                    for (Inspector.ThreadInfo t : in.threads()) actual.add("thread " + t.name() + " " + t.status());
                }
                case "frames" -> {
                    for (Inspector.FrameInfo f : in.stackTrace(s.threadId, 0, 0)) {
                        actual.add("frame " + f.name() + " " + shortSrc(f.source()) + ":" + f.line() + (f.tailCall() ? " tail" : ""));
                    }
                }
                default -> {
                    if (!cmd.startsWith("eval ")) throw new IllegalArgumentException(cmd);
                    int top = in.stackTrace(s.threadId, 0, 1).get(0).id();
                    Inspector.Result r = in.evaluate(top, cmd.substring(5));
                    actual.add(r.error() == null ? "= " + r.value() : "! " + r.error());
                }
            }
        }
        dbg.continueRun();
        return i;
    }
}
