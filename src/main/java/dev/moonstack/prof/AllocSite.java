package dev.moonstack.prof;

import dev.moonstack.code.Instr;
import dev.moonstack.code.OpCode;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.Proto;
import dev.moonstack.value.UpVal;
import dev.moonstack.vm.Activation;
import dev.moonstack.vm.LuaThread;

/**
 * The instruction of a running Lua function that made or resized an object (Lua: the pc that
 * lj_debug_frameline reads for memprof), also for the instructions that the executor runs
 * without saving their pc: NEWTABLE, CLOSURE, and the fast paths of the stores that grow a
 * table (SETTABUP, SETTABLE, SETI, SETFIELD, SETLIST). See docs/profiling.md, "Attribution".
 *
 * <p>The activation's saved pc is where the search starts: the instruction itself when it
 * saved it (a slow path), else an earlier one. A closure's CLOSURE instruction is found
 * exactly (each prototype has one), and the upvalues made for it go with it. A table store
 * is the first store into that very table (its register or upvalue holds it while the store
 * runs) from there on; a new table and the parts its constructor makes (no register holds it
 * yet), the first NEWTABLE. The search goes forward, follows
 * the first backward jump that closes a loop around the start, and wraps around at the end.
 */
final class AllocSite {
    /** The activation and pc of the last closure located, for the upvalues made with it. */
    private Activation closureCi;
    private int closurePc;

    /** The pc (0-based) in {@code ci}, the running Lua activation of {@code L}, that made or resized {@code o}. */
    int pc(LuaThread L, Activation ci, Object o, boolean resized) {
        Proto p = ci.closure.p;
        int from = Math.max(0, Math.min(ci.savedPc - 1, p.code.length - 1));
        if (o instanceof LuaClosure && !resized) {
            int pc = closurePc(p, ((LuaClosure) o).p);
            if (pc < 0) return from;
            closureCi = ci;
            closurePc = pc;
            return pc;
        }
        if (o instanceof UpVal) return ci == closureCi ? closurePc : from;
        if (!(o instanceof LuaTable)) return from;
        int pc = resized ? search(L, ci, from, (LuaTable) o, true) : -1;
        if (pc < 0) pc = search(L, ci, from, null, false);    // a part made by the constructor
        return pc < 0 ? from : pc;
    }

    /** The CLOSURE instruction of {@code parent} that makes closures of {@code child}, or -1. */
    private static int closurePc(Proto parent, Proto child) {
        int[] code = parent.code;
        for (int pc = 0; pc < code.length; pc++) {
            int i = code[pc];
            if (Instr.op(i) == OpCode.OP_CLOSURE && parent.p[Instr.bx(i)] == child) return pc;
        }
        return -1;
    }

    /** The first store into {@code t} ({@code resized}) or the first NEWTABLE from {@code from}, in execution order; -1 if none. */
    private static int search(LuaThread L, Activation ci, int from, LuaTable t, boolean resized) {
        int[] code = ci.closure.p.code;
        boolean looped = false;
        int pc = from;
        for (int steps = 0; steps < 2 * code.length; steps++) {
            int i = code[pc], op = Instr.op(i);
            if (resized ? stores(L, ci, i, t) : op == OpCode.OP_NEWTABLE) return pc;
            int target = pc + 1;
            if (op == OpCode.OP_JMP && Instr.sj(i) < 0) target += Instr.sj(i);
            else if (op == OpCode.OP_FORLOOP || op == OpCode.OP_TFORLOOP) target -= Instr.bx(i);
            if (!looped && pc >= from && target <= from) {
                looped = true;                  // the loop around the start runs again
                pc = target;
            } else {
                pc = pc + 1 < code.length ? pc + 1 : 0;
            }
        }
        return -1;
    }

    /** Whether instruction {@code i} of {@code ci} stores into table {@code t}. */
    private static boolean stores(LuaThread L, Activation ci, int i, LuaTable t) {
        int a = Instr.a(i);
        switch (Instr.op(i)) {
            case OpCode.OP_SETTABLE:
            case OpCode.OP_SETI:
            case OpCode.OP_SETFIELD:
            case OpCode.OP_SETLIST:
                return ci.base + a < L.stack.refs.length && L.ref(ci.base + a) == t;
            case OpCode.OP_SETTABUP:
                UpVal u = a < ci.closure.upvals.length ? ci.closure.upvals[a] : null;
                return u != null && u.ref() == t;
            default:
                return false;
        }
    }
}
