package dev.moonstack.api;

import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.compiler.LuaCompiler;
import dev.moonstack.lexer.Lexer;
import dev.moonstack.lib.BaseLib;
import dev.moonstack.lib.CoroutineLib;
import dev.moonstack.lib.DebugLib;
import dev.moonstack.lib.IoLib;
import dev.moonstack.lib.Loading;
import dev.moonstack.lib.MathLib;
import dev.moonstack.lib.OsLib;
import dev.moonstack.lib.PackageLib;
import dev.moonstack.lib.StringLib;
import dev.moonstack.lib.TableLib;
import dev.moonstack.lib.Utf8Lib;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.NumTag;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.Interrupts;
import dev.moonstack.vm.LuaThread;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * A Lua 5.4 runtime as a Java host sees it (Lua: a lua_State with lauxlib): create one with
 * {@link #builder()} (or {@code new Lua()} for a trusted runtime with every library), run
 * chunks, read and write globals and tables, call Lua functions and give Lua functions
 * written in Java. docs/embedding.md is the guide.
 *
 * <h2>Values</h2>
 * Values cross with the same conversion everywhere. Java to Lua: null is nil; Boolean a
 * boolean; Long, Integer, Short and Byte integers; Double and Float floats; String and
 * Character strings; {@link LuaTable}, {@link LuaFunction} and {@link LuaReference} the value
 * they hold (of the same runtime only); a {@link JavaFunction} a function; a {@link java.util.Map}
 * a new table of its entries (null values skipped) and a {@link java.util.List} a new sequence
 * (a null element leaves a hole), both converted deeply, sharing and cycles kept. Any other
 * object is a userdata: of its class's {@link Binding} when the class is bound ({@link #bind},
 * {@link LuaExport}), else opaque (scripts can only pass it around and print its class's
 * simple name); an object keeps one userdata while Lua holds it. Lua to Java: nil is null,
 * booleans Boolean, integers Long, floats Double, strings String (UTF-8), tables
 * {@link LuaTable}, functions {@link LuaFunction}, the userdata of a Java object that object,
 * other userdata and threads {@link LuaReference}. So a round trip keeps every value but
 * narrows Integer, Short and Byte to Long, Float to Double and Character to String, and a
 * float key with an integer value becomes an integer key, as in Lua.
 *
 * <h2>Errors</h2>
 * Every failure of a script reaches the host as a {@link LuaException}: its {@code getMessage()}
 * is the error's message (for a non-string error value, "(error object is a table value)"),
 * {@link LuaException#value} the error value itself, and {@link LuaException#traceback} Lua's
 * traceback taken where the error was raised (luaL_traceback's text, "stack traceback:\n\t...").
 * The runtime stays usable afterwards.
 *
 * <h2>Threads</h2>
 * A runtime runs on one thread at a time; any thread may use it while no other is inside it
 * (a second thread entering fails at once with an {@link IllegalStateException}).
 * {@link #interrupt()} is the one method any thread may call at any time.
 *
 * <h2>Output</h2>
 * {@code print} and {@code io.write} go to the streams given to the builder (by default
 * {@link System#out} and {@link System#err}, so they interleave with the host's own output),
 * and those streams are flushed whenever the outermost call into the runtime returns.
 */
public final class Lua implements AutoCloseable {
    private final GlobalState G;
    private final Profile profile;
    /** The per-call instruction limit (0: none). */
    long instructionLimit;
    /** Nesting of host calls: limits apply and output is flushed at the outermost. */
    int depth;
    /** The coroutine running a JavaFunction, so that its calls back into Lua run there. */
    LuaThread running;
    /** The Java objects of this runtime: bindings, their userdata, reflection (see {@link #bind}). */
    final JavaObjects objects = new JavaObjects(this);
    /** The message handler of host calls on the main coroutine, made once (no allocation per call). */
    final java.util.function.UnaryOperator<LuaError> mainHandler;

    /** A trusted runtime with every library, writing to {@link System#out} and {@link System#err}. */
    public Lua() {
        this(builder());
    }

    /**
     * A trusted runtime with every library, writing to the given streams.
     *
     * @param out where print and io.write go; flushed after every outermost call
     * @param err where warnings and io.stderr go
     */
    public Lua(OutputStream out, OutputStream err) {
        this(builder().stdout(out).stderr(err));
    }

    /**
     * As {@link #Lua(OutputStream, OutputStream)}; {@code ignoreEnv} ignores LUA_PATH, LUA_INIT and friends.
     *
     * @param out where print and io.write go; flushed after every outermost call
     * @param err where warnings and io.stderr go
     * @param ignoreEnv true to ignore the LUA_PATH, LUA_CPATH and LUA_INIT environment variables (lua.c's -E)
     */
    public Lua(OutputStream out, OutputStream err, boolean ignoreEnv) {
        this(builder().stdout(out).stderr(err).ignoreEnvironment(ignoreEnv));
    }

    private Lua(Builder b) {
        Profile.checkAllowed(b.profile, b.libraries(), !b.reflect.isEmpty());
        profile = b.profile;
        G = new GlobalState(b.out, b.err);
        mainHandler = HostCalls.withTraceback(G.mainThread);
        Interrupts stops = G.interrupts;          // compiling megabytes sees a stop, one instruction a token
        G.loader = (src, name) -> LuaCompiler.compile(src, name, LuaCompiler.DEFAULT_CCALLS,
                () -> stops.poll(Lexer.POLL_TOKENS * Interrupts.WORK_PER_INSTRUCTION));
        G.ignoreEnvironment = b.ignoreEnv;
        G.compat53 = b.compat53;
        G.exitHandler = b.exit;
        instructionLimit = b.instructionLimit;
        if (b.memoryLimit > 0) G.setMemoryLimit(b.memoryLimit);
        if (b.compiledTier) dev.moonstack.jit.Jit.install(G).setOn(G.mainThread, true);   // docs/execution.md
        open(b.libraries());
        profile.restrict(G);
        if (!b.reflect.isEmpty()) objects.openReflection(b.reflect);
        if (b.modules != null) Modules.install(this, b.modules, profile == Profile.SANDBOX);
    }

    private void open(Set<Library> libs) {
        if (libs.contains(Library.BASE)) BaseLib.open(G);
        if (libs.contains(Library.PACKAGE)) PackageLib.open(G);
        if (libs.contains(Library.STRING)) StringLib.open(G);
        if (libs.contains(Library.TABLE)) TableLib.open(G);
        if (libs.contains(Library.COROUTINE)) CoroutineLib.open(G);
        if (libs.contains(Library.MATH)) MathLib.open(G);
        if (libs.contains(Library.OS)) OsLib.open(G);
        if (libs.contains(Library.IO)) IoLib.open(G);
        if (libs.contains(Library.UTF8)) Utf8Lib.open(G);
        if (libs.contains(Library.DEBUG)) DebugLib.open(G);
        if (libs.contains(Library.UJIT)) dev.moonstack.prof.UjitLib.open(G);   // docs/profiling.md
        if (libs.contains(Library.MISC)) dev.moonstack.prof.MiscLib.open(G);   // misc.memprof, docs/profiling.md
    }

    /**
     * A builder starting from {@link Profile#TRUSTED}, {@link System#out} and {@link System#err}.
     *
     * @return a new builder
     */
    public static Builder builder() { return new Builder(); }

    /** The choices a runtime is made with (Lua: luaL_newstate and luaL_openlibs, chosen). */
    public static final class Builder {
        private Profile profile = Profile.TRUSTED;
        private Set<Library> libraries;
        private OutputStream out = System.out, err = System.err;
        private ModuleSource modules;
        private boolean compat53 = true, ignoreEnv, compiledTier = true;
        private long instructionLimit;
        private long memoryLimit;
        private IntConsumer exit;
        private final Set<Class<?>> reflect = new java.util.LinkedHashSet<>();

        private Builder() {}

        /**
         * What scripts may reach (default {@link Profile#TRUSTED}).
         *
         * @param p the profile; not null
         * @return this builder
         * @throws NullPointerException if {@code p} is null
         */
        public Builder profile(Profile p) {
            profile = java.util.Objects.requireNonNull(p);
            return this;
        }

        /**
         * The libraries to open instead of the profile's; the profile's removals still apply.
         *
         * @param libs the libraries to open (copied); empty opens none
         * @return this builder
         */
        public Builder libraries(Set<Library> libs) {
            libraries = EnumSet.noneOf(Library.class);
            libraries.addAll(libs);
            return this;
        }

        /**
         * As {@link #libraries(Set)}.
         *
         * @param libs the libraries to open; none opens none
         * @return this builder
         */
        public Builder libraries(Library... libs) { return libraries(Set.of(libs)); }

        /**
         * Where print and io.write go (default {@link System#out}); flushed after every outermost call.
         *
         * @param s the stream; not null
         * @return this builder
         * @throws NullPointerException if {@code s} is null
         */
        public Builder stdout(OutputStream s) {
            out = java.util.Objects.requireNonNull(s);
            return this;
        }

        /**
         * Where warnings and io.stderr go (default {@link System#err}).
         *
         * @param s the stream; not null
         * @return this builder
         * @throws NullPointerException if {@code s} is null
         */
        public Builder stderr(OutputStream s) {
            err = java.util.Objects.requireNonNull(s);
            return this;
        }

        /**
         * Where require finds modules through the host (see {@link ModuleSource}); opens PACKAGE.
         *
         * @param source the source of host modules; null for none (the default)
         * @return this builder
         */
        public Builder modules(ModuleSource source) {
            modules = source;
            return this;
        }

        /**
         * Lua 5.3 compatibility (default on, as a stock lua5.4 is built with LUA_COMPAT_5_3):
         * math.pow, math.atan2, cosh, sinh, tanh, frexp, ldexp, log10, and {@code __le}
         * emulated with {@code not __lt(b, a)}.
         *
         * @param on true for the 5.3 functions and {@code __le} emulation, false for plain 5.4
         * @return this builder
         */
        public Builder compat53(boolean on) {
            compat53 = on;
            return this;
        }

        /**
         * Ignore the LUA_PATH, LUA_CPATH and LUA_INIT environment variables (lua.c's -E).
         *
         * @param on true to ignore them (default false)
         * @return this builder
         */
        public Builder ignoreEnvironment(boolean on) {
            ignoreEnv = on;
            return this;
        }

        /**
         * The most VM instructions one outermost call (exec, call, resume) may run; past it the
         * call ends with the uncatchable error "instruction budget exhausted" (pcall cannot
         * catch it) and the runtime stays usable. Work done inside library functions counts
         * too. 0 (the default) is no limit. See also {@link Lua#setInstructionLimit}.
         *
         * @param instructions the limit per outermost call; 0 or less is no limit
         * @return this builder
         */
        public Builder instructionLimit(long instructions) {
            instructionLimit = Math.max(0, instructions);
            return this;
        }

        /**
         * Caps the memory the runtime may have in use (see {@link Lua#setMemoryLimit}): past it
         * a script gets Lua's "not enough memory", which pcall catches. 0 (the default) is no cap.
         *
         * @param bytes the cap in bytes; 0 or less is no cap
         * @return this builder
         */
        public Builder memoryLimit(long bytes) {
            memoryLimit = Math.max(0, bytes);
            return this;
        }

        /**
         * Whether hot Lua functions run compiled to JVM bytecode (the compiled tier; on by
         * default). What scripts see is the same either way; off, every function is
         * interpreted. The tier gives scripts no {@code jit} library: {@code require "jit"}
         * fails as in lua5.4.
         *
         * @param on false to interpret every function
         * @return this builder
         */
        public Builder compiledTier(boolean on) {
            compiledTier = on;
            return this;
        }

        /**
         * Lets {@code os.exit} end the program: the handler gets the status after the output
         * is flushed (the stand-alone lua passes {@code System::exit}). Without it,
         * {@code os.exit} raises the error "os.exit is disabled by the host".
         *
         * @param handler called with os.exit's status (its integer argument; 0 for true or none,
         *        1 for false); null disables os.exit again
         * @return this builder
         */
        public Builder exitHandler(IntConsumer handler) {
            exit = handler;
            return this;
        }

        /**
         * Opts in to reflection over the listed classes, and only them: scripts may use every
         * public member of their objects (but the methods of Object: no {@code getClass}), and
         * {@code java.import("pkg.Name")} gives a listed class as a value whose static fields and
         * methods scripts may use and which, called, makes an object through a public
         * constructor. Any other class cannot be named, and objects of other classes that
         * methods return are opaque. Off by default; {@link Profile#SANDBOX} refuses it. Prefer
         * {@link Lua#bind}, which exposes only what the host chooses; list only classes whose
         * every public member a script may use.
         *
         * @param classes the classes scripts may reflect over
         * @return this builder
         */
        public Builder reflect(Class<?>... classes) {
            for (Class<?> c : classes) reflect.add(java.util.Objects.requireNonNull(c));
            return this;
        }

        /**
         * Makes the runtime.
         *
         * @return a new runtime, its libraries open and the profile applied
         * @throws IllegalArgumentException if the profile forbids a chosen library, or reflection
         */
        public Lua build() { return new Lua(this); }

        Set<Library> libraries() {
            Set<Library> libs = libraries != null ? libraries : EnumSet.copyOf(profile.defaults);
            if (modules != null) {
                libs = EnumSet.copyOf(libs);
                libs.add(Library.PACKAGE);
            }
            return libs;
        }
    }

    // ------------------------------------------------------------------ running code

    /**
     * Runs a chunk of source text and returns its results, converted to Java. The text is also
     * its chunk name, as luaL_dostring does.
     *
     * @param source the chunk's Lua source text
     * @return the chunk's results, converted as this class describes; empty when it returns none
     * @throws LuaException a syntax error, or an error or stop (budget, interrupt) of the chunk, with its traceback
     * @throws IllegalStateException if another thread is running this runtime
     */
    public Object[] exec(String source) {
        return exec(source, source);
    }

    /**
     * Runs a chunk; {@code chunkName} as in Lua ("=name", "@file.lua", or the text itself).
     *
     * @param source the chunk's Lua source text
     * @param chunkName the name messages and tracebacks give the chunk
     * @return the chunk's results, converted as this class describes; empty when it returns none
     * @throws LuaException a syntax error, or an error or stop (budget, interrupt) of the chunk, with its traceback
     * @throws IllegalStateException if another thread is running this runtime
     */
    public Object[] exec(String source, String chunkName) {
        return call(load(source, chunkName));
    }

    /**
     * Compiles a chunk of source text into a function (Lua: luaL_loadbuffer in text mode).
     * Outside {@link Profile#SANDBOX} a binary chunk is accepted too.
     *
     * @param source the chunk's Lua source text
     * @param chunkName the name messages and tracebacks give the chunk ("=name", "@file.lua")
     * @return the chunk as a function of its varargs, not yet run
     * @throws LuaException a syntax error, its message starting with the chunk name and line
     */
    public LuaFunction load(String source, String chunkName) {
        return new LuaFunction(this, read(() -> Loading.loadChunk(G, source.getBytes(StandardCharsets.UTF_8),
                LuaString.of(chunkName), profile == Profile.SANDBOX ? "t" : "bt")));
    }

    /**
     * Calls a function (a {@link LuaFunction}, a {@link JavaFunction}, or a value with a
     * {@code __call} metamethod) with Java arguments and returns all its results.
     *
     * @param function a {@link LuaFunction} or other value of this runtime, or a {@link JavaFunction}
     * @param args the arguments, each converted as this class describes; null is nil
     * @return the results, converted as this class describes; empty when there are none
     * @throws IllegalStateException if another thread is running this runtime
     * @throws LuaException an error or stop (budget, interrupt) of the call, with its traceback
     */
    public Object[] call(Object function, Object... args) {
        return HostCalls.call(this, function, args, true);
    }

    <T> T callAs(Class<T> type, Object function, Object[] args) {
        Object[] r = HostCalls.call(this, function, args, true);
        Object first = r.length > 0 ? r[0] : null;
        return read(() -> Conversion.as(this, type, Conversion.ref(this, first), Conversion.num(first), "result #1"));
    }

    /**
     * A coroutine running {@code body}, to be driven from Java (see {@link Coroutine}).
     *
     * @param body the coroutine's main function, of this runtime
     * @return a suspended coroutine; its first resume calls {@code body}
     * @throws IllegalArgumentException if {@code body} belongs to another runtime
     */
    public Coroutine coroutine(LuaFunction body) {
        return new Coroutine(this, (dev.moonstack.value.LuaFunction) body.refFor(this));
    }

    // ------------------------------------------------------------------ globals and values

    /**
     * The global {@code name} converted to Java (null if nil); raw, no metamethod runs.
     *
     * @param name the global's name
     * @return the value converted as this class describes, or null when the global is nil
     */
    public Object getGlobal(String name) { return globals().get(name); }

    /**
     * Sets the global {@code name} to a Java value converted to Lua (null removes it).
     *
     * @param name the global's name
     * @param value the value, converted as this class describes; null is nil and removes the global
     * @throws IllegalArgumentException if {@code value} cannot be converted to Lua
     */
    public void setGlobal(String name, Object value) { globals().set(name, value); }

    /**
     * The global {@code name} as a table ("field 'name': table expected, got nil" if it is not one).
     *
     * @param name the global's name
     * @return a handle on the table
     * @throws LuaException if the global does not hold a table
     */
    public LuaTable getTable(String name) { return globals().getTable(name); }

    /**
     * The global {@code name} as a function.
     *
     * @param name the global's name
     * @return a handle on the function (a Lua or a Java function)
     * @throws LuaException "field 'name': function expected, got ..." if the global does not hold a function
     */
    public LuaFunction getFunction(String name) { return globals().getFunction(name); }

    /**
     * The table of globals (_G of the main chunk's environment).
     *
     * @return a handle on the globals table
     */
    public LuaTable globals() { return new LuaTable(this, G.globals); }

    /**
     * A new empty table.
     *
     * @return a handle on the new table, which Lua sees only once the host passes it
     */
    public LuaTable newTable() { return new LuaTable(this, new dev.moonstack.value.LuaTable()); }

    /**
     * A new table made from a {@link java.util.Map} or {@link java.util.List}, converted deeply.
     *
     * @param mapOrList the map (entries with null values skipped) or list (null elements
     *        leave holes) to convert
     * @return a handle on the new table
     * @throws IllegalArgumentException if {@code mapOrList} is neither a Map nor a List, or holds
     *         a value that cannot be converted
     */
    public LuaTable toTable(Object mapOrList) {
        if (!(mapOrList instanceof java.util.Map) && !(mapOrList instanceof java.util.List)) {
            throw new IllegalArgumentException("a Map or a List expected");
        }
        return new LuaTable(this, (dev.moonstack.value.LuaTable) Conversion.ref(this, mapOrList));
    }

    /**
     * Defines the global function {@code name}, written in Java.
     *
     * @param name the global's name, also the function's name in error messages
     * @param f the function's body
     */
    public void register(String name, JavaFunction f) {
        G.globals.setStr(LuaString.of(name), HostCalls.builtin(this, name, f), 0);
    }

    /**
     * What scripts may use of the objects of {@code type} in this runtime (see {@link Binding}):
     * the binding, made on the first call for the class (with the members the class marks with
     * {@link LuaExport}), to which the host adds methods, fields and properties. Objects of
     * classes that are not bound cross into Lua as opaque userdata, which scripts can only pass
     * around and print (the class's simple name).
     *
     * @param <T> the class's type
     * @param type the class
     * @return its binding in this runtime, the same on every call
     * @throws IllegalStateException if another thread is running this runtime
     */
    public <T> Binding<T> bind(Class<T> type) {
        java.util.Objects.requireNonNull(type);
        return read(() -> objects.bind(type));
    }

    // ------------------------------------------------------------------ limits and state

    /**
     * Sets the per-call instruction limit (see {@link Builder#instructionLimit}); 0 removes it.
     *
     * @param instructions the most VM instructions per outermost call; 0 or less is no limit
     */
    public void setInstructionLimit(long instructions) { instructionLimit = Math.max(0, instructions); }

    /**
     * Stops the script running now (or the next one to run) at its next poll with the
     * uncatchable error "interrupted"; the call returns to the host with it. Any thread may
     * call this at any time (Lua: lua.c's SIGINT handling, made exact).
     */
    public void interrupt() { G.interrupts.requestInterrupt(); }

    /**
     * Lua 5.3 compatibility (see {@link Builder#compat53}); turning it off removes the math
     * functions. Call it before running scripts. Returns this runtime.
     *
     * @param on true for the 5.3 functions and {@code __le} emulation, false for plain 5.4
     * @return this runtime
     */
    public Lua setCompat53(boolean on) {
        G.compat53 = on;
        MathLib.setCompat(G, on);
        return this;
    }

    /**
     * Whether Lua 5.3 compatibility is on.
     *
     * @return true when the 5.3 functions and {@code __le} emulation are on
     */
    public boolean compat53() { return G.compat53; }

    /**
     * The profile the runtime was made with.
     *
     * @return the builder's profile, {@link Profile#TRUSTED} by default
     */
    public Profile profile() { return profile; }

    /**
     * Flushes what the runtime has buffered (C's fflush(NULL)): standard output and every
     * open file. Standard output is flushed after every call anyway (docs/embedding-io.md).
     */
    public void flush() {
        IoLib.flushAll(G);
        flushOutput();
    }

    void flushOutput() {
        G.stdout.flush();
        G.stderr.flush();
    }

    /**
     * Closes the runtime (Lua: lua_close): runs every pending finalizer, then the finalizers
     * of all objects that still have one, newest first (files close in theirs), then closes
     * the files still open and flushes the output. Errors in finalizers become warnings. The
     * runtime should not be used afterwards; closing twice does nothing more.
     */
    @Override
    public void close() {
        try {
            G.gc.closeState(G.mainThread);
        } finally {
            IoLib.closeAll(G);
            dev.moonstack.prof.Memprof.stopAtClose(G);  // as LuaJIT's on_stop when the VM is closed
            flushOutput();
        }
    }

    /** Runs {@code body} as the runtime's thread (a host access that touches no stack); its Lua errors are LuaExceptions. */
    <T> T read(Supplier<T> body) {
        G.interrupts.hostEnter();
        try {
            return body.get();
        } catch (LuaError e) {
            throw new LuaException(this, e);
        } finally {
            G.interrupts.hostLeave();
        }
    }

    // ------------------------------------------------------------------ for Moonstack's own packages

    /** The runtime's state, for api; other packages reach it through {@link Runtimes#state}. */
    GlobalState state() { return G; }

    /** The main coroutine, for api; other packages reach it through {@link Runtimes#mainThread}. */
    LuaThread mainThread() { return G.mainThread; }

    /** A value of the stack as a Java object, numbers boxed, strings and tables left as the runtime's own. */
    static Object toJava(Object ref, long num) {
        if (ref == NumTag.INT) return num;
        if (ref == NumTag.FLT) return Double.longBitsToDouble(num);
        return ref;
    }

    static { Runtimes.install(new Secrets()); }

    /**
     * The runtime behind the API, for Moonstack's own packages only (see {@link Runtimes}, which
     * documents each method): this class is private and the package Runtimes lives in is not
     * exported, so a host cannot reach it.
     */
    private static final class Secrets implements Runtimes.Access {
        @Override public GlobalState state(Lua lua) { return lua.G; }

        @Override public LuaThread mainThread(Lua lua) { return lua.G.mainThread; }

        @Override public LuaClosure loadClosure(Lua lua, byte[] source, String chunkName) {
            return Loading.loadChunk(lua.G, source, LuaString.of(chunkName), "bt");
        }

        @Override public LuaClosure loadFileClosure(Lua lua, String path) { return Loading.loadFile(lua.G, path, "bt"); }

        @Override public Object[] callRaw(Lua lua, Object function, Object[] args) {
            return HostCalls.call(lua, function, args, false);
        }

        @Override public Coroutine coroutine(Lua lua, dev.moonstack.value.LuaFunction body) { return new Coroutine(lua, body); }

        @Override public void register(Lua lua, String name, Builtin.Body body) {
            lua.G.globals.setStr(LuaString.of(name), Builtin.of(name, body), 0);
        }

        @Override public LuaThread thread(Coroutine co) { return co.thread(); }

        @Override public Object toJava(Object ref, long num) { return Lua.toJava(ref, num); }
    }

    // ---------------------------------------------------------------- memory (docs/embedding-io.md, "Memory")

    /**
     * Caps the memory this runtime may have in use at {@code bytes}; 0 or less removes the cap.
     * A script that would pass it gets Lua's "not enough memory" error, which {@code pcall}
     * catches, as under a lua5.4 whose allocator refuses memory; a host call it escapes from
     * throws it as a {@link LuaException}, and the runtime stays usable. Before failing, the
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
