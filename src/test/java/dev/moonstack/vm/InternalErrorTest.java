package dev.moonstack.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaError;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bug in the runtime (a Java exception below a builtin or the executor) fails the test
 * that raised it, whatever the script does with pcall; in production it is a clean Lua error
 * and the runtime stays usable.
 */
class InternalErrorTest {
    private final Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true);
    private final boolean configured = Unwinder.failOnInternal;

    InternalErrorTest() {
        Runtimes.register(lua, "buggy", (L, base, nargs) -> {
            Object none = null;
            return none.hashCode();                     // a NullPointerException, as a bug would throw
        });
    }

    @AfterEach
    void restore() { Unwinder.failOnInternal = configured; }

    @Test
    void theTestConfigurationFailsOnInternalErrors() {
        assumeTrue(System.getenv("MOONSTACK_INTERNAL_ERRORS") != null,
                "run outside Surefire: MOONSTACK_INTERNAL_ERRORS is not set");
        assertTrue(configured, "Surefire sets MOONSTACK_INTERNAL_ERRORS=fail, and the runtime reads it");
    }

    @Test
    void pcallInLuaDoesNotCatchAnInternalErrorInTestMode() {
        Unwinder.failOnInternal = true;
        AssertionError e = assertThrows(AssertionError.class,
                () -> Runtimes.execRaw(lua, "local ok = pcall(buggy) return ok"));
        assertTrue(e.getCause() instanceof NullPointerException, String.valueOf(e.getCause()));
    }

    @Test
    void aCoroutineAndXpcallDoNotCatchItEither() {
        Unwinder.failOnInternal = true;
        assertThrows(AssertionError.class, () -> Runtimes.execRaw(lua, 
                "local co = coroutine.wrap(function() return xpcall(buggy, debug.traceback) end) return co()"));
    }

    @Test
    void inProductionItIsACatchableLuaErrorAndTheRuntimeGoesOn() {
        Unwinder.failOnInternal = false;
        Object[] r = Runtimes.execRaw(lua, "local ok, m = pcall(buggy) return ok, m");
        assertEquals(Boolean.FALSE, r[0]);
        assertTrue(r[1].toString().contains("internal error: java.lang.NullPointerException"), r[1].toString());
        LuaError e = assertThrows(LuaError.class, () -> Runtimes.execRaw(lua, "buggy()"));
        assertTrue(e.getMessage().contains("internal error"), e.getMessage());
        assertEquals(42L, Runtimes.execRaw(lua, "return 6 * 7")[0]);
        assertFalse(Runtimes.mainThread(lua).checkInvariants().iterator().hasNext(),
                () -> Runtimes.mainThread(lua).checkInvariants().toString());
    }
}
