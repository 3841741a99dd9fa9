package dev.moonstack.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable Lua string: a sequence of bytes (not Java chars), with a cached hash.
 * Comparison is byte-wise unsigned, as {@code strcoll} in the C locale (Lua: l_strcmp).
 */
public final class LuaString implements Comparable<LuaString> {
    public static final LuaString EMPTY = new LuaString(new byte[0]);

    private final byte[] bytes;
    private int hash;
    /** The epoch of the last marking that counted this string (see {@link GcMarker#countString}). */
    int gcEpoch;

    private LuaString(byte[] bytes) {
        this.bytes = bytes;
        if (MemoryAccount.profiled()) MemoryAccount.made(this, size(bytes.length));   // memprof (docs/profiling.md)
    }

    /**
     * The size of a string of {@code length} bytes in the size model (see {@link MemoryAccount}):
     * its object and its array's header, with compressed references, and the bytes rounded up to 8.
     */
    static long size(int length) { return 40 + ((length + 7L) & ~7L); }

    /** The UTF-8 bytes of a Java string. */
    public static LuaString of(String s) { return new LuaString(s.getBytes(StandardCharsets.UTF_8)); }

    /** Takes ownership of {@code b}: the caller must not change it afterwards. */
    public static LuaString wrap(byte[] b) { return b.length == 0 ? EMPTY : new LuaString(b); }

    /** A copy of {@code b[off .. off+len)}. */
    public static LuaString copyOf(byte[] b, int off, int len) {
        MemoryAccount.reserve(len);
        return len == 0 ? EMPTY : new LuaString(Arrays.copyOfRange(b, off, off + len));
    }

    public int length() { return bytes.length; }

    /** Byte {@code i} (0-based) as an unsigned value 0..255. */
    public int charAt(int i) { return bytes[i] & 0xFF; }

    /** The backing array, shared: callers must not modify it. */
    public byte[] bytes() { return bytes; }

    public LuaString substring(int from, int to) {
        if (from == 0 && to == bytes.length) return this;
        return copyOf(bytes, from, to - from);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 0x9E3779B9 ^ bytes.length;
            for (byte b : bytes) h = h * 31 + b;
            h ^= h >>> 16;
            if (h == 0) h = 1;
            hash = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (!(o instanceof LuaString)) return false;
        LuaString s = (LuaString) o;
        return s.bytes.length == bytes.length && s.hashCode() == hashCode()
                && Arrays.equals(s.bytes, bytes);
    }

    @Override
    public int compareTo(LuaString o) { return Arrays.compareUnsigned(bytes, o.bytes); }

    /** Decodes as UTF-8 (invalid sequences become U+FFFD); for Java-side messages and tests. */
    @Override
    public String toString() { return new String(bytes, StandardCharsets.UTF_8); }
}
