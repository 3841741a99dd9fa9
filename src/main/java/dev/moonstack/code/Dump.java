package dev.moonstack.code;

import dev.moonstack.value.LocVar;
import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.Proto;
import dev.moonstack.value.UpvalDesc;

/**
 * Writes a prototype as a binary chunk (Lua: ldump.c, luaU_dump). The format is Lua 5.4's
 * official one, byte for byte: our instructions are Lua's, so luac5.4 can list or run what we
 * dump and we can load what it writes. Numbers are written little-endian (Lua writes the
 * host's order; the header's LUAC_INT and LUAC_NUM let a reader of the other order refuse).
 */
public final class Dump {
    private Dump() {}

    /** Lua: LUA_SIGNATURE. */
    static final byte[] SIGNATURE = {0x1b, 'L', 'u', 'a'};
    /** Lua: LUAC_VERSION, major and minor version in one byte. */
    static final int VERSION = 0x54;
    /** Lua: LUAC_FORMAT; 0 is the official format. */
    static final int FORMAT = 0;
    /** Lua: LUAC_DATA, catching conversions of line ends and truncation at a ^Z. */
    static final byte[] DATA = {0x19, (byte) 0x93, '\r', '\n', 0x1a, '\n'};
    /** Sizes of Instruction, lua_Integer and lua_Number in the header. */
    static final int INSTRUCTION_SIZE = 4, INTEGER_SIZE = 8, NUMBER_SIZE = 8;
    /** Lua: LUAC_INT and LUAC_NUM, which detect the byte order and the number formats. */
    static final long LUAC_INT = 0x5678;
    static final double LUAC_NUM = 370.5;

    /** Type tags of constants (Lua: LUA_VNIL, LUA_VFALSE ... makevariant(type, variant)). */
    static final int VNIL = 0, VFALSE = 1, VTRUE = 17, VNUMINT = 3, VNUMFLT = 19, VSHRSTR = 4, VLNGSTR = 20;
    /** Lua: LUAI_MAXSHORTLEN; longer strings are tagged VLNGSTR. */
    static final int MAXSHORTLEN = 40;
    /** Line information (Lua: ABSLINEINFO, LIMLINEDIFF, MAXIWTHABS). */
    static final int ABSLINEINFO = -0x80, LIMLINEDIFF = 0x80, MAXIWTHABS = 128;

    /**
     * The binary chunk of {@code p} and its nested functions. {@code strip} leaves out the
     * debug information: source, line information, local names and upvalue names.
     */
    public static byte[] dump(Proto p, boolean strip) {
        LuaBuffer out = new LuaBuffer(256 + 8 * p.code.length);
        header(out);
        out.append(p.upvalues.length);
        function(out, p, null, strip);
        return java.util.Arrays.copyOf(out.array(), out.length());
    }

    /** Lua: dumpHeader. */
    private static void header(LuaBuffer out) {
        out.append(SIGNATURE).append(VERSION).append(FORMAT).append(DATA);
        out.append(INSTRUCTION_SIZE).append(INTEGER_SIZE).append(NUMBER_SIZE);
        int64(out, LUAC_INT);
        int64(out, Double.doubleToRawLongBits(LUAC_NUM));
    }

    /** Lua: dumpFunction; a source equal to the parent's is left out (the loader reuses it). */
    private static void function(LuaBuffer out, Proto f, LuaString psource, boolean strip) {
        string(out, strip || (f.source != null && f.source.equals(psource)) ? null : f.source);
        size(out, f.lineDefined);
        size(out, f.lastLineDefined);
        out.append(f.numParams).append(f.isVararg ? 1 : 0).append(f.maxStackSize);
        size(out, f.code.length);
        for (int i : f.code) int32(out, i);
        constants(out, f);
        size(out, f.upvalues.length);
        for (UpvalDesc u : f.upvalues) out.append(u.inStack ? 1 : 0).append(u.index).append(u.kind);
        size(out, f.p.length);
        for (Proto c : f.p) function(out, c, f.source, strip);
        debug(out, f, strip);
    }

