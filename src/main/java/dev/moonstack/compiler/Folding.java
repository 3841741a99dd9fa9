package dev.moonstack.compiler;

import dev.moonstack.value.LuaNumber;

import static dev.moonstack.compiler.ExpDesc.VKFLT;
import static dev.moonstack.compiler.ExpDesc.VKINT;

/**
 * Compile-time constant folding of arithmetic and bitwise operators (Lua: constfolding and
 * validop of lcode.c, with luaO_rawarith of lobject.c). Folds only what cannot raise an
 * error at run time and never produces NaN or a float zero (to keep -0.0 out of constants).
 */
final class Folding {
    private Folding() {}

    /** Operator numbers (Lua: LUA_OPADD .. LUA_OPBNOT); the binary ones equal BinOpr. */
    static final int ADD = 0, SUB = 1, MUL = 2, MOD = 3, POW = 4, DIV = 5, IDIV = 6,
            BAND = 7, BOR = 8, BXOR = 9, SHL = 10, SHR = 11, UNM = 12, BNOT = 13;

    /** Lua: constfolding; on success e1 holds the result. */
    static boolean fold(int op, ExpDesc e1, ExpDesc e2) {
        if (!Code.isNumeral(e1) || !Code.isNumeral(e2) || !validOp(op, e1, e2)) return false;
        boolean bothInt = e1.k == VKINT && e2.k == VKINT;
        switch (op) {
            case BAND: case BOR: case BXOR: case SHL: case SHR: case BNOT:
                e1.ival = intArith(op, toInt(e1), toInt(e2));
                e1.k = VKINT;
                return true;
            case DIV: case POW:
                return setFloat(e1, numArith(op, toNum(e1), toNum(e2)));
            default:
                if (bothInt) {
                    e1.ival = intArith(op, e1.ival, e2.ival);
                    e1.k = VKINT;
                    return true;
                }
                return setFloat(e1, numArith(op, toNum(e1), toNum(e2)));
        }
    }

    private static boolean setFloat(ExpDesc e, double n) {
        if (Double.isNaN(n) || n == 0) return false;
        e.k = VKFLT;
        e.nval = n;
        return true;
    }

    private static double toNum(ExpDesc e) { return e.k == VKINT ? (double) e.ival : e.nval; }

    private static boolean isInt(ExpDesc e) {
        return e.k == VKINT || LuaNumber.fitsInteger(e.nval);
    }

    private static long toInt(ExpDesc e) { return e.k == VKINT ? e.ival : (long) e.nval; }

    /** Lua: validop. */
    private static boolean validOp(int op, ExpDesc v1, ExpDesc v2) {
        switch (op) {
            case BAND: case BOR: case BXOR: case SHL: case SHR: case BNOT:
                return isInt(v1) && isInt(v2);
            case DIV: case IDIV: case MOD:
                return toNum(v2) != 0;
            default:
                return true;
        }
    }

    /** Lua: intarith. */
    private static long intArith(int op, long a, long b) {
        switch (op) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case MOD: return LuaNumber.imod(a, b);
            case IDIV: return LuaNumber.idiv(a, b);
            case BAND: return a & b;
            case BOR: return a | b;
            case BXOR: return a ^ b;
            case SHL: return LuaNumber.shiftLeft(a, b);
            case SHR: return LuaNumber.shiftLeft(a, 0 - b);
            case UNM: return 0 - a;
            case BNOT: return ~a;
            default: throw new IllegalStateException();
        }
    }

    /**
     * Lua: luai_nummod.
     */
    private static double numMod(double a, double b) { return LuaNumber.fmod(a, b); }

    /** Lua: numarith. */
    private static double numArith(int op, double a, double b) {
        switch (op) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: return a / b;
            case POW: return LuaNumber.pow(a, b);
            case IDIV: return Math.floor(a / b);
            case UNM: return -a;
            case MOD: return numMod(a, b);
            default: throw new IllegalStateException();
        }
    }
}
