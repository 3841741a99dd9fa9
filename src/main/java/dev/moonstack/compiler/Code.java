package dev.moonstack.compiler;

import dev.moonstack.code.Instr;
import dev.moonstack.value.LuaNumber;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.NumTag;

import static dev.moonstack.code.OpCode.*;
import static dev.moonstack.compiler.ExpDesc.*;
import static dev.moonstack.parser.Parser.*;

/**
 * Code generation for expressions: discharging, registers, conditionals, operators and
 * constant folding (Lua: the expression half of lcode.c, luaK_dischargevars .. luaK_posfix).
 */
final class Code {
    private Code() {}

    /** Metamethod events of the arithmetic/bitwise operators (Lua: TM_ADD ...). */
    private static final int TM_ADD = 6, TM_SHL = 16, TM_SHR = 17;
    /** Lua: LUA_MULTRET. */
    static final int MULTRET = -1;

    static int getInstr(FuncState fs, ExpDesc e) { return fs.code[e.info]; }

    private static void setInstr(FuncState fs, ExpDesc e, int i) { fs.code[e.info] = i; }

    /** Lua: tonumeral (numeric constant without jumps). */
    static boolean isNumeral(ExpDesc e) {
        return !e.hasJumps() && (e.k == VKINT || e.k == VKFLT);
    }

    /** Lua: luaK_exp2const; stores the value in {@code out} (ref) and {@code outN} (payload). */
    static boolean exp2const(FuncState fs, ExpDesc e, Object[] out, long[] outN) {
        if (e.hasJumps()) return false;
        switch (e.k) {
            case VFALSE: out[0] = Boolean.FALSE; return true;
            case VTRUE: out[0] = Boolean.TRUE; return true;
            case VNIL: out[0] = null; return true;
            case VKSTR: out[0] = e.strval; return true;
            case VCONST: {
                Scopes.Vardesc vd = fs.cs.sc.actvar[e.info];
                out[0] = vd.kref;
                outN[0] = vd.knum;
                return true;
            }
            case VKINT: out[0] = NumTag.INT; outN[0] = e.ival; return true;
            case VKFLT: out[0] = NumTag.FLT; outN[0] = Double.doubleToRawLongBits(e.nval); return true;
            default: return false;
        }
    }

    /** Lua: const2exp. */
    static void const2exp(Object v, long n, ExpDesc e) {
        if (v == NumTag.INT) {
            e.k = VKINT;
            e.ival = n;
        } else if (v == NumTag.FLT) {
            e.k = VKFLT;
            e.nval = Double.longBitsToDouble(n);
        } else if (v == Boolean.FALSE) {
            e.k = VFALSE;
        } else if (v == Boolean.TRUE) {
            e.k = VTRUE;
        } else if (v == null) {
            e.k = VNIL;
        } else {
            e.k = VKSTR;
            e.strval = (LuaString) v;
        }
    }

    /** Lua: luaK_setreturns. */
    static void setReturns(FuncState fs, ExpDesc e, int nresults) {
        int i = getInstr(fs, e);
        i = Instr.setC(i, nresults + 1);
        if (e.k == VVARARG) {
            i = Instr.setA(i, fs.freereg);
            setInstr(fs, e, i);
            fs.reserveRegs(1);
        } else {
            setInstr(fs, e, i);
        }
    }

    static void setMultRet(FuncState fs, ExpDesc e) { setReturns(fs, e, MULTRET); }

    private static void str2K(FuncState fs, ExpDesc e) {
        e.info = fs.stringK(e.strval);
        e.k = VK;
    }

    /** Lua: luaK_setoneret. */
    static void setOneRet(FuncState fs, ExpDesc e) {
        if (e.k == VCALL) {
            e.k = VNONRELOC;
            e.info = Instr.a(getInstr(fs, e));
        } else if (e.k == VVARARG) {
            setInstr(fs, e, Instr.setC(getInstr(fs, e), 2));
            e.k = VRELOC;
        }
    }

