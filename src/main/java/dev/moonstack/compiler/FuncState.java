package dev.moonstack.compiler;

import dev.moonstack.code.Instr;
import dev.moonstack.code.OpCode;
import dev.moonstack.value.LocVar;
import dev.moonstack.value.LuaNumber;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.Proto;
import dev.moonstack.value.UpvalDesc;

import java.util.Arrays;

import static dev.moonstack.code.OpCode.*;

/**
 * State of one function being compiled and the low-level emitters of lcode.c that work on
 * it: instructions and their lines, jump lists, registers and the constant table (Lua:
 * FuncState, luaK_code, luaK_jump, luaK_patchlist, luaK_reserveregs, addk ...).
 */
final class FuncState {
    /** Lua: MAXREGS. */
    static final int MAXREGS = 255;
    /** Lua: MAXUPVAL. */
    static final int MAXUPVAL = 255;
    static final int NO_JUMP = ExpDesc.NO_JUMP;
    static final int NO_REG = Instr.NO_REG;

    final Compiler cs;
    final FuncState prev;
    final Proto f = new Proto();
    Scopes.BlockCnt bl;

    int[] code = new int[16];
    int[] lineinfo = new int[16];
    int pc;
    /** Label of the last jump target (Lua: lasttarget). */
    int lasttarget;
    int freereg;
    int maxstacksize = 2;

    Object[] k = new Object[8];
    long[] kn = new long[8];
    int nk;
    Proto[] p = new Proto[4];
    int np;
    UpvalDesc[] upvalues = new UpvalDesc[4];
    int nups;
    LocVar[] locvars = new LocVar[8];
    int ndebugvars;
    /** Active local variables (Lua: nactvar) and the first of them in actvar (Lua: firstlocal). */
    int nactvar;
    final int firstlocal;
    final int firstlabel;
    boolean needclose;

    FuncState(Compiler cs, FuncState prev, int firstlocal, int firstlabel) {
        this.cs = cs;
        this.prev = prev;
        this.firstlocal = firstlocal;
        this.firstlabel = firstlabel;
    }

    // ---------------------------------------------------------------- emission

    /** Lua: luaK_code; the line is the scanner's lastline at this point of the walk. */
    int code(int i) {
        if (pc == code.length) {
            code = Arrays.copyOf(code, pc * 2);
            lineinfo = Arrays.copyOf(lineinfo, pc * 2);
        }
        code[pc] = i;
        lineinfo[pc] = cs.lexer.lastlineAt(cs.mark);
        return pc++;
    }

    int codeABCk(int op, int a, int b, int c, boolean k) { return code(Instr.abck(op, a, b, c, k)); }

    int codeABC(int op, int a, int b, int c) { return code(Instr.abck(op, a, b, c, false)); }

    int codeABx(int op, int a, int bx) { return code(Instr.abx(op, a, bx)); }

    int codeAsBx(int op, int a, int sbx) { return code(Instr.asbx(op, a, sbx)); }

    int codeExtraArg(int a) { return code(Instr.ax(OP_EXTRAARG, a)); }

    /** Lua: luaK_fixline. */
    void fixline(int line) { lineinfo[pc - 1] = line; }

    /** Lua: removelastinstruction. */
    void removeLastInstruction() { pc--; }

    /** Lua: luaK_codek. */
    int codek(int reg, int kidx) {
        if (kidx <= Instr.MAXARG_Bx) return codeABx(OP_LOADK, reg, kidx);
        int p = codeABx(OP_LOADKX, reg, 0);
        codeExtraArg(kidx);
        return p;
    }

    /** Lua: previousinstruction; -1 (an invalid instruction) when it may be a jump target. */
    int previousInstruction() { return pc > lasttarget ? code[pc - 1] : -1; }

    /** Lua: luaK_nil, merging with a previous LOADNIL. */
    void nil(int from, int n) {
        int l = from + n - 1;
        int previous = previousInstruction();
        if (previous != -1 && Instr.op(previous) == OP_LOADNIL) {
            int pfrom = Instr.a(previous);
            int pl = pfrom + Instr.b(previous);
            if ((pfrom <= from && from <= pl + 1) || (from <= pfrom && pfrom <= l + 1)) {
                if (pfrom < from) from = pfrom;
                if (pl > l) l = pl;
                code[pc - 1] = Instr.setB(Instr.setA(previous, from), l - from);
                return;
            }
        }
        codeABC(OP_LOADNIL, from, n - 1, 0);
    }

