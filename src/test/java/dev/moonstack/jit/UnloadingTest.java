package dev.moonstack.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/**
 * A compiled body is a hidden class that lives as long as its prototype (issue 16: "unloaded
 * with their prototype"): a host that loads and drops chunks for as long as it runs (hot
 * reload, one chunk per request) must not keep a class per chunk it ever compiled. The runtime
 * stays alive throughout: what is dropped is only the function. Without the Lua collection the
 * first test makes, the last chunk's function stays reachable from the record of its returned
 * call until that record is reused (the test fails with one class left).
 */
class UnloadingTest {
    /** Loads a chunk whose function is called past the threshold, and returns its body's class, weakly. */
    private static WeakReference<Class<?>> compileAndDrop(Lua lua, int n) {
        LuaClosure f = (LuaClosure) Runtimes.callRaw(lua, Runtimes.loadClosure(lua,
                "local function f(x) return x + " + n + " end for i = 1, 300 do f(i) end return f", "=chunk" + n))[0];
        Object body = f.p.compiled;
        assertNotNull(body, "f was compiled and its body published");
        assertTrue(body.getClass().isHidden(), "a body is a hidden class");
        return new WeakReference<>(body.getClass());
    }

    /** Collects until every class is gone or 100 collections have run; returns how many remain. */
    private static int remaining(WeakReference<?>[] classes) throws InterruptedException {
        int left = classes.length;
        for (int round = 0; round < 100 && left > 0; round++) {
            System.gc();
            Thread.sleep(10);
            left = 0;
            for (WeakReference<?> c : classes) if (c.get() != null) left++;
        }
        return left;
    }

    @Test
    void aDroppedFunctionsBodyUnloadsWhileTheRuntimeLives() throws Exception {
        Lua lua = Lua.builder().stdout(OutputStream.nullOutputStream()).ignoreEnvironment(true).build();
        WeakReference<?>[] classes = new WeakReference<?>[20];
        for (int i = 0; i < classes.length; i++) classes[i] = compileAndDrop(lua, i);
        // As in Lua, a dropped function is freed by a collection (which also forgets the records
        // of returned calls, CallStack.clearAbove); its class goes at the JVM's next one after that.
        Runtimes.callRaw(lua, Runtimes.loadClosure(lua, "collectgarbage()", "=collect"));
        assertEquals(0, remaining(classes), "classes of dropped functions still loaded");
        assertEquals(1, lua.call(lua.load("return 1", "=again")).length, "the runtime is still usable");
    }

    @Test
    void aLiveFunctionsBodyStaysLoaded() throws Exception {
        Lua lua = Lua.builder().stdout(OutputStream.nullOutputStream()).ignoreEnvironment(true).build();
        LuaClosure f = (LuaClosure) Runtimes.callRaw(lua, Runtimes.loadClosure(lua,
                "local function f(x) return x + 1 end for i = 1, 300 do f(i) end return f", "=kept"))[0];
        WeakReference<?>[] classes = {new WeakReference<>(f.p.compiled.getClass())};
        assertEquals(1, remaining(classes), "the body of a function still referenced unloaded");
        assertNotNull(f.p.compiled, "still published");
    }
}