    /** Lua: luaK_dischargevars. */
    static void dischargeVars(FuncState fs, ExpDesc e) {
        switch (e.k) {
            case VCONST: {
                Scopes.Vardesc vd = fs.cs.sc.actvar[e.info];
                const2exp(vd.kref, vd.knum, e);
                break;
            }
            case VLOCAL:
                e.info = e.ridx;
                e.k = VNONRELOC;
                break;
            case VUPVAL:
                e.info = fs.codeABC(OP_GETUPVAL, 0, e.info, 0);
                e.k = VRELOC;
                break;
            case VINDEXUP:
                e.info = fs.codeABC(OP_GETTABUP, 0, e.indT, e.indIdx);
                e.k = VRELOC;
                break;
            case VINDEXI:
                fs.freeReg(e.indT);
                e.info = fs.codeABC(OP_GETI, 0, e.indT, e.indIdx);
                e.k = VRELOC;
                break;
            case VINDEXSTR:
                fs.freeReg(e.indT);
                e.info = fs.codeABC(OP_GETFIELD, 0, e.indT, e.indIdx);
                e.k = VRELOC;
                break;
            case VINDEXED:
                fs.freeRegs(e.indT, e.indIdx);
                e.info = fs.codeABC(OP_GETTABLE, 0, e.indT, e.indIdx);
                e.k = VRELOC;
                break;
            case VVARARG: case VCALL:
                setOneRet(fs, e);
                break;
            default:
                break;
        }
    }

    /** Lua: luaK_int. */
    static void loadInt(FuncState fs, int reg, long i) {
        if (fitsBx(i)) fs.codeAsBx(OP_LOADI, reg, (int) i);
        else fs.codek(reg, fs.intK(i));
    }

    private static void loadFloat(FuncState fs, int reg, double f) {
        if (LuaNumber.fitsInteger(f) && fitsBx((long) f)) fs.codeAsBx(OP_LOADF, reg, (int) f);
        else fs.codek(reg, fs.numberK(f));
    }

    static boolean fitsBx(long i) {
        return -Instr.OFFSET_sBx <= i && i <= Instr.MAXARG_Bx - Instr.OFFSET_sBx;
    }

    static boolean fitsC(long i) {
        return i + Instr.OFFSET_sC >= 0 && i + Instr.OFFSET_sC <= Instr.MAXARG_C
                && i >= -Instr.OFFSET_sC;
    }

    /** Lua: discharge2reg. */
    static void discharge2reg(FuncState fs, ExpDesc e, int reg) {
        dischargeVars(fs, e);
        switch (e.k) {
            case VNIL: fs.nil(reg, 1); break;
            case VFALSE: fs.codeABC(OP_LOADFALSE, reg, 0, 0); break;
            case VTRUE: fs.codeABC(OP_LOADTRUE, reg, 0, 0); break;
            case VKSTR:
                str2K(fs, e);
                fs.codek(reg, e.info);
                break;
            case VK: fs.codek(reg, e.info); break;
            case VKFLT: loadFloat(fs, reg, e.nval); break;
            case VKINT: loadInt(fs, reg, e.ival); break;
            case VRELOC:
                setInstr(fs, e, Instr.setA(getInstr(fs, e), reg));
                break;
            case VNONRELOC:
                if (reg != e.info) fs.codeABC(OP_MOVE, reg, e.info, 0);
                break;
            default:
                return;   // VJMP: nothing to do
        }
        e.info = reg;
        e.k = VNONRELOC;
    }

    private static void discharge2anyreg(FuncState fs, ExpDesc e) {
        if (e.k != VNONRELOC) {
            fs.reserveRegs(1);
            discharge2reg(fs, e, fs.freereg - 1);
        }
    }

    private static int codeLoadBool(FuncState fs, int a, int op) {
        fs.getLabel();
        return fs.codeABC(op, a, 0, 0);
    }

    private static boolean needValue(FuncState fs, int list) {
        for (; list != NO_JUMP; list = fs.getJump(list)) {
            if (Instr.op(fs.code[fs.jumpControl(list)]) != OP_TESTSET) return true;
        }
        return false;
    }

    /** Lua: exp2reg. */
    static void exp2reg(FuncState fs, ExpDesc e, int reg) {
        discharge2reg(fs, e, reg);
        if (e.k == VJMP) e.t = fs.concat(e.t, e.info);
        if (e.hasJumps()) {
            int pf = NO_JUMP, pt = NO_JUMP;
            if (needValue(fs, e.t) || needValue(fs, e.f)) {
                int fj = e.k == VJMP ? NO_JUMP : fs.jump();
                pf = codeLoadBool(fs, reg, OP_LFALSESKIP);
                pt = codeLoadBool(fs, reg, OP_LOADTRUE);
                fs.patchToHere(fj);
            }
            int fin = fs.getLabel();
            fs.patchListAux(e.f, fin, reg, pf);
            fs.patchListAux(e.t, fin, reg, pt);
        }
        e.f = e.t = NO_JUMP;
        e.info = reg;
        e.k = VNONRELOC;
    }

