package dev.moonstack.lib.string;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every error the matcher raises, with lua5.4's wording, and its stack safety. */
class MatchStateErrorTest {
    /** One erroneous call: op is find, match or gsub (whose replacement is repl). */
    record Err(String op, String s, String p, String repl, String message) {}

    // Messages as lua5.4 (5.4.4) prints them for pcall(string.op, ...), which adds no position.
    static final List<Err> ERRORS = List.of(
        new Err("find", "a", "%", null, "malformed pattern (ends with '%')"),
        new Err("find", "a", "a%", null, "malformed pattern (ends with '%')"),
        new Err("find", "a", "[a", null, "malformed pattern (missing ']')"),
        new Err("find", "a", "[]", null, "malformed pattern (missing ']')"),
        new Err("find", "a", "[^]", null, "malformed pattern (missing ']')"),
        new Err("find", "a", "[a%]", null, "malformed pattern (missing ']')"),
        new Err("find", "a", "[a%", null, "malformed pattern (missing ']')"),
        new Err("find", "a", "%b", null, "malformed pattern (missing arguments to '%b')"),
        new Err("find", "a", "%ba", null, "malformed pattern (missing arguments to '%b')"),
        new Err("find", "a", "%f", null, "missing '[' after '%f' in pattern"),
        new Err("find", "a", "%fa", null, "missing '[' after '%f' in pattern"),
        new Err("find", "a", "%1", null, "invalid capture index %1"),
        new Err("find", "a", "(%1)", null, "invalid capture index %1"),
        new Err("find", "a", "%0", null, "invalid capture index %0"),
        new Err("find", "aa", "(a)%2", null, "invalid capture index %2"),
        new Err("gsub", "alo", ".", "%2", "invalid capture index %2"),
        new Err("gsub", "alo", "(.)", "%3", "invalid capture index %3"),
        new Err("gsub", "alo", ".", "%x", "invalid use of '%' in replacement string"),
        new Err("gsub", "alo", ".", "ab%", "invalid use of '%' in replacement string"),
        new Err("match", "a", ".)", null, "invalid pattern capture"),
        new Err("match", "a", "a)", null, "invalid pattern capture"),
        new Err("find", "a", "(()", null, "unfinished capture"),
        new Err("match", "a", "(.", null, "unfinished capture"),
        new Err("gsub", "a", "(.", "<%1>", "unfinished capture"),
        new Err("find", "a", "()".repeat(33), null, "too many captures"),
        new Err("match", "a".repeat(40), "(a)".repeat(33), null, "too many captures"),
        new Err("find", "a".repeat(300), "a?".repeat(300) + "a".repeat(300), null, "pattern too complex"),
        new Err("match", "a".repeat(201), "a-".repeat(201), null, "pattern too complex"));

    private static LuaError run(Err e) {
        LuaString s = LuaString.of(e.s()), p = LuaString.of(e.p());
        return assertThrows(LuaError.class, () -> {
            switch (e.op()) {
                case "find" -> PatternDriver.find(s, p, 1, false);
                case "match" -> PatternDriver.match(s, p, 1);
                default -> PatternDriver.gsub(s, p, LuaString.of(e.repl()), Long.MAX_VALUE);
            }
        }, e.toString());
    }

    @Test
    void messagesAreLuas() {
        for (Err e : ERRORS) {
            LuaError err = run(e);
            assertEquals(e.message(), err.getMessage(), e.toString());
            assertEquals(1, err.pendingLevel, "raised like luaL_error: " + e);
        }
    }

