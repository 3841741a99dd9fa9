package dev.moonstack.value;

import java.util.Arrays;

/**
 * A Lua table (Lua: Table, ltable.c): an array part for the keys 1..n and a hash part for
 * everything else, both holding unboxed (ref, num) pairs.
 *
 * <p>The hash part is open addressing with linear probing over power-of-two node arrays;
 * node {@code j} keeps its key at {@code 2j} and its value at {@code 2j+1} of the parallel
 * {@code hrefs}/{@code hnums} arrays, so a key and its value share cache lines. Assigning nil
 * to a key leaves the key in place as a dead key, as Lua does: the node is reused if the key
 * comes back, {@code next} keeps working from it, and only inserting a new key may rehash.
 * That is what makes {@code next} stable while existing fields are assigned. When a collection
 * removes an entry of a weak table, the key is replaced by a weak reference to it, so that the
 * table no longer keeps it alive and {@code next} can still go on from it (Lua: dead keys).
 * XXX: a key removed by assigning nil stays strongly referenced until the next rehash.
 *
 * <p>Sizing follows Lua's {@code rehash}: when the hash part is full, integer keys are counted
 * in power-of-two slices and the array part takes the largest size that is more than half
 * used ({@code computesizes}).
 *
 * <p>Keys are normalised: a float key with an integral value is stored as that integer.
 */
public final class LuaTable extends GcObject {
    private static final Object[] NO_REFS = {};
    private static final long[] NO_NUMS = {};
    private static final Object INT = NumTag.INT;
    private static final Object FLT = NumTag.FLT;

    private Object[] arefs = NO_REFS;
    private long[] anums = NO_NUMS;
    private Object[] hrefs = NO_REFS;
    private long[] hnums = NO_NUMS;
    /** Node count minus one, or -1 while the hash part is empty. */
    private int hmask = -1;
    /** Nodes holding a key, live or dead. */
    private int hused;

    public LuaTable metatable;
    /**
     * When this table is a metatable: bit {@code e} set means event {@code e} (one of the
     * fast events, up to {@link TM#EQ}) is known to be absent (Lua: Table.flags). Cleared by
     * every store of a string key.
     */
    public int tmAbsent;
    /**
     * When this table is a metatable: its {@code __index} field (ref part, null if absent),
     * valid while {@link #indexKnown}. Method calls on objects look it up at every call, so it
     * is cached; every store of a field clears {@code indexKnown} (see {@link #index}).
     */
    private Object index;
    private boolean indexKnown;

    public LuaTable() {
        if (MemoryAccount.profiled()) MemoryAccount.made(this, OBJECT_BYTES);   // memprof (docs/profiling.md)
    }

    /** A table with room for {@code narr} array items and {@code nhash} other keys. */
    public LuaTable(int narr, int nhash) {
        MemoryAccount.reserve(SLOT_BYTES * ((long) narr + 2L * nhash));   // a constructor may ask for millions
        if (MemoryAccount.profiled()) MemoryAccount.made(this, OBJECT_BYTES);   // memprof (docs/profiling.md)
        if (narr > 0) {
            arefs = new Object[narr];
            anums = new long[narr];
        }
        if (nhash > 0) allocHash(capacityFor(nhash));
        if (MemoryAccount.profiled()) profileResize(0, 0);      // memprof: the parts (docs/profiling.md)
    }