    /** Lua: luaK_exp2nextreg. */
    static void exp2nextreg(FuncState fs, ExpDesc e) {
        dischargeVars(fs, e);
        fs.freeExp(e);
        fs.reserveRegs(1);
        exp2reg(fs, e, fs.freereg - 1);
    }

    /** Lua: luaK_exp2anyreg. */
    static int exp2anyreg(FuncState fs, ExpDesc e) {
        dischargeVars(fs, e);
        if (e.k == VNONRELOC) {
            if (!e.hasJumps()) return e.info;
            if (e.info >= fs.cs.sc.nvarstack(fs)) {
                exp2reg(fs, e, e.info);
                return e.info;
            }
        }
        exp2nextreg(fs, e);
        return e.info;
    }

    /** Lua: luaK_exp2anyregup. */
    static void exp2anyregup(FuncState fs, ExpDesc e) {
        if (e.k != VUPVAL || e.hasJumps()) exp2anyreg(fs, e);
    }

    /**
     * Lua: luaK_exp2val. A comparison (VJMP) has no jump lists but still needs its value in a
     * register now: left pending, luaK_indexed would put an upvalue table in the register the
     * comparison's result later lands in (5.4.8's fix, not in luac 5.4.4).
     */
    static void exp2val(FuncState fs, ExpDesc e) {
        if (e.k == VJMP || e.hasJumps()) exp2anyreg(fs, e);
        else dischargeVars(fs, e);
    }

    /** Lua: luaK_exp2K. */
    private static boolean exp2K(FuncState fs, ExpDesc e) {
        if (!e.hasJumps()) {
            int info;
            switch (e.k) {
                case VTRUE: info = fs.boolK(true); break;
                case VFALSE: info = fs.boolK(false); break;
                case VNIL: info = fs.nilK(); break;
                case VKINT: info = fs.intK(e.ival); break;
                case VKFLT: info = fs.numberK(e.nval); break;
                case VKSTR: info = fs.stringK(e.strval); break;
                case VK: info = e.info; break;
                default: return false;
            }
            if (info <= Instr.MAXINDEXRK) {
                e.k = VK;
                e.info = info;
                return true;
            }
        }
        return false;
    }

    /** Lua: luaK_exp2RK. */
    static boolean exp2RK(FuncState fs, ExpDesc e) {
        if (exp2K(fs, e)) return true;
        exp2anyreg(fs, e);
        return false;
    }

    private static void codeABRK(FuncState fs, int op, int a, int b, ExpDesc ec) {
        boolean k = exp2RK(fs, ec);
        fs.codeABCk(op, a, b, ec.info, k);
    }

    /** Lua: luaK_storevar. */
    static void storeVar(FuncState fs, ExpDesc var, ExpDesc ex) {
        switch (var.k) {
            case VLOCAL:
                fs.freeExp(ex);
                exp2reg(fs, ex, var.ridx);
                return;
            case VUPVAL: {
                int e = exp2anyreg(fs, ex);
                fs.codeABC(OP_SETUPVAL, e, var.info, 0);
                break;
            }
            case VINDEXUP: codeABRK(fs, OP_SETTABUP, var.indT, var.indIdx, ex); break;
            case VINDEXI: codeABRK(fs, OP_SETI, var.indT, var.indIdx, ex); break;
            case VINDEXSTR: codeABRK(fs, OP_SETFIELD, var.indT, var.indIdx, ex); break;
            case VINDEXED: codeABRK(fs, OP_SETTABLE, var.indT, var.indIdx, ex); break;
            default: throw new IllegalStateException("invalid var kind to store");
        }
        fs.freeExp(ex);
    }

    /** Lua: luaK_self. */
    static void self(FuncState fs, ExpDesc e, ExpDesc key) {
        exp2anyreg(fs, e);
        int ereg = e.info;
        fs.freeExp(e);
        e.info = fs.freereg;
        e.k = VNONRELOC;
        fs.reserveRegs(2);
        codeABRK(fs, OP_SELF, e.info, ereg, key);
        fs.freeExp(key);
    }

