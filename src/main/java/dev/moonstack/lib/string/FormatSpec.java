package dev.moonstack.lib.string;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.Printf;
import java.nio.charset.StandardCharsets;

/**
 * One conversion specification of a {@code string.format} format string, read and checked
 * with Lua 5.4's rules (Lua: getformat, checkformat in lstrlib.c).
 *
 * <p>Use it in {@code str_format}'s order: after "%%" and the "no value" check, {@link #parse}
 * (which raises "invalid format (too long)" and "invalid conversion ... to 'format'"), then
 * {@link #check} either before reading the argument ({@code c a A p q}, see
 * {@link #checkedBeforeArgument}) or after it (the others). {@code %s} without modifiers
 * needs no check. An instance is reusable: {@code parse} resets every field.
 */
public final class FormatSpec {
    public static final int FLAG_MINUS = Printf.FLAG_MINUS, FLAG_PLUS = Printf.FLAG_PLUS,
            FLAG_SPACE = Printf.FLAG_SPACE, FLAG_HASH = Printf.FLAG_HASH, FLAG_ZERO = Printf.FLAG_ZERO;

    /** Lua: MAX_FORMAT; a spec of {@code MAX_FORMAT - 10} characters or more is "too long". */
    private static final int MAX_FORMAT = 32;
    private static final String CONVERSIONS = "cdiuoxXaAfeEgGpqs";
    /** Lua: L_FMTFLAGSF, L_FMTFLAGSX, L_FMTFLAGSI, L_FMTFLAGSU, L_FMTFLAGSC. */
    private static final String FLAGS_F = "-+#0 ", FLAGS_X = "-#0", FLAGS_I = "-+0 ", FLAGS_U = "-0",
            FLAGS_C = "-";

    /** FLAG_* bits. */
    public int flags;
    /** Minimum field width; 0 when absent. */
    public int width;
    /** Precision; -1 when absent ("%.f" has precision 0). */
    public int precision;
    /** The conversion character ('d', 'f', ...). */
    public int conversion;
    /** Index just past the conversion character. */
    public int end;

    private byte[] src;
    /** Index of the '%' in {@link #src}. */
    private int start;
    /** Index of the conversion character in {@link #src}. */
    private int convAt;

    /**
     * Reads the spec whose '%' is at {@code fmt[pos]}, the format being {@code fmt[0..len)}.
     * Lua: getformat and the default case of str_format's switch.
     */
    public FormatSpec parse(byte[] fmt, int pos, int len) {
        src = fmt;
        start = pos;
        int i = pos + 1, j = i;
        while (j < len && isSpanChar(fmt[j])) j++;
        convAt = j;
        conversion = j < len ? fmt[j] & 0xFF : 0;          // past the end: C's terminating '\0'
        end = j + 1;
        if (j - i + 1 >= MAX_FORMAT - 10) throw error("invalid format (too long)", false, null);
        if (conversion == 0 || CONVERSIONS.indexOf(conversion) < 0) {
            throw error("invalid conversion '", true, "' to 'format'");
        }
        readModifiers(i, j);
        return this;
    }

    /** Parses a whole spec such as "%-5.2f" and checks it; for tests and fixed formats. */
    public static FormatSpec of(String spec) {
        byte[] b = spec.getBytes(StandardCharsets.ISO_8859_1);
        FormatSpec fs = new FormatSpec().parse(b, 0, b.length);
        if (fs.end != b.length) throw new IllegalArgumentException("not one spec: " + spec);
        fs.check();
        return fs;
    }

    private static boolean isSpanChar(byte c) {
        return c == '-' || c == '+' || c == '#' || c == ' ' || c == '.' || (c >= '0' && c <= '9');
    }

