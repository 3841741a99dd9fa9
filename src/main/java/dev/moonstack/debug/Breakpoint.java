package dev.moonstack.debug;

/**
 * One breakpoint as the client asked for it and as it is bound: a line breakpoint (the chunk
 * source, the line asked for and the line it was moved to) or a function breakpoint (a name
 * path: {@code f}, {@code mod.f}, {@code obj:m}), with its condition, hit condition and log
 * message.
 */
public final class Breakpoint {
    private static int nextId = 1;

    public final int id;
    /** The chunk name the breakpoint belongs to ("@path/file.lua", "=name"). */
    public final String source;
    /** The line the client asked for. */
    public final int requestedLine;
    /** A Lua expression; the breakpoint stops only when it is true (null: always). */
    public final String condition;
    /** ">= N", "== N", "% N", or a bare N (as ">= N"); null: every hit. */
    public final String hitCondition;
    /** A logpoint's message with {expr} pieces; null for a breakpoint that stops. */
    public final String logMessage;

    /** A function breakpoint's name path ("f", "mod.f", "obj:m"); null for a line breakpoint. */
    public final String function;

    /** The line with code it is bound to, or the requested line while unverified. */
    volatile int line;
    volatile boolean verified;
    /** The condition compiled for the names of a frame (see Inspector.evaluateIn). Script thread only. */
    String compiledText;
    dev.moonstack.value.LuaClosure compiled;
    /** Hits so far (conditions that were true count, as in VS Code). */
    int hits;

    public Breakpoint(String source, int line, String condition, String hitCondition, String logMessage) {
        this(source, line, null, condition, hitCondition, logMessage);
    }

    private Breakpoint(String source, int line, String function, String condition, String hitCondition, String logMessage) {
        synchronized (Breakpoint.class) { this.id = nextId++; }
        this.function = function;
        this.source = source;
        this.requestedLine = line;
        this.line = line;
        this.condition = blankToNull(condition);
        this.hitCondition = blankToNull(hitCondition);
        this.logMessage = blankToNull(logMessage);
    }

    public Breakpoint(String source, int line) { this(source, line, null, null, null); }

    /**
     * A function breakpoint: stops on entry to the function that the name path reaches from the
     * globals by raw lookups ("mod.f" and "obj:m" are the field f of mod and m of obj) at the
     * moment of the call; verified once the path reaches a Lua function.
     */
    public static Breakpoint function(String name, String condition, String hitCondition) {
        return new Breakpoint(null, 0, name.trim(), condition, hitCondition, null);
    }

    public int line() { return line; }

    /** Whether a loaded chunk has code at or after the requested line in a function there. */
    public boolean verified() { return verified; }

    public int hits() { return hits; }

    /**
     * Whether the {@code hits}-th hit passes the hit condition. A malformed condition never
     * passes (the client showed it; stopping on it would surprise more than not stopping).
     */
    boolean hitPasses(int hits) {
        if (hitCondition == null) return true;
        String h = hitCondition.trim();
        try {
            if (h.startsWith(">=")) return hits >= Long.parseLong(h.substring(2).trim());
            if (h.startsWith("==")) return hits == Long.parseLong(h.substring(2).trim());
            if (h.startsWith("%")) {
                long n = Long.parseLong(h.substring(1).trim());
                return n > 0 && hits % n == 0;
            }
            return hits >= Long.parseLong(h);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }

    @Override public String toString() {
        return (function != null ? "function " + function : source + ":" + line) + (verified ? "" : " (unverified)");
    }
}