    private static void negateCondition(FuncState fs, ExpDesc e) {
        int at = fs.jumpControl(e.info);
        int i = fs.code[at];
        fs.code[at] = Instr.setK(i, !Instr.k(i));
    }

    private static int jumpOnCond(FuncState fs, ExpDesc e, boolean cond) {
        if (e.k == VRELOC) {
            int ie = getInstr(fs, e);
            if (Instr.op(ie) == OP_NOT) {
                fs.removeLastInstruction();
                return fs.condJump(OP_TEST, Instr.b(ie), 0, 0, !cond);
            }
        }
        discharge2anyreg(fs, e);
        fs.freeExp(e);
        return fs.condJump(OP_TESTSET, FuncState.NO_REG, e.info, 0, cond);
    }

    /** Lua: luaK_goiftrue. */
    static void goIfTrue(FuncState fs, ExpDesc e) {
        int pc;
        dischargeVars(fs, e);
        switch (e.k) {
            case VJMP:
                negateCondition(fs, e);
                pc = e.info;
                break;
            case VK: case VKFLT: case VKINT: case VKSTR: case VTRUE:
                pc = NO_JUMP;
                break;
            default:
                pc = jumpOnCond(fs, e, false);
        }
        e.f = fs.concat(e.f, pc);
        fs.patchToHere(e.t);
        e.t = NO_JUMP;
    }

    /** Lua: luaK_goiffalse. */
    static void goIfFalse(FuncState fs, ExpDesc e) {
        int pc;
        dischargeVars(fs, e);
        switch (e.k) {
            case VJMP: pc = e.info; break;
            case VNIL: case VFALSE: pc = NO_JUMP; break;
            default: pc = jumpOnCond(fs, e, true);
        }
        e.t = fs.concat(e.t, pc);
        fs.patchToHere(e.f);
        e.f = NO_JUMP;
    }

    private static void codeNot(FuncState fs, ExpDesc e) {
        switch (e.k) {
            case VNIL: case VFALSE: e.k = VTRUE; break;
            case VK: case VKFLT: case VKINT: case VKSTR: case VTRUE: e.k = VFALSE; break;
            case VJMP: negateCondition(fs, e); break;
            case VRELOC: case VNONRELOC:
                discharge2anyreg(fs, e);
                fs.freeExp(e);
                e.info = fs.codeABC(OP_NOT, 0, e.info, 0);
                e.k = VRELOC;
                break;
            default: throw new IllegalStateException("cannot happen");
        }
        int temp = e.f;
        e.f = e.t;
        e.t = temp;
        fs.removeValues(e.f);
        fs.removeValues(e.t);
    }

    /** Lua: isKstr (short string constant usable as a B/C operand). */
    static boolean isKstr(FuncState fs, ExpDesc e) {
        return e.k == VK && !e.hasJumps() && e.info <= Instr.MAXARG_B
                && fs.k[e.info] instanceof LuaString s && s.length() <= 40;
    }

    static boolean isKint(ExpDesc e) { return e.k == VKINT && !e.hasJumps(); }

    private static boolean isCint(ExpDesc e) {
        return isKint(e) && e.ival >= 0 && e.ival <= Instr.MAXARG_C;
    }

    private static boolean isSCint(ExpDesc e) { return isKint(e) && fitsC(e.ival); }

    /** Lua: isSCnumber; returns the immediate (already offset) or Integer.MIN_VALUE, and sets isfloat[0]. */
    private static int scNumber(ExpDesc e, boolean[] isfloat) {
        long i;
        if (e.k == VKINT) {
            i = e.ival;
        } else if (e.k == VKFLT && LuaNumber.fitsInteger(e.nval)) {
            i = (long) e.nval;
            isfloat[0] = true;
        } else {
            return Integer.MIN_VALUE;
        }
        if (!e.hasJumps() && fitsC(i)) return (int) i + Instr.OFFSET_sC;
        return Integer.MIN_VALUE;
    }

