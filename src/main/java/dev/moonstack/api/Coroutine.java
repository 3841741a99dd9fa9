package dev.moonstack.api;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.vm.Coroutines;
import dev.moonstack.vm.LuaThread;

/**
 * A coroutine driven by the host, for game loops and schedulers: create it from a Lua
 * function, resume it with arguments, learn whether it yielded (and with which values),
 * returned or failed, and resume it later from the host's own loop. No Java thread is involved:
 * a suspended coroutine is only its stacks.
 *
 * <pre>{@code
 * Coroutine actor = lua.coroutine(script);
 * Coroutine.Result r = actor.resume(42L);          // runs until the script yields or ends
 * while (r.yielded()) { ...; r = actor.resume(); }
 * }</pre>
 */
public final class Coroutine {
    private final Lua lua;
    private final LuaThread thread;

    Coroutine(Lua lua, LuaFunction body) {
        this.lua = lua;
        this.thread = Coroutines.create(lua.mainThread(), body);
    }

    /** How a resume ended, and its values (Java values as in {@link Lua}). */
    public static final class Result {
        public enum Kind { YIELDED, RETURNED, FAILED }

        public final Kind kind;
        /** The yielded or returned values (empty on failure). */
        public final Object[] values;
        /** The error for FAILED, else null. */
        public final LuaError error;

        Result(Kind kind, Object[] values, LuaError error) {
            this.kind = kind;
            this.values = values;
            this.error = error;
        }

        public boolean yielded() { return kind == Kind.YIELDED; }
    }

    /**
     * Resumes the coroutine with {@code args} until it yields, returns or fails. Errors of the
     * script come back as a FAILED result; only uncatchable errors (interrupts, budgets) throw.
     */
    public Result resume(Object... args) {
        LuaThread main = lua.mainThread();
        int base = main.top();
        for (Object a : args) Lua.pushJava(main, a);
        Coroutines.Outcome o;
        try {
            o = Coroutines.resumeFromJava(main, thread, base, args.length);
        } finally {
            main.setTop(base);
        }
        if (o.kind == Coroutines.Outcome.Kind.FAILED) return new Result(Result.Kind.FAILED, new Object[0], o.error);
        Object[] values = new Object[o.refs.length];
        for (int i = 0; i < values.length; i++) values[i] = Lua.toJava(o.refs[i], o.nums[i]);
        return new Result(o.kind == Coroutines.Outcome.Kind.YIELDED ? Result.Kind.YIELDED : Result.Kind.RETURNED, values, null);
    }

    /** "suspended", "running", "normal" or "dead". */
    public String status() { return thread.statusName(); }

    /** The coroutine as a Lua value (a thread). */
    public LuaThread thread() { return thread; }
}
