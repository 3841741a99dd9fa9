package dev.moonstack.value;

import dev.moonstack.lib.string.FormatSpec;

/**
 * A test-only {@code string.format} with one argument, built on {@link FormatSpec} and
 * {@link Printf} the way str_format drives them (the real builtin lives elsewhere).
 */
public final class MiniFormat {
    private MiniFormat() {}

    /** Formats {@code fmt} with {@code arg}: a Double, a Long or a byte[] string. */
    public static byte[] format(byte[] fmt, Object arg) {
        LuaBuffer out = new LuaBuffer();
        FormatSpec spec = new FormatSpec();
        boolean used = false;
        for (int i = 0; i < fmt.length;) {
            if (fmt[i] != '%') { out.append(fmt[i++]); continue; }
            if (i + 1 < fmt.length && fmt[i + 1] == '%') { out.append('%'); i += 2; continue; }
            if (used) throw LuaError.rt("bad argument #3 to 'format' (no value)");
            used = true;
            spec.parse(fmt, i, fmt.length);
            spec.check();
            one(out, spec, arg);
            i = spec.end;
        }
        return java.util.Arrays.copyOf(out.array(), out.length());
    }

    public static byte[] format(String fmt, Object arg) {
        return format(fmt.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), arg);
    }

    private static void one(LuaBuffer out, FormatSpec spec, Object arg) {
        switch (spec.conversion) {
            case 'a': case 'A': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
                Printf.formatFloat(out, spec.conversion, spec.flags, spec.width, spec.precision, arg instanceof Long ? (double) (Long) arg : (Double) arg);
                return;
            case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'c':
                Printf.formatInteger(out, spec.conversion, spec.flags, spec.width, spec.precision, (Long) arg);
                return;
            case 's': {                                    // numbers as tostring makes them
                byte[] s = arg instanceof byte[] ? (byte[]) arg
                        : (arg instanceof Long ? arg.toString() : Printf.tostringFloat((Double) arg))
                                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                Printf.formatString(out, spec.flags, spec.width, spec.precision, s, s.length);
                return;
            }
            case 'p': {                                    // numbers have no pointer: "(null)"
                byte[] s = "(null)".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                Printf.formatString(out, spec.flags, spec.width, spec.precision, s, s.length);
                return;
            }
            case 'q':
                if (arg instanceof Long) Printf.quoteInteger(out, (Long) arg);
                else if (arg instanceof Double) Printf.quoteFloat(out, (Double) arg);
                else Printf.quoteString(out, (byte[]) arg, ((byte[]) arg).length);
                return;
            default: throw new AssertionError("unexpected conversion " + spec.conversion);
        }
    }

    /** The message of a Lua error as Java sees it. */
    public static String message(LuaError e) {
        return LuaOracle.show(((LuaString) e.ref).bytes());
    }
}
