package dev.moonstack.parser;

import dev.moonstack.compiler.LuaCompiler;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deeply nested sources end in Lua's "C stack overflow" (the 200-level limit of
 * luaE_incCstack, counted from the level of a load called by a main chunk), never in a Java
 * StackOverflowError; long chains that Lua parses with loops (a+b+..., a.b.c..., elseif)
 * compile. Each case runs in a thread with a 1 MiB stack, the JVM's default on 64-bit Linux
 * (the build itself runs tests with -Xss16m). Expectations checked with lua5.4.
 */
class NestingTest {
    private static final int N = 100_000;
    private static final String OVERFLOW = "C stack overflow";

    /** Compiles {@code src} in a small-stack thread; returns the error message or "OK". */
    private static String compile(String src) throws InterruptedException {
        AtomicReference<String> result = new AtomicReference<>();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                LuaCompiler.compile(src.getBytes(StandardCharsets.ISO_8859_1), LuaString.of("=input"));
                result.set("OK");
            } catch (LuaError e) {
                result.set(e.getMessage());
            } catch (Throwable e) {
                unexpected.set(e);
            }
        }, "nesting", 1 << 20);
        t.start();
        t.join();
        assertNull(unexpected.get(), () -> "unexpected " + unexpected.get());
        return result.get();
    }

    private static String rep(String s, int n) { return s.repeat(n); }

    @Test
    void parentheses() throws InterruptedException {
        assertEquals(OVERFLOW, compile(rep("(", N)));
        assertEquals(OVERFLOW, compile("x = " + rep("(", N) + "1" + rep(")", N)));
    }

    @Test
    void limitIsLuas() throws InterruptedException {
        assertEquals("OK", compile("x = " + rep("(", 195) + "1" + rep(")", 195)));
        assertEquals(OVERFLOW, compile("x = " + rep("(", 196) + "1" + rep(")", 196)));
        assertEquals("OK", compile(rep("do ", 197) + rep(" end", 197)));
        assertEquals(OVERFLOW, compile(rep("do ", 198) + rep(" end", 198)));
    }

    @Test
    void constructorsFunctionsBlocks() throws InterruptedException {
        assertEquals(OVERFLOW, compile("x = " + rep("{", N)));
        assertEquals(OVERFLOW, compile("x = " + rep("function() return ", N)));
        assertEquals(OVERFLOW, compile(rep("do ", N) + rep("end ", N)));
        assertEquals(OVERFLOW, compile(rep("while x do ", N)));
        assertEquals(OVERFLOW, compile("x = " + rep("f(", N)));
        assertEquals(OVERFLOW, compile("x = " + rep("- ", N) + "a"));
        assertEquals(OVERFLOW, compile("x = a" + rep(" .. a", N)));
        assertEquals(OVERFLOW, compile("x = 2" + rep(" ^ a", N)));
        assertEquals(OVERFLOW, compile(rep("a, ", N) + "a = 1"));
    }

    @Test
    void loopsInLuaAreNotNesting() throws InterruptedException {
        assertEquals("OK", compile("x = 1" + rep(" + a", N)));
        assertEquals("OK", compile("x = 1" + rep(" or a", N)));
        assertEquals("OK", compile("x = a" + rep(".b", N)));
        assertEquals("OK", compile("x = a" + rep("[1]", N)));
        assertEquals("OK", compile("x = a" + rep(":m()", N)));
        assertEquals("OK", compile("if a then " + rep("elseif a then ", N) + "end"));
        assertEquals("OK", compile("x = {" + rep("a, ", N) + "}"));
        assertEquals("OK", compile(rep("f() ", N)));
    }

    @Test
    void overflowIsAPlainLuaError() throws InterruptedException {
        String msg = compile("x = " + rep("{", 1000));
        assertTrue(msg.equals(OVERFLOW), msg);
    }
}
