package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * Lua functions passed to bound methods that take a functional interface: called back with
 * converted arguments and results, on the runtime's thread, errors crossing both ways.
 */
class CallbackTest {
    /** A game's own listener type, with a default method. */
    @FunctionalInterface
    public interface Listener {
        String on(String event, long n);

        default String twice(String event) { return on(event, 1) + on(event, 2); }
    }

    /** Holds callbacks as a game would. */
    public static class Events {
        public final List<Listener> listeners = new ArrayList<>();
        public Runnable later;

        public void listen(Listener l) { listeners.add(l); }

        public String fire(String event) {
            StringBuilder b = new StringBuilder();
            for (Listener l : listeners) b.append(l.twice(event));
            return b.toString();
        }

        public long count(IntPredicate p, int upTo) {
            long n = 0;
            for (int i = 1; i <= upTo; i++) if (p.test(i)) n++;
            return n;
        }

        public Object apply(BiFunction<Object, Object, Object> f, Object a, Object b) { return f.apply(a, b); }

        public void each(List<Object> items, Consumer<Object> c) { items.forEach(c); }

        public void defer(Runnable r) { later = r; }

        public long total(java.util.function.ToLongFunction<Object> f, Object x) { return f.applyAsLong(x); }
    }

    static Lua lua(Events e) {
        Lua lua = Lua.builder().profile(Profile.SANDBOX).stdout(new ByteArrayOutputStream()).build();
        lua.bind(Events.class).method("listen").method("fire").method("count").method("apply").method("each").method("defer").method("total");
        lua.setGlobal("events", e);
        return lua;
    }

    @Test
    void luaFunctionsImplementFunctionalInterfaces() {
        Events e = new Events();
        Lua lua = lua(e);
        assertArrayEquals(new Object[] {"hit1hit2", 50L, 7L, "a-b"}, lua.exec(
                "events:listen(function(ev, n) return ev .. n end) "
                + "local seen = {} events:each({'a', 'b'}, function(x) seen[#seen + 1] = x end) "
                + "return events:fire('hit'), events:count(function(i) return i % 2 == 0 end, 100), "
                + "events:apply(function(a, b) return a + b end, 3, 4), table.concat(seen, '-')"));
        assertEquals("x1x2", e.fire("x"), "the host calls the Lua listener itself");
        assertEquals("Lua implementation of " + Listener.class.getName(), e.listeners.get(0).toString());
    }

    @Test
    void errorsCrossBothWays() {
        Events e = new Events();
        Lua lua = lua(e);
        assertArrayEquals(new Object[] {false, true}, lua.exec(
                "local err = {code = 7} "
                + "local ok, got = pcall(events.apply, events, function() error(err) end, 1, 2) "
                + "return ok, got == err"), "the error value comes back to Lua as itself");
        assertArrayEquals(new Object[] {false, "result #1: number expected, got string"},
                lua.exec("return pcall(function() return events:total(function() return 'yes' end, 1) end)", "=s"),
                "a result that does not fit the interface's return type");
        lua.exec("events:defer(function() error('late', 0) end)");
        LuaException x = assertThrows(LuaException.class, () -> e.later.run(), "called by the host, a LuaException");
        assertEquals("late", x.getMessage());
        assertEquals("late", x.value());
    }

    @Test
    void callbacksRunOnlyOnTheRuntimesThread() throws Exception {
        Events e = new Events();
        Lua lua = lua(e);
        lua.exec("n = 0 events:defer(function() n = n + 1 end)");
        e.later.run();
        AtomicReference<Throwable> other = new AtomicReference<>();
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        lua.register("entered", args -> {
            inside.countDown();
            return null;
        });
        Thread t = new Thread(() -> {
            try {
                lua.exec("entered() while true do end");
            } catch (Throwable x) {
                other.set(x);
            }
        });
        t.start();
        assertTrue(inside.await(30, java.util.concurrent.TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, () -> e.later.run(), "another thread is inside the runtime");
        lua.interrupt();
        t.join();
        assertTrue(other.get() instanceof LuaException && ((LuaException) other.get()).isStop(), String.valueOf(other.get()));
        assertEquals(1L, lua.getGlobal("n"));
    }
}
