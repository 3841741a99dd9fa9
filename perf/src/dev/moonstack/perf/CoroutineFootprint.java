package dev.moonstack.perf;

import dev.moonstack.api.Coroutine;
import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the heap retained by idle coroutines: creates N coroutines, each suspended in a
 * yield inside a small Lua function with a local and an upvalue, and reports the growth of the
 * used heap after full collections, per coroutine. Run:
 * {@code java -cp target/classes:target/test-classes dev.moonstack.perf.CoroutineFootprint [N]}.
 */
public final class CoroutineFootprint {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Lua lua = new Lua(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), true);
        LuaClosure body = Runtimes.loadClosure(lua, "local id = ... local count = 0 "
                + "local function step() count = count + 1; return coroutine.yield(count) end "
                + "while true do step() end", "=actor");
        List<Coroutine> live = new ArrayList<>(n);
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            Coroutine co = Runtimes.coroutine(lua, body);
            co.resume((long) i);                              // suspended inside step()
            live.add(co);
        }
        long after = usedAfterGc();
        System.out.printf("%d idle coroutines: %.0f bytes retained per coroutine (heap %d MB -> %d MB)%n",
                n, (after - before) / (double) n, before >> 20, after >> 20);
        int alive = 0;
        for (Coroutine co : live) if (co.resume().yielded()) alive++;
        System.out.println(alive + " of " + n + " resumed again and suspended");
        if (Boolean.getBoolean("footprint.hold")) try { Thread.sleep(60000); } catch (InterruptedException e) { }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
