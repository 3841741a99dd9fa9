package dev.moonstack.value;

/**
 * A value that Lua's collector traces (Lua: GCObject): tables, functions, full userdata and
 * coroutines. The JVM frees memory; this class only carries what Lua-level collections need
 * to decide which weak entries to clear and which finalizers to run (see {@link GcMarker}).
 *
 * <p>The mark word holds the epoch of the last collection that reached the object, so that
 * nothing has to be cleared between collections, and two flags. Builtins that hold no Lua
 * values are created as <em>values</em> (Lua: light C functions): never marked, never removed
 * from weak tables.
 */
public abstract class GcObject {
    /** Bits of {@link #gcMark} holding the epoch; epoch 0 is never used, so new objects are unmarked. */
    static final int EPOCH = (1 << 28) - 1;
    /** On the list of objects with a finalizer or the list of those to be finalized (Lua: FINALIZEDBIT). */
    static final int TOFINALIZE = 1 << 28;
    /** Never collected: a value rather than an object (Lua: light C function). */
    static final int VALUE = 1 << 29;

    /** Epoch of the last marking that reached this object, and the flags above. */
    int gcMark;

    protected GcObject() {}

    /** {@code isValue}: never collected, never marked (builtins that hold no Lua values). */
    protected GcObject(boolean isValue) {
        if (isValue) gcMark = VALUE;
    }

    /**
     * Marks the Lua values this object refers to strongly, through {@link GcMarker#mark}
     * (Lua: the traverse* functions of lgc.c), and adds a lower bound of its size through
     * {@link #addSize}. Called once per collection that reaches it.
     */
    protected abstract void traverse(GcMarker m);

    /** For {@link #traverse}: counts {@code n} bytes for this object in the marking's size estimate. */
    protected static void addSize(GcMarker m, long n) { m.addBytes(n); }
}
