package dev.moonstack.vm;

import static dev.moonstack.code.OpCode.*;

import dev.moonstack.code.Instr;
import dev.moonstack.code.OpCode;
import dev.moonstack.value.LocVar;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.Proto;
import dev.moonstack.value.TM;

/**
 * Names for values and functions in error messages, found by reading the bytecode backwards
 * from the current instruction (Lua: ldebug.c, getobjname / funcnamefromcode / varinfo).
 * Runs only on error and debug paths.
 *
 * <p>Where a value came from is passed around as an int: a stack slot (>= 0), {@link #NONE},
 * or {@link #upvalue}(i) for upvalue i of the running function.
 */
final class VarInfo {
    private VarInfo() {}

    static final int NONE = -1;

    static int upvalue(int i) { return -2 - i; }

    /** Lua: luaF_getlocalname. {@code n} is 1-based among the locals active at {@code pc}. */
    static String localName(Proto p, int n, int pc) {
        LocVar[] vars = p.locVars;
        if (vars == null) return null;
        for (int i = 0; i < vars.length && vars[i].startPc <= pc; i++) {
            if (pc < vars[i].endPc && --n == 0) return vars[i].name.toString();
        }
        return null;
    }

    static String upvalueName(Proto p, int i) {
        LuaString s = i < p.upvalues.length ? p.upvalues[i].name : null;
        return s == null ? "?" : s.toString();
    }

    /** Lua: getobjname. Returns the kind ("local", "global", ...) and sets name[0], or null. */
    static String objName(Proto p, int lastPc, int reg, String[] name) {
        name[0] = localName(p, reg + 1, lastPc);
        if (name[0] != null) return "local";
        int pc = findSetReg(p, lastPc, reg);
        if (pc == -1) return null;
        int i = p.code[pc];
        switch (Instr.op(i)) {
            case OP_MOVE:
                return Instr.b(i) < Instr.a(i) ? objName(p, pc, Instr.b(i), name) : null;
            case OP_GETTABUP:
                name[0] = constantName(p, Instr.c(i));
                return upvalueName(p, Instr.b(i)).equals("_ENV") ? "global" : "field";
            case OP_GETTABLE:
                name[0] = registerConstantName(p, pc, Instr.c(i));
                return tableKind(p, pc, Instr.b(i));
            case OP_GETI:
                name[0] = "integer index";
                return "field";
            case OP_GETFIELD:
                name[0] = constantName(p, Instr.c(i));
                return tableKind(p, pc, Instr.b(i));
            case OP_GETUPVAL:
                name[0] = upvalueName(p, Instr.b(i));
                return "upvalue";
            case OP_LOADK:
            case OP_LOADKX: {
                int b = Instr.op(i) == OP_LOADK ? Instr.bx(i) : Instr.ax(p.code[pc + 1]);
                if (!(p.k[b] instanceof LuaString)) return null;
                name[0] = constantName(p, b);
                return "constant";
            }
            case OP_SELF:
                name[0] = Instr.k(i) ? constantName(p, Instr.c(i)) : registerConstantName(p, pc, Instr.c(i));
                return "method";
            default:
                return null;
        }
    }

    /**
     * Lua 5.4.8: isEnv for a table in a register: "global" only when that register is the
     * local or upvalue named _ENV (a field or constant called "_ENV" does not count).
     */
    private static String tableKind(Proto p, int pc, int t) {
        String[] tn = new String[1];
        String kind = objName(p, pc, t, tn);
        boolean variable = "local".equals(kind) || "upvalue".equals(kind);
        return variable && "_ENV".equals(tn[0]) ? "global" : "field";
    }