    /** Lua: luaK_ret. */
    void ret(int first, int nret) {
        int op = nret == 0 ? OP_RETURN0 : nret == 1 ? OP_RETURN1 : OP_RETURN;
        codeABC(op, first, nret + 1, 0);
    }

    // ---------------------------------------------------------------- jumps

    int getJump(int at) {
        int offset = Instr.sj(code[at]);
        return offset == NO_JUMP ? NO_JUMP : at + 1 + offset;
    }

    void fixJump(int at, int dest) {
        int offset = dest - (at + 1);
        if (!(-Instr.OFFSET_sJ <= offset && offset <= Instr.MAXARG_sJ - Instr.OFFSET_sJ)) {
            throw cs.syntaxError("control structure too long");
        }
        code[at] = Instr.setSJ(code[at], offset);
    }

    /** Lua: luaK_concat; returns the new head of list l1. */
    int concat(int l1, int l2) {
        if (l2 == NO_JUMP) return l1;
        if (l1 == NO_JUMP) return l2;
        int list = l1, next;
        while ((next = getJump(list)) != NO_JUMP) list = next;
        fixJump(list, l2);
        return l1;
    }

    /** Lua: luaK_jump. */
    int jump() { return code(Instr.sj(OP_JMP, NO_JUMP)); }

    /** Lua: condjump. */
    int condJump(int op, int a, int b, int c, boolean k) {
        codeABCk(op, a, b, c, k);
        return jump();
    }

    /** Lua: luaK_getlabel. */
    int getLabel() {
        lasttarget = pc;
        return pc;
    }

    /** Lua: getjumpcontrol; the index of the instruction controlling jump 'at'. */
    int jumpControl(int at) {
        return at >= 1 && OpCode.isTest(Instr.op(code[at - 1])) ? at - 1 : at;
    }

    /** Lua: patchtestreg. */
    boolean patchTestReg(int node, int reg) {
        int ic = jumpControl(node);
        int i = code[ic];
        if (Instr.op(i) != OP_TESTSET) return false;
        if (reg != NO_REG && reg != Instr.b(i)) {
            code[ic] = Instr.setA(i, reg);
        } else {
            code[ic] = Instr.abck(OP_TEST, Instr.b(i), 0, 0, Instr.k(i));
        }
        return true;
    }

    void removeValues(int list) {
        for (; list != NO_JUMP; list = getJump(list)) patchTestReg(list, NO_REG);
    }

    void patchListAux(int list, int vtarget, int reg, int dtarget) {
        while (list != NO_JUMP) {
            int next = getJump(list);
            if (patchTestReg(list, reg)) fixJump(list, vtarget);
            else fixJump(list, dtarget);
            list = next;
        }
    }

    /** Lua: luaK_patchlist. */
    void patchList(int list, int target) { patchListAux(list, target, NO_REG, target); }

    /** Lua: luaK_patchtohere. */
    void patchToHere(int list) { patchList(list, getLabel()); }

    /** Lua: luaK_jumpto. */
    void jumpTo(int target) { patchList(jump(), target); }

    // ---------------------------------------------------------------- registers

    /** Lua: luaK_checkstack. */
    void checkStack(int n) {
        int newstack = freereg + n;
        if (newstack > maxstacksize) {
            if (newstack >= MAXREGS) throw cs.syntaxError("function or expression needs too many registers");
            maxstacksize = newstack;
        }
    }

    /** Lua: luaK_reserveregs. */
    void reserveRegs(int n) {
        checkStack(n);
        freereg += n;
    }

    /** Lua: freereg. */
    void freeReg(int reg) {
        if (reg >= cs.sc.nvarstack(this)) freereg--;
    }

    void freeRegs(int r1, int r2) {
        if (r1 > r2) {
            freeReg(r1);
            freeReg(r2);
        } else {
            freeReg(r2);
            freeReg(r1);
        }
    }

