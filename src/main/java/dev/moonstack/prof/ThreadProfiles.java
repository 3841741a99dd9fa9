package dev.moonstack.prof;

import dev.moonstack.vm.Activation;
import dev.moonstack.vm.CallEvents;
import dev.moonstack.vm.LuaThread;

import java.util.ArrayList;
import java.util.function.LongSupplier;

/**
 * The instrumenting profiles running in one coroutine, innermost last, and their clocks: the
 * {@link CallEvents} listener of that coroutine while any runs (LuaVela: ujit.iprof, the
 * per-lua_State iprof state; nested profiles are ours, LuaVela has one).
 *
 * <p><b>Clocks.</b> {@code now} is {@link System#nanoTime} minus the time spent in this
 * listener so far, so that the profiler's own work is not charged to the code it measures
 * (LuaVela: the discrepancy accumulated by uj_iprof_tick). {@code lua} is {@code now} minus
 * the time the coroutine spent suspended: YIELD and RESUME move only {@code lua}, so an
 * entity's {@code wall} includes suspension and its {@code lua} does not.
 *
 * <p>The time charged to the profiler for an event runs from the first clock read to the
 * last, plus the cost of one read (measured once): the first read's own cost falls before
 * its value, and with reads of some 50 ns against events of some 100 ns it matters.
 */
final class ThreadProfiles implements CallEvents.Listener {
    final ArrayList<IProf> profiles = new ArrayList<>();
    private long overhead, suspendedTotal, suspendedAt = -1;
    private final LongSupplier clock;
    private final long readCost;

    /** The cost of one System.nanoTime, measured once. */
    private static final long NANOTIME_COST = readCost(System::nanoTime);

    ThreadProfiles() { this(System::nanoTime, NANOTIME_COST); }

    /** With another clock and read cost: for tests. */
    ThreadProfiles(LongSupplier clock, long readCost) {
        this.clock = clock;
        this.readCost = readCost;
    }

    /** The best of ten batches: a low estimate, so that short calls are not over-compensated. */
    static long readCost(LongSupplier c) {
        long best = Long.MAX_VALUE;
        for (int b = 0; b < 10; b++) {
            long t = c.getAsLong();
            for (int i = 0; i < 1000; i++) c.getAsLong();
            best = Math.min(best, (c.getAsLong() - t) / 1001);
        }
        return best;
    }

    /** The profiles of {@code L}, attaching a listener if none runs. */
    static ThreadProfiles of(LuaThread L) {
        CallEvents.Listener l = CallEvents.listener(L);
        if (l instanceof ThreadProfiles) return (ThreadProfiles) l;
        ThreadProfiles p = new ThreadProfiles();
        CallEvents.attach(L, p);
        return p;
    }

    /** The profiles of {@code L}, or null. */
    static ThreadProfiles peek(LuaThread L) {
        CallEvents.Listener l = CallEvents.listener(L);
        return l instanceof ThreadProfiles ? (ThreadProfiles) l : null;
    }


    long lua(long now) { return (suspendedAt >= 0 ? suspendedAt : now) - suspendedTotal; }

    /** Charges the time since {@code t0} (a raw clock value), and one clock read, to the profiler. */
    private void overhead(long t0) { overhead += clock.getAsLong() - t0 + readCost; }

    /** Starts a profile whose start frame is at {@code baseDepth}. */
    IProf start(String label, int mode, int limit, int baseDepth) {
        long t0 = clock.getAsLong(), now = t0 - overhead;
        IProf p = new IProf(label, mode, limit, baseDepth, now, lua(now));
        profiles.add(p);
        overhead(t0);
        return p;
    }

    /** Records the running start builtin {@code ci} in profile {@code p}, as LuaVela's reports show it. */
    void openStartFrame(IProf p, Activation ci) {
        long t0 = clock.getAsLong(), now = t0 - overhead;
        p.called(ci, now, lua(now));
        overhead(t0);
    }

    /** Ends the innermost profile and returns its tree; null if none runs. Detaches when none is left. */
    Entity stop(LuaThread L) {
        long t0 = clock.getAsLong(), now = t0 - overhead;
        Entity e = profiles.isEmpty() ? null : profiles.remove(profiles.size() - 1).finish(now, lua(now));
        if (profiles.isEmpty()) CallEvents.attach(L, null);
        overhead(t0);
        return e;
    }

    /** Drops the profiles whose start frame was left; detaches when that leaves none. */
    private void prune(LuaThread L) {
        if (profiles.removeIf(p -> p.dead) && profiles.isEmpty()) CallEvents.attach(L, null);
    }

    @Override public void called(LuaThread L, Activation ci) {
        long t0 = clock.getAsLong(), now = t0 - overhead, lua = lua(now);
        for (IProf p : profiles) p.called(ci, now, lua);
        prune(L);
        overhead(t0);
    }

    @Override public void tailCalled(LuaThread L, Activation ci) {
        long t0 = clock.getAsLong(), now = t0 - overhead, lua = lua(now);
        for (IProf p : profiles) p.tailCalled(ci, now, lua);
        prune(L);
        overhead(t0);
    }

    @Override public void returning(LuaThread L, Activation ci) {
        long t0 = clock.getAsLong(), now = t0 - overhead, lua = lua(now);
        for (IProf p : profiles) p.returning(ci, now, lua);
        prune(L);
        overhead(t0);
    }

    @Override public void unwinding(LuaThread L, int depth) {
        long t0 = clock.getAsLong(), now = t0 - overhead, lua = lua(now);
        for (IProf p : profiles) p.unwinding(depth, now, lua);
        prune(L);
        overhead(t0);
    }

    @Override public void suspended(LuaThread L) {
        long t0 = clock.getAsLong();
        suspendedAt = t0 - overhead;
        overhead(t0);
    }

    @Override public void resumed(LuaThread L) {
        long t0 = clock.getAsLong();
        if (suspendedAt >= 0) suspendedTotal += t0 - overhead - suspendedAt;
        suspendedAt = -1;
        overhead(t0);
    }
}
