package dev.moonstack.vm;

import dev.moonstack.code.Instr;
import dev.moonstack.code.OpCode;
import dev.moonstack.value.LuaNumber;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.LuaUserdata;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.TM;

/**
 * Equality and order (Lua: lvm.c luaV_equalobj, luaV_lessthan, luaV_lessequal, LTnum,
 * LEnum): exact comparisons between integers and floats, byte-wise string order, and the
 * {@code __eq}, {@code __lt}, {@code __le} metamethods.
 *
 * <p>The metamethod slow paths are written once, as walks ({@link #walkLess},
 * {@link #walkEq}, see {@link Meta}): 1 or 0, or {@link Meta#CALL_TM} with
 * {@code [ tm a b ]} placed at the call slot. The executor calls {@link #order} and
 * {@link #eq} when its fast path does not apply: they apply the conditional jump, or make the
 * call a frame after which {@link FinishOp} applies it. Java builtins call
 * {@link #lessWithTM} and {@link #equalsWithTM}, which make the call at once.
 */
final class Compare {
    private Compare() {}

    private static final Object INT = NumTag.INT;
    private static final Object FLT = NumTag.FLT;
    private static final double TWO53 = 9007199254740992.0;
    private static final double TWO63 = 9.223372036854775808E18;

    /** i < f exactly (Lua: LTintfloat). */
    static boolean ltIntFloat(long i, double f) {
        if (Math.abs(i) <= (1L << 53)) return (double) i < f;
        double c = Math.ceil(f);                          // i < f <=> i < ceil(f)
        if (c != c) return false;
        if (c >= TWO63) return true;
        if (c < -TWO63) return false;
        return i < (long) c;
    }

    /** i <= f exactly (Lua: LEintfloat). */
    static boolean leIntFloat(long i, double f) {
        if (Math.abs(i) <= (1L << 53)) return (double) i <= f;
        double fl = Math.floor(f);                        // i <= f <=> i <= floor(f)
        if (fl != fl) return false;
        if (fl >= TWO63) return true;
        if (fl < -TWO63) return false;
        return i <= (long) fl;
    }

    /** f < i exactly (Lua: LTfloatint). */
    static boolean ltFloatInt(double f, long i) {
        if (Math.abs(i) <= (1L << 53)) return f < (double) i;
        double fl = Math.floor(f);                        // f < i <=> floor(f) < i
        if (fl != fl) return false;
        if (fl >= TWO63) return false;
        if (fl < -TWO63) return true;
        return (long) fl < i;
    }

    /** f <= i exactly (Lua: LEfloatint). */
    static boolean leFloatInt(double f, long i) {
        if (Math.abs(i) <= (1L << 53)) return f <= (double) i;
        double c = Math.ceil(f);                          // f <= i <=> ceil(f) <= i
        if (c != c) return false;
        if (c >= TWO63) return false;
        if (c < -TWO63) return true;
        return (long) c <= i;
    }

    /** a < b (or a <= b) for numbers: 1 true, 0 false, -1 when not both numbers. */
    static int numOrder(Object ta, long a, Object tb, long b, boolean le) {
        if (ta == INT) {
            if (tb == INT) return (le ? a <= b : a < b) ? 1 : 0;
            if (tb != FLT) return -1;
            double y = Double.longBitsToDouble(b);
            return (le ? leIntFloat(a, y) : ltIntFloat(a, y)) ? 1 : 0;
        }
        if (ta != FLT || !(tb instanceof NumTag)) return -1;
        double x = Double.longBitsToDouble(a);
        if (tb == FLT) {
            double y = Double.longBitsToDouble(b);
            return (le ? x <= y : x < y) ? 1 : 0;
        }
        return (le ? leFloatInt(x, b) : ltFloatInt(x, b)) ? 1 : 0;
    }

    /** The executor's fast helper for registers: as {@link #numOrder}. */
    static int numOrder(Object[] r, long[] n, int ra, int rb, boolean le) {
        return numOrder(r[ra], n[ra], r[rb], n[rb], le);
    }

