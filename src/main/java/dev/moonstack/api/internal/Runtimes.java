package dev.moonstack.api.internal;

import dev.moonstack.api.Coroutine;
import dev.moonstack.api.Lua;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaThread;
import java.lang.invoke.MethodHandles;

/**
 * The one way from the embedding API to the runtime behind it (the JDK's SharedSecrets): the
 * VM state, the main thread, closures and raw values of a {@link Lua}, for Moonstack's own
 * packages only; hosts use {@link Lua}. Every method forwards to package-private code of
 * dev.moonstack.api, which installs it through {@link #install} when {@link Lua} is initialised.
 */
public final class Runtimes {
    private Runtimes() {}

    /** What api implements (a private class of {@link Lua}); the methods of {@link Runtimes} document it. */
    public interface Access {
        GlobalState state(Lua lua);
        LuaThread mainThread(Lua lua);
        LuaClosure loadClosure(Lua lua, byte[] source, String chunkName);
        LuaClosure loadFileClosure(Lua lua, String path);
        Object[] callRaw(Lua lua, Object function, Object[] args);
        Coroutine coroutine(Lua lua, LuaFunction body);
        void register(Lua lua, String name, Builtin.Body body);
        LuaThread thread(Coroutine co);
        Object toJava(Object ref, long num);
    }

    /** Set once, while {@link Lua} is initialised. */
    private static volatile Access access;

    /**
     * Installs api's implementation; called once, from {@link Lua}'s static initializer, and
     * from nowhere else: another caller could otherwise put its own in first.
     *
     * @param a the implementation
     * @throws IllegalStateException if one is installed already, or the caller is not {@link Lua}
     */
    public static synchronized void install(Access a) {
        if (StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass() != Lua.class) {
            throw new IllegalStateException("Runtimes: only dev.moonstack.api.Lua installs the implementation");
        }
        if (access != null) throw new IllegalStateException("Runtimes: already installed");
        access = a;
    }

    /** The implementation, initialising {@link Lua} (which installs it) on first use. */
    private static Access access() {
        Access a = access;
        if (a != null) return a;
        try {
            MethodHandles.lookup().ensureInitialized(Lua.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);    // cannot happen: Lua is public in a package this module owns
        }
        return access;
    }

    /**
     * The runtime's state.
     *
     * @param lua the runtime
     * @return its VM global state
     */
    public static GlobalState state(Lua lua) { return access().state(lua); }

    /**
     * The main coroutine.
     *
     * @param lua the runtime
     * @return its VM main thread
     */
    public static LuaThread mainThread(Lua lua) { return access().mainThread(lua); }

    /**
     * Compiles a chunk of source text into the runtime's own closure (modes "bt").
     *
     * @param lua the runtime
     * @param source the chunk's Lua source text
     * @param chunkName the name messages and tracebacks give the chunk
     * @return the compiled chunk, not yet run
     * @throws dev.moonstack.api.LuaException a syntax error
     */
    public static LuaClosure loadClosure(Lua lua, String source, String chunkName) {
        return loadClosure(lua, source.getBytes(java.nio.charset.StandardCharsets.UTF_8), chunkName);
    }

    /**
     * As {@link #loadClosure(Lua, String, String)} for bytes (text or a binary chunk).
     *
     * @param lua the runtime
     * @param source the chunk's bytes: UTF-8 source text or a binary chunk
     * @param chunkName the name messages and tracebacks give the chunk
     * @return the compiled chunk, not yet run
     * @throws dev.moonstack.api.LuaException a syntax error or a malformed binary chunk
     */
    public static LuaClosure loadClosure(Lua lua, byte[] source, String chunkName) {
        return access().loadClosure(lua, source, chunkName);
    }

    /**
     * Loads a file as {@code loadfile} does ("@path" chunk name, "#" first line skipped).
     *
     * @param lua the runtime
     * @param path the file's path
     * @return the compiled chunk, not yet run
     * @throws dev.moonstack.api.LuaException if the file cannot be read or does not compile
     */
    public static LuaClosure loadFileClosure(Lua lua, String path) { return access().loadFileClosure(lua, path); }

    /**
     * {@link Lua#call} with results as the runtime's own values (strings as LuaString, tables as
     * value.LuaTable) and errors as the runtime's {@link dev.moonstack.value.LuaError}.
     *
     * @param lua the runtime
     * @param function the function to call
     * @param args the arguments, converted as {@link Lua#call} converts them
     * @return the results, unconverted
     */
    public static Object[] callRaw(Lua lua, Object function, Object... args) {
        return access().callRaw(lua, function, args);
    }

    /**
     * {@link Lua#exec} with results as the runtime's own values.
     *
     * @param lua the runtime
     * @param source the chunk's Lua source text, also its chunk name
     * @return the chunk's results, unconverted
     */
    public static Object[] execRaw(Lua lua, String source) {
        return callRaw(lua, loadClosure(lua, source, source));
    }

    /**
     * A host-driven coroutine from the runtime's own function value.
     *
     * @param lua the runtime
     * @param body the coroutine's main function, a value of {@code lua}
     * @return a suspended coroutine; its first resume calls {@code body}
     */
    public static Coroutine coroutine(Lua lua, LuaFunction body) { return access().coroutine(lua, body); }

    /**
     * Defines a global function on the runtime's value stack: the body finds its arguments at
     * {@code L.ref(base + i)}, {@code L.num(base + i)}, pushes its results and returns their
     * number, or returns {@code L.yield(n, null)}.
     *
     * @param lua the runtime
     * @param name the global's name, also the function's name in error messages
     * @param body the function's body
     */
    public static void register(Lua lua, String name, Builtin.Body body) { access().register(lua, name, body); }

    /**
     * The coroutine as the runtime's own thread value.
     *
     * @param co a host-driven coroutine
     * @return its VM thread
     */
    public static LuaThread thread(Coroutine co) { return access().thread(co); }

    /**
     * A value of the stack as a Java object, strings and tables left as the runtime's own.
     *
     * @param ref the slot's reference part (a number tag for numbers)
     * @param num the slot's numeric part, used for numbers only
     * @return a Long or Double for a number, else {@code ref} itself (null for nil)
     */
    public static Object toJava(Object ref, long num) { return access().toJava(ref, num); }

    /**
     * Whether a value is a function.
     *
     * @param v a value of the runtime or a host handle
     * @return true for the runtime's functions and {@link dev.moonstack.api.LuaFunction} handles
     */
    public static boolean isFunction(Object v) {
        return v instanceof LuaFunction || v instanceof dev.moonstack.api.LuaFunction;
    }
}
