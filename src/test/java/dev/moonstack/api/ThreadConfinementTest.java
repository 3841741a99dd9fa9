package dev.moonstack.api;

import dev.moonstack.api.internal.Runtimes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A runtime runs on one thread at a time: a second thread entering while the first is inside
 * gets an IllegalStateException at once, and the runtime is left intact (two threads used to
 * get wrong results, internal errors and a runtime broken for good).
 */
class ThreadConfinementTest {
    private final Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true);

    @Test
    void concurrentCallsFailFastAndNothingBreaks() throws Exception {
        Object add = Runtimes.execRaw(lua, "return function(a, b) local s = 0 for i = 1, 200 do s = s + i end return a + b + s end")[0];
        AtomicInteger ok = new AtomicInteger(), refused = new AtomicInteger();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        Runnable worker = () -> {
            for (long i = 0; i < 20_000; i++) {
                try {
                    Object r = Runtimes.callRaw(lua, add, i, 1L)[0];
                    if (!Long.valueOf(i + 1 + 20100).equals(r)) wrong.add(i + " -> " + r);
                    ok.incrementAndGet();
                } catch (IllegalStateException e) {
                    refused.incrementAndGet();
                } catch (Throwable t) {
                    wrong.add(t.toString());
                }
            }
        };
        Thread a = new Thread(worker), b = new Thread(worker);
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(List.of(), List.copyOf(wrong), "only right results or refusals");
        assertEquals(40_000, ok.get() + refused.get());
        assertTrue(ok.get() > 0);
        assertEquals(2L + 20100, Runtimes.callRaw(lua, add, 1L, 1L)[0], "the runtime is intact");
        assertEquals(List.of(), lua.mainThread().checkInvariants());
    }

    @Test
    void anotherThreadMayUseTheRuntimeOnceTheFirstHasLeft() throws Exception {
        assertEquals(3L, Runtimes.execRaw(lua, "return 1 + 2")[0]);
        Object[] r = new Object[1];
        Thread t = new Thread(() -> r[0] = Runtimes.execRaw(lua, "return 2 + 2")[0]);
        t.start();
        t.join();
        assertEquals(4L, r[0]);
    }
}