    // ---------------------------------------------------------------- hashing

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 15);
    }

    private static int hashOf(Object kr, long kn) {
        if (kr == INT || kr == FLT) return mix((int) (kn ^ (kn >>> 32)));
        if (kr instanceof LuaString) return mix(kr.hashCode());
        if (kr instanceof Boolean) return kr == Boolean.TRUE ? 0x51ED270B : 0x2F0AB3C1;
        return mix(System.identityHashCode(kr));
    }

    private static boolean keyEquals(Object k, long kn, Object kr, long knum) {
        if (k == kr) return (kr != INT && kr != FLT) || kn == knum;
        return kr instanceof LuaString && k instanceof LuaString && k.equals(kr);
    }

    /** Node index of key (kr, kn), or -1. The key must be normalised and not nil. */
    private int findNode(Object kr, long kn) {
        int mask = hmask;
        if (mask < 0) return -1;
        Object[] hr = hrefs;
        int j = hashOf(kr, kn) & mask;
        for (;;) {
            Object k = hr[2 * j];
            if (k == null) return -1;
            if (keyEquals(k, hnums[2 * j], kr, kn)) return j;
            j = (j + 1) & mask;
        }
    }

    private int findStrNode(LuaString key) {
        int mask = hmask;
        if (mask < 0) return -1;
        Object[] hr = hrefs;
        int j = mix(key.hashCode()) & mask;
        for (;;) {
            Object k = hr[2 * j];
            if (k == key) return j;
            if (k == null) return -1;
            if (k instanceof LuaString && key.equals(k)) return j;
            j = (j + 1) & mask;
        }
    }

    private int findIntNode(long key) {
        int mask = hmask;
        if (mask < 0) return -1;
        Object[] hr = hrefs;
        int j = mix((int) (key ^ (key >>> 32))) & mask;
        for (;;) {
            Object k = hr[2 * j];
            if (k == null) return -1;
            if (k == INT && hnums[2 * j] == key) return j;
            j = (j + 1) & mask;
        }
    }

    // ---------------------------------------------------------------- reads

    /**
     * Copies t[key] into slot {@code d} if it is present and not nil; returns false (and leaves
     * the slot alone) otherwise. The executor's fast path for {@code t.name}.
     */
    public boolean loadStr(LuaString key, Object[] r, long[] n, int d) {
        int j = findStrNode(key);
        if (j < 0) return false;
        Object v = hrefs[2 * j + 1];
        if (v == null) return false;
        n[d] = hnums[2 * j + 1];
        r[d] = v;
        return true;
    }

    /**
     * As {@link #loadStr}, for an inline cache: returns the node the value was found in
     * (see {@link #loadAt}), or -1 when t[key] is absent or nil.
     */
    public int loadStrNode(LuaString key, Object[] r, long[] n, int d) {
        int j = findStrNode(key);
        return j >= 0 && loadAt(j, hrefs[2 * j], r, n, d) ? j : -1;
    }

    /** The key object of node {@code j}, a node {@link #loadStrNode} returned. */
    public Object nodeKey(int j) { return hrefs[2 * j]; }

    /**
     * An inline cache's probe (LuaJIT: HREFK): if node {@code j} holds key object {@code k}
     * itself (identity, not equality) and a value that is not nil, copies it into slot
     * {@code d}. A key object is in at most one node of a table, so the hit is t[k], in any
     * table and after any rehash; a removed entry (nil value, or a weak key cleared to a
     * {@code DeadKey}) misses. Any {@code j} is safe: one out of range misses.
     */
    public boolean loadAt(int j, Object k, Object[] r, long[] n, int d) {
        Object[] hr = hrefs;
        int i = 2 * j;
        if (i < 0 || i >= hr.length || hr[i] != k) return false;
        Object v = hr[i + 1];
        if (v == null) return false;
        n[d] = hnums[i + 1];
        r[d] = v;
        return true;
    }

    /** As {@link #loadStr} for an integer key. */
    public boolean loadInt(long key, Object[] r, long[] n, int d) {
        long i = key - 1;
        if (i >= 0 && i < arefs.length) {
            Object v = arefs[(int) i];
            if (v == null) return false;
            n[d] = anums[(int) i];
            r[d] = v;
            return true;
        }
        int j = findIntNode(key);
        if (j < 0) return false;
        Object v = hrefs[2 * j + 1];
        if (v == null) return false;
        n[d] = hnums[2 * j + 1];
        r[d] = v;
        return true;
    }

    /** As {@link #loadStr} for any key (nil and NaN keys are never present). */
    public boolean load(Object kr, long kn, Object[] r, long[] n, int d) {
        if (kr == INT) return loadInt(kn, r, n, d);
        if (kr == FLT) {
            double x = Double.longBitsToDouble(kn);
            if (LuaNumber.fitsInteger(x)) return loadInt((long) x, r, n, d);
        } else if (kr instanceof LuaString) {
            return loadStr((LuaString) kr, r, n, d);
        } else if (kr == null) {
            return false;
        }
        int j = findNode(kr, kn);
        if (j < 0) return false;
        Object v = hrefs[2 * j + 1];
        if (v == null) return false;
        n[d] = hnums[2 * j + 1];
        r[d] = v;
        return true;
    }

    /** Copies t[key] (nil if absent) into slot {@code d} (Lua: luaH_get). */
    public void get(Object kr, long kn, Object[] r, long[] n, int d) {
        if (!load(kr, kn, r, n, d)) r[d] = null;
    }

    /** Copies t[key] (nil if absent) into slot {@code d}. */
    public void getInt(long key, Object[] r, long[] n, int d) {
        if (!loadInt(key, r, n, d)) r[d] = null;
    }

    /**
     * The ref of this table's {@code __index} field, null if absent (Lua: fasttm for
     * TM_INDEX, which 5.4 does not cache; the lookup is a string comparison here since
     * strings are not interned).
     */
    public Object index() {
        if (!indexKnown) {
            index = getStrRef(TM.key(TM.INDEX));
            indexKnown = true;
        }
        return index;
    }

    /** The ref of t[key] for a string key (null if absent); enough for non-number values. */
    public Object getStrRef(LuaString key) {
        int j = findStrNode(key);
        return j < 0 ? null : hrefs[2 * j + 1];
    }

    /**
     * The ref part of t[key], null if absent: the whole value unless it is a number, whose
     * payload {@link #get} gives. For library code that does not care about numbers.
     */
    public Object getRef(Object kr, long kn) {
        if (kr == INT || kr == FLT) {
            if (kr == FLT) {
                double x = Double.longBitsToDouble(kn);
                if (!LuaNumber.fitsInteger(x)) return nodeValueRef(findNode(kr, kn));
                kn = (long) x;
            }
            long i = kn - 1;
            if (i >= 0 && i < arefs.length) return arefs[(int) i];
            return nodeValueRef(findIntNode(kn));
        }
        if (kr instanceof LuaString) return nodeValueRef(findStrNode((LuaString) kr));
        return kr == null ? null : nodeValueRef(findNode(kr, kn));
    }

    private Object nodeValueRef(int j) { return j < 0 ? null : hrefs[2 * j + 1]; }

    /** True if t[key] is not nil. */
    public boolean has(Object kr, long kn) { return getRef(kr, kn) != null; }

    // ---------------------------------------------------------------- writes

    /** t[key] = value without metamethods (Lua: luaH_set + luaH_newkey); checks the key. */
    public void rawset(Object kr, long kn, Object vr, long vn) {
        if (kr == INT) {
            setInt(kn, vr, vn);
            return;
        }
        if (kr == FLT) {
            double x = Double.longBitsToDouble(kn);
            if (LuaNumber.fitsInteger(x)) {
                setInt((long) x, vr, vn);
                return;
            }
            if (x != x) throw LuaError.run("table index is NaN");
        } else if (kr == null) {
            throw LuaError.run("table index is nil");
        }
        setNode(kr, kn, vr, vn);
    }

    /** t[key] = value for an integer key. */
    public void setInt(long key, Object vr, long vn) {
        long i = key - 1;
        if (i >= 0 && i < arefs.length) {
            anums[(int) i] = vn;
            arefs[(int) i] = vr;
            return;
        }
        setNode(INT, key, vr, vn);
    }

    /** t[key] = value for a string key. */
    public void setStr(LuaString key, Object vr, long vn) {
        tmAbsent = 0;
        indexKnown = false;
        int j = findStrNode(key);
        if (j >= 0) {
            hnums[2 * j + 1] = vn;
            hrefs[2 * j + 1] = vr;
        } else if (vr != null) {
            insertNew(key, 0, vr, vn);
        }
    }

    /**
     * Overwrites t[key] if it is present and not nil, and returns true; returns false
     * otherwise (then {@code __newindex} may apply). Lua: luaV_fastset.
     */
    public boolean storeIfPresent(Object kr, long kn, Object vr, long vn) {
        if (kr == INT) {
            long i = kn - 1;
            if (i >= 0 && i < arefs.length) {
                if (arefs[(int) i] == null) return false;
                anums[(int) i] = vn;
                arefs[(int) i] = vr;
                return true;
            }
        } else if (kr == FLT) {
            double x = Double.longBitsToDouble(kn);
            if (LuaNumber.fitsInteger(x)) return storeIfPresent(INT, (long) x, vr, vn);
        } else if (kr == null) {
            return false;
        }
        int j = kr instanceof LuaString ? findStrNode((LuaString) kr) : findNode(kr, kn);
        if (j < 0 || hrefs[2 * j + 1] == null) return false;
        indexKnown = false;
        hnums[2 * j + 1] = vn;
        hrefs[2 * j + 1] = vr;
        return true;
    }

    /**
     * The executor's store (Lua: luaV_fastset and the metamethod-free part of luaV_finishset):
     * stores if the key is present, or if no {@code __newindex} can apply. Returns false, having
     * done nothing, when a metamethod may apply or the key is nil or NaN; never throws.
     */
    public boolean fastSet(Object kr, long kn, Object vr, long vn) {
        return storeIfPresent(kr, kn, vr, vn) || setAbsent(kr, kn, vr, vn);
    }

    /**
     * The rest of {@link #fastSet} once t[key] is known to be absent or nil: stores unless a
     * {@code __newindex} may apply or the key is nil or NaN (then false, nothing done).
     */
    public boolean setAbsent(Object kr, long kn, Object vr, long vn) {
        LuaTable mt = metatable;
        if (mt != null && (mt.tmAbsent & (1 << TM.NEWINDEX)) == 0) return false;
        if (kr == null || (kr == FLT && Double.isNaN(Double.longBitsToDouble(kn)))) return false;
        rawset(kr, kn, vr, vn);
        return true;
    }

    /**
     * As {@link #storeIfPresent} for a string key, for an inline cache: returns the node
     * stored into (see {@link #storeAt}), or -1 when t[key] is absent or nil (nothing done).
     */
    public int storeStrNode(LuaString key, Object vr, long vn) {
        int j = findStrNode(key);
        return j >= 0 && storeAt(j, hrefs[2 * j], vr, vn) ? j : -1;
    }

    /**
     * An inline cache's store, as {@link #loadAt}: if node {@code j} holds key object
     * {@code k} itself and a value that is not nil, overwrites that value (Lua: luaV_fastset).
     */
    public boolean storeAt(int j, Object k, Object vr, long vn) {
        Object[] hr = hrefs;
        int i = 2 * j;
        if (i < 0 || i >= hr.length || hr[i] != k || hr[i + 1] == null) return false;
        indexKnown = false;
        hnums[i + 1] = vn;
        hr[i + 1] = vr;
        return true;
    }

    private void setNode(Object kr, long kn, Object vr, long vn) {
        if (kr instanceof LuaString) tmAbsent = 0;
        indexKnown = false;
        int j = findNode(kr, kn);
        if (j >= 0) {
            hnums[2 * j + 1] = vn;
            hrefs[2 * j + 1] = vr;
        } else if (vr != null) {    // Lua 5.4 does not insert nil values
            insertNew(kr, kn, vr, vn);
        }
    }

    /** Inserts a key known to be absent, rehashing first if the hash part is full. */
    private void insertNew(Object kr, long kn, Object vr, long vn) {
        if (hused + 1 > maxUsed(hmask + 1)) {
            rehash(kr, kn);
            if (kr == INT && kn - 1 >= 0 && kn - 1 < arefs.length) {
                anums[(int) (kn - 1)] = vn;
                arefs[(int) (kn - 1)] = vr;
                return;
            }
        }
        int mask = hmask;
        int j = hashOf(kr, kn) & mask;
        while (hrefs[2 * j] != null) j = (j + 1) & mask;
        hrefs[2 * j] = kr;
        hnums[2 * j] = kn;
        hrefs[2 * j + 1] = vr;
        hnums[2 * j + 1] = vn;
        hused++;
    }

    // ---------------------------------------------------------------- sizing

    /** Most keys a node array of {@code cap} nodes may hold (at least one node stays empty). */
    private static int maxUsed(int cap) { return cap - Math.max(1, cap >> 2); }

    private static int capacityFor(int n) {
        int cap = 2;
        while (maxUsed(cap) < n) cap <<= 1;
        return cap;
    }

    private void allocHash(int cap) {
        hrefs = new Object[2 * cap];
        hnums = new long[2 * cap];
        hmask = cap - 1;
        hused = 0;
    }

    /** Lua: rehash. Chooses new sizes counting every live key plus the key being inserted. */
    private void rehash(Object extraR, long extraN) {
        int[] slices = new int[64];
        int total = 0, arrayKeys = 0;
        for (int i = 0; i < arefs.length; i++) {
            if (arefs[i] != null) {
                slices[ceilLog2(i + 1)]++;
                arrayKeys++;
            }
        }
        total += arrayKeys;
        for (int j = 0; j <= hmask; j++) {
            if (hrefs[2 * j] != null && hrefs[2 * j + 1] != null) {
                total++;
                if (hrefs[2 * j] == INT) arrayKeys += countIntKey(slices, hnums[2 * j]);
            }
        }
        total++;
        if (extraR == INT) arrayKeys += countIntKey(slices, extraN);
        int[] na = {arrayKeys};
        int newArray = computeSizes(slices, na);
        resize(newArray, total - na[0]);
    }

    private static int countIntKey(int[] slices, long k) {
        if (k >= 1 && k <= (1 << 30)) {
            slices[ceilLog2(k)]++;
            return 1;
        }
        return 0;
    }

    private static int ceilLog2(long x) { return 64 - Long.numberOfLeadingZeros(x - 1); }

    /** Lua: computesizes. {@code na[0]} in: candidate integer keys; out: keys going to the array. */
    private static int computeSizes(int[] slices, int[] na) {
        int a = 0, nArray = 0, optimal = 0;
        long twoToI = 1;
        for (int i = 0; i < 31 && na[0] > twoToI / 2; i++, twoToI *= 2) {
            a += slices[i];
            if (a > twoToI / 2) {
                optimal = (int) twoToI;
                nArray = a;
            }
        }
        na[0] = nArray;
        return optimal;
    }

    /** Memory per slot of either part: a reference and a long (the size model, see {@link MemoryAccount}). */
    private static final int SLOT_BYTES = 12;
    /** The table object itself, and the two array headers of a part in use. */
    private static final int OBJECT_BYTES = 64, PART_BYTES = 32;

    private static long partBytes(int slots) { return slots == 0 ? 0 : PART_BYTES + (long) SLOT_BYTES * slots; }

    /** This table's size in the size model: the object and its two parts. */
    private long bytes() { return OBJECT_BYTES + partBytes(arefs.length) + partBytes(hrefs.length); }

    /** Rebuilds both parts with room for {@code narr} array slots and {@code nhash} other keys. */
    private void resize(int narr, int nhash) {
        MemoryAccount.reserve(SLOT_BYTES * ((long) narr + 2L * nhash));   // checked before anything changes
        Object[] oldAR = arefs;
        long[] oldAN = anums;
        Object[] oldHR = hrefs;
        long[] oldHN = hnums;
        int oldMask = hmask;
        arefs = narr == 0 ? NO_REFS : Arrays.copyOf(oldAR, narr);
        anums = narr == 0 ? NO_NUMS : Arrays.copyOf(oldAN, narr);
        if (nhash > 0) {
            allocHash(capacityFor(nhash));
        } else {
            hrefs = NO_REFS;
            hnums = NO_NUMS;
            hmask = -1;
            hused = 0;
        }
        for (int i = narr; i < oldAR.length; i++) {
            if (oldAR[i] != null) setInt(i + 1, oldAR[i], oldAN[i]);
        }
        for (int j = 0; j <= oldMask; j++) {
            Object v = oldHR[2 * j + 1];
            if (v != null) reinsert(oldHR[2 * j], oldHN[2 * j], v, oldHN[2 * j + 1]);
        }
        if (MemoryAccount.profiled()) profileResize(oldAR.length, oldHR.length);   // memprof
    }

    /** memprof: the parts that changed from {@code oldA} and {@code oldH} slots, each as an allocation of its own. */
    private void profileResize(int oldA, int oldH) {
        if (oldA != arefs.length) MemoryAccount.resized(this, 0, partBytes(oldA), partBytes(arefs.length));
        if (oldH != hrefs.length) MemoryAccount.resized(this, 1, partBytes(oldH), partBytes(hrefs.length));
    }

    private void reinsert(Object kr, long kn, Object vr, long vn) {
        if (kr == INT && kn - 1 >= 0 && kn - 1 < arefs.length) {
            anums[(int) (kn - 1)] = vn;
            arefs[(int) (kn - 1)] = vr;
            return;
        }
        if (hused + 1 > maxUsed(hmask + 1)) {   // sizes were computed for this; grow defensively
            rehash(kr, kn);
            reinsert(kr, kn, vr, vn);
            return;
        }
        int mask = hmask;
        int j = hashOf(kr, kn) & mask;
        while (hrefs[2 * j] != null) j = (j + 1) & mask;
        hrefs[2 * j] = kr;
        hnums[2 * j] = kn;
        hrefs[2 * j + 1] = vr;
        hnums[2 * j + 1] = vn;
        hused++;
    }

    /** Makes the array part at least {@code n} slots (for SETLIST and table constructors). */
    public void ensureArray(int n) {
        if (n > arefs.length) resize(n, countHashLive());
    }

    private int countHashLive() {
        int c = 0;
        for (int j = 0; j <= hmask; j++) if (hrefs[2 * j + 1] != null) c++;
        return c;
    }

    /** Stores values at array positions {@code first..first+count-1} (1-based) from stack slots. */
    public void setList(long first, Object[] r, long[] n, int from, int count) {
        long last = first + count - 1;
        if (last > arefs.length && last <= Integer.MAX_VALUE - 8) ensureArray((int) last);
        for (int i = 0; i < count; i++) setInt(first + i, r[from + i], n[from + i]);
    }

    // ---------------------------------------------------------------- length and traversal

    /** The border {@code #t} (Lua: luaH_getn). */
    public long length() {
        int asize = arefs.length;
        if (asize > 0 && arefs[asize - 1] == null) {
            int lo = 0, hi = asize;          // arefs[lo-1] non-nil (or lo == 0), arefs[hi-1] nil
            while (hi - lo > 1) {
                int m = (lo + hi) >>> 1;
                if (arefs[m - 1] == null) hi = m; else lo = m;
            }
            return lo;
        }
        if (hmask < 0 || !hasIntValue(asize + 1L)) return asize;
        return hashBorder(asize);
    }

    private boolean hasIntValue(long key) {
        int j = findIntNode(key);
        return j >= 0 && hrefs[2 * j + 1] != null;
    }

    /** Lua: hash_search. t[j] is present; find i with t[i] present and t[i+1] absent. */
    private long hashBorder(long j) {
        long i = j;
        j = j + 1;
        while (hasIntValue(j)) {
            i = j;
            if (j > Long.MAX_VALUE / 2) {   // overflow: linear search
                long k = 1;
                while (hasIntValue(k) || (k <= arefs.length && arefs[(int) k - 1] != null)) k++;
                return k - 1;
            }
            j *= 2;
        }
        while (j - i > 1) {
            long m = (i + j) >>> 1;
            if (hasIntValue(m)) i = m; else j = m;
        }
        return i;
    }

    /**
     * Lua: luaH_next. Given the previous key (nil to start) writes the next key and value
     * into slots {@code d} and {@code d+1} and returns true, or returns false at the end.
     */
    public boolean next(Object kr, long kn, Object[] r, long[] n, int d) {
        int i = traversalIndex(kr, kn);
        int asize = arefs.length;
        for (; i < asize; i++) {
            if (arefs[i] != null) {
                r[d] = INT;
                n[d] = i + 1;
                n[d + 1] = anums[i];
                r[d + 1] = arefs[i];
                return true;
            }
        }
        for (int j = i - asize; j <= hmask; j++) {
            Object v = hrefs[2 * j + 1];
            if (v != null) {
                n[d] = hnums[2 * j];
                r[d] = hrefs[2 * j];
                n[d + 1] = hnums[2 * j + 1];
                r[d + 1] = v;
                return true;
            }
        }
        return false;
    }

    /** One entry of a table walk (see {@link #forEach}): the key and the value as (ref, num) pairs. */
    @FunctionalInterface
    public interface Entries {
        void entry(Object kr, long kn, Object vr, long vn);
    }

    /**
     * Calls {@code visit} with each key and value, in {@link #next}'s order (Lua: a C host's
     * lua_next loop). The visitor may assign existing fields, but must not add keys.
     */
    public void forEach(Entries visit) {
        Object[] r = new Object[2];
        long[] n = new long[2];
        Object k = null;
        long kn = 0;
        while (next(k, kn, r, n, 0)) {
            k = r[0];
            kn = n[0];
            visit.entry(k, kn, r[1], n[1]);
        }
    }

    /** Index after the given key in traversal order: array slots first, then nodes. */
    private int traversalIndex(Object kr, long kn) {
        if (kr == null) return 0;
        if (kr == FLT) {
            double x = Double.longBitsToDouble(kn);
            if (LuaNumber.fitsInteger(x)) {
                kr = INT;
                kn = (long) x;
            }
        }
        if (kr == INT && kn >= 1 && kn <= arefs.length) return (int) kn;
        int j = findNode(kr, kn);
        if (j < 0) j = findDeadNode(kr);
        if (j < 0) throw LuaError.run("invalid key to 'next'");
        return arefs.length + j + 1;
    }

    // ---------------------------------------------------------------- collection

    /** Weak modes (Lua: the 'k' and 'v' of {@code __mode}). */
    static final int WEAK_KEYS = 1, WEAK_VALUES = 2;
    /** Key of a node cleared because its key was not reached: nothing can look it up again. */
    private static final Object DEAD = new Object();

    /**
     * Key of a node whose entry a collection removed while the key itself may still be in
     * use (Lua: a dead key): {@code next} can go on from it while the key is alive, but the
     * table does not keep it alive.
     */
    private static final class DeadKey extends java.lang.ref.WeakReference<Object> {
        DeadKey(Object key) { super(key); }
    }

    /** The weak mode of a table with metatable {@code mt}: bits WEAK_KEYS and WEAK_VALUES. */
    static int weakMode(LuaTable mt) {
        if ((mt.tmAbsent & (1 << TM.MODE)) != 0) return 0;
        Object v = mt.getStrRef(TM.key(TM.MODE));
        if (v == null) mt.tmAbsent |= 1 << TM.MODE;
        if (!(v instanceof LuaString)) return 0;
        LuaString s = (LuaString) v;
        int mode = 0;
        for (int i = 0; i < s.length() && s.charAt(i) != 0; i++) {     // as strchr in lgc.c
            if (s.charAt(i) == 'k') mode |= WEAK_KEYS;
            else if (s.charAt(i) == 'v') mode |= WEAK_VALUES;
        }
        return mode;
    }

    /** Whether a table whose metatable is {@code mt} is weak (has a {@code __mode} with k or v). */
    public static boolean isWeakMetatable(LuaTable mt) { return mt != null && weakMode(mt) != 0; }

    /** Lua: traversetable. A weak table also goes on the marker's list for its mode. */
    @Override
    protected void traverse(GcMarker m) {
        LuaTable mt = metatable;
        int mode = 0;
        if (mt != null) {
            m.mark(mt);
            mode = weakMode(mt);
        }
        if (mode != 0) m.addWeak(this, mode);
        Object[] hr = hrefs;
        m.addBytes(bytes());
        if (mode == WEAK_KEYS) {
            traverseEphemeron(m, true);
        } else if (mode == WEAK_VALUES) {           // Lua: traverseweakvalue, keys are strong
            for (int j = 0; j < hr.length; j += 2) if (hr[j + 1] != null) m.mark(hr[j]);
        } else if (mode == 0) {                     // Lua: traversestrongtable
            for (Object v : arefs) m.mark(v);
            for (int j = 0; j < hr.length; j += 2) {
                if (hr[j + 1] != null) {
                    m.mark(hr[j]);
                    m.mark(hr[j + 1]);
                }
            }
        }
    }

    /**
     * After clearing: the strings in the weak parts of the entries left count in the marking's
     * size (Lua: iscleared marks a string it is asked about, strings being values).
     */
    void countWeakStrings(GcMarker m, int mode) {
        Object[] hr = hrefs;
        if ((mode & WEAK_VALUES) != 0) for (Object v : arefs) m.countString(v);
        for (int j = 0; j < hr.length; j += 2) {
            if (hr[j + 1] == null) continue;
            if ((mode & WEAK_KEYS) != 0) m.countString(hr[j]);
            if ((mode & WEAK_VALUES) != 0) m.countString(hr[j + 1]);
        }
    }

    /**
     * Lua: traverseephemeron. Marks the values whose keys are reached (and the array part,
     * whose keys are integers); returns whether it marked anything new. {@code first}: the
     * traversal when the table is reached, else a pass of the convergence.
     */
    boolean traverseEphemeron(GcMarker m, boolean first) {
        if (first) for (Object v : arefs) m.mark(v);
        boolean marked = false;
        Object[] hr = hrefs;
        for (int j = 0; j < hr.length; j += 2) {
            Object v = hr[j + 1];
            if (v != null && !m.isCleared(hr[j]) && m.isCleared(v)) {
                m.mark(v);
                marked = true;
            }
        }
        return marked;
    }

    /** Lua: clearbyvalues. Removes the entries whose values were not reached. */
    void clearByValues(GcMarker m) {
        Object[] ar = arefs;
        for (int i = 0; i < ar.length; i++) if (m.isCleared(ar[i])) ar[i] = null;
        Object[] hr = hrefs;
        for (int j = 0; j < hr.length; j += 2) {
            if (m.isCleared(hr[j + 1])) hr[j + 1] = null;
            if (hr[j + 1] == null && hr[j] != null) clearKey(hr, j, m);
        }
    }

    /** Lua: clearbykeys. Removes the entries whose keys were not reached. */
    void clearByKeys(GcMarker m) {
        Object[] hr = hrefs;
        for (int j = 0; j < hr.length; j += 2) {
            if (hr[j + 1] != null && m.isCleared(hr[j])) hr[j + 1] = null;
            if (hr[j + 1] == null && hr[j] != null) clearKey(hr, j, m);
        }
    }

    /**
     * Lua: clearkey. The node at {@code j} is empty: its key stops holding the object, so
     * that the JVM can free it; the node stays in its probe chain, as every dead key does.
     */
    private static void clearKey(Object[] hr, int j, GcMarker m) {
        Object k = hr[j];
        if (k instanceof NumTag || k instanceof Boolean || k == DEAD || k instanceof DeadKey) return;
        hr[j] = m.isCleared(k) ? DEAD : new DeadKey(k);
    }

    /** Node of the dead key that was {@code kr}, for {@code next} (Lua: getgeneric with deadok). */
    private int findDeadNode(Object kr) {
        int mask = hmask;
        if (mask < 0 || kr instanceof NumTag || kr instanceof Boolean) return -1;
        Object[] hr = hrefs;
        int j = hashOf(kr, 0) & mask;
        for (;;) {
            Object k = hr[2 * j];
            if (k == null) return -1;
            if (k instanceof DeadKey && ((DeadKey) k).get() == kr) return j;
            j = (j + 1) & mask;
        }
    }

    /** Size of the array part (for table constructors and diagnostics). */
    public int arrayCapacity() { return arefs.length; }

    /** Number of nodes in the hash part. */
    public int hashCapacity() { return hmask + 1; }
}
