package dev.moonstack.api;

/**
 * The standard libraries a runtime can open (Lua: the entries of linit.c's loadedlibs), chosen
 * with {@link Lua.Builder#libraries}. {@link #UJIT} and {@link #MISC} are the profiler
 * libraries ({@code ujit.iprof}, {@code misc.memprof}, docs/profiling.md).
 */
public enum Library {
    /** The basic functions: print, pairs, pcall, load, ... (Lua: lbaselib). */
    BASE,
    /** require and the package table (Lua: loadlib). */
    PACKAGE,
    /** coroutine.* (Lua: lcorolib). */
    COROUTINE,
    /** table.* (Lua: ltablib). */
    TABLE,
    /** io.*: files, processes, standard streams (Lua: liolib). */
    IO,
    /** os.*: clock, date, environment, files, processes, exit (Lua: loslib). */
    OS,
    /** string.* and the string metatable (Lua: lstrlib). */
    STRING,
    /** math.* (Lua: lmathlib). */
    MATH,
    /** utf8.* (Lua: lutf8lib). */
    UTF8,
    /** debug.* (Lua: ldblib). */
    DEBUG,
    /** ujit.iprof, the instrumenting profiler (docs/profiling.md). */
    UJIT,
    /** misc.memprof, the memory profiler of LuaJIT and Tarantool; it writes files (docs/profiling.md). */
    MISC
}
