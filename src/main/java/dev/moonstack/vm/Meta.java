package dev.moonstack.vm;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.TM;

/**
 * Metamethod lookup (Lua: ltm.c luaT_gettm, luaT_gettmbyobj) and the slow paths of indexing
 * and calling (Lua: lvm.c luaV_finishget, luaV_finishset; ldo.c luaD_tryfuncTM).
 *
 * <h2>Walks: one slow path, three callers</h2>
 *
 * Each metamethod slow path is written once, as a <em>walk</em> ({@code walk...} here,
 * in {@link Compare} and in {@link Arith}). A walk looks for the raw result and the
 * metamethod and ends in one of two ways:
 * <ul>
 * <li>a raw result: written into the destination slot ({@code dest}), or for comparisons
 *     returned as 1 (true) or 0 (false); boolean walks return false;
 * <li>a call decision: the metamethod and its operands are placed at the call slot
 *     {@code f}, {@code [ ... ] -> [ ... tm a b ]} or {@code [ ... ] -> [ ... tm a b c ]},
 *     with the top just above them; boolean walks return true, comparisons
 *     {@link #CALL_TM}.
 * </ul>
 * Errors (no metamethod, a chain too long) are raised by the walk. A walk calls nothing,
 * allocates nothing, and is given no activation, so its caller decides how to call:
 * <ul>
 * <li>the executor, with {@code f = ci.top} (above the running frame), turns the decision
 *     into a frame: {@link #invoke}, and {@link FinishOp} completes the instruction when the
 *     metamethod returns. The GET instructions call their walk and invoke themselves,
 *     {@code if (walkGet(..., ci.top)) ci = invoke(L, ci, ci.top, 1);}: a missing key, or a
 *     method found in a class, is common, and this keeps it one call from the loop. The
 *     others call a method here or in Compare and Arith that does the same
 *     ({@link #finishSet}, {@link Compare#order}, {@link Compare#eq},
 *     {@link Arith#tryBinTM} ...) and returns the activation to continue in;
 * <li>Java builtins, with {@code f = top}, call it at once ({@link #callTM},
 *     {@link Calls#call}: {@link #index}, {@link #setIndex}, {@link Compare#lessWithTM},
 *     {@link Compare#equalsWithTM}, {@link Arith#arithWithTM}, {@link LuaOps#len});
 * <li>a compiled tier will be the third caller of the same walks.
 * </ul>
 */
final class Meta {
    private Meta() {}

    /** Lua: MAXTAGLOOP, the longest __index / __newindex chain. */
    static final int MAX_TAG_LOOP = 2000;

    /** A comparison walk's answer "call the metamethod placed at the call slot". */
    static final int CALL_TM = 2;
    /** "Call it, and the answer is the negation of its truth": {@code __lt} standing in for {@code __le}. */
    static final int CALL_TM_NOT = 3;

    /** Lua: fasttm. The metamethod for {@code event} in metatable {@code mt}, or null. */
    static Object fastTM(LuaTable mt, int event) {
        if (mt == null) return null;
        if (event <= TM.EQ && (mt.tmAbsent & (1 << event)) != 0) return null;
        Object tm = mt.getStrRef(TM.key(event));
        if (tm == null && event <= TM.EQ) mt.tmAbsent |= 1 << event;
        return tm;
    }

    /** Lua: luaT_gettmbyobj. The metamethod of any value, or null. */
    static Object tmRef(GlobalState G, Object v, int event) { return fastTM(G.metatableOf(v), event); }

    /** The metamethod of the first operand, else of the second (Lua: luaT_callorderTM's lookup), or null. */
    static Object tmOfEither(GlobalState G, Object a, Object b, int event) {
        Object tm = fastTM(G.metatableOf(a), event);
        return tm != null ? tm : fastTM(G.metatableOf(b), event);
    }

    /** Writes the metamethod (nil if none) into slot {@code at}, payload included. */
    static void loadTM(GlobalState G, Object v, int event, ValueStack s, int at) {
        LuaTable mt = G.metatableOf(v);
        if (mt == null || !mt.loadStr(TM.key(event), s.refs, s.nums, at)) s.refs[at] = null;
    }

