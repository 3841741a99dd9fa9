package dev.moonstack.vm;

/**
 * Call, return, unwind and suspension events of one coroutine for a Java listener: the
 * instrumenting profiler's feed (LuaVela: the uj_iprof ticks, IPROF_CALL/RETURN/CALLT/YIELD/
 * RESUME and uj_iprof_unwind).
 *
 * <p>A listener rides on the hook machinery: attaching sets {@link Hooks#MASK_PROF} in the
 * coroutine's hook mask, so the paths that already test {@code hookMask} for debug hooks (the
 * executor's call fast path, the RETHOOK test of returns) lead here, and nothing is added to
 * the fast paths when no listener is attached. Unlike a debug hook, the bit is not inherited
 * by new coroutines and debug.sethook leaves it alone (see {@link Hooks#set}).
 */
public final class CallEvents {
    private CallEvents() {}

    /** What a listener sees; {@code ci.depth} places each event on the call stack. */
    public interface Listener {
        /** Activation {@code ci} (Lua or Java) has just been pushed. */
        void called(LuaThread L, Activation ci);

        /** Lua activation {@code ci} now runs the callee of a tail call (LuaVela: CALLT). */
        void tailCalled(LuaThread L, Activation ci);

        /** Activation {@code ci} returns and is about to be popped. */
        void returning(LuaThread L, Activation ci);

        /** An error cuts the call stack down to {@code depth}: the activations above it are gone. */
        void unwinding(LuaThread L, int depth);

        /** The coroutine is suspended (a yield). */
        void suspended(LuaThread L);

        /** The coroutine goes on after a suspension. */
        void resumed(LuaThread L);
    }

    /**
     * Attaches {@code listener} to coroutine {@code L} (null detaches). Activations already
     * running are marked RETHOOK, as debug.sethook marks them, so that their returns are seen.
     */
    public static void attach(LuaThread L, Listener listener) {
        L.callListener = listener;
        if (listener == null) {
            L.hookMask &= ~Hooks.MASK_PROF;
            return;
        }
        L.hookMask |= Hooks.MASK_PROF;
        for (int d = 1; d <= L.calls.depth; d++) L.calls.at(d).flags |= Activation.RETHOOK;
    }

    /** The listener attached to {@code L}, or null. */
    public static Listener listener(LuaThread L) { return L.callListener; }

    // The dispatchers below are called only where (hookMask & MASK_PROF) != 0 was tested.

    static void called(LuaThread L, Activation ci) {
        Listener l = L.callListener;
        if (l != null) l.called(L, ci);
    }

    static void tailCalled(LuaThread L, Activation ci) {
        Listener l = L.callListener;
        if (l != null) l.tailCalled(L, ci);
    }

    static void returning(LuaThread L, Activation ci) {
        Listener l = L.callListener;
        if (l != null) l.returning(L, ci);
    }

    static void unwinding(LuaThread L, int depth) {
        Listener l = L.callListener;
        if (l != null) l.unwinding(L, depth);
    }

    static void suspended(LuaThread L) {
        Listener l = L.callListener;
        if (l != null) l.suspended(L);
    }

    static void resumed(LuaThread L) {
        Listener l = L.callListener;
        if (l != null) l.resumed(L);
    }
}
