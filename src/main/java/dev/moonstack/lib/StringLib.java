package dev.moonstack.lib;

import dev.moonstack.code.Dump;
import dev.moonstack.lib.string.StringFormat;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.MemoryAccount;
import dev.moonstack.value.LuaNumber;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.LuaType;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.TM;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaOps;
import dev.moonstack.vm.Interrupts;
import dev.moonstack.vm.LuaThread;
import dev.moonstack.vm.ValueStack;

/**
 * The string library (Lua: lstrlib.c): byte-string operations, the string metatable with
 * {@code __index = string}, and the arithmetic metamethods that coerce numeric strings
 * ({@code "10" + 1 == 11}). Formatting lives in {@link StringFormat}, patterns in
 * {@link dev.moonstack.lib.string}, binary packing in {@link dev.moonstack.lib.string.Pack}.
 */
public final class StringLib {
    private StringLib() {}

    public static void open(GlobalState G) {
        LuaTable s = new LuaTable();
        Lib.fn(s, "string", "len", StringLib::len);
        Lib.fn(s, "string", "sub", StringLib::sub);
        Lib.fn(s, "string", "upper", (L, b, n) -> mapBytes(L, b, n, true));
        Lib.fn(s, "string", "lower", (L, b, n) -> mapBytes(L, b, n, false));
        Lib.fn(s, "string", "rep", StringLib::rep);
        Lib.fn(s, "string", "reverse", StringLib::reverse);
        Lib.fn(s, "string", "byte", StringLib::byteFn);
        Lib.fn(s, "string", "char", StringLib::charFn);
        Lib.fn(s, "string", "format", StringFormat::format);
        Lib.fn(s, "string", "dump", StringLib::dump);
        dev.moonstack.lib.string.PatternLib.open(s);
        dev.moonstack.lib.string.Pack.open(s);
        Lib.register(G, "string", s);
        LuaTable mt = new LuaTable();
        mt.setStr(TM.key(TM.INDEX), s, 0);
        for (int e = TM.ADD; e <= TM.UNM; e++) {
            if (e >= TM.BAND && e <= TM.SHR) continue;    // no string coercion for bitwise ops
            final int event = e;
            Lib.fn(mt, null, TM.key(e).toString(), (L, b, n) -> arith(L, b, n, event));
        }
        G.typeMetatables[LuaType.STRING] = mt;
    }

    static int len(LuaThread L, int base, int nargs) {
        L.pushInteger(Args.checkString(L, base, nargs, 1).length());
        return 1;
    }

    /** Lua: posrelatI. A start position: negative counts from the end, clipped to 1. */
    static long startPos(long pos, long len) {
        if (pos > 0) return pos;
        if (pos == 0 || pos < -len) return 1;
        return len + pos + 1;
    }

    /** Lua: getendpos. An end position: negative counts from the end, clipped to [0, len]. */
    static long endPos(long pos, long len) {
        if (pos > len) return len;
        if (pos >= 0) return pos;
        if (pos < -len) return 0;
        return len + pos + 1;
    }

    static int sub(LuaThread L, int base, int nargs) {
        LuaString s = Args.checkString(L, base, nargs, 1);
        long len = s.length();
        long start = startPos(Args.checkInteger(L, base, nargs, 2), len);
        long end = endPos(Args.optInteger(L, base, nargs, 3, -1), len);
        L.pushString(start > end ? LuaString.EMPTY : s.substring((int) start - 1, (int) end));
        return 1;
    }

    /** string.upper / string.lower in the C locale (ASCII letters only). */
    static int mapBytes(LuaThread L, int base, int nargs, boolean upper) {
        LuaString s = Args.checkString(L, base, nargs, 1);
        MemoryAccount.reserve(s.length());
        byte[] b = s.bytes().clone();
        for (int i = 0; i < b.length; i++) {
            if ((i & (POLL_BYTES - 1)) == POLL_BYTES - 1) L.interrupts().poll(POLL_BYTES);   // a stop in between
            int c = b[i];
            if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')) b[i] = (byte) (c ^ 0x20);
        }
        L.pushString(LuaString.wrap(b));
        return 1;
    }

    /** Bytes a builtin may make between two polls of the host's stop. */
    static final int POLL_BYTES = Interrupts.POLL_BYTES;

