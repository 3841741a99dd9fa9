package dev.moonstack.prof;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * The objects a memory profile saw made, held weakly with their address and size, and their
 * deaths, which the JVM's collector reports through a reference queue (Lua: the frees that
 * lj_memprof's allocator sees; docs/profiling.md, "Frees").
 *
 * <p>Entries are found by identity ({@link System#identityHashCode} and then the referent),
 * never by {@code equals}: two strings with the same bytes are two objects.
 */
final class LiveObjects {
    /**
     * One object: its address in the profile and its size now (0 for one made before the
     * profile, whose allocation it did not see), and those of its parts (a table's array and
     * hash parts; address 0: none), made at the first resize of a part.
     */
    static final class Entry extends WeakReference<Object> {
        final long addr;
        long size;
        long[] partAddr, partSize;
        final int hash;
        /** The next entry with the same identity hash. */
        Entry next;

        Entry(Object o, int hash, long addr, long size, ReferenceQueue<Object> q) {
            super(o, q);
            this.hash = hash;
            this.addr = addr;
            this.size = size;
        }
    }

    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final HashMap<Integer, Entry> byHash = new HashMap<>();

    /** Starts following {@code o}, made at {@code addr} with {@code size} bytes. */
    Entry add(Object o, long addr, long size) {
        int h = System.identityHashCode(o);
        Entry e = new Entry(o, h, addr, size, queue);
        e.next = byHash.put(h, e);
        return e;
    }

    /** The entry of {@code o}, or null if it is not followed. */
    Entry find(Object o) {
        for (Entry e = byHash.get(System.identityHashCode(o)); e != null; e = e.next) {
            if (e.refersTo(o)) return e;
        }
        return null;
    }

    /** Hands every entry whose object the JVM has found dead and queued to {@code dead}, once. */
    void drain(Consumer<Entry> dead) {
        for (Reference<?> r; (r = queue.poll()) != null; ) {
            if (remove((Entry) r)) dead.accept((Entry) r);
        }
    }

    /**
     * Hands every entry whose object is dead to {@code dead}, queued or not yet: the JVM clears
     * a weak reference during its collection but queues it later, on its own thread. A walk
     * over every entry: at a full collection and at the end of a profile.
     */
    void sweep(Consumer<Entry> dead) {
        List<Entry> gone = new ArrayList<>();
        for (Entry first : byHash.values()) {
            for (Entry e = first; e != null; e = e.next) if (e.refersTo(null)) gone.add(e);
        }
        for (Entry e : gone) if (remove(e)) dead.accept(e);
    }

    private boolean remove(Entry e) {
        Entry first = byHash.get(e.hash), prev = null;
        for (Entry x = first; x != null; prev = x, x = x.next) {
            if (x != e) continue;
            if (prev != null) {
                prev.next = x.next;
            } else if (x.next != null) {
                byHash.put(e.hash, x.next);
            } else {
                byHash.remove(e.hash);
            }
            return true;
        }
        return false;
    }
}
