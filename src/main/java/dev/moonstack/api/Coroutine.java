package dev.moonstack.api;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.Coroutines;
import dev.moonstack.vm.Hooks;
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
        lua.state().gc.anchor(this, thread);      // alive for Lua's collector while the host holds this
    }

    /** How a resume ended, and its values (Java values as in {@link Lua}). */
    public static final class Result {
        /** How a resume ended. */
        public enum Kind {
            /** Suspended by a yield of the script or by preemption; resume it again. */
            YIELDED,
            /** The body returned; the coroutine is dead. */
            RETURNED,
            /** The body raised an error; the coroutine is dead. */
            FAILED
        }

        /** How this resume ended. */
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

        /**
         * Whether the coroutine is suspended: by a yield, or preempted (see {@link #preempted}).
         *
         * @return true for a YIELDED result
         */
        public boolean yielded() { return kind == Kind.YIELDED; }

        /**
         * Whether the coroutine was suspended by {@link Coroutine#preemptEvery}, not by a yield.
         *
         * @return true for a slice that ended by preemption
         */
        public boolean preempted() { return preempted; }

        private boolean preempted;
    }

    /**
     * Time slicing: the coroutine is suspended after about every {@code instructions} VM
     * instructions it runs (a count hook that yields, as a C host does with lua_sethook and
     * lua_yield), wherever it can yield; the resume then returns a YIELDED result with no
     * values and {@link Result#preempted()} true, and the next resume goes on where it stopped.
     * Where the script cannot yield (inside a Java callback such as a sort comparator) it runs
     * on to the next point where it can. Coroutines the script creates itself are not
     * preempted (their hooks are their own). {@code instructions <= 0} turns slicing off. The
     * script's own debug.sethook replaces the slicing hook.
     *
     * @param instructions the length of a slice in VM instructions, or 0 for no slicing
     */
    public void preemptEvery(int instructions) {
        if (instructions <= 0) {
            Hooks.set(thread, null, 0, 0);
            return;
        }
        Hooks.set(thread, PREEMPT, Hooks.MASK_COUNT, instructions);
    }

    private static final Builtin PREEMPT = Builtin.of("preempt", (L, base, nargs) -> {
        if (L.hookCanYield()) L.yieldFromHook();
        return 0;
    });

    /**
     * Resumes the coroutine with {@code args} until it yields, returns or fails. Errors of the
     * script come back as a FAILED result; only uncatchable errors (interrupts, budgets) throw.
     *
     * @param args the values passed to the body (first resume) or returned by its yield
     * @return how the resume ended, with the yielded or returned values
     * @throws IllegalStateException if another thread is running this runtime
     */
    public Result resume(Object... args) {
        LuaThread main = lua.mainThread();
        main.interrupts().hostEnter();              // one thread at a time, checked before the stack is touched
        Coroutines.Outcome o;
        int base = main.top();
        try {
            for (Object a : args) Lua.pushJava(main, a);
            o = Coroutines.resumeFromJava(main, thread, base, args.length);
        } finally {
            main.setTop(base);
            main.interrupts().hostLeave();
        }
        if (o.kind == Coroutines.Outcome.Kind.FAILED) return new Result(Result.Kind.FAILED, new Object[0], o.error);
        Object[] values = new Object[o.refs.length];
        for (int i = 0; i < values.length; i++) values[i] = Lua.toJava(o.refs[i], o.nums[i]);
        Result r = new Result(o.kind == Coroutines.Outcome.Kind.YIELDED ? Result.Kind.YIELDED : Result.Kind.RETURNED, values, null);
        r.preempted = thread.suspendedByHook();
        return r;
    }

    /**
     * The status as {@code coroutine.status} gives it.
     *
     * @return "suspended", "running", "normal" or "dead"
     */
    public String status() { return thread.statusName(); }

    /**
     * The coroutine as a Lua value.
     *
     * @return the Lua thread that runs the body
     */
    public LuaThread thread() { return thread; }
}
