package dev.moonstack.debug;

/**
 * One line breakpoint as the client asked for it and as it is bound: the chunk source, the line
 * asked for and the line it was moved to, its condition, hit condition and log message.
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

    /** The line with code it is bound to, or the requested line while unverified. */
    volatile int line;
    volatile boolean verified;
    /** Hits so far (conditions that were true count, as in VS Code). */
    int hits;

    public Breakpoint(String source, int line, String condition, String hitCondition, String logMessage) {
        synchronized (Breakpoint.class) { this.id = nextId++; }
        this.source = source;
        this.requestedLine = line;
        this.line = line;
        this.condition = blankToNull(condition);
        this.hitCondition = blankToNull(hitCondition);
        this.logMessage = blankToNull(logMessage);
    }

    public Breakpoint(String source, int line) { this(source, line, null, null, null); }

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
        return source + ":" + line + (verified ? "" : " (unverified)");
    }
}