    /** Raw order without metamethods: numbers and strings; -1 if not comparable so. */
    static int rawOrder(Object a, long an, Object b, long bn, boolean le) {
        int res = numOrder(a, an, b, bn, le);
        if (res >= 0) return res;
        if (a instanceof LuaString && b instanceof LuaString) {
            int c = ((LuaString) a).compareTo((LuaString) b);
            return (le ? c <= 0 : c < 0) ? 1 : 0;
        }
        return -1;
    }

    /**
     * Lua: luaV_lessthan / luaV_lessequal. a < b (or a <= b): 1 or 0, or {@link Meta#CALL_TM}
     * with {@code [ ... ] -> [ ... tm a b ]} at {@code f} ({@code __lt} or {@code __le} of
     * either operand). Raises the order error when there is none.
     */
    static int walkLess(LuaThread L, Object a, long an, Object b, long bn, boolean le, int f) {
        int res = rawOrder(a, an, b, bn, le);
        if (res >= 0) return res;
        Object tm = Meta.tmOfEither(L.G, a, b, le ? TM.LE : TM.LT);
        if (tm == null && le && L.G.compat53) {          // Lua: LUA_COMPAT_LT_LE, a <= b as not (b < a)
            tm = Meta.tmOfEither(L.G, b, a, TM.LT);
            if (tm != null) {
                Meta.place3(L.stack, f, tm, b, bn, a, an);
                return Meta.CALL_TM_NOT;
            }
        }
        if (tm == null) throw RunErrors.orderError(a, b);
        Meta.place3(L.stack, f, tm, a, an, b, bn);
        return Meta.CALL_TM;
    }

    /**
     * OP_LT / LE / LTI / LEI / GTI / GEI beyond the fast path: {@link #walkLess}, then the
     * conditional jump (k) of the current instruction, now or (a call) through FinishOp.
     */
    static Activation order(LuaThread L, Activation ci, Object a, long an, Object b, long bn, boolean le, boolean k) {
        int f = ci.top;
        return jumpOrCall(L, ci, walkLess(L, a, an, b, bn, le, f), f, k);
    }

    /**
     * The executor's end of a comparison walk that answered {@code res}: the conditional jump
     * now, or the call at {@code f} made a frame, after which FinishOp makes the jump.
     */
    private static Activation jumpOrCall(LuaThread L, Activation ci, int res, int f, boolean k) {
        if (res >= Meta.CALL_TM) {
            if (res == Meta.CALL_TM_NOT) ci.flags |= Activation.LEQ;   // FinishOp negates the answer
            return Meta.invoke(L, ci, f, 1);
        }
        condJump(ci, res == 1, k);
        return ci;
    }

    /** Lua: finishOp's and docondjump's rule: skip the following jump when cond != k. */
    static void condJump(Activation ci, boolean cond, boolean k) {
        if (cond != k) ci.savedPc++;
    }

    /**
     * Raw equality (Lua: luaV_rawequalobj): 1 equal, 0 different, 2 when {@code __eq} may
     * decide (two different tables, or two different userdata).
     */
    static int rawEq(Object a, long an, Object b, long bn) {
        if (a == b) {
            if (a == INT) return an == bn ? 1 : 0;
            if (a == FLT) return Double.longBitsToDouble(an) == Double.longBitsToDouble(bn) ? 1 : 0;
            return 1;
        }
        if (a instanceof NumTag && b instanceof NumTag) {     // integer vs float
            long i = a == INT ? an : bn;
            double f = Double.longBitsToDouble(a == INT ? bn : an);
            return LuaNumber.fitsInteger(f) && (long) f == i ? 1 : 0;
        }
        if (a instanceof LuaString) return a.equals(b) ? 1 : 0;
        if (a instanceof LuaTable && b instanceof LuaTable) return 2;
        if (a instanceof LuaUserdata && b instanceof LuaUserdata) return 2;
        return 0;
    }

