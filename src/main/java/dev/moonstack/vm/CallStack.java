package dev.moonstack.vm;

import java.util.Arrays;

/**
 * The call stack of one coroutine: an array of reusable {@link Activation} records
 * (Lua: the CallInfo list; Duktape: the callstack). Entry 0 is the coroutine's base
 * activation, a Java activation that never returns.
 */
public final class CallStack {
    private final LuaThread owner;
    /** The records; package-private for the executor's return fast path. */
    Activation[] acts;
    /** Index of the current activation. */
    int depth;

    CallStack(LuaThread owner, int capacity) {
        this.owner = owner;
        acts = new Activation[Math.max(capacity, 2)];
        acts[0] = new Activation(owner, 0);
    }

    /**
     * A record for a new activation on top. Records are created the first time a depth is
     * reached and reused afterwards, so calls allocate nothing in the steady state, and an idle
     * coroutine holds only the records it has used.
     */
    Activation push() {
        int d = depth + 1;
        if (d == acts.length) acts = Arrays.copyOf(acts, d * 2);
        Activation a = acts[d];
        if (a == null) a = acts[d] = new Activation(owner, d);
        depth = d;                  // only now: running out of memory or Java stack above leaves it
        return a;
    }

    /**
     * The caller of the current activation, which becomes current. Written out in
     * Executor.dispatch (OP_RETURN0, OP_RETURN1): keep them the same.
     */
    Activation pop() { return acts[--depth]; }

    public Activation current() { return acts[depth]; }

    public int depth() { return depth; }

    /** The activation at depth {@code d} (0 = base). */
    public Activation at(int d) { return acts[d]; }

    /** Drops activations down to depth {@code d}. */
    void popTo(int d) { depth = d; }

    /**
     * Forgets what the records above the current activation refer to (Lua values the JVM would
     * otherwise keep alive after Lua found them dead): a full collection calls it, as it clears
     * the dead slots of the value stack. A push sets them again.
     */
    void clearAbove() {
        for (int d = depth + 1; d < acts.length && acts[d] != null; d++) {
            Activation a = acts[d];
            a.closure = null;
            a.builtin = null;
            a.continuation = null;
        }
    }
}