    /** {@code [ ... ] -> [ ... tm a b ]} at slot {@code f}, top after b: a walk's call decision. */
    static void place3(ValueStack s, int f, Object tm, Object a, long an, Object b, long bn) {
        s.ensure(f + 3);
        s.refs[f] = tm;
        s.nums[f + 1] = an;
        s.refs[f + 1] = a;
        s.nums[f + 2] = bn;
        s.refs[f + 2] = b;
        s.top = f + 3;
    }

    // ---------------------------------------------------------------- making the call

    /**
     * Executor: calls the function at {@code f} with the arguments up to the top for the
     * current instruction of {@code ci}, and finishes that instruction, now (a Java function)
     * or when its frame returns (a Lua function, FINISHOP). Returns the activation to go on in.
     */
    static Activation invoke(LuaThread L, Activation ci, int f, int nResults) {
        Activation next = Calls.callForOp(L, ci, f, nResults);
        return next == ci ? FinishOp.finish(L, ci) : next;
    }

    /**
     * Java builtins: calls the metamethod a walk placed at {@code f} (Lua: luaT_callTMres),
     * {@code [ ... tm a b ] -> [ ... ]} with its first result in slot {@code dest}
     * ({@code dest < 0}: no result wanted).
     */
    static void callTM(LuaThread L, int f, int dest) {
        Calls.call(L, f, dest < 0 ? 0 : 1);
        if (dest >= 0) L.copy(f, dest);
        L.stack.top = f;
    }

    /** {@link #callTM} for a comparison: {@code [ ... tm a b ] -> [ ... ]}, the truth of the result. */
    static boolean callTMTruth(LuaThread L, int f) {
        Calls.call(L, f, 1);
        ValueStack s = L.stack;
        Object res = s.refs[f];
        s.top = f;
        return res != null && res != Boolean.FALSE;
    }

    // ---------------------------------------------------------------- walks

    /**
     * The executor's slow path of GETTABLE and GETI: {@link #walkGet} with the walk's
     * {@code __index} call, if any, made a frame at the activation's top (Lua: luaV_finishget
     * from the VM). Returns the activation to continue with. Not written out in the loop: its
     * bytes count against C2's inlining budget for the whole loop (docs/execution.md).
     */
    static Activation get(LuaThread L, Activation ci, Object t, long tn, Object k, long kn, int dest, int where) {
        return walkGet(L, t, tn, k, kn, dest, where, ci.top) ? invoke(L, ci, ci.top, 1) : ci;
    }

    /** As {@link #get}, for GETFIELD, GETTABUP and SELF (string keys; {@link #walkGetField}). */
    static Activation getField(LuaThread L, Activation ci, Object t, long tn, Object k, int dest, int where) {
        return walkGetField(L, t, tn, k, dest, where, ci.top) ? invoke(L, ci, ci.top, 1) : ci;
    }

    /**
     * Lua: luaV_finishget. t[k] following {@code __index}: the value into slot {@code dest}
     * (returns false), or {@code [ ... ] -> [ ... tm t k ]} at {@code f} (returns true).
     * {@code where} names t for the error message (see {@link VarInfo}).
     */
    static boolean walkGet(LuaThread L, Object t, long tn, Object k, long kn, int dest, int where, int f) {
        ValueStack s = L.stack;
        for (int loop = 0; loop < MAX_TAG_LOOP; loop++) {
            Object tm;
            if (t instanceof LuaTable) {
                LuaTable h = (LuaTable) t;
                if (h.load(k, kn, s.refs, s.nums, dest)) return false;
                tm = fastTM(h.metatable, TM.INDEX);
                if (tm == null) {
                    s.refs[dest] = null;
                    return false;
                }
            } else {
                tm = tmRef(L.G, t, TM.INDEX);
                if (tm == null) throw RunErrors.typeError(L, t, loop == 0 ? where : VarInfo.NONE, "index");
            }
            if (tm instanceof LuaFunction) {
                place3(s, f, tm, t, tn, k, kn);
                return true;
            }
            t = tm;
            tn = 0;
        }
        throw LuaError.run("'__index' chain too long; possible loop");
    }

