package dev.moonstack.vm;

import dev.moonstack.code.Instr;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaTable;

/** Table construction for the executor (Lua: OP_NEWTABLE, OP_SETLIST). */
final class TableOps {
    private TableOps() {}

    /** Size hints beyond 2^24 (only a corrupted binary chunk has them) are capped. */
    private static final int MAX_HINT_LOG2 = 24;

    /** OP_NEWTABLE A B C k with its EXTRAARG: B is log2(hash size)+1, C (+ extra) the array size. */
    static LuaTable newTable(int i, int extra) {
        int b = Instr.b(i), c = Instr.c(i);
        if (b > 0) b = 1 << Math.min(b - 1, MAX_HINT_LOG2);
        if (Instr.k(i)) c += Instr.ax(extra) * (Instr.MAXARG_C + 1);
        return new LuaTable(Math.min(c, 1 << MAX_HINT_LOG2), b);   // hints only: tables grow later
    }

    /**
     * OP_SETLIST A B C k: {@code R[A][C+j] := R[A+j]} for 1 <= j <= B (B = 0: up to the top);
     * returns the pc, past the EXTRAARG when k is set.
     */
    static int setList(ValueStack s, Activation ci, int[] code, int pc, int ra, int i) {
        int nb = Instr.b(i);
        int last = Instr.c(i);
        if (nb == 0) nb = s.top - ra - 1;
        if (Instr.k(i)) last += Instr.ax(code[pc++]) * (Instr.MAXARG_C + 1);
        if (!(s.refs[ra] instanceof LuaTable)) throw LuaError.run("bad code: SETLIST on a non-table");
        ((LuaTable) s.refs[ra]).setList(last + 1, s.refs, s.nums, ra + 1, nb);
        return pc;
    }
}