    /** Lua: luaK_indexed. */
    static void indexed(FuncState fs, ExpDesc t, ExpDesc k) {
        if (k.k == VKSTR) str2K(fs, k);
        if (t.k == VUPVAL && !isKstr(fs, k)) exp2anyreg(fs, t);
        if (t.k == VUPVAL) {
            t.indT = t.info;
            t.indIdx = k.info;
            t.k = VINDEXUP;
        } else {
            t.indT = t.k == VLOCAL ? t.ridx : t.info;
            if (isKstr(fs, k)) {
                t.indIdx = k.info;
                t.k = VINDEXSTR;
            } else if (isCint(k)) {
                t.indIdx = (int) k.ival;
                t.k = VINDEXI;
            } else {
                t.indIdx = exp2anyreg(fs, k);
                t.k = VINDEXED;
            }
        }
    }

    // ---------------------------------------------------------------- operators

    private static void codeUnExpVal(FuncState fs, int op, ExpDesc e, int line) {
        int r = exp2anyreg(fs, e);
        fs.freeExp(e);
        e.info = fs.codeABC(op, 0, r, 0);
        e.k = VRELOC;
        fs.fixline(line);
    }

    private static void finishBinExpVal(FuncState fs, ExpDesc e1, ExpDesc e2, int op, int v2,
                                        boolean flip, int line, int mmop, int event) {
        int v1 = exp2anyreg(fs, e1);
        int pc = fs.codeABCk(op, 0, v1, v2, false);
        fs.freeExps(e1, e2);
        e1.info = pc;
        e1.k = VRELOC;
        fs.fixline(line);
        fs.codeABCk(mmop, v1, v2, event, flip);
        fs.fixline(line);
    }

    private static void codeBinExpVal(FuncState fs, int op, ExpDesc e1, ExpDesc e2, int line) {
        int v2 = exp2anyreg(fs, e2);
        finishBinExpVal(fs, e1, e2, op, v2, false, line, OP_MMBIN, (op - OP_ADD) + TM_ADD);
    }

    private static void codeBinI(FuncState fs, int op, ExpDesc e1, ExpDesc e2, boolean flip,
                                 int line, int event) {
        int v2 = (int) e2.ival + Instr.OFFSET_sC;
        finishBinExpVal(fs, e1, e2, op, v2, flip, line, OP_MMBINI, event);
    }

    private static boolean finishBinExpNeg(FuncState fs, ExpDesc e1, ExpDesc e2, int op,
                                           int line, int event) {
        if (!isKint(e2)) return false;
        long i2 = e2.ival;
        if (!(fitsC(i2) && fitsC(-i2))) return false;
        int v2 = (int) i2;
        finishBinExpVal(fs, e1, e2, op, -v2 + Instr.OFFSET_sC, false, line, OP_MMBINI, event);
        fs.code[fs.pc - 1] = Instr.setB(fs.code[fs.pc - 1], v2 + Instr.OFFSET_sC);
        return true;
    }

    private static void swap(ExpDesc e1, ExpDesc e2) {
        ExpDesc tmp = new ExpDesc();
        tmp.copyFrom(e1);
        e1.copyFrom(e2);
        e2.copyFrom(tmp);
    }

    private static void codeArith(FuncState fs, int opr, ExpDesc e1, ExpDesc e2, boolean flip, int line) {
        if (isNumeral(e2) && exp2K(fs, e2)) {
            finishBinExpVal(fs, e1, e2, opr + OP_ADDK, e2.info, flip, line, OP_MMBINK, opr + TM_ADD);
        } else {
            if (flip) swap(e1, e2);
            codeBinExpVal(fs, opr + OP_ADD, e1, e2, line);
        }
    }

    private static void codeCommutative(FuncState fs, int op, ExpDesc e1, ExpDesc e2, int line) {
        boolean flip = false;
        if (isNumeral(e1)) {
            swap(e1, e2);
            flip = true;
        }
        if (op == OPR_ADD && isSCint(e2)) codeBinI(fs, OP_ADDI, e1, e2, flip, line, TM_ADD);
        else codeArith(fs, op, e1, e2, flip, line);
    }