    /**
     * {@link #walkGet} for a field name: while the {@code __index} chain consists of tables
     * (classes and their superclasses, as in {@code obj:method()}), walks it here with the
     * cached {@link LuaTable#index} of each metatable and without the generic key dispatch;
     * anything else goes on in walkGet. Same results and stack effect.
     */
    static boolean walkGetField(LuaThread L, Object t, long tn, Object k, int dest, int where, int f) {
        if (t instanceof LuaTable && k instanceof LuaString) {
            LuaString key = (LuaString) k;
            ValueStack s = L.stack;
            LuaTable h = (LuaTable) t;
            for (int loop = 0; loop < MAX_TAG_LOOP; loop++) {
                LuaTable mt = h.metatable;
                Object tm = mt == null ? null : mt.index();
                if (tm == null) {
                    s.refs[dest] = null;
                    return false;
                }
                if (!(tm instanceof LuaTable)) break;
                h = (LuaTable) tm;
                if (h.loadStr(key, s.refs, s.nums, dest)) return false;
            }
            return walkGet(L, h, 0, k, 0, dest, where, f);
        }
        return walkGet(L, t, tn, k, 0, dest, where, f);
    }

    /**
     * Lua: luaV_finishset. t[k] = v following {@code __newindex}: stored (returns false), or
     * {@code [ ... ] -> [ ... tm t k v ]} at {@code f} (returns true).
     */
    static boolean walkSet(LuaThread L, Object t, long tn, Object k, long kn, Object v, long vn, int where, int f) {
        ValueStack s = L.stack;
        for (int loop = 0; loop < MAX_TAG_LOOP; loop++) {
            Object tm;
            if (t instanceof LuaTable) {
                LuaTable h = (LuaTable) t;
                if (h.storeIfPresent(k, kn, v, vn)) return false;
                tm = fastTM(h.metatable, TM.NEWINDEX);
                if (tm == null) {
                    h.rawset(k, kn, v, vn);
                    return false;
                }
            } else {
                tm = tmRef(L.G, t, TM.NEWINDEX);
                if (tm == null) throw RunErrors.typeError(L, t, loop == 0 ? where : VarInfo.NONE, "index");
            }
            if (tm instanceof LuaFunction) {
                place3(s, f, tm, t, tn, k, kn);
                L.push(v, vn);
                return true;
            }
            t = tm;
            tn = 0;
        }
        throw LuaError.run("'__newindex' chain too long; possible loop");
    }

    // ---------------------------------------------------------------- for the executor

    /** The SET instructions (Lua: luaV_finishset): {@link #walkSet}, a call made a frame at {@code ci.top}. */
    static Activation finishSet(LuaThread L, Activation ci, Object t, long tn, Object k, long kn,
                                Object v, long vn, int where) {
        int f = ci.top;
        return walkSet(L, t, tn, k, kn, v, vn, where, f) ? invoke(L, ci, f, 0) : ci;
    }

    /**
     * Lua: luaD_tryfuncTM. The value at {@code funcIdx} is not a function: inserts its
     * {@code __call} metamethod below the arguments,
     * {@code [ ... v a1 .. an ] -> [ ... tm v a1 .. an ]}, or raises "attempt to call".
     */
    static void tryFuncTM(LuaThread L, int funcIdx) {
        ValueStack s = L.stack;
        Object v = s.refs[funcIdx];
        Object tm = tmRef(L.G, v, TM.CALL);
        if (tm == null) throw RunErrors.callError(L, v, funcIdx);
        s.ensure(s.top + 1);
        System.arraycopy(s.refs, funcIdx, s.refs, funcIdx + 1, s.top - funcIdx);
        System.arraycopy(s.nums, funcIdx, s.nums, funcIdx + 1, s.top - funcIdx);
        s.top++;
        s.refs[funcIdx] = tm;
        s.nums[funcIdx] = 0;
    }

    // ---------------------------------------------------------------- for Java builtins

    /** Lua: lua_gettable. t[k] into slot {@code dest}: {@link #walkGet}, a call made at once. */
    static void index(LuaThread L, Object t, long tn, Object k, long kn, int dest) {
        int f = L.stack.top;
        if (walkGet(L, t, tn, k, kn, dest, VarInfo.NONE, f)) callTM(L, f, dest);
    }

    /** Lua: lua_settable. t[k] = v: {@link #walkSet}, a call made at once. */
    static void setIndex(LuaThread L, Object t, long tn, Object k, long kn, Object v, long vn) {
        int f = L.stack.top;
        if (walkSet(L, t, tn, k, kn, v, vn, VarInfo.NONE, f)) callTM(L, f, -1);
    }
}
