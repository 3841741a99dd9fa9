package dev.moonstack.vm;

import dev.moonstack.value.LuaError;

/**
 * A catchpoint pushed by {@code pcall}/{@code xpcall} (Duktape: duk_catcher; Lua keeps the
 * same information in the C stack of luaD_pcall). An error unwinds the call stack down to
 * {@link #actDepth}, the activation of the pcall builtin itself, which then returns
 * {@code false, err} to its caller.
 */
final class Catcher {
    /** Depth of the pcall/xpcall activation. */
    int actDepth;
    /** Slot of the message handler (xpcall), or -1. */
    int handlerIdx;
    /** Java re-entry count to restore (Lua: nCcalls saved by luaD_pcall). */
    int nCcalls;
    /** Non-yieldable nesting to restore. */
    int nny;
    /** True for a pcall run from Java code, which catches the error with a Java handler. */
    boolean javaMode;
    /** The message handler of a protected call from Java (LuaThread.pcall), or null. */
    java.util.function.UnaryOperator<LuaError> javaHandler;
    /** While to-be-closed variables are closed after an error: that error (else null). */
    LuaError closing;
    /** The highest slot in use since the error, to clear when closing is done. */
    int closingTop;
}
