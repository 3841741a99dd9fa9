package dev.moonstack.code;

import dev.moonstack.value.LuaString;
import dev.moonstack.value.Proto;
import dev.moonstack.value.TM;
import dev.moonstack.value.UpvalDesc;

import static dev.moonstack.code.Instr.*;
import static dev.moonstack.code.OpCode.*;

/**
 * Checks that loaded code keeps within its function (Lua: luai_verifycode, empty in Lua,
 * whose loader trusts its input): every operand names an existing register, constant,
 * upvalue or function, every jump and skip lands on an instruction, instructions that
 * read the next one have it, and nothing runs past the end. These are the assumptions the
 * executor makes without checking; code that luac writes always meets them.
 */
final class CodeCheck {
    private CodeCheck() {}

    /** Checks {@code p} and its nested functions; a failure is "bad binary format (bad code)". */
    static void check(Proto p, Undump u) {
        if (problem(p) != null) throw u.error("bad code");
        for (Proto c : p.p) check(c, u);
    }

    /** What is wrong with the code of {@code p} itself (not its nested functions), or null. */
    static String problem(Proto p) {
        int n = p.code.length;
        if (n == 0 || p.numParams > p.maxStackSize) return "no code or too many parameters";
        if (p.isVararg && op(p.code[0]) != OP_VARARGPREP) return "vararg function without VARARGPREP";
        for (Proto c : p.p) {   // CLOSURE takes their upvalues from this function's registers and upvalues
            for (UpvalDesc u : c.upvalues) {
                if (u.index >= (u.inStack ? p.maxStackSize : p.upvalues.length)) return "bad upvalue of a nested function";
            }
        }
        boolean[] extra = new boolean[n + 1];   // slots holding an EXTRAARG operand
        boolean[] noEntry = new boolean[n + 1]; // slots no jump may land on (those and open-top users)
        for (int pc = 0; pc < n; pc++) {
            int i = p.code[pc];
            if (op(i) >= NUM_OPCODES || (op(i) == OP_EXTRAARG) != extra[pc]) return "bad opcode at " + (pc + 1);
            if (extra[pc]) continue;
            if (!operands(p, pc, i)) return "bad operand at " + (pc + 1);
            if (takesExtraArg(i)) {
                if (pc + 1 >= n) return "no EXTRAARG after " + (pc + 1);
                extra[pc + 1] = noEntry[pc + 1] = true;
            }
            if (usesOpenTop(i)) {
                if (pc == 0 || !opensTop(p.code[pc - 1])) return "no open result before " + (pc + 1);
                noEntry[pc] = true;
            }
        }
        for (int pc = 0; pc < n; pc++) {
            if (!extra[pc] && !successors(p.code, pc, extra, noEntry)) return "bad successor of " + (pc + 1);
        }
        return needsClose(p) ? returnsWithoutClose(p, extra) : null;
    }

    /**
     * Lua: fs->needclose. A function needs to close something when it returns if a nested
     * function captures one of its registers or it has a to-be-closed variable (TBC, or the
     * closing value of a generic for); luac then marks every RETURN and TAILCALL with k and
     * never uses RETURN0 or RETURN1 (luaK_finish). Without that, a return would leave open
     * upvalues pointing at dead stack slots.
     */
    private static boolean needsClose(Proto p) {
        for (Proto c : p.p) for (UpvalDesc u : c.upvalues) if (u.inStack) return true;
        for (int i : p.code) if (op(i) == OP_TBC || op(i) == OP_TFORPREP) return true;
        return false;
    }

    private static String returnsWithoutClose(Proto p, boolean[] extra) {
        for (int pc = 0; pc < p.code.length; pc++) {
            int i = p.code[pc];
            if (extra[pc]) continue;
            boolean plain = op(i) == OP_RETURN0 || op(i) == OP_RETURN1;
            if (plain || ((op(i) == OP_RETURN || op(i) == OP_TAILCALL) && !k(i))) return "return without closing at " + (pc + 1);
        }
        return null;
    }

