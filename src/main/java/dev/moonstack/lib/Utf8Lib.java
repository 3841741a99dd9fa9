package dev.moonstack.lib;

import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.Coerce;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaOps;
import dev.moonstack.vm.Interrupts;
import dev.moonstack.vm.LuaThread;

/**
 * The utf8 library (Lua: lutf8lib.c, as in 5.4.8): decoding, encoding and walking UTF-8 in
 * byte strings. Strict functions accept code points up to 10FFFF without surrogates; the lax
 * variants accept 5.4's extended sequences of up to six bytes, values up to 7FFFFFFF.
 */
public final class Utf8Lib {
    private Utf8Lib() {}

    static final long MAXUNICODE = 0x10FFFFL;
    static final long MAXUTF = 0x7FFFFFFFL;
    static final String MSG_INVALID = "invalid UTF-8 code";

    /** Lua: UTF8PATT. One character: a lead byte and its continuation bytes. */
    static final LuaString CHARPATTERN = LuaString.wrap(new byte[] {
        '[', 0, '-', 0x7F, (byte) 0xC2, '-', (byte) 0xFD, ']', '[', (byte) 0x80, '-', (byte) 0xBF, ']', '*'});

    /** Smallest value for each count of continuation bytes; rejects overlong forms (the first entry rejects lone continuation bytes). */
    private static final long[] LIMITS = {~0L >>> 1, 0x80, 0x800, 0x10000, 0x200000, 0x4000000};

    /** Returned by {@link #decode} for an invalid sequence. */
    static final long INVALID = -1;

    public static void open(GlobalState G) {
        LuaTable u = new LuaTable();
        // The iterators of codes; like lutf8lib's static C functions they have no global name.
        Builtin strict = Builtin.of("?", (L, b, n) -> iterAux(L, b, n, true));
        Builtin lax = Builtin.of("?", (L, b, n) -> iterAux(L, b, n, false));
        Lib.fn(u, "utf8", "offset", Utf8Lib::byteOffset);
        Lib.fn(u, "utf8", "codepoint", Utf8Lib::codepoint);
        Lib.fn(u, "utf8", "char", Utf8Lib::utfChar);
        Lib.fn(u, "utf8", "len", Utf8Lib::utfLen);
        Lib.fn(u, "utf8", "codes", (L, b, n) -> iterCodes(L, b, n, strict, lax));
        u.setStr(LuaString.of("charpattern"), CHARPATTERN, 0);
        Lib.register(G, "utf8", u);
    }

    /** The byte at {@code i}, or 0 past the end: C strings end with a zero byte, and the decoder relies on it. */
    private static int at(byte[] s, int i) {
        return i < s.length ? s[i] & 0xFF : 0;
    }

    private static boolean isCont(int c) {
        return (c & 0xC0) == 0x80;
    }

    /**
     * Lua: utf8_decode. Decodes the sequence starting at {@code i}: {@link #INVALID}, or the
     * index after the sequence in the high 32 bits and the code point in the low 32.
     */
    static long decode(byte[] s, int i, boolean strict) {
        int c = at(s, i);
        long res;
        if (c < 0x80) {
            res = c;
        } else {
            int count = 0;
            res = 0;
            for (; (c & 0x40) != 0; c <<= 1) {          // each 1 bit after the first needs a continuation byte
                int cc = at(s, i + ++count);
                if (!isCont(cc)) return INVALID;
                res = (res << 6) | (cc & 0x3F);
            }
            res |= (long) (c & 0x7F) << (count * 5);
            if (count > 5 || res > MAXUTF || res < LIMITS[count]) return INVALID;
            i += count;
        }
        if (strict && (res > MAXUNICODE || (0xD800 <= res && res <= 0xDFFF))) return INVALID;
        return ((long) (i + 1) << 32) | res;
    }

    /** Lua: u_posrelat. Negative positions count from the end; too negative gives 0. */
    private static long posRelat(long pos, int len) {
        if (pos >= 0) return pos;
        if (pos < -(long) len) return 0;
        return len + pos + 1;
    }

    private static boolean lax(LuaThread L, int base, int nargs, int arg) {
        return arg <= nargs && LuaOps.isTruthy(L.ref(base + arg - 1));
    }

    /** Lua: utflen. len(s [, i [, j [, lax]]]): characters starting in [i, j], or fail and the position of the first bad one. */
    static int utfLen(LuaThread L, int base, int nargs) {
        byte[] s = Args.checkString(L, base, nargs, 1).bytes();
        int len = s.length;
        long posi = posRelat(Args.optInteger(L, base, nargs, 2, 1), len);
        long posj = posRelat(Args.optInteger(L, base, nargs, 3, -1), len);
        boolean strict = !lax(L, base, nargs, 4);
        if (!(1 <= posi && --posi <= len)) throw Args.argError(L, 2, "initial position out of bounds");
        if (!(--posj < len)) throw Args.argError(L, 3, "final position out of bounds");
        long n = 0;
        while (posi <= posj) {
            long d = decode(s, (int) posi, strict);
            if (d == INVALID) {
                L.pushNil();
                L.pushInteger(posi + 1);
                return 2;
            }
            posi = d >>> 32;
            if ((++n & (Interrupts.POLL_BYTES - 1)) == 0) L.interrupts().poll(Interrupts.POLL_BYTES);   // a stop in between
        }
        L.pushInteger(n);
        return 1;
    }

