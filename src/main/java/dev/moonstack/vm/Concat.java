package dev.moonstack.vm;

import dev.moonstack.code.Instr;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.MemoryAccount;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.TM;

/**
 * OP_CONCAT (Lua: lvm.c luaV_concat): concatenates the values in {@code [top - total, top)}
 * from the right, collecting runs of strings and numbers into one new string, and calling
 * {@code __concat} for anything else. The result ends in the first slot.
 *
 * <p>A {@code __concat} call is pushed at the current concat top, above the operands still to
 * be joined, so that when it returns, {@link #afterTM} knows from the stack top where the
 * concatenation stood (as Lua's luaV_finishOp does).
 */
final class Concat {
    private Concat() {}

    static Activation concat(LuaThread L, Activation ci, int top, int total) {
        ValueStack s = L.stack;
        while (total > 1) {
            Object a = s.refs[top - 2], b = s.refs[top - 1];
            if (!isStringLike(a) || !isStringLike(b)) {
                Activation next = callTM(L, ci, top);
                if (next != ci) return next;
                L.copy(top, top - 2);                      // result of a Java metamethod
            } else {
                int n = joinRun(L, s, top, total);
                top -= n - 1;
                total -= n - 1;
                continue;
            }
            top--;
            total--;
        }
        return ci;
    }

    private static boolean isStringLike(Object v) { return v instanceof LuaString || v instanceof NumTag; }

    /** Joins the longest run of strings/numbers ending at top-1 into slot top-n; returns n. */
    private static int joinRun(LuaThread L, ValueStack s, int top, int total) {
        int n = 0;
        long len = 0;
        while (n < total && isStringLike(s.refs[top - n - 1])) {
            len += asString(s, top - n - 1).length();
            n++;
        }
        if (len > Integer.MAX_VALUE - 16) throw LuaError.run("string length overflow");
        if (len >= 1 << 16) L.G.interrupts.poll(len);   // long work: charged to the budget first
        MemoryAccount.reserve(len);
        byte[] out = new byte[(int) len];
        int pos = 0;
        for (int i = top - n; i < top; i++) {
            byte[] b = ((LuaString) s.refs[i]).bytes();
            System.arraycopy(b, 0, out, pos, b.length);
            pos += b.length;
        }
        s.refs[top - n] = LuaString.wrap(out);
        return n;
    }

    /** Converts a number in slot i to its string in place (as Lua's tostring macro does). */
    private static LuaString asString(ValueStack s, int i) {
        Object v = s.refs[i];
        if (v instanceof LuaString) return (LuaString) v;
        LuaString str = Coerce.numberToString(v, s.nums[i]);
        s.refs[i] = str;
        return str;
    }

    /** Lua: luaT_tryconcatTM. Calls __concat over slots top-2 and top-1, pushed at top. */
    private static Activation callTM(LuaThread L, Activation ci, int top) {
        ValueStack s = L.stack;
        Object a = s.refs[top - 2], b = s.refs[top - 1];
        Object tm = Meta.tmOfEither(L.G, a, b, TM.CONCAT);
        if (tm == null) throw RunErrors.concatError(L, a, top - 2, b, top - 1);
        Meta.place3(s, top, tm, a, s.nums[top - 2], b, s.nums[top - 1]);
        return Calls.callForOp(L, ci, top, 1);
    }

    /** FinishOp for CONCAT: the metamethod's result is at the top; go on joining. */
    static Activation afterTM(LuaThread L, Activation ci, int inst) {
        ValueStack s = L.stack;
        int ctop = s.top - 1;                              // where the call was pushed
        L.copy(ctop, ctop - 2);
        int first = ci.base + Instr.a(inst);
        int top = ctop - 1;
        return concat(L, ci, top, top - first);
    }
}