    /** Lua: dumpConstants. */
    private static void constants(LuaBuffer out, Proto f) {
        size(out, f.k.length);
        for (int i = 0; i < f.k.length; i++) {
            Object v = f.k[i];
            if (v == null) {
                out.append(VNIL);
            } else if (v == Boolean.FALSE) {
                out.append(VFALSE);
            } else if (v == Boolean.TRUE) {
                out.append(VTRUE);
            } else if (v == NumTag.INT) {
                out.append(VNUMINT);
                int64(out, f.kn[i]);
            } else if (v == NumTag.FLT) {
                out.append(VNUMFLT);
                int64(out, f.kn[i]);
            } else {
                LuaString s = (LuaString) v;
                out.append(s.length() <= MAXSHORTLEN ? VSHRSTR : VLNGSTR);
                string(out, s);
            }
        }
    }

    /** Lua: dumpDebug. */
    private static void debug(LuaBuffer out, Proto f, boolean strip) {
        if (strip || f.lineInfo == null) {
            size(out, 0);
            size(out, 0);
        } else {
            lineInfo(out, f);
        }
        int n = strip || f.locVars == null ? 0 : f.locVars.length;
        size(out, n);
        for (int i = 0; i < n; i++) {
            LocVar v = f.locVars[i];
            string(out, v.name);
            size(out, v.startPc);
            size(out, v.endPc);
        }
        n = strip ? 0 : f.upvalues.length;
        size(out, n);
        for (int i = 0; i < n; i++) string(out, f.upvalues[i].name);
    }

    /**
     * Absolute lines in Lua's form (Lua: savelineinfo): a signed byte per instruction with
     * the difference from the previous line, and an absolute (pc, line) entry instead when
     * the difference does not fit or MAXIWTHABS instructions passed since the last one.
     * (luac's bytes differ where luaK_fixline replaced an absolute entry; both read the same.)
     */
    private static void lineInfo(LuaBuffer out, Proto f) {
        int[] lines = f.lineInfo;
        int n = lines.length;
        byte[] rel = new byte[n];
        int[] abs = new int[16];
        int nabs = 0;
        long prev = f.lineDefined;
        int iwthabs = 0;
        for (int pc = 0; pc < n; pc++) {
            long diff = lines[pc] - prev;
            if (Math.abs(diff) >= LIMLINEDIFF || iwthabs++ >= MAXIWTHABS) {
                if (nabs + 2 > abs.length) abs = java.util.Arrays.copyOf(abs, abs.length * 2);
                abs[nabs++] = pc;
                abs[nabs++] = lines[pc];
                diff = ABSLINEINFO;
                iwthabs = 1;
            }
            rel[pc] = (byte) diff;
            prev = lines[pc];
        }
        size(out, n);
        out.append(rel);
        size(out, nabs / 2);
        for (int i = 0; i < nabs; i++) size(out, abs[i]);
    }

    /** Lua: dumpString; null is the absent string (size 0), otherwise size + 1 and the bytes. */
    private static void string(LuaBuffer out, LuaString s) {
        if (s == null) {
            size(out, 0);
        } else {
            size(out, s.length() + 1L);
            out.append(s);
        }
    }

    /**
     * Lua: dumpSize (and dumpInt, which casts to size_t): 7 bits a byte, most significant
     * first, the last byte marked with 0x80. A negative int becomes a huge size, as in C.
     */
    private static void size(LuaBuffer out, long x) {
        int n = 1;
        while (n < 10 && (x >>> (7 * n)) != 0) n++;
        for (int i = n - 1; i >= 0; i--) {
            int b = (int) (x >>> (7 * i)) & 0x7f;
            out.append(i == 0 ? b | 0x80 : b);
        }
    }

    private static void int32(LuaBuffer out, int x) {
        out.append(x & 0xff).append((x >>> 8) & 0xff).append((x >>> 16) & 0xff).append(x >>> 24);
    }

    private static void int64(LuaBuffer out, long x) {
        int32(out, (int) x);
        int32(out, (int) (x >>> 32));
    }
}
