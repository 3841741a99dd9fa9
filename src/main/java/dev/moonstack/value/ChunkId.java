package dev.moonstack.value;

import java.util.Arrays;

/** The short, printable form of a chunk name used in messages (Lua: luaO_chunkid). */
public final class ChunkId {
    private ChunkId() {}

    /** Lua: LUA_IDSIZE, in bytes, including the terminating zero of C. */
    public static final int IDSIZE = 60;

    private static final byte[] RETS = {'.', '.', '.'};
    private static final byte[] PRE = {'[', 's', 't', 'r', 'i', 'n', 'g', ' ', '"'};
    private static final byte[] POS = {'"', ']'};
    private static final LuaString UNKNOWN = LuaString.of("?");

    /**
     * "=name" gives name, "@file" gives file (keeping its tail), anything else
     * [string "..."] (its first line), all within {@link #IDSIZE} - 1 bytes. Lua's chunk
     * names are C strings, so a name is taken up to its first zero byte; a null source (a
     * function without debug information) gives "?", as for Lua's "=?".
     */
    public static LuaString ofBytes(LuaString source) {
        if (source == null) return UNKNOWN;
        byte[] src = source.bytes();
        int srclen = cStringLength(src);
        if (srclen > 0 && src[0] == '=') {
            return LuaString.copyOf(src, 1, Math.min(srclen - 1, IDSIZE - 1));
        }
        if (srclen > 0 && src[0] == '@') {
            if (srclen <= IDSIZE) return LuaString.copyOf(src, 1, srclen - 1);
            int keep = IDSIZE - 1 - RETS.length;   // the tail that fits after "..."
            return concat(RETS, src, srclen - keep, keep, null);
        }
        int nl = indexOf(src, srclen, (byte) '\n');
        int avail = IDSIZE - PRE.length - RETS.length - POS.length - 1;
        if (srclen < avail && nl < 0) return concat(PRE, src, 0, srclen, POS);
        int l = nl >= 0 ? nl : srclen;
        if (l > avail) l = avail;
        byte[] out = Arrays.copyOf(PRE, PRE.length + l + RETS.length + POS.length);
        System.arraycopy(src, 0, out, PRE.length, l);
        System.arraycopy(RETS, 0, out, PRE.length + l, RETS.length);
        System.arraycopy(POS, 0, out, PRE.length + l + RETS.length, POS.length);
        return LuaString.wrap(out);
    }

    /** {@link #ofBytes} decoded as text (bytes that are not UTF-8 become U+FFFD). */
    public static String of(LuaString source) {
        return ofBytes(source).toString();
    }

    private static int cStringLength(byte[] s) {
        int n = indexOf(s, s.length, (byte) 0);
        return n < 0 ? s.length : n;
    }

    private static int indexOf(byte[] s, int len, byte b) {
        for (int i = 0; i < len; i++) if (s[i] == b) return i;
        return -1;
    }

    /** {@code head}, {@code len} bytes of {@code src} from {@code off}, then {@code tail} (if any). */
    private static LuaString concat(byte[] head, byte[] src, int off, int len, byte[] tail) {
        int tl = tail == null ? 0 : tail.length;
        byte[] out = Arrays.copyOf(head, head.length + len + tl);
        System.arraycopy(src, off, out, head.length, len);
        if (tail != null) System.arraycopy(tail, 0, out, head.length + len, tl);
        return LuaString.wrap(out);
    }
}
