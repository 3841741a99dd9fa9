package dev.moonstack.vm;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.NumTag;

/**
 * The numeric for loop (Lua: lvm.c forprep, forlimit, floatforloop). Registers at ra:
 * {@code [ init limit step var ]}. An integer loop precomputes its iteration count into the
 * limit's slot, so it can neither overflow nor wrap; a float loop keeps float counters.
 */
final class ForLoop {
    private ForLoop() {}

    private static final Object INT = NumTag.INT;
    private static final Object FLT = NumTag.FLT;

    /** OP_FORPREP. Returns true if the loop must be skipped. */
    static boolean prep(Object[] r, long[] n, int ra) {
        if (r[ra] == INT && r[ra + 2] == INT) {
            long init = n[ra], step = n[ra + 2];
            if (step == 0) throw LuaError.run("'for' step is zero");
            r[ra + 3] = INT;
            n[ra + 3] = init;
            if (skipByLimit(init, r, n, ra + 1, step)) return true;
            long limit = n[ra + 1];
            long count = step > 0
                    ? Long.divideUnsigned(limit - init, step)
                    : Long.divideUnsigned(init - limit, -(step + 1) + 1L);
            r[ra + 1] = INT;
            n[ra + 1] = count;
            return false;
        }
        return prepFloat(r, n, ra);
    }

    /**
     * Lua: forlimit. Converts the limit in slot {@code li} to an integer in place (floored for
     * ascending loops, ceiled for descending ones, clipped to the integer range; NaN counts as
     * below the range, as in Lua). Returns true if the loop runs zero times.
     */
    private static boolean skipByLimit(long init, Object[] r, long[] n, int li, long step) {
        Object lt = r[li];
        double f;
        if (lt == INT) return step > 0 ? init > n[li] : init < n[li];
        if (lt == FLT) {
            f = Double.longBitsToDouble(n[li]);
        } else {                                            // a numeric string
            long[] tmp = new long[1];
            NumTag t = Coerce.toNumber(lt, n[li], tmp);
            if (t == null) throw RunErrors.forError(lt, "limit");
            if (t == NumTag.INT) {
                n[li] = tmp[0];
                return step > 0 ? init > tmp[0] : init < tmp[0];
            }
            f = Double.longBitsToDouble(tmp[0]);
        }
        double fl = step < 0 ? Math.ceil(f) : Math.floor(f);
        long lim;
        if (fl >= -9.223372036854775808E18 && fl < 9.223372036854775808E18) {
            lim = (long) fl;
        } else if (fl > 0) {
            if (step < 0) return true;
            lim = Long.MAX_VALUE;
        } else {
            if (step > 0) return true;
            lim = Long.MIN_VALUE;
        }
        n[li] = lim;
        return step > 0 ? init > lim : init < lim;
    }

    private static boolean prepFloat(Object[] r, long[] n, int ra) {
        long[] tmp = new long[1];
        double limit = number(r[ra + 1], n[ra + 1], tmp, "limit");
        double step = number(r[ra + 2], n[ra + 2], tmp, "step");
        double init = number(r[ra], n[ra], tmp, "initial value");
        if (step == 0) throw LuaError.run("'for' step is zero");
        if (0 < step ? limit < init : init < limit) return true;
        setF(r, n, ra + 1, limit);
        setF(r, n, ra + 2, step);
        setF(r, n, ra, init);
        setF(r, n, ra + 3, init);
        return false;
    }

    private static double number(Object t, long v, long[] tmp, String what) {
        NumTag tag = Coerce.toNumber(t, v, tmp);
        if (tag == null) throw RunErrors.forError(t, what);
        return tag == NumTag.INT ? (double) tmp[0] : Double.longBitsToDouble(tmp[0]);
    }

    private static void setF(Object[] r, long[] n, int i, double v) {
        n[i] = Double.doubleToRawLongBits(v);
        r[i] = FLT;
    }

    /** Lua: floatforloop. Returns true to jump back. */
    static boolean floatLoop(Object[] r, long[] n, int ra) {
        double step = Double.longBitsToDouble(n[ra + 2]);
        double limit = Double.longBitsToDouble(n[ra + 1]);
        double idx = Double.longBitsToDouble(n[ra]) + step;
        if (0 < step ? idx <= limit : limit <= idx) {
            setF(r, n, ra, idx);
            setF(r, n, ra + 3, idx);
            return true;
        }
        return false;
    }
}
