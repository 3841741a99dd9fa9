package dev.moonstack.value;

/**
 * The {@code %a}/{@code %A} conversion of a finite double exactly as glibc prints it
 * (Lua: lua_number2strx; glibc: __printf_fphex): a leading 1 for normal numbers and 0 for
 * zero and subnormals (whose exponent is then -1022), trailing zero nibbles dropped when
 * there is no precision, and rounding to a precision half-even on the exact bits.
 */
final class HexFloat {
    private HexFloat() {}

    private static final int MANT_NIBBLES = 13;

    /**
     * Appends the hex form of the finite double with raw bits {@code bits}; {@code sign} is
     * the sign character already chosen ('-', '+', ' ' or 0), {@code prec < 0} for none.
     */
    static void format(LuaBuffer out, int flags, int width, int prec, int sign, boolean upper, long bits) {
        int be = (int) (bits >>> 52) & 0x7FF;
        long mant = bits & 0xFFFFFFFFFFFFFL;
        int leading = be == 0 ? 0 : 1;
        int exp = be == 0 ? (mant == 0 ? 0 : -1022) : be - 1023;
        int nd;                                            // significant nibbles of 'mant'
        if (mant == 0) {
            nd = 0;
            if (prec < 0) prec = 0;
        } else {
            nd = MANT_NIBBLES - Long.numberOfTrailingZeros(mant) / 4;
            if (prec < 0) {
                prec = nd;
            } else if (prec < nd && roundsAway(mant, prec, nd, leading)) {
                // adding one unit at nibble 'prec' may carry into the leading digit
                int dropped = 4 * (MANT_NIBBLES - prec);
                mant = ((mant >>> dropped) + 1) << dropped;
                if (mant >>> 52 != 0) {
                    mant &= 0xFFFFFFFFFFFFFL;
                    leading++;
                }
                nd = prec;
            } else if (prec < nd) {
                nd = prec;
            }
        }
        boolean point = prec > 0 || (flags & Printf.FLAG_HASH) != 0;
        int absExp = Math.abs(exp);
        int expDigits = DecimalDigits.digitCount(absExp);
        int bodyLen = 1 + (point ? 1 : 0) + prec + 2 + expDigits;
        int pad = Printf.beginField(out, flags, width, sign, upper ? 'X' : 'x', bodyLen);
        byte[] hex = upper ? Printf.UPPER_HEX : Printf.LOWER_HEX;
        out.append(hex[leading]);
        if (point) out.append('.');
        for (int i = 0; i < prec; i++) {
            out.append(i < nd ? hex[(int) (mant >>> (4 * (MANT_NIBBLES - 1 - i))) & 0xF] : '0');
        }
        out.append(upper ? 'P' : 'p').append(exp < 0 ? '-' : '+');
        Printf.appendNumber(out, absExp, 1);
        Printf.endField(out, pad);
    }

    /** glibc's round_away in round-to-nearest mode for cutting {@code mant} after {@code prec} nibbles. */
    private static boolean roundsAway(long mant, int prec, int nd, int leading) {
        int last = prec > 0 ? nibble(mant, prec - 1) : leading;
        int next = nibble(mant, prec);
        boolean more = (next & 7) != 0 || prec + 1 < nd;
        return next >= 8 && (more || (last & 1) != 0);
    }

    private static int nibble(long mant, int i) {
        return (int) (mant >>> (4 * (MANT_NIBBLES - 1 - i))) & 0xF;
    }
}
