package dev.moonstack.vm;

import static dev.moonstack.code.OpCode.*;

import dev.moonstack.code.Instr;
import dev.moonstack.value.LuaType;

/**
 * Completes the instruction that called a metamethod or a {@code __close} method, once that
 * call has returned (Lua: luaV_finishOp). The one place where the result of such a call is
 * put where the instruction wanted it: a register, a conditional jump, the rest of a
 * concatenation, or the repetition of CLOSE/RETURN to close the next variable.
 */
final class FinishOp {
    private FinishOp() {}

    /** {@code ci} is the Lua activation whose instruction at savedPc-1 made the call. */
    static Activation finish(LuaThread L, Activation ci) {
        int[] code = ci.closure.p.code;
        int inst = code[ci.savedPc - 1];
        ValueStack s = L.stack;
        switch (Instr.op(inst)) {
            case OP_MMBIN: case OP_MMBINI: case OP_MMBINK:
                L.copy(s.top - 1, ci.base + Instr.a(code[ci.savedPc - 2]));
                break;
            case OP_UNM: case OP_BNOT: case OP_LEN: case OP_GETTABUP: case OP_GETTABLE:
            case OP_GETI: case OP_GETFIELD: case OP_SELF:
                L.copy(s.top - 1, ci.base + Instr.a(inst));
                break;
            case OP_LT: case OP_LE: case OP_LTI: case OP_LEI: case OP_GTI: case OP_GEI: case OP_EQ: {
                boolean res = !LuaType.isFalse(s.refs[s.top - 1]);
                if ((ci.flags & Activation.LEQ) != 0) {   // __lt answered for __le (Lua: CIST_LEQ)
                    ci.flags &= ~Activation.LEQ;
                    res = !res;
                }
                Compare.condJump(ci, res, Instr.k(inst));
                break;
            }
            case OP_CONCAT:
                return Concat.afterTM(L, ci, inst);
            case OP_CLOSE:
                ci.savedPc--;                             // close the next variable
                break;
            case OP_RETURN:
                s.top = ci.base + Instr.a(inst) + ci.nres;
                ci.savedPc--;                             // close the rest, then return
                break;
            default:                                      // SETTABUP, SETTABLE, SETI, SETFIELD
                break;
        }
        return ci;
    }
}
