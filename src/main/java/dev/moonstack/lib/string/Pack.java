package dev.moonstack.lib.string;

import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.LuaThread;

/**
 * Binary packing of the string library (Lua: lstrlib.c PACK/UNPACK): string.pack,
 * string.unpack and string.packsize, and the reader of their format strings. The layout is
 * that of the reference build on x86-64: little endian by default, short 2, int 4, long and
 * size_t 8, lua_Integer and lua_Number 8, native maximum alignment 8.
 *
 * <p>An instance is the state of one format being read (Lua: Header plus the format cursor):
 * the current endianness and maximum alignment, and the details of the last option read.
 */
public final class Pack {
    // Lua: KOption. The kinds of format options.
    static final int KINT = 0, KUINT = 1, KFLOAT = 2, KNUMBER = 3, KDOUBLE = 4, KCHAR = 5, KSTRING = 6,
            KZSTR = 7, KPADDING = 8, KPADDALIGN = 9, KNOP = 10;

    /** Lua: MAXINTSIZE. Largest size of an integer option. */
    static final int MAXINTSIZE = 16;
    /** Lua: SZINT. Size of a Lua integer. */
    static final int SZINT = 8;
    /** Lua: MAXSIZE, which is INT_MAX where size_t is wider than int. */
    static final long MAXSIZE = Integer.MAX_VALUE;
    /** Lua: offsetof(struct cD, u), the strictest alignment of LUAI_MAXALIGN's types. */
    static final int NATIVE_ALIGN = 8;
    /** The default sizes of 'i'/'I' (C int) and 's'/'T' (size_t). */
    private static final int SIZE_INT = 4, SIZE_T = 8;
    private final LuaThread L;
    private final byte[] fmt;
    /** The format ends at its first zero byte, as the C string it is in lstrlib. */
    private final int end;
    private int p;
    private boolean little = true;
    private int maxAlign = 1;
    /** Size of the last option read (Lua: getoption's *size). */
    private int size;
    /** Padding needed before the last option read (Lua: getdetails' *ntoalign). */
    private int toAlign;

    private Pack(LuaThread L, byte[] fmt) {
        this.L = L;
        this.fmt = fmt;
        int e = 0;
        while (e < fmt.length && fmt[e] != 0) e++;
        this.end = e;
    }

    public static void open(LuaTable string) {
        string.setStr(LuaString.of("pack"), Builtin.of("string.pack", Pack::pack), 0);
        string.setStr(LuaString.of("packsize"), Builtin.of("string.packsize", Pack::packsize), 0);
        string.setStr(LuaString.of("unpack"), Builtin.of("string.unpack", Pack::unpack), 0);
    }

    /** Options read since the last poll of the host's stop (see {@link #more}). */
    private int options;

    /** Whether options are left; polls the host's stop every 4,096 (a format may be megabytes). */
    private boolean more() {
        if ((++options & 0xFFF) == 0) L.interrupts().poll(0x1000);
        return p < end;
    }

    private boolean isDigit() {
        return p < end && fmt[p] >= '0' && fmt[p] <= '9';
    }

    /** Lua: getnum. A decimal numeral, or {@code df} when there is none; stops reading before it could pass MAXSIZE. */
    private int getNum(int df) {
        if (!isDigit()) return df;
        int a = 0;
        do {
            a = a * 10 + (fmt[p++] - '0');
        } while (isDigit() && a <= (MAXSIZE - 9) / 10);
        return a;
    }

    /** Lua: getnumlimit. A size for an integer or alignment option, 1 to {@link #MAXINTSIZE}. */
    private int getNumLimit(int df) {
        int sz = getNum(df);
        if (sz > MAXINTSIZE || sz <= 0) {
            throw LuaError.rt("integral size (" + sz + ") out of limits [1," + MAXINTSIZE + "]");
        }
        return sz;
    }

    /** Lua: getoption. Reads one option, sets {@link #size} and returns its kind. */
    private int getOption() {
        int opt = fmt[p++] & 0xFF;
        size = 0;
        switch (opt) {
            case 'b': size = 1; return KINT;
            case 'B': size = 1; return KUINT;
            case 'h': size = 2; return KINT;
            case 'H': size = 2; return KUINT;
            case 'l': case 'j': size = 8; return KINT;
            case 'L': case 'J': case 'T': size = 8; return KUINT;
            case 'f': size = 4; return KFLOAT;
            case 'n': size = 8; return KNUMBER;
            case 'd': size = 8; return KDOUBLE;
            case 'i': size = getNumLimit(SIZE_INT); return KINT;
            case 'I': size = getNumLimit(SIZE_INT); return KUINT;
            case 's': size = getNumLimit(SIZE_T); return KSTRING;
            case 'c':
                size = getNum(-1);
                if (size == -1) throw LuaError.rt("missing size for format option 'c'");
                return KCHAR;
            case 'z': return KZSTR;
            case 'x': size = 1; return KPADDING;
            case 'X': return KPADDALIGN;
            case ' ': break;
            case '<': case '=': little = true; break;       // native is little endian
            case '>': little = false; break;
            case '!': maxAlign = getNumLimit(NATIVE_ALIGN); break;
            default: throw invalidOption(opt);
        }
        return KNOP;
    }

