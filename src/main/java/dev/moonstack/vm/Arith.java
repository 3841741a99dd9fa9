package dev.moonstack.vm;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaNumber;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.TM;

/**
 * Arithmetic beyond the executor's integer fast paths (Lua: lvm.c op_arith helpers,
 * lobject.c luaO_rawarith, ltm.c luaT_trybinTM): float and mixed operands, bitwise operations
 * on floats with integral values, the unary operators, the length operator, and the
 * metamethod fallback of the MMBIN instructions.
 *
 * <p>Binary operations are named by their metamethod event ({@link TM#ADD} .. {@link TM#BNOT}).
 * The {@code ...F} helpers write their result into a register and return false when an
 * operand is not a number; the instruction then falls through to the following MMBIN.
 */
final class Arith {
    private Arith() {}

    private static final Object INT = NumTag.INT;
    private static final Object FLT = NumTag.FLT;

    private static double d(Object t, long v) { return t == INT ? (double) v : Double.longBitsToDouble(v); }

    private static boolean putF(Object[] r, long[] n, int ra, double v) {
        n[ra] = Double.doubleToRawLongBits(v);
        if (r[ra] != FLT) r[ra] = FLT;                    // see Executor.tag
        return true;
    }

    /** R[ra] := x + y over registers, when both are numbers (not both integers). */
    static boolean addF(Object[] r, long[] n, int ra, int rb, int rc) {
        Object tb = r[rb], tc = r[rc];
        if (!(tb instanceof NumTag) || !(tc instanceof NumTag)) return false;
        return putF(r, n, ra, d(tb, n[rb]) + d(tc, n[rc]));
    }

    static boolean subF(Object[] r, long[] n, int ra, int rb, int rc) {
        Object tb = r[rb], tc = r[rc];
        if (!(tb instanceof NumTag) || !(tc instanceof NumTag)) return false;
        return putF(r, n, ra, d(tb, n[rb]) - d(tc, n[rc]));
    }

    static boolean mulF(Object[] r, long[] n, int ra, int rb, int rc) {
        Object tb = r[rb], tc = r[rc];
        if (!(tb instanceof NumTag) || !(tc instanceof NumTag)) return false;
        return putF(r, n, ra, d(tb, n[rb]) * d(tc, n[rc]));
    }

    /**
     * Any binary operation on two numbers given as (tag, payload) pairs, result into slot
     * {@code ra} (Lua: luaO_rawarith). Returns false if an operand is not a number, or, for
     * bitwise operations, has no integer value. Integer division by zero throws.
     */
    static boolean arith(int event, Object ta, long a, Object tb, long b, Object[] r, long[] n, int ra) {
        if (!(ta instanceof NumTag) || !(tb instanceof NumTag)) return false;
        if (event >= TM.BAND && event <= TM.SHR || event == TM.BNOT) {
            if (!fitsLong(ta, a) || !fitsLong(tb, b)) return false;
            n[ra] = bitwise(event, toLong(ta, a), toLong(tb, b));
            r[ra] = INT;
            return true;
        }
        if (ta == INT && tb == INT && event != TM.DIV && event != TM.POW) {
            n[ra] = intArith(event, a, b);
            r[ra] = INT;
            return true;
        }
        return putF(r, n, ra, floatArith(event, d(ta, a), d(tb, b)));
    }

    private static boolean fitsLong(Object t, long v) {
        return t == INT || LuaNumber.fitsInteger(Double.longBitsToDouble(v));
    }

    private static long toLong(Object t, long v) { return t == INT ? v : (long) Double.longBitsToDouble(v); }

    static long intArith(int event, long a, long b) {
        switch (event) {
            case TM.ADD: return a + b;
            case TM.SUB: return a - b;
            case TM.MUL: return a * b;
            case TM.MOD: return LuaNumber.imod(a, b);
            case TM.IDIV: return LuaNumber.idiv(a, b);
            case TM.UNM: return -a;
            default: throw new IllegalArgumentException("event " + event);
        }
    }

