package dev.moonstack.vm;

import java.util.Arrays;

/** The catch stack of one coroutine: its pending pcall/xpcall catchpoints, innermost last. */
final class CatchStack {
    private static final Catcher[] NONE = {};
    private Catcher[] catchers = NONE;
    private int n;

    /** How many catchers are pending. */
    int depth() { return n; }

    /** A catcher record on top; records are created on first use and reused. */
    Catcher push(int actDepth, int handlerIdx, int nCcalls, int nny, boolean javaMode) {
        if (n == catchers.length) catchers = Arrays.copyOf(catchers, Math.max(4, n * 2));
        Catcher c = catchers[n];
        if (c == null) c = catchers[n] = new Catcher();
        n++;
        c.actDepth = actDepth;
        c.handlerIdx = handlerIdx;
        c.nCcalls = nCcalls;
        c.nny = nny;
        c.javaMode = javaMode;
        c.closing = null;
        c.closingTop = 0;
        c.javaHandler = null;
        return c;
    }

    /** The innermost catcher, or null. */
    Catcher top() { return n == 0 ? null : catchers[n - 1]; }

    void pop() { n--; }

    /** Drops the catchers from index {@code d} up: an unwind's cut (see {@link Unwinder#cut}). */
    void popTo(int d) {
        assert d >= 0 && d <= n : "catch stack cut up to " + d + " of " + n;
        n = d;
    }

    Catcher at(int i) { return catchers[i]; }
}
