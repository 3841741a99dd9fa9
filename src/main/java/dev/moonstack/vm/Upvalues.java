package dev.moonstack.vm;

import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaType;
import dev.moonstack.value.Proto;
import dev.moonstack.value.TM;
import dev.moonstack.value.UpVal;
import dev.moonstack.value.UpvalDesc;
import java.util.function.UnaryOperator;

/**
 * Closures, open upvalues and to-be-closed variables of a coroutine's value stack (Lua: lfunc.c).
 *
 * <p>Closing runs {@code __close} metamethods. From the executor (CLOSE, RETURN) that happens
 * without Java recursion: the metamethod is pushed as a Lua frame marked FINISHOP, and
 * {@link FinishOp} re-executes the instruction to close the next variable. While unwinding an
 * error it happens by Java calls, as Lua's luaD_closeprotected does.
 */
final class Upvalues {
    private Upvalues() {}

    /** Lua: luaF_closure creation in OP_CLOSURE. */
    static LuaClosure newClosure(ValueStack s, Proto p, LuaClosure enclosing, int base) {
        LuaClosure cl = new LuaClosure(p);
        UpvalDesc[] descs = p.upvalues;
        for (int i = 0; i < descs.length; i++) {
            UpvalDesc d = descs[i];
            cl.upvals[i] = d.inStack ? find(s, base + d.index) : enclosing.upvals[d.index];
        }
        return cl;
    }

    /** Lua: luaF_findupval. The open upvalue for slot {@code idx}, created if needed. */
    static UpVal find(ValueStack s, int idx) {
        UpVal prev = null, uv = s.openUpvals;
        while (uv != null && uv.idx >= idx) {
            if (uv.idx == idx) return uv;
            prev = uv;
            uv = uv.next;
        }
        UpVal created = new UpVal(s.refs, s.nums, idx);
        created.next = uv;
        if (prev == null) s.openUpvals = created; else prev.next = created;
        return created;
    }

    /** Lua: luaF_closeupval. Closes the open upvalues at slots {@code >= level}. */
    static void closeUpvals(ValueStack s, int level) {
        UpVal uv;
        while ((uv = s.openUpvals) != null && uv.idx >= level) {
            s.openUpvals = uv.next;
            uv.close();
        }
    }

    /** Lua: luaF_newtbcupval (OP_TBC). Marks slot {@code slot} to be closed. */
    static void newTbc(LuaThread L, Activation ci, int slot) {
        ValueStack s = L.stack;
        Object v = s.refs[slot];
        if (LuaType.isFalse(v)) return;                  // false and nil need no closing
        if (Meta.tmRef(L.G, v, TM.CLOSE) == null) {
            String name = ci.isLua() ? VarInfo.localName(ci.closure.p, slot - ci.funcIdx, ci.savedPc - 1) : null;
            throw LuaError.run("variable '" + (name == null ? "?" : name) + "' got a non-closable value");
        }
        s.pushTbc(slot);
    }

    /**
     * Lua: luaF_close from OP_CLOSE / OP_RETURN. Closes upvalues and to-be-closed variables from
     * slot {@code level} up. Returns {@code ci} when done, or the frame of a Lua {@code __close}
     * method to run first (the instruction is then repeated by FinishOp).
     */
    static Activation closeInExecutor(LuaThread L, Activation ci, int level) {
        ValueStack s = L.stack;
        closeUpvals(s, level);
        while (s.lastTbc() >= level) {
            int slot = s.popTbc();
            int at = Math.max(s.top, ci.top);
            placeCloseCall(L, slot, at, null, 0);
            Activation callee = Calls.callForOp(L, ci, at, 0);
            if (callee != ci) return callee;
        }
        return ci;
    }

    /** [ ... ] -> [ ... tm obj err ] at slot {@code at}: the call of obj's {@code __close}. */
    static void placeCloseCall(LuaThread L, int slot, int at, Object errR, long errN) {
        ValueStack s = L.stack;
        s.ensure(at + 3);
        Object obj = s.refs[slot];
        Meta.loadTM(L.G, obj, TM.CLOSE, s, at);
        s.refs[at + 1] = obj;
        s.nums[at + 1] = s.nums[slot];
        s.refs[at + 2] = errR;
        s.nums[at + 2] = errN;
        s.top = at + 3;
    }

    /**
     * Closes everything from {@code level} up while an error unwinds (Lua: luaD_closeprotected):
     * each {@code __close} gets the current error and runs as a protected call under the
     * message {@code handler} (if any), as under Lua's errfunc; an error in one replaces the
     * error and closing goes on. The call stack has already been cut back to the catching
     * activation. Returns the error to report.
     */
    static LuaError closeForError(LuaThread L, int level, LuaError err, UnaryOperator<LuaError> handler) {
        ValueStack s = L.stack;
        closeUpvals(s, level);
        while (s.lastTbc() >= level) {
            int slot = s.popTbc();
            placeCloseCall(L, slot, slot + 1, err.ref, err.num);
            LuaError e = Unwinder.protectedCall(L, slot + 1, 0, -1, handler, true);
            if (e != null) err = e;
        }
        return err;
    }
}
