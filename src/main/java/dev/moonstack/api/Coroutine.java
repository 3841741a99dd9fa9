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

        /** True if the coroutine is suspended: by a yield, or preempted (see {@link #preempted}). */
        public boolean yielded() { return kind == Kind.YIELDED; }

        /** True if the coroutine was suspended by {@link Coroutine#preemptEvery}, not by a yield. */
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

    /** "suspended", "running", "normal" or "dead". */
    public String status() { return thread.statusName(); }

    /** The coroutine as a Lua value (a thread). */
    public LuaThread thread() { return thread; }
}