    static double floatArith(int event, double a, double b) {
        switch (event) {
            case TM.ADD: return a + b;
            case TM.SUB: return a - b;
            case TM.MUL: return a * b;
            case TM.MOD: return LuaNumber.fmod(a, b);
            case TM.POW: return LuaNumber.pow(a, b);
            case TM.DIV: return a / b;
            case TM.IDIV: return LuaNumber.fidiv(a, b);
            case TM.UNM: return -a;
            default: throw new IllegalArgumentException("event " + event);
        }
    }

    static long bitwise(int event, long a, long b) {
        switch (event) {
            case TM.BAND: return a & b;
            case TM.BOR: return a | b;
            case TM.BXOR: return a ^ b;
            case TM.SHL: return LuaNumber.shiftLeft(a, b);
            case TM.SHR: return LuaNumber.shiftLeft(a, -b);
            case TM.BNOT: return ~a;
            default: throw new IllegalArgumentException("event " + event);
        }
    }

    /**
     * Lua: luaT_trybinTM, for OP_MMBIN / MMBINI / MMBINK: calls the {@code event} metamethod
     * of either operand; its result goes to the register of the arithmetic instruction
     * before (through FinishOp). {@code wa}/{@code wb} name the operands for the error.
     */
    static Activation tryBinTM(LuaThread L, Activation ci, Object a, long an, int wa,
                               Object b, long bn, int wb, int event) {
        Object tm = Meta.tmRef(L.G, a, event);
        if (tm == null) tm = Meta.tmRef(L.G, b, event);
        if (tm == null) throw binError(L, event, a, an, wa, b, wb);
        Meta.place3(L.stack, ci.top, tm, a, an, b, bn);
        return Meta.invoke(L, ci, ci.top, 1);
    }

    private static LuaError binError(LuaThread L, int event, Object a, long an, int wa, Object b, int wb) {
        if (event >= TM.BAND && event <= TM.SHR || event == TM.BNOT) {
            if (a instanceof NumTag && b instanceof NumTag) return RunErrors.toIntError(L, a, an, wa, b, wb);
            return RunErrors.opError(L, a, wa, b, wb, "perform bitwise operation on");
        }
        return RunErrors.opError(L, a, wa, b, wb, "perform arithmetic on");
    }

    /** OP_UNM and OP_BNOT beyond the integer fast path: R[ra] := op R[rb]. */
    static Activation unary(LuaThread L, Activation ci, int ra, int rb, int event) {
        ValueStack s = L.stack;
        Object t = s.refs[rb];
        long v = s.nums[rb];
        if (arith(event, t, v, t, v, s.refs, s.nums, ra)) return ci;
        return tryBinTM(L, ci, t, v, rb, t, v, rb, event);
    }

    /** OP_LEN (Lua: luaV_objlen): R[ra] := #R[rb]. */
    static Activation len(LuaThread L, Activation ci, int ra, int rb) {
        ValueStack s = L.stack;
        Object v = s.refs[rb];
        long vn = s.nums[rb];
        Object tm;
        if (v instanceof LuaTable) {
            tm = Meta.fastTM(((LuaTable) v).metatable, TM.LEN);
            if (tm == null) {
                s.nums[ra] = ((LuaTable) v).length();
                s.refs[ra] = INT;
                return ci;
            }
        } else if (v instanceof LuaString) {
            s.nums[ra] = ((LuaString) v).length();
            s.refs[ra] = INT;
            return ci;
        } else {
            tm = Meta.tmRef(L.G, v, TM.LEN);
            if (tm == null) throw RunErrors.typeError(L, v, rb, "get length of");
        }
        Meta.place3(s, ci.top, tm, v, vn, v, vn);
        return Meta.invoke(L, ci, ci.top, 1);
    }

    /** Lua: lua_arith, for Java builtins: slot d := a op b, calling metamethods if needed. */
    static void arithWithTM(LuaThread L, int event, Object a, long an, Object b, long bn, int d) {
        ValueStack s = L.stack;
        if (arith(event, a, an, b, bn, s.refs, s.nums, d)) return;
        Object tm = Meta.tmRef(L.G, a, event);
        if (tm == null) tm = Meta.tmRef(L.G, b, event);
        if (tm == null) throw binError(L, event, a, an, VarInfo.NONE, b, VarInfo.NONE);
        int f = s.top;
        Meta.place3(s, f, tm, a, an, b, bn);
        Calls.call(L, f, 1);
        L.copy(f, d);
        s.top = f;
    }
}