    /** luaL_error("invalid format option '%c'"), keeping the option's byte as it is. */
    private static LuaError invalidOption(int opt) {
        LuaBuffer m = new LuaBuffer().append("invalid format option '").append(opt).append("'");
        LuaError e = new LuaError(m.toLuaString(), 0);
        e.pendingLevel = 1;                               // positioned as LuaError.rt does
        return e;
    }

    /**
     * Lua: getdetails. Reads one option; sets {@link #size} and the padding {@link #toAlign}
     * that aligns it at offset {@code total}. 'X' takes its alignment from the next option,
     * which it consumes; 'c' needs no alignment; others align to their size, up to maxAlign.
     */
    private int getDetails(long total) {
        int opt = getOption();
        int align = size;
        if (opt == KPADDALIGN) {
            if (!more() || getOption() == KCHAR || size == 0) {
                throw Args.argError(L, 1, "invalid next option for option 'X'");
            }
            align = size;
            size = 0;
        }
        if (align <= 1 || opt == KCHAR) {
            toAlign = 0;
        } else {
            if (align > maxAlign) align = maxAlign;
            if ((align & (align - 1)) != 0) throw Args.argError(L, 1, "format asks for alignment not power of 2");
            toAlign = (align - (int) (total & (align - 1))) & (align - 1);
        }
        return opt;
    }

    /** Lua: packint. {@code size} bytes of n; past the eighth, sign bytes when {@code neg}. */
    private static void packInt(LuaBuffer b, long n, boolean little, int size, boolean neg) {
        if (little) {
            for (int i = 0; i < size; i++) b.append(byteOf(n, i, neg));
        } else {
            for (int i = size - 1; i >= 0; i--) b.append(byteOf(n, i, neg));
        }
    }

    private static int byteOf(long n, int i, boolean neg) {
        return i < SZINT ? (int) (n >>> (8 * i)) : neg ? 0xFF : 0;
    }

    /** Lua: str_pack. pack(fmt, v1, v2, ...). */
    static int pack(LuaThread L, int base, int nargs) {
        Pack h = new Pack(L, Args.checkString(L, base, nargs, 1).bytes());
        // lstrlib pushes a nil after the arguments, so a missing value is reported as "got nil".
        L.setTop(base + nargs);
        L.pushNil();
        nargs++;
        LuaBuffer b = new LuaBuffer();
        int arg = 1;
        long total = 0;
        while (h.more()) {
            int opt = h.getDetails(total);
            total += h.toAlign + h.size;
            for (int i = 0; i < h.toAlign; i++) b.append(0);
            arg++;
            if (opt >= KPADDING) {
                if (opt == KPADDING) b.append(0);
                arg--;                                    // consumed no argument
            } else {
                total += h.packOne(b, opt, base, nargs, arg);
            }
        }
        L.pushString(b.toLuaString());
        return 1;
    }

    /** Packs argument {@code arg} for an option that takes one; returns the bytes added beyond the option's size. */
    private long packOne(LuaBuffer b, int opt, int base, int nargs, int arg) {
        switch (opt) {
            case KINT: {
                long n = Args.checkInteger(L, base, nargs, arg);
                if (size < SZINT) {
                    long lim = 1L << (size * 8 - 1);
                    if (!(-lim <= n && n < lim)) throw Args.argError(L, arg, "integer overflow");
                }
                packInt(b, n, little, size, n < 0);
                return 0;
            }
            case KUINT: {
                long n = Args.checkInteger(L, base, nargs, arg);
                if (size < SZINT && Long.compareUnsigned(n, 1L << (size * 8)) >= 0) {
                    throw Args.argError(L, arg, "unsigned overflow");
                }
                packInt(b, n, little, size, false);
                return 0;
            }
            case KFLOAT:
                packInt(b, Float.floatToRawIntBits((float) Args.checkNumber(L, base, nargs, arg)), little, 4, false);
                return 0;
            case KNUMBER: case KDOUBLE:
                packInt(b, Double.doubleToRawLongBits(Args.checkNumber(L, base, nargs, arg)), little, 8, false);
                return 0;
            default:
                return packString(b, opt, Args.checkString(L, base, nargs, arg), arg);
        }
    }

