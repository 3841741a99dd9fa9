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
 *
 * <p>The metamethod slow paths are written once, as walks ({@link #walkBinTM},
 * {@link #walkArith}, {@link #walkLen}; see {@link Meta}): a raw result into the destination
 * slot, or {@code [ tm a b ]} placed at the call slot. The executor makes that call a frame
 * ({@link #tryBinTM}, {@link #unary}, {@link #len}); Java builtins make it at once
 * ({@link #arithWithTM}, {@link LuaOps#len}).
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
     * Lua: luaT_trybinTM. The {@code event} metamethod of either operand,
     * {@code [ ... ] -> [ ... tm a b ]} at {@code f}; raises the arithmetic error (naming the
     * operands by {@code wa}/{@code wb}) when there is none. Always a call decision: the raw
     * operation has been tried before.
     */
    static void walkBinTM(LuaThread L, int event, Object a, long an, int wa, Object b, long bn, int wb, int f) {
        Object tm = Meta.tmOfEither(L.G, a, b, event);
        if (tm == null) throw binError(L, event, a, an, wa, b, wb);
        Meta.place3(L.stack, f, tm, a, an, b, bn);
    }

    /**
     * Lua: luaO_arith, then luaT_trybinTM. a op b into slot {@code dest} (returns false), or
     * {@code [ ... ] -> [ ... tm a b ]} at {@code f} (returns true).
     */
    static boolean walkArith(LuaThread L, int event, Object a, long an, int wa, Object b, long bn, int wb,
                             int dest, int f) {
        ValueStack s = L.stack;
        if (arith(event, a, an, b, bn, s.refs, s.nums, dest)) return false;
        walkBinTM(L, event, a, an, wa, b, bn, wb, f);
        return true;
    }

    /**
     * OP_MMBINI / MMBINK (Lua: luaT_trybinassocTM): {@link #tryBinTM} with a constant operand
     * {@code kv}, which goes first when {@code flip} (the source had it on the left). Not
     * written out in the loop, whose bytes count against C2's inlining budget.
     */
    static Activation tryBinAssocTM(LuaThread L, Activation ci, Object a, long an, int ra,
                                    Object kv, long kvn, boolean flip, int event) {
        return flip ? tryBinTM(L, ci, kv, kvn, VarInfo.NONE, a, an, ra, event)
                : tryBinTM(L, ci, a, an, ra, kv, kvn, VarInfo.NONE, event);
    }

    /**
     * OP_MMBIN / MMBINI / MMBINK: {@link #walkBinTM}, the call made a frame; its result goes
     * to the register of the arithmetic instruction before (through FinishOp).
     */
    static Activation tryBinTM(LuaThread L, Activation ci, Object a, long an, int wa,
                               Object b, long bn, int wb, int event) {
        int f = ci.top;
        walkBinTM(L, event, a, an, wa, b, bn, wb, f);
        return Meta.invoke(L, ci, f, 1);
    }

    private static LuaError binError(LuaThread L, int event, Object a, long an, int wa, Object b, int wb) {
        if (event >= TM.BAND && event <= TM.SHR || event == TM.BNOT) {
            if (a instanceof NumTag && b instanceof NumTag) return RunErrors.toIntError(L, a, an, wa, b, wb);
            return RunErrors.opError(L, a, wa, b, wb, "perform bitwise operation on");
        }
        return RunErrors.opError(L, a, wa, b, wb, "perform arithmetic on");
    }

    /** OP_UNM and OP_BNOT beyond the integer fast path: R[ra] := op R[rb] ({@link #walkArith}). */
    static Activation unary(LuaThread L, Activation ci, int ra, int rb, int event) {
        ValueStack s = L.stack;
        Object t = s.refs[rb];
        long v = s.nums[rb];
        int f = ci.top;
        return walkArith(L, event, t, v, rb, t, v, rb, ra, f) ? Meta.invoke(L, ci, f, 1) : ci;
    }

    /**
     * Lua: luaV_objlen. #v: an integer into slot {@code dest} (returns false), or
     * {@code [ ... ] -> [ ... tm v v ]} at {@code f} (returns true). {@code where} names v
     * for the error.
     */
    static boolean walkLen(LuaThread L, Object v, long vn, int where, int dest, int f) {
        ValueStack s = L.stack;
        Object tm;
        if (v instanceof LuaTable) {
            tm = Meta.fastTM(((LuaTable) v).metatable, TM.LEN);
            if (tm == null) {
                s.nums[dest] = ((LuaTable) v).length();
                s.refs[dest] = INT;
                return false;
            }
        } else if (v instanceof LuaString) {
            s.nums[dest] = ((LuaString) v).length();
            s.refs[dest] = INT;
            return false;
        } else {
            tm = Meta.tmRef(L.G, v, TM.LEN);
            if (tm == null) throw RunErrors.typeError(L, v, where, "get length of");
        }
        Meta.place3(s, f, tm, v, vn, v, vn);
        return true;
    }

    /** OP_LEN: R[ra] := #R[rb] ({@link #walkLen}), a call made a frame. */
    static Activation len(LuaThread L, Activation ci, int ra, int rb) {
        ValueStack s = L.stack;
        int f = ci.top;
        return walkLen(L, s.refs[rb], s.nums[rb], rb, ra, f) ? Meta.invoke(L, ci, f, 1) : ci;
    }

    /** Lua: lua_arith, for Java builtins: slot d := a op b ({@link #walkArith}), a call made at once. */
    static void arithWithTM(LuaThread L, int event, Object a, long an, Object b, long bn, int d) {
        int f = L.stack.top;
        if (walkArith(L, event, a, an, VarInfo.NONE, b, bn, VarInfo.NONE, d, f)) Meta.callTM(L, f, d);
    }
}