    /** Lua: str_rep. rep(s, n [, sep]). */
    static int rep(LuaThread L, int base, int nargs) {
        LuaString s = Args.checkString(L, base, nargs, 1);
        long n = Args.checkInteger(L, base, nargs, 2);
        LuaString sep = Args.optString(L, base, nargs, 3, LuaString.EMPTY);
        long l = s.length(), lsep = sep.length();
        if (n <= 0 || l + lsep == 0) {                  // empty pieces: no loop of n steps that
            L.pushString(LuaString.EMPTY);              // would make no bytes and never poll
            return 1;
        }
        if (l + lsep > (Integer.MAX_VALUE - 16) / n) throw LuaError.rt("resulting string too large");
        MemoryAccount.reserve(n * l + (n - 1) * lsep);
        byte[] out = new byte[(int) (n * l + (n - 1) * lsep)];
        int pos = 0, polled = 0;
        for (long i = 0; i < n; i++) {
            if (pos - polled > POLL_BYTES) {            // a large result takes a while: let a
                L.interrupts().poll(POLL_BYTES);        // host's stop in between
                polled = pos;
            }
            System.arraycopy(s.bytes(), 0, out, pos, (int) l);
            pos += l;
            if (lsep > 0 && i < n - 1) {
                System.arraycopy(sep.bytes(), 0, out, pos, (int) lsep);
                pos += lsep;
            }
        }
        L.pushString(LuaString.wrap(out));
        return 1;
    }

    static int reverse(LuaThread L, int base, int nargs) {
        byte[] b = Args.checkString(L, base, nargs, 1).bytes();
        MemoryAccount.reserve(b.length);
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            if ((i & (POLL_BYTES - 1)) == POLL_BYTES - 1) L.interrupts().poll(POLL_BYTES);   // a stop in between
            r[i] = b[b.length - 1 - i];
        }
        L.pushString(LuaString.wrap(r));
        return 1;
    }

    /** Lua: str_byte. byte(s [, i [, j]]). */
    static int byteFn(LuaThread L, int base, int nargs) {
        LuaString s = Args.checkString(L, base, nargs, 1);
        long len = s.length();
        long rawStart = Args.optInteger(L, base, nargs, 2, 1);
        long pi = startPos(rawStart, len);
        long pose = endPos(Args.optInteger(L, base, nargs, 3, rawStart), len);   // default: the raw start
        if (pi > pose) return 0;
        if (pose - pi >= Integer.MAX_VALUE) throw LuaError.rt("string slice too long");
        int n = (int) (pose - pi + 1);
        L.checkStack(n, "string slice too long");
        for (int i = 0; i < n; i++) L.pushInteger(s.charAt((int) pi - 1 + i));
        return n;
    }

    /** Lua: str_char. */
    /**
     * Lua: str_dump. string.dump(f [, strip]): the binary chunk of a Lua function; its
     * upvalues are not saved (a loaded chunk gets fresh ones).
     */
    static int dump(LuaThread L, int base, int nargs) {
        Object f = Args.checkFunction(L, base, nargs, 1);
        boolean strip = nargs >= 2 && LuaOps.isTruthy(L.ref(base + 1));
        if (!(f instanceof LuaClosure)) throw LuaError.rt("unable to dump given function");
        L.pushString(LuaString.wrap(Dump.dump(((LuaClosure) f).p, strip)));
        return 1;
    }

    static int charFn(LuaThread L, int base, int nargs) {
        byte[] b = new byte[nargs];
        for (int i = 1; i <= nargs; i++) {
            long c = Args.checkInteger(L, base, nargs, i);
            if (c < 0 || c > 255) throw Args.argError(L, i, "value out of range");
            b[i - 1] = (byte) c;
        }
        L.pushString(LuaString.wrap(b));
        return 1;
    }

    /**
     * The string metatable's arithmetic (Lua: lstrlib.c arith / trymt): both operands numbers
     * or numeric strings, else the other operand's metamethod, else an error.
     */
    static int arith(LuaThread L, int base, int nargs, int event) {
        long[] a = new long[1], b = new long[1];
        ValueStack s = L.stack;
        if (nargs < 2) L.setTop(base + 2);
        NumTag ta = toNumber(s.refs[base], s.nums[base], a);
        NumTag tb = toNumber(s.refs[base + 1], s.nums[base + 1], b);
        if (ta != null && tb != null) {
            s.refs[base] = ta;
            s.nums[base] = a[0];
            s.refs[base + 1] = tb;
            s.nums[base + 1] = b[0];
            int d = base + 2;
            L.setTop(d + 1);
            LuaOps.arith(L, event, base, base + 1, d);
            return 1;
        }
        return tryMetamethod(L, base, event);
    }

    private static NumTag toNumber(Object r, long n, long[] out) {
        if (r instanceof NumTag) {
            out[0] = n;
            return (NumTag) r;
        }
        return r instanceof LuaString ? LuaNumber.str2number((LuaString) r, out) : null;
    }

    /** Lua: trymt. */
    private static int tryMetamethod(LuaThread L, int base, int event) {
        Object second = L.ref(base + 1);
        String mtname = TM.key(event).toString();
        Object tm = second instanceof LuaString ? null : LuaOps.metaField(L, second, TM.key(event));
        if (tm == null) {
            throw LuaError.rt("attempt to " + mtname.substring(2) + " a '" + LuaType.nameOf(L.ref(base))
                    + "' with a '" + LuaType.nameOf(second) + "'");
        }
        int f = base + 2;
        L.setTop(f);
        L.push(tm, 0);
        L.pushValue(base);
        L.pushValue(base + 1);
        L.call(f, 1);
        return 1;
    }
}