    /** Packs a string for 'c', 's' or 'z'; returns the bytes added beyond the option's size. */
    private long packString(LuaBuffer b, int opt, LuaString s, int arg) {
        int len = s.length();
        switch (opt) {
            case KCHAR:
                if (len > size) throw Args.argError(L, arg, "string longer than given size");
                b.append(s);
                for (int i = len; i < size; i++) b.append(0);
                return 0;
            case KSTRING:
                if (size < SIZE_T && len >= 1L << (size * 8)) {
                    throw Args.argError(L, arg, "string length does not fit in given size");
                }
                packInt(b, len, little, size, false);
                b.append(s);
                return len;
            default: {                                    // KZSTR
                byte[] bs = s.bytes();
                for (byte c : bs) if (c == 0) throw Args.argError(L, arg, "string contains zeros");
                b.append(bs).append(0);
                return len + 1L;
            }
        }
    }

    /** Lua: str_packsize. packsize(fmt): the size of a fixed-length format. */
    static int packsize(LuaThread L, int base, int nargs) {
        Pack h = new Pack(L, Args.checkString(L, base, nargs, 1).bytes());
        long total = 0;
        while (h.more()) {
            int opt = h.getDetails(total);
            if (opt == KSTRING || opt == KZSTR) throw Args.argError(L, 1, "variable-length format");
            long size = (long) h.size + h.toAlign;
            if (!(total <= MAXSIZE - size)) throw Args.argError(L, 1, "format result too large");
            total += size;
        }
        L.pushInteger(total);
        return 1;
    }

    /** Lua: unpackint. An integer of {@code size} bytes at {@code pos}; wider ones must fit in 64 bits. */
    private static long unpackInt(byte[] data, int pos, boolean little, int size, boolean signed) {
        long res = 0;
        int limit = Math.min(size, SZINT);
        for (int i = limit - 1; i >= 0; i--) {
            res = (res << 8) | (data[little ? pos + i : pos + size - 1 - i] & 0xFF);
        }
        if (size < SZINT) {
            if (signed) {
                long mask = 1L << (size * 8 - 1);
                res = (res ^ mask) - mask;                // sign extension
            }
        } else if (size > SZINT) {
            int mask = !signed || res >= 0 ? 0 : 0xFF;
            for (int i = limit; i < size; i++) {
                if ((data[little ? pos + i : pos + size - 1 - i] & 0xFF) != mask) {
                    throw LuaError.rt(size + "-byte integer does not fit into Lua Integer");
                }
            }
        }
        return res;
    }

    /** Lua: posrelatI. */
    private static long startPos(long pos, long len) {
        if (pos > 0) return pos;
        if (pos == 0 || pos < -len) return 1;
        return len + pos + 1;
    }

    /** Lua: str_unpack. unpack(fmt, s [, pos]): the values, then the position after them. */
    static int unpack(LuaThread L, int base, int nargs) {
        Pack h = new Pack(L, Args.checkString(L, base, nargs, 1).bytes());
        byte[] data = Args.checkString(L, base, nargs, 2).bytes();
        int ld = data.length;
        long pos = startPos(Args.optInteger(L, base, nargs, 3, 1), ld) - 1;
        if (pos > ld) throw Args.argError(L, 3, "initial position out of string");
        int n = 0;
        while (h.more()) {
            int opt = h.getDetails(pos);
            if ((long) h.toAlign + h.size > ld - pos) throw Args.argError(L, 2, "data string too short");
            pos += h.toAlign;
            L.checkStack(2, "too many results");
            if (opt < KPADDING) {
                pos += h.unpackOne(data, (int) pos, opt);
                n++;
            }
            pos += h.size;
        }
        L.pushInteger(pos + 1);
        return n + 1;
    }

    /** Pushes the value of one option at {@code pos}; returns the bytes it used beyond the option's size. */
    private int unpackOne(byte[] data, int pos, int opt) {
        switch (opt) {
            case KINT: case KUINT:
                L.pushInteger(unpackInt(data, pos, little, size, opt == KINT));
                return 0;
            case KFLOAT:
                L.pushNumber(Float.intBitsToFloat((int) unpackInt(data, pos, little, 4, false)));
                return 0;
            case KNUMBER: case KDOUBLE:
                L.pushNumber(Double.longBitsToDouble(unpackInt(data, pos, little, 8, false)));
                return 0;
            case KCHAR:
                L.pushString(LuaString.copyOf(data, pos, size));
                return 0;
            case KSTRING: {
                long len = unpackInt(data, pos, little, size, false);
                if (Long.compareUnsigned(len, (long) data.length - pos - size) > 0) {
                    throw Args.argError(L, 2, "data string too short");
                }
                L.pushString(LuaString.copyOf(data, pos + size, (int) len));
                return (int) len;
            }
            default: {                                    // KZSTR
                int e = pos;
                while (e < data.length && data[e] != 0) e++;
                if (e >= data.length) throw Args.argError(L, 2, "unfinished string for format 'z'");
                L.pushString(LuaString.copyOf(data, pos, e - pos));
                return e - pos + 1;
            }
        }
    }
}