    /** Lua: codepoint. codepoint(s [, i [, j [, lax]]]): the code points of the characters starting in [i, j]. */
    static int codepoint(LuaThread L, int base, int nargs) {
        byte[] s = Args.checkString(L, base, nargs, 1).bytes();
        int len = s.length;
        long posi = posRelat(Args.optInteger(L, base, nargs, 2, 1), len);
        long pose = posRelat(Args.optInteger(L, base, nargs, 3, posi), len);
        boolean strict = !lax(L, base, nargs, 4);
        if (posi < 1) throw Args.argError(L, 2, "out of bounds");
        if (pose > len) throw Args.argError(L, 3, "out of bounds");
        if (posi > pose) return 0;
        if (pose - posi >= Integer.MAX_VALUE) throw LuaError.rt("string slice too long");
        int room = (int) (pose - posi) + 1;                    // at most one result per byte
        L.checkStack(room, "string slice too long");
        int n = 0;
        for (int i = (int) posi - 1; i < pose;) {
            long d = decode(s, i, strict);
            if (d == INVALID) throw LuaError.rt(MSG_INVALID);
            L.pushInteger(d & 0xFFFFFFFFL);
            i = (int) (d >>> 32);
            n++;
        }
        return n;
    }

    /** Lua: luaO_utf8esc. Appends {@code x} (at most 7FFFFFFF) as UTF-8, with up to six bytes. */
    static void encode(LuaBuffer b, long x) {
        if (x < 0x80) {
            b.append((int) x);
            return;
        }
        int n = x < 0x800 ? 2 : x < 0x10000 ? 3 : x < 0x200000 ? 4 : x < 0x4000000 ? 5 : 6;
        int shift = 6 * (n - 1);
        b.append(((0xFF00 >> n) & 0xFF) | (int) (x >> shift));   // n one bits, a zero, the top bits
        for (shift -= 6; shift >= 0; shift -= 6) b.append(0x80 | (int) ((x >> shift) & 0x3F));
    }

    /** Lua: utfchar. char(c1, ...): the concatenated encodings of the code points. */
    static int utfChar(LuaThread L, int base, int nargs) {
        LuaBuffer b = new LuaBuffer(Math.max(nargs, 1) * 4);
        for (int i = 1; i <= nargs; i++) {
            long code = Args.checkInteger(L, base, nargs, i);
            if (Long.compareUnsigned(code, MAXUTF) > 0) throw Args.argError(L, i, "value out of range");
            encode(b, code);
        }
        L.pushString(b.toLuaString());
        return 1;
    }

    /** Lua: byteoffset. offset(s, n [, i]): where the n-th character counted from i starts; 0 means the one holding i. */
    static int byteOffset(LuaThread L, int base, int nargs) {
        byte[] s = Args.checkString(L, base, nargs, 1).bytes();
        int len = s.length;
        long n = Args.checkInteger(L, base, nargs, 2);
        long posi = posRelat(Args.optInteger(L, base, nargs, 3, n >= 0 ? 1 : len + 1L), len);
        if (!(1 <= posi && --posi <= len)) throw Args.argError(L, 3, "position out of bounds");
        int p = (int) posi;
        if (n == 0) {
            while (p > 0 && isCont(at(s, p))) p--;
        } else {
            if (isCont(at(s, p))) throw LuaError.rt("initial position is a continuation byte");
            if (n < 0) {
                while (n < 0 && p > 0) {
                    do p--; while (p > 0 && isCont(at(s, p)));
                    n++;
                }
            } else {
                n--;                                          // the first character is where we stand
                while (n > 0 && p < len) {
                    do p++; while (isCont(at(s, p)));           // stops at the end: at() reads 0 there
                    n--;
                }
            }
        }
        if (n == 0) L.pushInteger(p + 1L); else L.pushNil();
        return 1;
    }

    /** Lua: iter_aux. One step of codes: the next character after byte position n (0-based count of bytes already passed). */
    static int iterAux(LuaThread L, int base, int nargs, boolean strict) {
        byte[] s = Args.checkString(L, base, nargs, 1).bytes();
        int len = s.length;
        long n = nargs >= 2 ? control(L.ref(base + 1), L.num(base + 1)) : 0;
        if (Long.compareUnsigned(n, len) < 0) {
            while (isCont(at(s, (int) n))) n++;               // skip the rest of the previous character
        }
        if (Long.compareUnsigned(n, len) >= 0) return 0;      // also a negative n, as an unsigned value
        long d = decode(s, (int) n, strict);
        if (d == INVALID || isCont(at(s, (int) (d >>> 32)))) throw LuaError.rt(MSG_INVALID);
        L.pushInteger(n + 1);
        L.pushInteger(d & 0xFFFFFFFFL);
        return 2;
    }

    /** The control value as lua_tointeger reads it: 0 unless it converts to an integer. */
    private static long control(Object ref, long num) {
        if (ref == NumTag.INT) return num;                  // the loop's own value: no conversion
        long[] out = new long[1];
        return Coerce.toInteger(ref, num, out) ? out[0] : 0;
    }

    /** Lua: iter_codes. codes(s [, lax]): the generic-for triple walking s. */
    static int iterCodes(LuaThread L, int base, int nargs, Builtin iterStrict, Builtin iterLax) {
        boolean strict = !lax(L, base, nargs, 2);
        byte[] s = Args.checkString(L, base, nargs, 1).bytes();
        if (isCont(at(s, 0))) throw Args.argError(L, 1, MSG_INVALID);
        L.push(strict ? iterStrict : iterLax, 0);
        L.pushValue(base);
        L.pushInteger(0);
        return 3;
    }
}