    /**
     * Lua: luaV_equalobj. a == b: 1 or 0, or {@link Meta#CALL_TM} with
     * {@code [ ... ] -> [ ... tm a b ]} at {@code f} ({@code __eq} of either operand, for two
     * different tables or two different full userdata).
     */
    static int walkEq(LuaThread L, Object a, long an, Object b, long bn, int f) {
        int res = rawEq(a, an, b, bn);
        if (res != 2) return res;
        Object tm = Meta.tmOfEither(L.G, a, b, TM.EQ);
        if (tm == null) return 0;
        Meta.place3(L.stack, f, tm, a, an, b, bn);
        return Meta.CALL_TM;
    }

    /** OP_EQ when {@link #rawEq} says 2: {@link #walkEq}, then the conditional jump, now or through FinishOp. */
    static Activation eq(LuaThread L, Activation ci, Object a, long an, Object b, long bn, boolean k) {
        int f = ci.top;
        return jumpOrCall(L, ci, walkEq(L, a, an, b, bn, f), f, k);
    }

    /** Lua: lua_compare with LUA_OPEQ, for Java builtins: {@link #walkEq}, a call made at once. */
    static boolean equalsWithTM(LuaThread L, Object a, long an, Object b, long bn) {
        int f = L.stack.top;
        int res = walkEq(L, a, an, b, bn, f);
        return res == Meta.CALL_TM ? Meta.callTMTruth(L, f) : res == 1;
    }

    /** Lua: lua_compare with LUA_OPLT / LUA_OPLE, for Java builtins: {@link #walkLess}, a call made at once. */
    static boolean lessWithTM(LuaThread L, Object a, long an, Object b, long bn, boolean le) {
        int f = L.stack.top;
        int res = walkLess(L, a, an, b, bn, le, f);
        if (res == Meta.CALL_TM_NOT) return !Meta.callTMTruth(L, f);
        return res == Meta.CALL_TM ? Meta.callTMTruth(L, f) : res == 1;
    }

    /**
     * OP_LTI / LEI / GTI / GEI on a number: 1 or 0; -1 when R[A] is not a number. Its integer
     * case is written out in Executor.dispatch (case OP_LTI): keep the two the same.
     */
    static int immTest(int i, Object t, long v) {
        int imm = Instr.sb(i);
        int op = Instr.op(i);
        if (t == INT) {
            switch (op) {
                case OpCode.OP_LTI: return v < imm ? 1 : 0;
                case OpCode.OP_LEI: return v <= imm ? 1 : 0;
                case OpCode.OP_GTI: return v > imm ? 1 : 0;
                default: return v >= imm ? 1 : 0;
            }
        }
        if (t != FLT) return -1;
        double d = Double.longBitsToDouble(v);
        switch (op) {
            case OpCode.OP_LTI: return d < imm ? 1 : 0;
            case OpCode.OP_LEI: return d <= imm ? 1 : 0;
            case OpCode.OP_GTI: return d > imm ? 1 : 0;
            default: return d >= imm ? 1 : 0;
        }
    }

    /**
     * OP_LTI / LEI / GTI / GEI on a non-number (Lua: luaT_callorderiTM): the immediate becomes
     * a float if C says so, and GTI/GEI compare with the operands exchanged.
     */
    static Activation immOrder(LuaThread L, Activation ci, int i, Object t, long v) {
        int imm = Instr.sb(i);
        boolean isFloat = Instr.c(i) != 0;
        Object it = isFloat ? FLT : INT;
        long iv = isFloat ? Double.doubleToRawLongBits(imm) : imm;
        int op = Instr.op(i);
        boolean le = op == OpCode.OP_LEI || op == OpCode.OP_GEI;
        boolean k = Instr.k(i);
        if (op == OpCode.OP_GTI || op == OpCode.OP_GEI) {
            return order(L, ci, it, iv, t, v, le, k);
        }
        return order(L, ci, t, v, it, iv, le, k);
    }
}
