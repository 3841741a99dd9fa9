package dev.moonstack.lib.string;

import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.LuaUserdata;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.Printf;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Interrupts;
import dev.moonstack.vm.LuaOps;
import dev.moonstack.vm.LuaThread;

/** {@code string.format} (Lua: lstrlib.c str_format, addliteral), on {@link Printf}. */
public final class StringFormat {
    private StringFormat() {}

    /** Lua: LUAI_MAXSHORTLEN; shorter strings are interned in Lua, so "%p" shows them equal. */
    private static final int MAX_SHORT_LEN = 40;

    public static int format(LuaThread L, int base, int nargs) {
        LuaString fmtStr = Args.checkString(L, base, nargs, 1);
        byte[] fmt = fmtStr.bytes();
        int len = fmt.length;
        LuaBuffer out = new LuaBuffer(len + 16);
        FormatSpec spec = new FormatSpec();
        int arg = 1, polled = 0;
        for (int i = 0; i < len; ) {
            if (i - polled >= Interrupts.POLL_BYTES) {     // a long format string: a stop in between
                L.interrupts().poll(i - polled);
                polled = i;
            }
            int c = fmt[i];
            if (c != '%') {
                out.append(c);
                i++;
            } else if (i + 1 < len && fmt[i + 1] == '%') {
                out.append('%');
                i += 2;
            } else {
                if (++arg > nargs) throw Args.argError(L, arg, "no value");
                spec.parse(fmt, i, len);
                item(L, base, nargs, arg, spec, out);
                i = spec.end;
            }
        }
        L.pushString(out.toLuaString());
        return 1;
    }

    /** One conversion of argument {@code arg}, checks in the order str_format makes them. */
    private static void item(LuaThread L, int base, int nargs, int arg, FormatSpec spec, LuaBuffer out) {
        int conv = spec.conversion;
        if (spec.checkedBeforeArgument()) spec.check();
        switch (conv) {
            case 'c':
                Printf.formatInteger(out, 'c', spec.flags, spec.width, -1, Args.checkInteger(L, base, nargs, arg));
                break;
            case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
                long v = Args.checkInteger(L, base, nargs, arg);
                spec.check();
                Printf.formatInteger(out, conv, spec.flags, spec.width, spec.precision, v);
                break;
            }
            case 'a': case 'A':
                Printf.formatFloat(out, conv, spec.flags, spec.width, spec.precision, Args.checkNumber(L, base, nargs, arg));
                break;
            case 'p':
                pointer(L.ref(base + arg - 1), spec, out);
                break;
            case 'q':
                literal(L, base, arg, out);
                break;
            case 's':
                string(L, base, arg, spec, out);
                break;
            default: {                                     // e E f F g G
                double v = Args.checkNumber(L, base, nargs, arg);
                spec.check();
                Printf.formatFloat(out, conv, spec.flags, spec.width, spec.precision, v);
            }
        }
    }

    private static void string(LuaThread L, int base, int arg, FormatSpec spec, LuaBuffer out) {
        int idx = base + arg - 1;
        LuaString s = LuaOps.tostring(L, L.ref(idx), L.num(idx));
        if (!spec.hasModifiers()) {
            out.append(s);
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == 0) throw Args.argError(L, arg, "string contains zeros");
        }
        spec.check();
        if (spec.precision < 0 && s.length() >= 100) out.append(s);   // as Lua: kept whole
        else Printf.formatString(out, spec.flags, spec.width, spec.precision, s.bytes(), s.length());
    }

    /** Lua: addliteral, for "%q". */
    private static void literal(LuaThread L, int base, int arg, LuaBuffer out) {
        int idx = base + arg - 1;
        Object v = L.ref(idx);
        if (v instanceof LuaString) {
            int len = ((LuaString) v).length();
            if (len > Interrupts.POLL_BYTES) L.interrupts().poll(len);   // long work: charge it first
            Printf.quoteString(out, ((LuaString) v).bytes(), len);
        } else if (v == NumTag.INT) {
            Printf.quoteInteger(out, L.num(idx));
        } else if (v == NumTag.FLT) {
            Printf.quoteFloat(out, Double.longBitsToDouble(L.num(idx)));
        } else if (v == null || v instanceof Boolean) {
            out.append(LuaOps.tostring(L, v, 0));
        } else {
            throw Args.argError(L, arg, "value has no literal form");
        }
    }

    /** "%p": the address of a reference value, "(null)" for the others (Lua: lua_topointer). */
    private static void pointer(Object v, FormatSpec spec, LuaBuffer out) {
        String text;
        if (v instanceof LuaTable || v instanceof LuaFunction || v instanceof LuaUserdata
                || v instanceof LuaThread) {
            text = LuaOps.address(v);
        } else if (v instanceof LuaString) {
            LuaString s = (LuaString) v;
            text = s.length() <= MAX_SHORT_LEN ? "0x" + Long.toHexString(0x55560000_0000L | (s.hashCode() & 0xffffffffL) << 4)
                    : LuaOps.address(v);
        } else {
            text = "(null)";
        }
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Printf.formatString(out, spec.flags, spec.width, -1, b, b.length);
    }
}