    /**
     * Lua 5.4.8: codebitwise. An integer constant operand becomes the K operand if it fits;
     * otherwise it stays a constant for codeBinExpVal to load after the other operand (5.4.4
     * loaded it first, which clobbered the register of a pending 'or'/'and' operand).
     */
    private static void codeBitwise(FuncState fs, int opr, ExpDesc e1, ExpDesc e2, int line) {
        boolean flip = false;
        if (e1.k == VKINT) {
            swap(e1, e2);
            flip = true;
        }
        if (e2.k == VKINT && exp2K(fs, e2)) {
            finishBinExpVal(fs, e1, e2, opr + OP_ADDK, e2.info, flip, line, OP_MMBINK, opr + TM_ADD);
        } else {
            if (flip) swap(e1, e2);
            codeBinExpVal(fs, opr + OP_ADD, e1, e2, line);
        }
    }

    private static void codeOrder(FuncState fs, int op, ExpDesc e1, ExpDesc e2) {
        int r1, r2;
        boolean[] isfloat = new boolean[1];
        int im = scNumber(e2, isfloat);
        if (im != Integer.MIN_VALUE) {
            r1 = exp2anyreg(fs, e1);
            r2 = im;
            op = (op - OP_LT) + OP_LTI;
        } else if ((im = scNumber(e1, isfloat)) != Integer.MIN_VALUE) {
            r1 = exp2anyreg(fs, e2);
            r2 = im;
            op = op == OP_LT ? OP_GTI : OP_GEI;
        } else {
            r1 = exp2anyreg(fs, e1);
            r2 = exp2anyreg(fs, e2);
        }
        fs.freeExps(e1, e2);
        e1.info = fs.condJump(op, r1, r2, isfloat[0] ? 1 : 0, true);
        e1.k = VJMP;
    }

    private static void codeEq(FuncState fs, int opr, ExpDesc e1, ExpDesc e2) {
        int r1, r2, op;
        boolean[] isfloat = new boolean[1];
        if (e1.k != VNONRELOC) swap(e1, e2);
        r1 = exp2anyreg(fs, e1);
        int im = scNumber(e2, isfloat);
        if (im != Integer.MIN_VALUE) {
            op = OP_EQI;
            r2 = im;
        } else if (exp2RK(fs, e2)) {
            op = OP_EQK;
            r2 = e2.info;
        } else {
            op = OP_EQ;
            r2 = exp2anyreg(fs, e2);
        }
        fs.freeExps(e1, e2);
        e1.info = fs.condJump(op, r1, r2, isfloat[0] ? 1 : 0, opr == OPR_EQ);
        e1.k = VJMP;
    }

    /** Lua: luaK_prefix. */
    static void prefix(FuncState fs, int op, ExpDesc e, int line) {
        dischargeVars(fs, e);
        switch (op) {
            case OPR_MINUS: case OPR_BNOT:
                if (Folding.fold(op == OPR_MINUS ? Folding.UNM : Folding.BNOT, e, FAKE_ZERO)) break;
                codeUnExpVal(fs, op == OPR_MINUS ? OP_UNM : OP_BNOT, e, line);
                break;
            case OPR_LEN:
                codeUnExpVal(fs, OP_LEN, e, line);
                break;
            case OPR_NOT:
                codeNot(fs, e);
                break;
            default:
                throw new IllegalStateException();
        }
    }

    private static final ExpDesc FAKE_ZERO = new ExpDesc().init(VKINT, 0);

    /** Lua: luaK_infix. */
    static void infix(FuncState fs, int op, ExpDesc v) {
        dischargeVars(fs, v);
        switch (op) {
            case OPR_AND: goIfTrue(fs, v); break;
            case OPR_OR: goIfFalse(fs, v); break;
            case OPR_CONCAT: exp2nextreg(fs, v); break;
            case OPR_ADD: case OPR_SUB: case OPR_MUL: case OPR_DIV: case OPR_IDIV:
            case OPR_MOD: case OPR_POW: case OPR_BAND: case OPR_BOR: case OPR_BXOR:
            case OPR_SHL: case OPR_SHR:
                if (!isNumeral(v)) exp2anyreg(fs, v);
                break;
            case OPR_EQ: case OPR_NE:
                if (!isNumeral(v)) exp2RK(fs, v);
                break;
            case OPR_LT: case OPR_LE: case OPR_GT: case OPR_GE:
                if (scNumber(v, new boolean[1]) == Integer.MIN_VALUE) exp2anyreg(fs, v);
                break;
            default:
                throw new IllegalStateException();
        }
    }

