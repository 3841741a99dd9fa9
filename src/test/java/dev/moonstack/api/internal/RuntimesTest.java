package dev.moonstack.api.internal;

import dev.moonstack.api.Coroutine;
import dev.moonstack.api.Lua;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.NumTag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accessor behind the API: it forwards to the runtime a {@link Lua} wraps, initialises
 * {@link Lua} on first use, and takes its implementation from {@link Lua} alone. Expected
 * values are Lua's (lua5.4: {@code return 'a', 2, 2.5} gives a string, an integer and a float).
 */
class RuntimesTest {
    private final Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream());

    @Test
    void itForwardsToTheRuntimeBehindTheApi() {
        assertSame(Runtimes.state(lua).mainThread, Runtimes.mainThread(lua));
        Object[] r = Runtimes.execRaw(lua, "return 'a', 2, 2.5");
        assertEquals(List.of(LuaString.of("a"), 2L, 2.5), List.of(r), "raw values: strings stay the runtime's own");
        assertEquals(List.of("a", 2L, 2.5), List.of(lua.exec("return 'a', 2, 2.5")), "the API converts");
        assertEquals(7L, Runtimes.toJava(NumTag.INT, 7));
        assertEquals(0.5, Runtimes.toJava(NumTag.FLT, Double.doubleToRawLongBits(0.5)));
        assertTrue(Runtimes.isFunction(Runtimes.loadClosure(lua, "return 1", "=f")));
        assertTrue(Runtimes.isFunction(lua.load("return 1", "=f")));
        assertFalse(Runtimes.isFunction(LuaString.of("f")));

        Runtimes.register(lua, "twice", (L, base, nargs) -> {
            L.pushInteger(2 * L.num(base));
            return 1;
        });
        Coroutine co = Runtimes.coroutine(lua, Runtimes.loadClosure(lua, "coroutine.yield(twice(...)) return 'done'", "=co"));
        assertEquals(List.of(42L), List.of(co.resume(21L).values));
        assertEquals("suspended", Runtimes.thread(co).statusName());
        assertEquals(List.of("done"), List.of(co.resume().values));
        assertEquals("dead", Runtimes.thread(co).statusName());
    }

    @Test
    void nobodyButLuaInstallsTheImplementation() {
        assertThrows(IllegalStateException.class, () -> Runtimes.install(null));
        assertSame(Runtimes.state(lua).mainThread, Runtimes.mainThread(lua), "the implementation is still Lua's");
    }

    /** In a class loader of its own, where Lua is not yet initialised, the first use of Runtimes initialises it. */
    @Test
    void theFirstUseInitialisesLua() throws Exception {
        URL classes = Path.of("target/classes").toUri().toURL();
        try (URLClassLoader fresh = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> runtimes = Class.forName("dev.moonstack.api.internal.Runtimes", true, fresh);
            Class<?> tag = Class.forName("dev.moonstack.value.NumTag", true, fresh);
            Object intTag = tag.getField("INT").get(null);
            Object seven = runtimes.getMethod("toJava", Object.class, long.class).invoke(null, intTag, 7L);
            assertEquals(7L, seven);
        }
    }
}
