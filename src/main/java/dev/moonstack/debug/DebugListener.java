package dev.moonstack.debug;

/**
 * What the debugger reports. {@link #onStop} is called on the script's thread, which stays
 * blocked until a command (continue, a step) is issued, from the listener itself or from any
 * other thread.
 */
public interface DebugListener {
    /** The script stopped; inspection calls are valid until the next resume command. */
    void onStop(StopEvent event);

    /** A logpoint's message (or a message about a failing condition). */
    default void onOutput(String text) {}

    /** A breakpoint was verified or moved (a chunk with its source was loaded). */
    default void onBreakpointChanged(Breakpoint bp) {}
}
