package dev.moonstack.debug;

import dev.moonstack.vm.LuaThread;

/** Why and where the script stopped: what {@link DebugListener#onStop} receives. */
public final class StopEvent {
    /** DAP's stop reasons. */
    public enum Reason { BREAKPOINT, FUNCTION_BREAKPOINT, STEP, PAUSE, ENTRY, EXCEPTION }

    public final Reason reason;
    /** The coroutine that stopped. */
    public final LuaThread thread;
    /** Its thread id (see {@link Debugger#threadId}). */
    public final int threadId;
    /** The chunk name and line of the stop. */
    public final String source;
    public final int line;
    /** The function's name as a traceback names it. */
    public final String function;
    /** Call depth of the stopped activation (1 = the outermost activation of the coroutine). */
    public final int depth;
    /** The breakpoint hit, or null. */
    public final Breakpoint breakpoint;
    /** For an exception: the error message. */
    public final String text;

    StopEvent(Reason reason, LuaThread thread, int threadId, String source, int line, String function,
              int depth, Breakpoint breakpoint, String text) {
        this.reason = reason;
        this.thread = thread;
        this.threadId = threadId;
        this.source = source;
        this.line = line;
        this.function = function;
        this.depth = depth;
        this.breakpoint = breakpoint;
        this.text = text;
    }

    @Override public String toString() {
        return reason.name().toLowerCase() + " " + source + ":" + line + " " + function + " depth " + depth;
    }
}