    /**
     * Lua: kname. Lua formats names as C strings, so a name with an embedded zero byte shows
     * only up to it.
     */
    private static String constantName(Proto p, int k) {
        if (!(p.k[k] instanceof LuaString)) return "?";
        String s = p.k[k].toString();
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    /** Lua: rname. The name of a register if it holds a constant string, else "?". */
    private static String registerConstantName(Proto p, int pc, int reg) {
        String[] n = new String[1];
        String what = objName(p, pc, reg, n);
        return "constant".equals(what) ? n[0] : "?";
    }

    /** Lua: findsetreg. The last instruction before lastPc that set reg, or -1. */
    static int findSetReg(Proto p, int lastPc, int reg) {
        int setReg = -1, jmpTarget = 0;
        if (OpCode.isMM(Instr.op(p.code[lastPc]))) lastPc--;   // previous instruction did not finish
        for (int pc = 0; pc < lastPc; pc++) {
            int i = p.code[pc];
            int op = Instr.op(i), a = Instr.a(i);
            boolean change;
            switch (op) {
                case OP_LOADNIL: change = a <= reg && reg <= a + Instr.b(i); break;
                case OP_TFORCALL: change = reg >= a + 2; break;
                case OP_CALL:
                case OP_TAILCALL: change = reg >= a; break;
                case OP_JMP: {
                    int dest = pc + 1 + Instr.sj(i);
                    if (dest <= lastPc && dest > jmpTarget) jmpTarget = dest;
                    change = false;
                    break;
                }
                default: change = OpCode.setsA(op) && reg == a;
            }
            if (change) setReg = pc < jmpTarget ? -1 : pc;
        }
        return setReg;
    }

    /** Lua: funcnamefromcode. Kind of the function called by the instruction at pc. */
    static String funcNameFromCode(Proto p, int pc, String[] name) {
        int i = p.code[pc];
        int tm;
        switch (Instr.op(i)) {
            case OP_CALL:
            case OP_TAILCALL: return objName(p, pc, Instr.a(i), name);
            case OP_TFORCALL:
                name[0] = "for iterator";
                return "for iterator";
            case OP_SELF: case OP_GETTABUP: case OP_GETTABLE: case OP_GETI: case OP_GETFIELD:
                tm = TM.INDEX; break;
            case OP_SETTABUP: case OP_SETTABLE: case OP_SETI: case OP_SETFIELD:
                tm = TM.NEWINDEX; break;
            case OP_MMBIN: case OP_MMBINI: case OP_MMBINK: tm = Instr.c(i); break;
            case OP_UNM: tm = TM.UNM; break;
            case OP_BNOT: tm = TM.BNOT; break;
            case OP_LEN: tm = TM.LEN; break;
            case OP_CONCAT: tm = TM.CONCAT; break;
            case OP_EQ: tm = TM.EQ; break;
            case OP_LT: case OP_LTI: case OP_GTI: tm = TM.LT; break;
            case OP_LE: case OP_LEI: case OP_GEI: tm = TM.LE; break;
            case OP_CLOSE: case OP_RETURN: tm = TM.CLOSE; break;
            default: return null;
        }
        name[0] = TM.shortName(tm);
        return "metamethod";
    }

    /** Lua: funcnamefromcall. Kind of the function that {@code caller} is calling now. */
    static String funcNameFromCall(Activation caller, String[] name) {
        if ((caller.flags & Activation.HOOKED) != 0) {
            name[0] = "?";
            return "hook";
        }
        if ((caller.flags & Activation.FINALIZER) != 0) {
            name[0] = "__gc";
            return "metamethod";
        }
        if (!caller.isLua()) return null;
        return funcNameFromCode(caller.closure.p, caller.savedPc - 1, name);
    }

    /** Lua: varinfo. " (kind 'name')" for a value of the running Lua function, or "". */
    static String varInfo(Activation ci, int where) {
        if (where == NONE || !ci.isLua()) return "";
        String[] name = new String[1];
        String kind;
        Proto p = ci.closure.p;
        if (where <= -2) {
            name[0] = upvalueName(p, -2 - where);
            kind = "upvalue";
        } else {
            int reg = where - ci.base;
            if (reg < 0 || where >= ci.top) return "";
            kind = objName(p, ci.savedPc - 1, reg, name);
        }
        return kind == null ? "" : " (" + kind + " '" + name[0] + "')";
    }
}