    private static boolean takesExtraArg(int i) {
        return op(i) == OP_LOADKX || op(i) == OP_NEWTABLE || (op(i) == OP_SETLIST && k(i));
    }

    /** An instruction whose count 0 means "up to the top" the previous one left. */
    private static boolean usesOpenTop(int i) {
        switch (op(i)) {
            case OP_CALL: case OP_TAILCALL: case OP_RETURN: case OP_SETLIST: return b(i) == 0;
            default: return false;
        }
    }

    /** An instruction leaving a variable number of values up to the top. */
    private static boolean opensTop(int i) {
        switch (op(i)) {
            case OP_CALL: case OP_VARARG: return c(i) == 0;
            case OP_TAILCALL: return true;
            default: return false;
        }
    }

    /**
     * Where control may go after {@code pc}: the next instruction (unless it holds an
     * EXTRAARG operand), and jump targets, which must be instructions one may jump to.
     */
    private static boolean successors(int[] code, int pc, boolean[] extra, boolean[] noEntry) {
        int i = code[pc];
        int n = code.length;
        boolean next = pc + 1 < n && !extra[pc + 1];
        switch (op(i)) {
            case OP_RETURN: case OP_RETURN0: case OP_RETURN1:
                return true;
            case OP_JMP:
                return lands(pc + 1L + sj(i), n, noEntry);
            case OP_LOADKX: case OP_NEWTABLE: case OP_LFALSESKIP:
                return lands(pc + 2L, n, noEntry);
            case OP_SETLIST:
                return k(i) ? lands(pc + 2L, n, noEntry) : next;
            case OP_FORPREP:
                return next && lands(pc + 2L + bx(i), n, noEntry);
            case OP_FORLOOP: case OP_TFORLOOP:
                return next && lands(pc + 1L - bx(i), n, noEntry);
            case OP_TFORPREP:
                return lands(pc + 1L + bx(i), n, noEntry);
            default:
                break;
        }
        if (isTest(op(i))) {   // the next instruction is the jump taken; otherwise it is skipped
            if (pc + 1 >= n || op(code[pc + 1]) != OP_JMP) return false;
            return lands(pc + 2L, n, noEntry) && lands(pc + 2L + sj(code[pc + 1]), n, noEntry);
        }
        if (op(i) >= OP_ADDI && op(i) <= OP_SHR) {   // success skips the MMBIN that follows
            return next && lands(pc + 2L, n, noEntry);
        }
        return next;
    }

    private static boolean lands(long target, int n, boolean[] noEntry) {
        return target >= 0 && target < n && !noEntry[(int) target];
    }

