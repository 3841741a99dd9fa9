package dev.moonstack.value;

import java.util.Arrays;

/**
 * The mark phase of a Lua-level collection and the clearing of weak tables (Lua: lgc.c's
 * propagatemark, convergeephemerons, clearbyvalues, clearbykeys), done in one stop-the-world
 * pass as Lua's atomic phase does them. The JVM still frees memory; a marking only decides
 * which weak entries go and which objects are unreachable.
 *
 * <p>An object is marked when its mark word holds the current epoch, so starting a marking is
 * one increment. Marking is iterative, over an explicit gray stack, and allocates nothing per
 * object beyond the amortised growth of that stack and of the lists of weak tables.
 *
 * <p>A marking goes: {@link #begin}, {@link #mark} the roots, {@link #propagate},
 * {@link #clearValues}; then the caller separates and marks the objects to be finalized,
 * {@link #propagate}s again and calls {@link #clearKeysAndNewValues}; {@link #end} drops
 * every reference the marker holds.
 */
public final class GcMarker {
    private static final LuaTable[] NO_TABLES = {};

    private int epoch;
    /** Size of the objects marked, see {@link #bytes}. */
    private long bytes;
    private GcObject[] gray = new GcObject[64];
    private int ngray;
    /** Weak tables met in this marking: weak values only, weak keys only, both. */
    private LuaTable[] weakValues = NO_TABLES, ephemerons = NO_TABLES, allWeak = NO_TABLES;
    private int nWeakValues, nEphemerons, nAllWeak;
    /** Counts of {@link #weakValues} and {@link #allWeak} when {@link #clearValues} ran. */
    private int origWeakValues, origAllWeak;

    /** Whether this marking only measures (see {@link #begin(boolean)}). */
    private boolean estimateOnly;

    /** Starts a marking: nothing is marked. */
    public void begin() { begin(false); }

    /**
     * Starts a marking; {@code estimateOnly} for one that only measures what is reachable
     * (an emergency, {@link MemoryAccount}): it marks every slot of every stack, live or not,
     * changes no object, and is followed by no clearing of weak tables.
     */
    public void begin(boolean estimateOnly) {
        epoch = epoch >= GcObject.EPOCH ? 1 : epoch + 1;
        bytes = 0;
        this.estimateOnly = estimateOnly;
    }

    /** Whether this marking only measures: traversals must change nothing (dead stack slots stay). */
    public boolean estimateOnly() { return estimateOnly; }

    /**
     * Marks a value if it is an unmarked collectable object (Lua: markvalue). A string adds
     * its size to {@link #bytes} the first time this marking meets it.
     */
    public void mark(Object v) {
        if (v instanceof GcObject) {
            GcObject o = (GcObject) v;
            int s = o.gcMark;
            if ((s & GcObject.EPOCH) != epoch && (s & GcObject.VALUE) == 0) {
                o.gcMark = (s & ~GcObject.EPOCH) | epoch;
                if (ngray == gray.length) gray = Arrays.copyOf(gray, ngray * 2);
                gray[ngray++] = o;
            }
        } else {
            countString(v);
        }
    }

    /**
     * Counts {@code v} in {@link #bytes} if it is a string this marking has not counted yet
     * (weak tables' strings are not marked). The string's epoch is written without
     * synchronization: strings may be shared with other runtimes (constants of the
     * libraries), whose markings can then miss or repeat such a string, a few bytes.
     */
    void countString(Object v) {
        if (v instanceof LuaString) {
            LuaString s = (LuaString) v;
            if (s.gcEpoch == epoch) return;
            s.gcEpoch = epoch;
            bytes += LuaString.size(s.length());
        }
    }

    /** Called by {@link GcObject#traverse}: the object's estimated size (the size model, see {@link MemoryAccount}). */
    void addBytes(long n) { bytes += n; }

    /** Estimated size of everything this marking reached so far (for collectgarbage("count")). */
    public long bytes() { return bytes; }

    /** Whether {@code o} has been reached by this marking. */
    public boolean isMarked(GcObject o) {
        return (o.gcMark & GcObject.EPOCH) == epoch;
    }

    /**
     * Whether a weak entry holding {@code v} must go (Lua: iscleared): v is a collectable
     * object not reached. Strings, numbers, booleans, light userdata and builtins that hold no
     * Lua values are values and never go.
     */
    boolean isCleared(Object v) {
        if (!(v instanceof GcObject)) return false;
        int s = ((GcObject) v).gcMark;
        return (s & GcObject.EPOCH) != epoch && (s & GcObject.VALUE) == 0;
    }

