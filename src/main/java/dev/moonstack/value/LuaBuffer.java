package dev.moonstack.value;

import java.util.Arrays;

/** A growable byte buffer for building Lua strings (Lua: luaL_Buffer). */
public final class LuaBuffer {
    private byte[] buf;
    private int len;

    public LuaBuffer() { this(32); }

    public LuaBuffer(int capacity) {
        MemoryAccount.reserve(capacity);
        buf = new byte[Math.max(capacity, 8)];
    }

    public int length() { return len; }

    /** The internal array; valid up to {@link #length()}. */
    public byte[] array() { return buf; }

    private void ensure(int extra) {
        long need = (long) len + extra;
        if (need > buf.length) {
            if (need > Integer.MAX_VALUE - 8) throw LuaError.rt("resulting string too large");
            int n = (int) Math.max(need, Math.min(Integer.MAX_VALUE - 8, buf.length * 2L));
            MemoryAccount.reserve(n);
            buf = Arrays.copyOf(buf, n);
        }
    }

    public LuaBuffer append(int b) {
        if (len == buf.length) ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    public LuaBuffer append(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public LuaBuffer append(byte[] b) { return append(b, 0, b.length); }

    public LuaBuffer append(LuaString s) { return append(s.bytes()); }

    /** Appends a Java string as UTF-8 (numbers and messages are ASCII). */
    public LuaBuffer append(String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) ascii = s.charAt(i) < 0x80;
        if (!ascii) return append(LuaString.of(s).bytes());
        ensure(n);
        for (int i = 0; i < n; i++) buf[len++] = (byte) s.charAt(i);
        return this;
    }

    public void setLength(int n) { len = n; }

    public LuaString toLuaString() {
        MemoryAccount.reserve(len);
        return LuaString.copyOf(buf, 0, len);
    }

    @Override public String toString() { return toLuaString().toString(); }
}
