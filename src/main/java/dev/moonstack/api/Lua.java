package dev.moonstack.api;

import dev.moonstack.compiler.LuaCompiler;
import dev.moonstack.lib.IoLib;
import dev.moonstack.lib.Lib;
import dev.moonstack.lib.Loading;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.NumTag;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaThread;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A Lua runtime as a Java host sees it: create one, load chunks from strings or files, call
 * functions, read their results. Values cross as Java objects: nil is null, booleans are
 * {@link Boolean}, integers {@link Long}, floats {@link Double}, strings {@link LuaString}
 * (Java strings are accepted as arguments), and tables, functions, userdata and threads are
 * the runtime's own objects.
 *
 * <p>Every failure of a script reaches the host as a {@link LuaError}, and the runtime stays
 * usable afterwards. {@link #close} runs the finalizers of the objects still alive.
 *
 * <p>Lua values that the host keeps in its own Java variables are not seen by Lua's collector
 * (the contract of Lua's C API): such a value may be removed from weak tables or finalized
 * while the host holds it. Keep such values in a table reachable from Lua (the registry,
 * {@code state().registry}) for as long as they are needed.
 */
public final class Lua implements AutoCloseable {
    private final GlobalState G;

    /** A runtime with the standard libraries, writing to the process's stdout and stderr. */
    public Lua() {
        this(new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false),
             new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    }

    /** A runtime with the standard libraries, writing to the given streams. */
    public Lua(OutputStream out, OutputStream err) {
        this(out, err, false);
    }

    /** As {@link #Lua(OutputStream, OutputStream)}; {@code ignoreEnv} ignores LUA_PATH and friends. */
    public Lua(OutputStream out, OutputStream err, boolean ignoreEnv) {
        G = new GlobalState(out, err);
        G.loader = LuaCompiler::compile;
        G.ignoreEnvironment = ignoreEnv;
        Lib.openAll(G);
        dev.moonstack.prof.UjitLib.open(G);        // ujit.iprof (LuaVela), docs/profiling.md
    }

    public GlobalState state() { return G; }

    public LuaThread mainThread() { return G.mainThread; }

    /** Compiles a chunk; {@code chunkName} as in Lua ("=name", "@file", or the text itself). */
    public LuaClosure load(String source, String chunkName) {
        return load(source.getBytes(StandardCharsets.UTF_8), chunkName);
    }

    public LuaClosure load(byte[] source, String chunkName) {
        return Loading.loadChunk(G, source, LuaString.of(chunkName), "bt");
    }

    /** Loads a file as {@code loadfile} does ("@path" chunk name, "#" first line skipped). */
    public LuaClosure loadFile(String path) {
        return Loading.loadFile(G, path, "bt");
    }

    /**
     * Calls a function with Java arguments and returns all its results. A runtime runs on one
     * thread at a time; any thread may use it while no other is inside it.
     *
     * @throws IllegalStateException if another thread is running this runtime
     */
    public Object[] call(Object function, Object... args) {
        LuaThread L = G.mainThread;
        G.interrupts.hostEnter();                   // one thread at a time, checked before the stack is touched
        try {
            int f = L.top();
            L.push(function, 0);
            for (Object a : args) pushJava(L, a);
            LuaError e = L.pcall(f, -1, null);
            if (e != null) throw e;
            Object[] results = new Object[L.top() - f];
            for (int i = 0; i < results.length; i++) results[i] = toJava(L.ref(f + i), L.num(f + i));
            L.setTop(f);
            L.releaseDeadSlots();
            return results;
        } finally {
            G.interrupts.hostLeave();
        }
    }

    /** Runs a chunk of source text and returns its results. */
    public Object[] exec(String source) {
        return call(load(source, source), new Object[0]);
    }

    /** A coroutine running {@code body}, to be driven from Java (see {@link Coroutine}). */
    public Coroutine coroutine(LuaFunction body) {
        return new Coroutine(this, body);
    }

    /**
     * Defines a global function written in Java. The body finds its arguments in the value
     * stack ({@code L.ref(base + i)}, {@code L.num(base + i)}), pushes its results and returns
     * their number, or returns {@code L.yield(n, null)} to suspend the calling coroutine.
     */
    public void register(String name, dev.moonstack.vm.Builtin.Body body) {
        G.globals.setStr(LuaString.of(name), dev.moonstack.vm.Builtin.of(name, body), 0);
    }

    /**
     * Lua 5.3 compatibility, on by default as in a stock lua5.4 (LUA_COMPAT_5_3): math.pow,
     * math.atan2, cosh, sinh, tanh, frexp, ldexp and log10, and {@code __le} emulated with
     * {@code not __lt(b, a)}. Turning it off removes those math functions; call it before
     * running scripts. Returns this runtime.
     */
    public Lua setCompat53(boolean on) {
        G.compat53 = on;
        dev.moonstack.lib.MathLib.setCompat(G, on);
        return this;
    }

    /** Whether Lua 5.3 compatibility is on (see {@link #setCompat53}). */
    public boolean compat53() { return G.compat53; }

    /**
     * Flushes what the runtime has buffered (C's fflush(NULL)): standard output and every
     * open file. Not needed for output to be kept: see docs/embedding-io.md.
     */
    public void flush() {
        IoLib.flushAll(G);
        G.stdout.flush();
        G.stderr.flush();
    }

    /**
     * Closes the runtime (Lua: lua_close): runs every pending finalizer, then the finalizers
     * of all objects that still have one, newest first (files close in theirs), then closes
     * the files still open (a file whose {@code __gc} a script removed) and flushes the
     * output. Errors in finalizers become warnings. The runtime should not be used
     * afterwards; closing twice does nothing more.
     */
    @Override
    public void close() {
        try {
            G.gc.closeState(G.mainThread);
        } finally {
            IoLib.closeAll(G);
            G.stdout.flush();
            G.stderr.flush();
        }
    }

    /** Pushes a Java value as a Lua value. */
    public static void pushJava(LuaThread L, Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            L.pushInteger(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            L.pushNumber(((Number) v).doubleValue());
        } else if (v instanceof String) {
            L.pushString((String) v);
        } else {
            L.push(v, 0);
        }
    }

    /** A Lua value as a Java object (see the class comment). */
    public static Object toJava(Object ref, long num) {
        if (ref == NumTag.INT) return num;
        if (ref == NumTag.FLT) return Double.longBitsToDouble(num);
        return ref;
    }

    /** Whether a value is a function (for hosts holding results). */
    public static boolean isFunction(Object v) { return v instanceof LuaFunction; }

    // ---------------------------------------------------------------- memory (docs/embedding-io.md, "Memory")

    /**
     * Caps the memory this runtime may have in use at {@code bytes}; 0 or less removes the cap.
     * A script that would pass it gets Lua's "not enough memory" error, which {@code pcall}
     * catches, as under a lua5.4 whose allocator refuses memory; a host call it escapes from
     * throws it as a {@link LuaError}, and the runtime stays usable. Before failing, the
     * runtime learns what is still live with a marking, so garbage never makes a script fail.
     * The count is the one {@link #memoryInUse} reports; it holds to within about 10% of the
     * JVM memory the script's objects take (see the size model in the docs). A cap below the
     * JVM heap keeps scripts from causing an {@link OutOfMemoryError}. May be called at any time.
     *
     * @param bytes the cap in bytes; 0 or less for none
     */
    public void setMemoryLimit(long bytes) { G.setMemoryLimit(bytes); }

    /**
     * The memory cap (see {@link #setMemoryLimit}).
     *
     * @return the cap in bytes, 0 when there is none
     */
    public long memoryLimit() { return G.memoryLimit(); }

    /**
     * The memory this runtime has in use, in bytes: what {@code collectgarbage("count")}
     * reports, times 1024. It counts only this runtime's allocation, never the host's or other
     * runtimes' on the same thread; it includes garbage not yet found by a Lua-level collection.
     *
     * @return the memory in use, in bytes
     */
    public long memoryInUse() { return G.memoryInUse(); }
}
