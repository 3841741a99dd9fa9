package dev.moonstack.prof;

import dev.moonstack.vm.LuaThread;

import java.util.List;

/**
 * The host API of the instrumenting profiler: profiles what a piece of Java code makes a
 * coroutine run, such as one frame of a game loop, without touching the script (LuaVela:
 * ujit.iprof.start/stop, here from Java).
 */
public final class Profiler {
    private Profiler() {}

    /** The modes of ujit.iprof (LuaVela: ujit.iprof.PLAIN, INCLUSIVE, EXCLUSIVE). */
    public enum Mode { PLAIN, INCLUSIVE, EXCLUSIVE }

    /** The deepest limit: calls up to this many levels below the profile are recorded. */
    public static final int NO_LIMIT = UjitLib.MAX_LIMIT - 1;

    /**
     * Runs {@code body}, which calls into coroutine {@code L} (for instance
     * {@code () -> lua.call(update, dt)} on {@code lua.mainThread()}), under a profile named
     * {@code label}, and returns the call tree: the root is the label, its subs what was
     * called from Java, down to {@code limit} levels. If {@code body} throws, the profile is
     * ended and the exception goes on.
     */
    public static Entity iprof(LuaThread L, String label, Mode mode, int limit, Runnable body) {
        return run(L, label, mode, limit, body, null);
    }

    /** Runs {@code body} under a new profile, with a timeline added to {@code timelineOut} if not null. */
    private static Entity run(LuaThread L, String label, Mode mode, int limit, Runnable body, List<Timeline> timelineOut) {
        if (limit < 0 || limit > NO_LIMIT) throw new IllegalArgumentException(UjitLib.WRONG_LIMIT);
        ThreadProfiles tp = ThreadProfiles.of(L);
        IProf p = tp.start(label, mode.ordinal(), limit, L.calls.depth());
        if (timelineOut != null) timelineOut.add(p.recordTimeline());
        Entity e = null;
        try {
            body.run();
        } finally {            // only our own profile: one the body left open stays for its stop
            if (!tp.profiles.isEmpty() && tp.profiles.get(tp.profiles.size() - 1) == p) e = tp.stop(L);
        }
        return e;
    }

    /**
     * As {@link #iprof} in INCLUSIVE mode, and also records the timeline of the calls, one open
     * and one close event each, which {@link Timeline#speedscope} writes as a speedscope
     * "evented" profile (its Time Order view shows one game frame call by call). The timeline
     * is added to {@code timelineOut}.
     */
    public static Entity iprofTimeline(LuaThread L, String label, int limit, Runnable body, List<Timeline> timelineOut) {
        return run(L, label, Mode.INCLUSIVE, limit, body, java.util.Objects.requireNonNull(timelineOut));
    }
}