    /** Flags, width and precision, read permissively: {@link #check} rejects malformed ones. */
    private void readModifiers(int i, int j) {
        byte[] s = src;
        int f = 0;
        for (;; i++) {
            int bit = i < j ? flagBit(s[i]) : 0;
            if (bit == 0) break;
            f |= bit;
        }
        flags = f;
        int w = 0;
        for (; i < j && s[i] >= '0' && s[i] <= '9'; i++) w = Math.min(w * 10 + (s[i] - '0'), 100_000);
        width = w;
        int p = -1;
        if (i < j && s[i] == '.') {
            p = 0;
            for (i++; i < j && s[i] >= '0' && s[i] <= '9'; i++) p = Math.min(p * 10 + (s[i] - '0'), 100_000);
        }
        precision = p;
    }

    private static int flagBit(byte c) {
        switch (c) {
            case '-': return FLAG_MINUS;
            case '+': return FLAG_PLUS;
            case ' ': return FLAG_SPACE;
            case '#': return FLAG_HASH;
            case '0': return FLAG_ZERO;
            default: return 0;
        }
    }

    /** True if anything stands between '%' and the conversion (Lua: {@code form[2] != '\0'}). */
    public boolean hasModifiers() { return convAt > start + 1; }

    /** True for the conversions whose spec lstrlib checks before it reads the argument. */
    public boolean checkedBeforeArgument() {
        int c = conversion;
        return c == 'c' || c == 'a' || c == 'A' || c == 'p' || c == 'q';
    }

    /**
     * Checks the flags, width and precision allowed for the conversion: per-conversion flags,
     * at most two digits of width and of precision, no width starting with '0', no precision
     * for {@code c} and {@code p}, nothing at all for {@code q}. Lua: checkformat.
     */
    public void check() {
        switch (conversion) {
            case 'q':
                if (hasModifiers()) throw error("specifier '%q' cannot have modifiers", false, null);
                return;
            case 'c': case 'p': checkFormat(FLAGS_C, false); return;
            case 's': checkFormat(FLAGS_C, true); return;
            case 'd': case 'i': checkFormat(FLAGS_I, true); return;
            case 'u': checkFormat(FLAGS_U, true); return;
            case 'o': case 'x': case 'X': checkFormat(FLAGS_X, true); return;
            default: checkFormat(FLAGS_F, true); return;
        }
    }

    private void checkFormat(String allowed, boolean precisionAllowed) {
        byte[] s = src;
        int i = start + 1;
        while (i < convAt && allowed.indexOf(s[i]) >= 0) i++;
        if (i < convAt && s[i] != '0') {                   // a width cannot start with '0'
            i = twoDigits(s, i);
            if (i < convAt && s[i] == '.' && precisionAllowed) i = twoDigits(s, i + 1);
        }
        if (i != convAt) throw error("invalid conversion specification: '", true, "'");
    }

    private int twoDigits(byte[] s, int i) {
        for (int k = 0; k < 2 && i < convAt && s[i] >= '0' && s[i] <= '9'; k++) i++;
        return i;
    }

    /** A luaL_error-style error; with {@code quoteSpec} the spec text goes between the parts. */
    private LuaError error(String before, boolean quoteSpec, String after) {
        if (!quoteSpec) return LuaError.rt(before);
        byte[] a = before.getBytes(StandardCharsets.ISO_8859_1), c = after.getBytes(StandardCharsets.ISO_8859_1);
        int specLen = convAt - start + (conversion != 0 ? 1 : 0);   // C's %s stops at a '\0'
        byte[] msg = new byte[a.length + specLen + c.length];
        System.arraycopy(a, 0, msg, 0, a.length);
        System.arraycopy(src, start, msg, a.length, specLen);
        System.arraycopy(c, 0, msg, a.length + specLen, c.length);
        LuaError e = new LuaError(LuaString.wrap(msg), 0);
        e.pendingLevel = 1;                                   // as luaL_error
        return e;
    }

    /** The spec as written, from '%' to the conversion; for messages and debugging. */
    @Override
    public String toString() {
        return new String(src, start, Math.min(end, src.length) - start, StandardCharsets.ISO_8859_1);
    }
}