    /** Traverses everything reachable from the marked objects, weak tables included. */
    public void propagate() {
        propagateAll();
        convergeEphemerons();
    }

    private void propagateAll() {
        while (ngray > 0) {
            GcObject o = gray[--ngray];
            gray[ngray] = null;
            o.traverse(this);
        }
    }

    /**
     * Lua: convergeephemerons. A value of a weak-keyed table is reachable only if its key is;
     * marking a value may make other keys reachable, so the ephemeron tables are traversed
     * until a pass marks nothing (alternating direction, as Lua does, for chains).
     */
    private void convergeEphemerons() {
        boolean changed, reverse = false;
        do {
            changed = false;
            int n = nEphemerons;
            for (int i = 0; i < n; i++) {
                LuaTable t = ephemerons[reverse ? n - 1 - i : i];
                if (t.traverseEphemeron(this, false)) {
                    propagateAll();
                    changed = true;
                }
            }
            reverse = !reverse;
        } while (changed);
    }

    /** Called by a weak table when it is traversed. */
    void addWeak(LuaTable t, int mode) {
        switch (mode) {
            case LuaTable.WEAK_VALUES:
                if (nWeakValues == weakValues.length) weakValues = grow(weakValues);
                weakValues[nWeakValues++] = t;
                break;
            case LuaTable.WEAK_KEYS:
                if (nEphemerons == ephemerons.length) ephemerons = grow(ephemerons);
                ephemerons[nEphemerons++] = t;
                break;
            default:
                if (nAllWeak == allWeak.length) allWeak = grow(allWeak);
                allWeak[nAllWeak++] = t;
        }
    }

    private static LuaTable[] grow(LuaTable[] a) { return Arrays.copyOf(a, Math.max(8, a.length * 2)); }

    /**
     * Clears the entries of weak-valued tables whose values were not reached, before
     * finalizers resurrect anything: a value refers to an object being finalized is gone.
     */
    public void clearValues() {
        origWeakValues = nWeakValues;
        origAllWeak = nAllWeak;
        for (int i = 0; i < nWeakValues; i++) weakValues[i].clearByValues(this);
        for (int i = 0; i < nAllWeak; i++) allWeak[i].clearByValues(this);
    }

    /**
     * After resurrection: clears entries whose keys were not reached (keys of resurrected
     * objects stay), and the values of weak tables first met while resurrecting.
     */
    public void clearKeysAndNewValues() {
        for (int i = 0; i < nEphemerons; i++) ephemerons[i].clearByKeys(this);
        for (int i = 0; i < nAllWeak; i++) allWeak[i].clearByKeys(this);
        for (int i = origWeakValues; i < nWeakValues; i++) weakValues[i].clearByValues(this);
        for (int i = origAllWeak; i < nAllWeak; i++) allWeak[i].clearByValues(this);
        for (int i = 0; i < nWeakValues; i++) weakValues[i].countWeakStrings(this, LuaTable.WEAK_VALUES);
        for (int i = 0; i < nEphemerons; i++) ephemerons[i].countWeakStrings(this, LuaTable.WEAK_KEYS);
        for (int i = 0; i < nAllWeak; i++) allWeak[i].countWeakStrings(this, LuaTable.WEAK_KEYS | LuaTable.WEAK_VALUES);
    }

    /** Whether this marking met a weak table. */
    public boolean sawWeakTables() { return nWeakValues + nEphemerons + nAllWeak > 0; }

    /** Ends the marking, dropping the marker's references so that it keeps nothing alive. */
    public void end() {
        Arrays.fill(weakValues, 0, nWeakValues, null);
        Arrays.fill(ephemerons, 0, nEphemerons, null);
        Arrays.fill(allWeak, 0, nAllWeak, null);
        nWeakValues = nEphemerons = nAllWeak = 0;
        Arrays.fill(gray, 0, ngray, null);
        ngray = 0;
    }

    /** Whether {@code o} is on a finalization list (Lua: tofinalize). */
    public static boolean toBeFinalized(GcObject o) { return (o.gcMark & GcObject.TOFINALIZE) != 0; }

    /** Records whether {@code o} is on a finalization list. */
    public static void setToBeFinalized(GcObject o, boolean on) {
        if (on) o.gcMark |= GcObject.TOFINALIZE;
        else o.gcMark &= ~GcObject.TOFINALIZE;
    }
}
