package dev.moonstack.vm;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.LuaType;
import dev.moonstack.value.MemoryAccount;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * State shared by all coroutines of one runtime (Lua: global_State): the registry, the
 * global table, the metatables of the basic types, the chunk loader and the standard streams.
 */
public final class GlobalState {
    public final LuaTable registry = new LuaTable();
    public final LuaTable globals = new LuaTable();
    /** Metatables for values other than tables and full userdata, by {@link LuaType} code. */
    public final LuaTable[] typeMetatables = new LuaTable[9];
    public final LuaThread mainThread;
    /** Interrupt state of all coroutines, served by the executor's countdown (see {@link Interrupts}). */
    public final Interrupts interrupts;
    /**
     * The error for an exhausted heap or a passed memory limit, made in advance (Lua:
     * g->memerrmsg): when memory has run out, making an error could fail too.
     */
    final LuaError memoryError = LuaError.plain("not enough memory");
    {
        memoryError.skipHandler = true;             // Lua: LUA_ERRMEM, which no handler sees
    }
    public ChunkLoader loader;
    /** The compiled tier (see {@link Tier}), or null; it runs code only while {@link #tierOn}. */
    public Tier.Hook tier;
    /**
     * Whether the compiled tier is on; off, everything runs interpreted. Set it with
     * {@link LuaThread#setTierOn}, which also routes calls through Calls.enterLua.
     */
    boolean tierOn;
    /** Compiled bodies running in Java frames called directly by other bodies (see Tier.call). */
    int directCalls;
    /** The attached debugger, or null (see {@link DebugHook}, {@link Hooks#MASK_DEBUG}). */
    public volatile DebugHook debugHook;
    /** Where print and io.write go by default; buffered, flushed by the host or at exit. */
    public PrintStream stdout;
    public PrintStream stderr;
    /** Lua's collection semantics: weak tables, finalizers, collectgarbage's settings. */
    public final GarbageCollector gc = new GarbageCollector(this);
    {
        interrupts = new Interrupts(gc.count);
    }
    /** Ignore LUA_PATH, LUA_INIT and friends (the CLI's -E); read when libraries open. */
    public boolean ignoreEnvironment;
    /**
     * What os.exit does with its status once the output is flushed; null (the default) makes
     * os.exit an error, so that a script never ends its host's JVM unless the host opted in
     * (the stand-alone lua passes System::exit).
     */
    public java.util.function.IntConsumer exitHandler;
    /** Whether {@code warn} prints (off until "@on", or the CLI's -W). */
    public boolean warnings;
    /**
     * Lua 5.3 compatibility as a stock lua5.4 is built (LUA_COMPAT_5_3): the deprecated math
     * functions (read when libraries open) and {@code __le} emulated with {@code __lt}.
     */
    public boolean compat53 = true;

    public GlobalState(OutputStream out, OutputStream err) {
        stdout = out instanceof PrintStream ? (PrintStream) out : new PrintStream(out, false);
        stderr = err instanceof PrintStream ? (PrintStream) err : new PrintStream(err, true);
        mainThread = LuaThread.main(this);
        registry.setInt(1, mainThread, 0);          // Lua: LUA_RIDX_MAINTHREAD
        registry.setInt(2, globals, 0);             // Lua: LUA_RIDX_GLOBALS
        globals.setStr(LuaString.of("_G"), globals, 0);
        Unwinder.preload();
    }

    /**
     * Limits the memory this runtime may have in use to {@code bytes} (0 or less: no limit).
     * Passing it raises "not enough memory" in the script, which pcall can catch, as in a
     * lua5.4 whose allocator refuses to go further; see {@link dev.moonstack.value.MemoryAccount}.
     */
    public void setMemoryLimit(long bytes) { interrupts.setMemoryLimit(bytes); }

    /** The memory limit in bytes, 0 for none. */
    public long memoryLimit() { return gc.count.limit(); }

    /** The memory this runtime has in use, in bytes, as collectgarbage("count") counts it (times 1024). */
    public long memoryInUse() { return gc.count.bytes(); }

    /** The runtime's memory account, where a memory profiler listens (see {@link MemoryAccount#listen}). */
    public MemoryAccount memoryAccount() { return gc.count; }

    /** Lua: luaE_warning, for whole messages: "Lua warning: msg" on standard error when warnings are on. */
    public void warning(String msg) {
        if (!warnings) return;
        stdout.flush();
        stderr.print("Lua warning: " + msg + "\n");
        stderr.flush();
    }

    /** The metatable of any value (Lua: luaT_getmetatable / lua_getmetatable), or null. */
    public LuaTable metatableOf(Object v) {
        if (v instanceof LuaTable) return ((LuaTable) v).metatable;
        if (v instanceof dev.moonstack.value.LuaUserdata) return ((dev.moonstack.value.LuaUserdata) v).metatable;
        return typeMetatables[LuaType.of(v)];
    }
}
