package dev.moonstack.vm;

import dev.moonstack.value.LuaNumber;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.Printf;

/**
 * Conversions between strings and numbers (Lua: lvm.c luaV_tonumber_, luaV_tointeger,
 * lobject.c luaO_tostring): the coercions Lua applies to numbers and numeric strings.
 */
public final class Coerce {
    private Coerce() {}

    /**
     * The number a value stands for: itself if a number, the numeral if a numeric string.
     * Returns INT or FLT with the payload in {@code out[0]}, or null.
     */
    public static NumTag toNumber(Object ref, long num, long[] out) {
        if (ref instanceof NumTag) {
            out[0] = num;
            return (NumTag) ref;
        }
        if (ref instanceof LuaString) return LuaNumber.str2number((LuaString) ref, out);
        return null;
    }

    /** As {@link #toNumber}, as a double; NaN with {@code ok[0] = false} if not a number. */
    public static double toDouble(Object ref, long num, long[] scratch) {
        NumTag t = toNumber(ref, num, scratch);
        if (t == NumTag.INT) return scratch[0];
        if (t == NumTag.FLT) return Double.longBitsToDouble(scratch[0]);
        return Double.NaN;
    }

    /**
     * The integer a value stands for, exactly (Lua: luaV_tointeger with F2Ieq), strings
     * included; the result is in {@code out[0]}.
     */
    public static boolean toInteger(Object ref, long num, long[] out) {
        NumTag t = toNumber(ref, num, out);
        if (t == NumTag.INT) return true;
        if (t != NumTag.FLT) return false;
        double d = Double.longBitsToDouble(out[0]);
        if (!LuaNumber.fitsInteger(d)) return false;
        out[0] = (long) d;
        return true;
    }

    /** Integer value of a number without string coercion (Lua: luaV_tointegerns, F2Ieq). */
    static boolean numToInteger(Object ref, long num, long[] out) {
        if (ref == NumTag.INT) {
            out[0] = num;
            return true;
        }
        if (ref != NumTag.FLT) return false;
        double d = Double.longBitsToDouble(num);
        if (!LuaNumber.fitsInteger(d)) return false;
        out[0] = (long) d;
        return true;
    }

    /** The string of a number (Lua: luaO_tostring): "%d" or "%.14g" (with ".0" if integral). */
    public static LuaString numberToString(Object ref, long num) {
        if (ref == NumTag.INT) return LuaString.of(Long.toString(num));
        return LuaString.of(Printf.tostringFloat(Double.longBitsToDouble(num)));
    }

    /** The string a value converts to without metamethods (strings and numbers), or null. */
    public static LuaString toStringCoerced(Object ref, long num) {
        if (ref instanceof LuaString) return (LuaString) ref;
        if (ref instanceof NumTag) return numberToString(ref, num);
        return null;
    }
}
