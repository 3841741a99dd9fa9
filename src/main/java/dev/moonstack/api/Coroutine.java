package dev.moonstack.api;

import dev.moonstack.value.LuaError;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.Coroutines;
import dev.moonstack.vm.Hooks;
import dev.moonstack.vm.LuaThread;
import dev.moonstack.vm.Traceback;

/**
 * A coroutine driven by the host, for game loops and schedulers: create it from a Lua
 * function, resume it with arguments, learn whether it yielded (and with which values),
 * returned or failed, and resume it later from the host's own loop. No Java thread is involved:
 * a suspended coroutine is only its stacks.
 *
 * <pre>{@code
 * Coroutine actor = lua.coroutine(lua.load(script, "=actor"));
 * Coroutine.Result r = actor.resume(42L);          // runs until the script yields or ends
 * while (r.yielded()) { ...; r = actor.resume(); }
 * }</pre>
 */
public final class Coroutine {
    private final Lua lua;
    private final LuaThread thread;

    Coroutine(Lua lua, dev.moonstack.value.LuaFunction body) {
        this.lua = lua;
        this.thread = Coroutines.create(lua.mainThread(), body);
        lua.state().gc.anchor(this, thread);      // alive for Lua's collector while the host holds this
    }

    /** How a resume ended, and its values (converted to Java as {@link Lua} describes). */
    public static final class Result {
        /** How the resume ended. */
        public enum Kind {
            /** The coroutine is suspended (by a yield, or preempted); resume it again. */
            YIELDED,
            /** The body returned; the coroutine is dead. */
            RETURNED,
            /** The body raised an error; the coroutine is dead. */
            FAILED
        }

        /** How the resume ended. */
        public final Kind kind;
        /** The yielded or returned values (empty on failure). */
        public final Object[] values;
        /** The error for FAILED (with its Lua traceback), else null. */
        public final LuaException error;
        private final boolean preempted;

        Result(Kind kind, Object[] values, LuaException error, boolean preempted) {
            this.kind = kind;
            this.values = values;
            this.error = error;
            this.preempted = preempted;
        }

        /**
         * True if the coroutine is suspended: by a yield, or preempted (see {@link #preempted}).
         *
         * @return true when {@link #kind} is YIELDED, so the coroutine may be resumed again
         */
        public boolean yielded() { return kind == Kind.YIELDED; }

        /**
         * True if the coroutine was suspended by {@link Coroutine#preemptEvery}, not by a yield.
         *
         * @return true for a YIELDED result of time slicing (its {@link #values} are empty)
         */
        public boolean preempted() { return preempted; }
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
     * @param instructions the number of VM instructions per slice; 0 or less turns slicing off
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
     * script come back as a FAILED result carrying the error and its traceback; only
     * uncatchable errors (interrupts, the instruction limit) throw. The runtime's instruction
     * limit applies to each resume from the host, and output is flushed when it returns.
     *
     * @param args the values passed: the body's arguments on the first resume, the results of
     *        the pending {@code coroutine.yield} after; each converted as {@link Lua} describes
     * @return how the resume ended, with the values yielded or returned, or the error
     * @throws IllegalStateException if another thread is running this runtime
     * @throws LuaException an uncatchable stop (interrupt, instruction limit) with its traceback
     */
    public Result resume(Object... args) {
        LuaThread from = HostCalls.enter(lua);
        Coroutines.Outcome o;
        int base = from.top();
        try {
            for (Object a : args) from.push(Conversion.ref(lua, a), Conversion.num(a));
            o = Coroutines.resumeFromJava(from, thread, base, args.length);
        } catch (LuaError e) {
            throw new LuaException(lua, e);
        } finally {
            from.setTop(base);
            HostCalls.leave(lua);
        }
        if (o.kind == Coroutines.Outcome.Kind.FAILED) {
            if (o.error.traceback == null && !o.error.skipHandler) o.error.traceback = Traceback.of(thread, null, 0);
            return new Result(Result.Kind.FAILED, new Object[0], new LuaException(lua, o.error), false);
        }
        Object[] values = new Object[o.refs.length];
        for (int i = 0; i < values.length; i++) values[i] = Conversion.toJava(lua, o.refs[i], o.nums[i]);
        Result.Kind kind = o.kind == Coroutines.Outcome.Kind.YIELDED ? Result.Kind.YIELDED : Result.Kind.RETURNED;
        return new Result(kind, values, null, thread.suspendedByHook());
    }

    /**
     * "suspended", "running", "normal" or "dead" (Lua: coroutine.status).
     *
     * @return the status name, as coroutine.status returns it
     */
    public String status() { return thread.statusName(); }

    /** The coroutine as the runtime's own thread value; other packages reach it through Runtimes.thread. */
    LuaThread thread() { return thread; }
}
