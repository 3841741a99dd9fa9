package dev.moonstack.vm;

import java.util.Arrays;

/**
 * The call stack of one coroutine: an array of reusable {@link Activation} records
 * (Lua: the CallInfo list; Duktape: the callstack). Entry 0 is the coroutine's base
 * activation, a Java activation that never returns.
 */
public final class CallStack {
    private Activation[] acts;
    /** Index of the current activation. */
    int depth;

    CallStack(int capacity) {
        acts = new Activation[Math.max(capacity, 2)];
        for (int i = 0; i < acts.length; i++) acts[i] = new Activation(i);
    }

    /** A fresh record for a new activation on top; reused, so no allocation in steady state. */
    Activation push() {
        int d = ++depth;
        if (d == acts.length) grow();
        return acts[d];
    }

    private void grow() {
        int old = acts.length;
        acts = Arrays.copyOf(acts, old * 2);
        for (int i = old; i < acts.length; i++) acts[i] = new Activation(i);
    }

    /** The caller of the current activation, which becomes current. */
    Activation pop() { return acts[--depth]; }

    public Activation current() { return acts[depth]; }

    public int depth() { return depth; }

    /** The activation at depth {@code d} (0 = base). */
    public Activation at(int d) { return acts[d]; }

    /** Drops activations down to depth {@code d}. */
    void popTo(int d) { depth = d; }
}