    void freeExp(ExpDesc e) {
        if (e.k == ExpDesc.VNONRELOC) freeReg(e.info);
    }

    void freeExps(ExpDesc e1, ExpDesc e2) {
        int r1 = e1.k == ExpDesc.VNONRELOC ? e1.info : -1;
        int r2 = e2.k == ExpDesc.VNONRELOC ? e2.info : -1;
        freeRegs(r1, r2);
    }

    // ---------------------------------------------------------------- constants

    /**
     * Lua: addk. The cache is shared by all functions of the chunk, as Lua's scanner table
     * is, so a stale entry from another function makes a duplicate exactly where Lua does.
     */
    int addk(Object key, Object v, long vn) {
        Integer idx = cs.kcache.get(key);
        if (idx != null) {
            int ki = idx;
            if (ki < nk && k[ki] == v && (v != NumTag.INT && v != NumTag.FLT || rawEqualNum(v, kn[ki], vn))) return ki;
            if (ki < nk && v instanceof LuaString && v.equals(k[ki])) return ki;
        }
        int ki = nk;
        cs.kcache.put(key, ki);
        if (nk == k.length) {
            k = Arrays.copyOf(k, nk * 2);
            kn = Arrays.copyOf(kn, nk * 2);
        }
        k[nk] = v;
        kn[nk] = vn;
        nk++;
        return ki;
    }

    private static boolean rawEqualNum(Object tag, long a, long b) {
        if (tag == NumTag.INT) return a == b;
        return Double.longBitsToDouble(a) == Double.longBitsToDouble(b);
    }

    int stringK(LuaString s) { return addk(s, s, 0); }

    int intK(long n) { return addk(n, NumTag.INT, n); }

    /** Lua: luaK_numberK, with its special key for floats with integral values. */
    int numberK(double r) {
        long bits = Double.doubleToRawLongBits(r);
        if (!LuaNumber.fitsInteger(r)) return addk(r, NumTag.FLT, bits);
        double q = Math.scalb(1.0, -52);
        double key = r == 0 ? q : r + r * q;
        return addk(normKey(key), NumTag.FLT, bits);
    }

    /** A float table key with an integral value is an integer key (Lua: luaV_flttointns in luaH_get). */
    private static Object normKey(double d) {
        return LuaNumber.fitsInteger(d) ? (Object) (long) d : (Object) d;
    }

    int boolK(boolean b) { return addk(b, b, 0); }

    int nilK() { return addk(Compiler.NIL_KEY, null, 0); }

    // ---------------------------------------------------------------- final pass

    /** Lua: finaltarget. */
    private int finalTarget(int i) {
        for (int count = 0; count < 100; count++) {
            int ins = code[i];
            if (Instr.op(ins) != OP_JMP) break;
            i += Instr.sj(ins) + 1;
        }
        return i;
    }

    /** Lua: luaK_finish. */
    void finish() {
        for (int i = 0; i < pc; i++) {
            int ins = code[i];
            switch (Instr.op(ins)) {
                case OP_RETURN0: case OP_RETURN1:
                    if (!(needclose || f.isVararg)) break;
                    ins = Instr.setOp(ins, OP_RETURN);
                    // fall through
                case OP_RETURN: case OP_TAILCALL:
                    if (needclose) ins = Instr.setK(ins, true);
                    if (f.isVararg) ins = Instr.setC(ins, f.numParams + 1);
                    code[i] = ins;
                    break;
                case OP_JMP:
                    fixJump(i, finalTarget(i));
                    break;
                default:
                    break;
            }
        }
    }

    /** Copies the arrays into the Proto (Lua: the shrinkvector calls of close_func). */
    Proto build() {
        f.code = Arrays.copyOf(code, pc);
        f.lineInfo = Arrays.copyOf(lineinfo, pc);
        f.k = Arrays.copyOf(k, nk);
        f.kn = Arrays.copyOf(kn, nk);
        f.p = Arrays.copyOf(p, np);
        f.upvalues = Arrays.copyOf(upvalues, nups);
        f.locVars = Arrays.copyOf(locvars, ndebugvars);
        f.maxStackSize = maxstacksize;
        return f;
    }
}
