package dev.moonstack.vm;

/**
 * What the executor tells an attached debugger, and asks it (Duktape: the debugger checks of
 * duk__executor_interrupt and duk__executor_recheck_debugger). Installed in
 * {@link GlobalState#debugHook} by {@code dev.moonstack.debug.Debugger}; it is consulted only for
 * coroutines whose hook mask has {@link Hooks#MASK_DEBUG} and for calls of functions it marked
 * checked ({@link dev.moonstack.value.Proto#inlineArgs}, which sends them off the executor's
 * inline call path), so with no debugger attached (or one with nothing to watch, or breakpoints
 * only in functions that do not run) it costs nothing beyond the tests the executor makes anyway.
 */
public interface DebugHook {
    /**
     * Whether the running activation of {@code L} is in checked mode (Duktape: checked
     * execution), i.e. the interrupt countdown must be 1 so that it sees every instruction.
     */
    boolean checked(LuaThread L);

    /**
     * From the interrupt slow path, before the instruction at {@code ci.savedPc - 1} of Lua
     * activation {@code ci} runs (the pc is synced). May block the thread (a stop) and may run
     * Lua code meanwhile (evaluations).
     */
    void beforeInstruction(LuaThread L, Activation ci);

    /**
     * Control has just moved to activation {@code ci} of {@code L} without a service of the
     * countdown (a call, a tail call, a return, a recovery), in a watched coroutine or into a
     * checked function: if it is checked, the debugger turns the coroutine's mask on
     * ({@link Hooks#enterChecked}) and bumps its hook epoch ({@link Hooks#forceService}) so the
     * loop serves before it runs on.
     */
    void landed(LuaThread L, Activation ci);

    /**
     * An error has reached its first catch point with the call stack still as it was at the
     * error point (nothing unwound, the message's position added): the debugger may stop there
     * (an exception breakpoint); {@link Hooks#caught} says whether a pcall, xpcall or resume of
     * Lua code will catch it. Called whenever a debugger is attached,
     * whatever the hook mask, possibly more than once for one error object.
     */
    void raised(LuaThread L, dev.moonstack.value.LuaError e);
}
