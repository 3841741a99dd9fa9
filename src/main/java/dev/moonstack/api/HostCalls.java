package dev.moonstack.api;

import dev.moonstack.value.LuaError;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaThread;
import dev.moonstack.vm.Traceback;
import java.util.function.UnaryOperator;

/**
 * Calls across the host boundary, both ways: Java calling Lua (one thread at a time, the
 * per-call instruction limit, the traceback taken at the error point, output flushed when the
 * outermost call ends) and Lua calling a {@link JavaFunction} (arguments, results, yields,
 * Java exceptions turned into Lua errors).
 */
final class HostCalls {
    private HostCalls() {}

    /** Several results or a yield, as a {@link JavaFunction} returns them. */
    static final class Results {
        final Object[] values;
        final boolean yield;

        Results(Object[] values, boolean yield) {
            this.values = values;
            this.yield = yield;
        }
    }

    /**
     * Calls {@code fn} with {@code args} in {@code lua} and returns its results, converted to
     * Java when {@code convert}, else as the runtime's own values (for internal users).
     * Lua: lua_pcall with a message handler that records luaL_traceback at the error point.
     */
    static Object[] call(Lua lua, Object fn, Object[] args, boolean convert) {
        LuaThread L = enter(lua);
        try {
            int f = L.top();
            try {
                L.push(Conversion.ref(lua, fn), Conversion.num(fn));
                for (Object a : args) L.push(Conversion.ref(lua, a), Conversion.num(a));
            } catch (RuntimeException e) {
                L.setTop(f);
                throw e;
            }
            LuaError e = L.pcall(f, -1, L == lua.mainThread() ? lua.mainHandler : withTraceback(L));
            if (e != null) throw convert ? new LuaException(lua, e) : e;
            Object[] results = new Object[L.top() - f];
            for (int i = 0; i < results.length; i++) {
                results[i] = convert ? Conversion.toJava(lua, L.ref(f + i), L.num(f + i)) : Lua.toJava(L.ref(f + i), L.num(f + i));
            }
            L.setTop(f);
            L.releaseDeadSlots();
            return results;
        } finally {
            leave(lua);
        }
    }

    /**
     * A call from the host starts: claims the runtime for this thread, and at the outermost
     * call sets the instruction limit. Returns the coroutine to run on: the one running the
     * Java function that calls back, else the main one.
     */
    static LuaThread enter(Lua lua) {
        GlobalState G = lua.state();
        G.interrupts.hostEnter();                   // one thread at a time, checked before the stack is touched
        if (lua.depth++ == 0 && lua.instructionLimit > 0) G.interrupts.setBudget(lua.instructionLimit);
        return lua.running != null ? lua.running : G.mainThread;
    }

    /** The call {@link #enter} announced ends: at the outermost, the limit is removed and output flushed. */
    static void leave(Lua lua) {
        GlobalState G = lua.state();
        try {
            if (--lua.depth == 0) {
                if (lua.instructionLimit > 0) G.interrupts.setBudget(0);
                lua.flushOutput();
            }
        } finally {
            G.interrupts.hostLeave();
        }
    }

    /** The message handler: the traceback of {@code L} where the error was raised, kept in the error. */
    static UnaryOperator<LuaError> withTraceback(LuaThread L) {
        return e -> {
            if (e.traceback == null && !e.skipHandler) e.traceback = Traceback.of(L, null, 0);
            return e;
        };
    }

    /** {@code f} as a Lua function named {@code name} (the name Lua's messages use when the call site gives none). */
    static Builtin builtin(Lua lua, String name, JavaFunction f) {
        return Builtin.of(name, (L, base, nargs) -> {
            LuaThread outer = lua.running;
            lua.running = L;
            Object r;
            try {
                r = f.call(new Arguments(lua, L, base, nargs));
                return push(lua, L, r);
            } catch (RuntimeException e) {
                throw luaError(e);
            } finally {
                lua.running = outer;
            }
        });
    }

    /**
     * What a Java exception thrown into Lua by host code becomes: a Lua error as it is, a
     * {@link LuaException} the error it carries, any other exception a Lua error with its
     * message, positioned as luaL_error positions it. A Java Error (out of memory, stack
     * overflow) goes on as itself: the runtime's own guards handle those.
     */
    static LuaError luaError(Throwable t) {
        if (t instanceof LuaError) return (LuaError) t;
        if (t instanceof LuaException) return ((LuaException) t).error;
        if (t instanceof Error) throw (Error) t;
        if (t instanceof java.lang.reflect.UndeclaredThrowableException && t.getCause() != null) t = t.getCause();
        return LuaError.rt(t.getMessage() != null ? t.getMessage() : t.getClass().getName());
    }

    /** Pushes what a JavaFunction returned; returns the builtin's result count (or the yield code). */
    private static int push(Lua lua, LuaThread L, Object r) {
        if (r == null) return 0;
        if (!(r instanceof Results)) {
            L.push(Conversion.ref(lua, r), Conversion.num(r));
            return 1;
        }
        Results m = (Results) r;
        L.checkStack(m.values.length, "too many results");
        for (Object v : m.values) L.push(Conversion.ref(lua, v), Conversion.num(v));
        return m.yield ? L.yield(m.values.length, null) : m.values.length;
    }

    /** The parameter types the typed {@link JavaFunction#of} factories accept: those {@link Arguments#check} converts to. */
    static void checkParameter(Class<?> c) {
        if (c != char.class && c != Character.class && c != void.class && (c.getName().startsWith("dev.moonstack.api.")
                || !c.getName().startsWith("dev.moonstack."))) return;
        throw new IllegalArgumentException("a Lua function cannot take a parameter of " + c.getName());
    }
}
