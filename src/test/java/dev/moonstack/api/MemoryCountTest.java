package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.vm.LuaThread;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * collectgarbage("count") counts one runtime (issue 11, part 2): what other runtimes and the
 * host allocate on the same thread, before, between or inside its calls, is not its memory.
 */
class MemoryCountTest {
    private static Lua runtime() {
        return new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true);
    }

    private static double countKB(Lua lua) {
        return ((Number) lua.exec("return collectgarbage('count')")[0]).doubleValue();
    }

    @Test
    void anotherRuntimeOnTheSameThreadIsNotCounted() {
        Lua a = runtime(), b = runtime();
        a.exec("collectgarbage()");
        double before = countKB(a);
        b.exec("keep = {} for i = 1, 100 do keep[i] = string.rep('b', 1 << 20) .. i end");   // 100 MB, kept
        double after = countKB(a);
        assertTrue(after - before < 64, "a's count went from " + before + " KB to " + after + " KB");
        assertTrue(b.memoryInUse() > 100L << 20, "b's count " + b.memoryInUse());
    }

    @Test
    void theHostsAllocationBetweenCallsIsNotCounted() {
        Lua a = runtime();
        a.exec("collectgarbage()");
        double before = countKB(a);
        byte[][] hostData = new byte[64][];
        for (int i = 0; i < hostData.length; i++) hostData[i] = new byte[1 << 20];
        double after = countKB(a);
        assertTrue(after - before < 64, "count went from " + before + " KB to " + after + " KB");
        assertEquals(64, hostData.length);
    }

    /** A runtime called from inside another one's builtin: its allocation is its own. */
    @Test
    void aNestedRuntimeCountsForItselfOnly() {
        Lua outer = runtime(), inner = runtime();
        Runtimes.register(outer, "other", (LuaThread L, int base, int nargs) -> {
            inner.exec("keep = {} for i = 1, 50 do keep[i] = string.rep('n', 1 << 20) .. i end");
            return 0;
        });
        Object[] r = outer.exec("collectgarbage() local k0 = collectgarbage('count') local x = {} "
                + "other() local k1 = collectgarbage('count') "
                + "for i = 1, 4 do x[i] = string.rep('o', 1 << 20) .. i end "
                + "return k0, k1, collectgarbage('count')");
        double k0 = (Double) r[0], k1 = (Double) r[1], k2 = (Double) r[2];
        assertTrue(k1 - k0 < 64, "outer's count went from " + k0 + " to " + k1 + " KB across the inner call");
        assertTrue(k2 - k1 > 4 * 1024, "outer's own 4 MB: " + k1 + " to " + k2 + " KB");
        assertTrue(inner.memoryInUse() > 50L << 20, "inner's count " + inner.memoryInUse());
    }

    /**
     * The count grows with what the script allocates, garbage included, as Lua's does until a
     * collection; a collection brings it to what is live.
     */
    @Test
    void theCountFollowsTheScript() {
        Lua a = runtime();
        Object[] r = a.exec("collectgarbage() local k0 = collectgarbage('count') "
                + "local t = {} for i = 1, 10 do t[i] = string.rep('c', 1 << 20) .. i end "
                + "local k1 = collectgarbage('count') collectgarbage() local k2 = collectgarbage('count') "
                + "t = nil collectgarbage() return k0, k1, k2, collectgarbage('count')");
        double k0 = (Double) r[0], k1 = (Double) r[1], k2 = (Double) r[2], k3 = (Double) r[3];
        assertTrue(k1 - k0 > 20 * 1024 && k1 - k0 < 22 * 1024, "20 MB made, 10 MB kept: " + k0 + " -> " + k1);
        assertTrue(k2 - k0 > 10 * 1024 && k2 - k0 < 11 * 1024, "10 MB kept: " + k0 + " -> " + k2);
        assertTrue(Math.abs(k3 - k0) < 64, k0 + " -> " + k3);
    }
}
