package dev.moonstack.api;

import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaError;
import java.io.ByteArrayOutputStream;

/**
 * Runs in a JVM with a small heap (started by {@link MemoryExhaustionTest}): each script given
 * as an argument exhausts the heap inside one runtime, and one line per script says what
 * reached the host and whether the runtime still works afterwards. With the property
 * {@code moonstack.probe.cap}, the runtime runs under that memory cap in bytes.
 */
public final class MemoryProbe {
    private MemoryProbe() {}

    public static void main(String[] scripts) {
        Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true);
        lua.setMemoryLimit(Long.getLong("moonstack.probe.cap", 0));    // MemoryCapExhaustionTest: a cap
        for (String script : scripts) {
            String outcome;
            try {
                Runtimes.execRaw(lua, script);
                outcome = "returned";
            } catch (LuaError e) {
                outcome = "LuaError: " + e.getMessage();
            } catch (Throwable t) {
                outcome = "escaped: " + t;
            }
            String after;
            try {
                after = String.valueOf(Runtimes.execRaw(lua, "local t = {} for i = 1, 1000 do t[i] = {i} end return #t")[0]);
            } catch (Throwable t) {
                after = "unusable: " + t;
            }
            System.out.println(outcome + " | after: " + after);
        }
    }
}