    @Test
    void messagesAreCheckedAgainstLua54() throws IOException, InterruptedException {
        Assumptions.assumeTrue(MatchStateDifferentialTest.haveLua(), "lua5.4 not installed: messages not re-checked");
        StringBuilder script = new StringBuilder();
        for (Err e : ERRORS) {
            script.append("print(select(2, pcall(string.").append(e.op()).append(", ").append(lit(e.s()))
                  .append(", ").append(lit(e.p()));
            if (e.repl() != null) script.append(", ").append(lit(e.repl()));
            script.append(")))\n");
        }
        Path f = Files.createTempFile("moonstack-pm-err", ".lua");
        try {
            Files.writeString(f, script);
            Process pr = new ProcessBuilder("lua5.4", f.toString()).redirectErrorStream(true).start();
            List<String> lines = new String(pr.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).lines().toList();
            assertTrue(pr.waitFor(60, TimeUnit.SECONDS));
            assertEquals(ERRORS.size(), lines.size(), String.join("\n", lines));
            for (int i = 0; i < ERRORS.size(); i++) assertEquals(ERRORS.get(i).message(), lines.get(i), ERRORS.get(i).toString());
        } finally {
            Files.delete(f);
        }
    }

    /** A Lua long-bracket literal that needs no escapes for these ASCII strings. */
    private static String lit(String s) { return "[==[" + s + "]==]"; }

    /** Runs {@code body} in a thread with a small stack, as a runtime thread might have. */
    private static Throwable onSmallStack(Runnable body) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small-stack", 512 * 1024);
        t.start();
        t.join();
        return thrown.get();
    }

    @Test
    void hugePatternIsTooComplexNotStackOverflow() throws InterruptedException {
        LuaString s = LuaString.of("a".repeat(100_000));
        LuaString p = LuaString.of("a?".repeat(100_000) + "a".repeat(100_000));
        // lua5.4 answers "pattern too complex" for string.find(s, p).
        Throwable t = onSmallStack(() -> PatternDriver.find(s, p, 1, false));
        assertTrue(t instanceof LuaError, "got " + t);
        assertEquals("pattern too complex", t.getMessage());
        t = onSmallStack(() -> PatternDriver.gsub(s, LuaString.of("a-".repeat(100_000) + "b"),
            LuaString.of("x"), Long.MAX_VALUE));
        assertTrue(t instanceof LuaError, "got " + t);
        assertEquals("pattern too complex", t.getMessage());
    }

    @Test
    void deepestAllowedNestingFitsASmallStack() throws InterruptedException {
        // Each group costs two matcher levels and each "a?" one, plus the outermost call: 200
        // levels, lua5.4's most; one more "a?" makes lua5.4 say "pattern too complex".
        LuaString s = LuaString.of("a".repeat(199));
        LuaString deepest = LuaString.of("(a)".repeat(32) + "a?".repeat(135));
        LuaString tooDeep = LuaString.of("(a)".repeat(32) + "a?".repeat(136));
        AtomicReference<List<Object>> got = new AtomicReference<>();
        Throwable t = onSmallStack(() -> got.set(PatternDriver.match(s, deepest, 1)));
        assertEquals(null, t);
        assertEquals(32, got.get().size());
        assertEquals(LuaString.of("a"), got.get().get(31));
        t = onSmallStack(() -> PatternDriver.match(s, tooDeep, 1));
        assertTrue(t instanceof LuaError, "got " + t);
        assertEquals("pattern too complex", t.getMessage());
    }

    @Test
    void longSubjectsDoNotRecurse() throws InterruptedException {
        LuaString a = LuaString.of("a".repeat(300_000));
        AtomicReference<List<Object>> r1 = new AtomicReference<>(), r2 = new AtomicReference<>(),
            r3 = new AtomicReference<>();
        Throwable t = onSmallStack(() -> {
            r1.set(PatternDriver.find(a, LuaString.of("^a*.?$"), 1, false));
            r2.set(PatternDriver.find(a, LuaString.of("^a*.?b$"), 1, false));
            r3.set(PatternDriver.find(a, LuaString.of("^a-.?$"), 1, false));
        });
        assertEquals(null, t);
        assertEquals(List.of(1L, 300_000L), r1.get());
        assertEquals(java.util.Collections.singletonList(null), r2.get());
        assertEquals(List.of(1L, 300_000L), r3.get());
    }
}