    private static void codeConcat(FuncState fs, ExpDesc e1, ExpDesc e2, int line) {
        int ie2 = fs.previousInstruction();
        if (ie2 != -1 && Instr.op(ie2) == OP_CONCAT) {
            int n = Instr.b(ie2);
            fs.freeExp(e2);
            fs.code[fs.pc - 1] = Instr.setB(Instr.setA(ie2, e1.info), n + 1);
        } else {
            fs.codeABC(OP_CONCAT, e1.info, 2, 0);
            fs.freeExp(e2);
            fs.fixline(line);
        }
    }

    /** Lua: luaK_posfix. */
    static void posfix(FuncState fs, int opr, ExpDesc e1, ExpDesc e2, int line) {
        dischargeVars(fs, e2);
        if (opr <= OPR_SHR && Folding.fold(opr, e1, e2)) return;
        switch (opr) {
            case OPR_AND:
                e2.f = fs.concat(e2.f, e1.f);
                e1.copyFrom(e2);
                break;
            case OPR_OR:
                e2.t = fs.concat(e2.t, e1.t);
                e1.copyFrom(e2);
                break;
            case OPR_CONCAT:
                exp2nextreg(fs, e2);
                codeConcat(fs, e1, e2, line);
                break;
            case OPR_ADD: case OPR_MUL:
                codeCommutative(fs, opr, e1, e2, line);
                break;
            case OPR_SUB:
                if (finishBinExpNeg(fs, e1, e2, OP_ADDI, line, OPR_SUB + TM_ADD)) break;
                codeArith(fs, opr, e1, e2, false, line);
                break;
            case OPR_DIV: case OPR_IDIV: case OPR_MOD: case OPR_POW:
                codeArith(fs, opr, e1, e2, false, line);
                break;
            case OPR_BAND: case OPR_BOR: case OPR_BXOR:
                codeBitwise(fs, opr, e1, e2, line);
                break;
            case OPR_SHL:
                if (isSCint(e1)) {
                    swap(e1, e2);
                    codeBinI(fs, OP_SHLI, e1, e2, true, line, TM_SHL);
                } else if (!finishBinExpNeg(fs, e1, e2, OP_SHRI, line, TM_SHL)) {
                    codeBinExpVal(fs, OP_SHL, e1, e2, line);
                }
                break;
            case OPR_SHR:
                if (isSCint(e2)) codeBinI(fs, OP_SHRI, e1, e2, false, line, TM_SHR);
                else codeBinExpVal(fs, OP_SHR, e1, e2, line);
                break;
            case OPR_EQ: case OPR_NE:
                codeEq(fs, opr, e1, e2);
                break;
            case OPR_LT: case OPR_LE:
                codeOrder(fs, (opr - OPR_EQ) + OP_EQ, e1, e2);
                break;
            case OPR_GT: case OPR_GE:
                swap(e1, e2);
                codeOrder(fs, (opr - OPR_NE) + OP_EQ, e1, e2);
                break;
            default:
                throw new IllegalStateException();
        }
    }

    /** Lua: luaK_settablesize. */
    static void setTableSize(FuncState fs, int pc, int ra, int asize, int hsize) {
        int rb = hsize != 0 ? ceilLog2(hsize) + 1 : 0;
        int extra = asize / (Instr.MAXARG_C + 1);
        int rc = asize % (Instr.MAXARG_C + 1);
        fs.code[pc] = Instr.abck(OP_NEWTABLE, ra, rb, rc, extra > 0);
        fs.code[pc + 1] = Instr.ax(OP_EXTRAARG, extra);
    }

    /** Lua: luaO_ceillog2. */
    static int ceilLog2(int x) {
        return 32 - Integer.numberOfLeadingZeros(x - 1);
    }

    /** Lua: luaK_setlist. */
    static void setList(FuncState fs, int base, int nelems, int tostore) {
        if (tostore == MULTRET) tostore = 0;
        if (nelems <= Instr.MAXARG_C) {
            fs.codeABC(OP_SETLIST, base, tostore, nelems);
        } else {
            int extra = nelems / (Instr.MAXARG_C + 1);
            nelems %= Instr.MAXARG_C + 1;
            fs.codeABCk(OP_SETLIST, base, tostore, nelems, true);
            fs.codeExtraArg(extra);
        }
        fs.freereg = base + 1;
    }
}
