package dev.moonstack.cli;

import dev.moonstack.vm.LuaThread;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Ctrl-C while Lua code runs (Lua: lua.c laction, lstop and setsignal). While a call is armed,
 * SIGINT asks the runtime for an interrupt, which stops the script at its next poll; the CLI
 * reports it as lua does ("interrupted!"). As lua, the first signal puts the default action
 * back, so a second Ctrl-C ends a program stuck in a long builtin.
 */
abstract class CtrlC {
    private final LuaThread L;
    private volatile boolean fired;

    CtrlC(LuaThread L) { this.L = L; }

    /** While no call runs, or where signals are not available. */
    static final CtrlC NONE = new CtrlC(null) {
        @Override void arm() { }
        @Override void disarm() { }
    };

    /** Lua: setsignal(SIGINT, laction), before a call. */
    abstract void arm();

    /** Lua: setsignal(SIGINT, SIG_DFL), after it. */
    abstract void disarm();

    /** Lua: laction. Runs on the signal's thread: only requests, the main thread stops itself. */
    void interrupt() {
        fired = true;
        L.interrupts().requestError("interrupted!");       // catchable, as lstop's luaL_error
    }

    /** Whether an interrupt came from Ctrl-C since the last call; clears it. */
    boolean takeFired() {
        boolean f = fired;
        fired = false;
        return f;
    }

    /** SIGINT through sun.misc.Signal (module jdk.unsupported) when there is one, else {@link #NONE}. */
    static CtrlC signals(LuaThread L) {
        try {
            return new Signals(L);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return NONE;
        }
    }

    /**
     * sun.misc.Signal, reached by reflection so that the CLI still runs where the class is
     * missing. A JVM refuses SIGINT when the process started with it ignored (a background
     * job of a shell script); the launcher puts the default action back first.
     */
    private static final class Signals extends CtrlC {
        private final Method handle;
        private final Object sigint, ours, sigDfl;
        private Object previous;

        Signals(LuaThread L) throws ReflectiveOperationException {
            super(L);
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            handle = signal.getMethod("handle", signal, handler);
            sigint = signal.getConstructor(String.class).newInstance("INT");
            sigDfl = handler.getField("SIG_DFL").get(null);
            ours = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, onSignal());
        }

        private InvocationHandler onSignal() {
            return (proxy, m, args) -> {
                switch (m.getName()) {
                    case "handle":
                        set(sigDfl);                // as laction: "if another SIGINT happens, terminate process"
                        interrupt();
                        return null;
                    case "hashCode": return System.identityHashCode(proxy);
                    case "equals": return proxy == args[0];
                    default: return "CtrlC";
                }
            };
        }

        @Override
        void arm() { previous = set(ours); }

        @Override
        void disarm() {
            if (previous != null) set(previous);
            previous = null;
        }

        private Object set(Object h) {
            try {
                return handle.invoke(null, sigint, h);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;                        // the signal is not ours to handle: leave it
            }
        }
    }
}
