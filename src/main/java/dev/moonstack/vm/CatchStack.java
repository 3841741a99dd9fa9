package dev.moonstack.vm;

import java.util.Arrays;

/** The catch stack of one coroutine: its pending pcall/xpcall catchpoints, innermost last. */
final class CatchStack {
    private Catcher[] catchers = new Catcher[4];
    int n;

    CatchStack() {
        for (int i = 0; i < catchers.length; i++) catchers[i] = new Catcher();
    }

    Catcher push(int actDepth, int handlerIdx, int nCcalls, boolean javaMode) {
        if (n == catchers.length) {
            int old = catchers.length;
            catchers = Arrays.copyOf(catchers, old * 2);
            for (int i = old; i < catchers.length; i++) catchers[i] = new Catcher();
        }
        Catcher c = catchers[n++];
        c.actDepth = actDepth;
        c.handlerIdx = handlerIdx;
        c.nCcalls = nCcalls;
        c.javaMode = javaMode;
        return c;
    }

    /** The innermost catcher, or null. */
    Catcher top() { return n == 0 ? null : catchers[n - 1]; }

    void pop() { n--; }

    Catcher at(int i) { return catchers[i]; }
}
