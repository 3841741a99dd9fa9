package dev.moonstack.code;

import dev.moonstack.value.LuaString;

/** The short, printable form of a chunk name used in messages (Lua: luaO_chunkid). */
public final class ChunkId {
    private ChunkId() {}

    /** Lua: LUA_IDSIZE, including the terminating zero of C. */
    public static final int IDSIZE = 60;

    private static final String RETS = "...";
    private static final String PRE = "[string \"";
    private static final String POS = "\"]";

    /** "=name" gives name, "@file" gives file (keeping its tail), anything else [string "..."]. */
    public static String of(LuaString source) {
        String src = source == null ? "?" : source.toString();
        int bufflen = IDSIZE;
        if (src.startsWith("=")) {
            String s = src.substring(1);
            return s.length() <= bufflen - 1 ? s : s.substring(0, bufflen - 1);
        }
        if (src.startsWith("@")) {
            String s = src.substring(1);
            if (s.length() <= bufflen - 1) return s;
            return RETS + s.substring(s.length() - (bufflen - 1 - RETS.length()));
        }
        int nl = src.indexOf('\n');
        int avail = bufflen - PRE.length() - RETS.length() - POS.length() - 1;
        if (src.length() < avail && nl < 0) return PRE + src + POS;
        int l = nl >= 0 ? nl : src.length();
        if (l > avail) l = avail;
        return PRE + src.substring(0, l) + RETS + POS;
    }
}