    /** The operands of instruction {@code i} at {@code pc} against the sizes of {@code p}. */
    private static boolean operands(Proto p, int pc, int i) {
        int a = a(i), b = b(i), c = c(i);
        switch (op(i)) {
            case OP_MOVE: case OP_UNM: case OP_BNOT: case OP_NOT: case OP_LEN:
            case OP_GETI: case OP_ADDI: case OP_SHRI: case OP_SHLI:
                return reg(p, a) && reg(p, b);
            case OP_LOADI: case OP_LOADF: case OP_LOADFALSE: case OP_LFALSESKIP:
            case OP_LOADTRUE: case OP_TBC: case OP_TEST: case OP_EQI: case OP_LTI:
            case OP_LEI: case OP_GTI: case OP_GEI:
                return reg(p, a);
            case OP_JMP: return true;
            case OP_LOADK: return reg(p, a) && bx(i) < p.k.length;
            case OP_LOADKX: return reg(p, a) && pc + 1 < p.code.length && ax(p.code[pc + 1]) < p.k.length;
            case OP_LOADNIL: return reg(p, a + b);
            case OP_GETUPVAL: case OP_SETUPVAL: return reg(p, a) && b < p.upvalues.length;
            case OP_GETTABUP: return reg(p, a) && b < p.upvalues.length && str(p, c);
            case OP_SETTABUP: return a < p.upvalues.length && str(p, b) && rk(p, i, c);
            case OP_GETTABLE: case OP_ADD: case OP_SUB: case OP_MUL: case OP_MOD: case OP_POW:
            case OP_DIV: case OP_IDIV: case OP_BAND: case OP_BOR: case OP_BXOR: case OP_SHL:
            case OP_SHR:
                return reg(p, a) && reg(p, b) && reg(p, c);
            case OP_GETFIELD: return reg(p, a) && reg(p, b) && str(p, c);
            case OP_SETTABLE: return reg(p, a) && reg(p, b) && rk(p, i, c);
            case OP_SETI: return reg(p, a) && rk(p, i, c);
            case OP_SETFIELD: return reg(p, a) && str(p, b) && rk(p, i, c);
            case OP_NEWTABLE: case OP_CLOSURE:
                return reg(p, a) && (op(i) == OP_NEWTABLE || bx(i) < p.p.length);
            case OP_SELF: return reg(p, a + 1) && reg(p, b) && (k(i) ? str(p, c) : reg(p, c));
            case OP_ADDK: case OP_SUBK: case OP_MULK: case OP_MODK: case OP_POWK: case OP_DIVK:
            case OP_IDIVK: case OP_BANDK: case OP_BORK: case OP_BXORK:
                return reg(p, a) && reg(p, b) && c < p.k.length;
            case OP_MMBIN: return reg(p, a) && reg(p, b) && event(c);
            case OP_MMBINI: return reg(p, a) && event(c);
            case OP_MMBINK: return reg(p, a) && b < p.k.length && event(c);
            case OP_CONCAT: return b >= 2 && reg(p, a + b - 1);
            case OP_CLOSE: return a <= p.maxStackSize;
            case OP_EQ: case OP_LT: case OP_LE: case OP_TESTSET: return reg(p, a) && reg(p, b);
            case OP_EQK: return reg(p, a) && b < p.k.length;
            default: return calls(p, pc, i);
        }
    }

    /** Operands of calls, returns, loops, SETLIST and varargs. */
    private static boolean calls(Proto p, int pc, int i) {
        int a = a(i), b = b(i), c = c(i);
        int varargC = p.isVararg ? p.numParams + 1 : 0;   // luaK_finish's mark of vararg functions
        switch (op(i)) {
            case OP_CALL: return reg(p, a) && (b == 0 || reg(p, a + b - 1)) && (c < 2 || reg(p, a + c - 2));
            case OP_TAILCALL: return reg(p, a) && (b == 0 || reg(p, a + b - 1)) && c == varargC;
            case OP_RETURN: return (b < 2 ? a <= p.maxStackSize : reg(p, a + b - 2)) && c == varargC;
            case OP_RETURN0: return !p.isVararg;
            case OP_RETURN1: return !p.isVararg && reg(p, a);
            case OP_FORLOOP: case OP_FORPREP: case OP_TFORPREP: return reg(p, a + 3);
            case OP_TFORCALL: return reg(p, a + 6) && reg(p, a + 3 + c);
            case OP_TFORLOOP: return reg(p, a + 4);
            case OP_SETLIST: return reg(p, a + b);
            case OP_VARARG: return a <= p.maxStackSize && (c < 2 || reg(p, a + c - 2));
            case OP_VARARGPREP: return pc == 0 && p.isVararg;
            default: return false;
        }
    }

    private static boolean reg(Proto p, int r) { return r < p.maxStackSize; }

    private static boolean rk(Proto p, int i, int c) { return k(i) ? c < p.k.length : reg(p, c); }

    private static boolean str(Proto p, int kidx) { return kidx < p.k.length && p.k[kidx] instanceof LuaString; }

    /** The metamethod events of arithmetic and bitwise operators. */
    private static boolean event(int c) { return c >= TM.ADD && c <= TM.SHR; }
}
