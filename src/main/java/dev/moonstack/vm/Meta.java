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
 * <p>The {@code finish...} methods serve the executor: a Lua metamethod is not called by
 * Java recursion but pushed as a frame marked FINISHOP, and {@link FinishOp} completes the
 * instruction when it returns; a Java metamethod completes at once, through the same
 * {@link FinishOp#finish}. They return the activation to continue in. The methods without
 * that prefix serve Java builtins and call metamethods directly.
 */
final class Meta {
    private Meta() {}

    /** Lua: MAXTAGLOOP, the longest __index / __newindex chain. */
    static final int MAX_TAG_LOOP = 2000;

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

    /** Writes the metamethod (nil if none) into slot {@code at}, payload included. */
    static void loadTM(GlobalState G, Object v, int event, ValueStack s, int at) {
        LuaTable mt = G.metatableOf(v);
        if (mt == null || !mt.loadStr(TM.key(event), s.refs, s.nums, at)) s.refs[at] = null;
    }

    /**
     * Calls the function at {@code f} with the arguments up to the top for the executor's
     * current instruction, and finishes that instruction (now, or when the frame returns).
     */
    static Activation invoke(LuaThread L, Activation ci, int f, int nResults) {
        Activation next = Calls.callForOp(L, ci, f, nResults);
        return next == ci ? FinishOp.finish(L, ci) : next;
    }

    /** {@code [ ... ] -> [ ... tm a b ]} at slot {@code f}, ready for {@link #invoke}. */
    static void place3(ValueStack s, int f, Object tm, Object a, long an, Object b, long bn) {
        s.ensure(f + 3);
        s.refs[f] = tm;
        s.nums[f + 1] = an;
        s.refs[f + 1] = a;
        s.nums[f + 2] = bn;
        s.refs[f + 2] = b;
        s.top = f + 3;
    }

    /**
     * Lua: luaV_finishget. t[k] into slot {@code ra}, following {@code __index}. {@code where}
     * names t for the error message (see {@link VarInfo}).
     */
    static Activation finishGet(LuaThread L, Activation ci, Object t, long tn, Object k, long kn, int ra, int where) {
        ValueStack s = L.stack;
        for (int loop = 0; loop < MAX_TAG_LOOP; loop++) {
            Object tm;
            if (t instanceof LuaTable) {
                LuaTable h = (LuaTable) t;
                if (h.load(k, kn, s.refs, s.nums, ra)) return ci;
                tm = fastTM(h.metatable, TM.INDEX);
                if (tm == null) {
                    s.refs[ra] = null;
                    return ci;
                }
            } else {
                tm = tmRef(L.G, t, TM.INDEX);
                if (tm == null) throw RunErrors.typeError(L, t, loop == 0 ? where : VarInfo.NONE, "index");
            }
            if (tm instanceof LuaFunction) {
                place3(s, ci.top, tm, t, tn, k, kn);
                return invoke(L, ci, ci.top, 1);
            }
            t = tm;
            tn = 0;
        }
        throw LuaError.run("'__index' chain too long; possible loop");
    }

    /**
     * {@link #finishGet} for a field name after the executor's fast path missed (GETFIELD,
     * GETTABUP, SELF; other keys go to finishGet at once): while the
     * {@code __index} chain consists of tables (classes and their superclasses, as in
     * {@code obj:method()}), walks it here with the cached {@link LuaTable#index} of each
     * metatable and without the generic key dispatch; anything else goes to finishGet.
     */
    static Activation finishGetField(LuaThread L, Activation ci, Object t, long tn, Object k, int ra, int where) {
        if (t instanceof LuaTable && k instanceof LuaString) {
            LuaString key = (LuaString) k;
            ValueStack s = L.stack;
            LuaTable h = (LuaTable) t;
            for (int loop = 0; loop < MAX_TAG_LOOP; loop++) {
                LuaTable mt = h.metatable;
                Object tm = mt == null ? null : mt.index();
                if (tm == null) {
                    s.refs[ra] = null;
                    return ci;
                }
                if (!(tm instanceof LuaTable)) break;
                h = (LuaTable) tm;
                if (h.loadStr(key, s.refs, s.nums, ra)) return ci;
            }
            return finishGet(L, ci, h, 0, k, 0, ra, where);
        }
        return finishGet(L, ci, t, tn, k, 0, ra, where);
    }

    /** Lua: luaV_finishset. t[k] = v, following {@code __newindex}. */
    static Activation finishSet(LuaThread L, Activation ci, Object t, long tn, Object k, long kn,
                                Object v, long vn, int where) {
        ValueStack s = L.stack;
        for (int loop = 0; loop < MAX_TAG_LOOP; loop++) {
            Object tm;
            if (t instanceof LuaTable) {
                LuaTable h = (LuaTable) t;
                if (h.storeIfPresent(k, kn, v, vn)) return ci;
                tm = fastTM(h.metatable, TM.NEWINDEX);
                if (tm == null) {
                    h.rawset(k, kn, v, vn);
                    return ci;
                }
            } else {
                tm = tmRef(L.G, t, TM.NEWINDEX);
                if (tm == null) throw RunErrors.typeError(L, t, loop == 0 ? where : VarInfo.NONE, "index");
            }
            if (tm instanceof LuaFunction) {
                int f = ci.top;
                place3(s, f, tm, t, tn, k, kn);
                s.ensure(f + 4);
                s.refs[f + 3] = v;
                s.nums[f + 3] = vn;
                s.top = f + 4;
                return invoke(L, ci, f, 0);
            }
            t = tm;
            tn = 0;
        }
        throw LuaError.run("'__newindex' chain too long; possible loop");
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

    /** Lua: lua_gettable. t[k] into slot {@code dest}; may call {@code __index} functions. */
    static void index(LuaThread L, Object t, long tn, Object k, long kn, int dest) {
        ValueStack s = L.stack;
        for (int loop = 0; loop < MAX_TAG_LOOP; loop++) {
            Object tm;
            if (t instanceof LuaTable) {
                LuaTable h = (LuaTable) t;
                if (h.load(k, kn, s.refs, s.nums, dest)) return;
                tm = fastTM(h.metatable, TM.INDEX);
                if (tm == null) {
                    s.refs[dest] = null;
                    return;
                }
            } else {
                tm = tmRef(L.G, t, TM.INDEX);
                if (tm == null) throw RunErrors.typeError(L, t, VarInfo.NONE, "index");
            }
            if (tm instanceof LuaFunction) {
                int f = s.top;
                place3(s, f, tm, t, tn, k, kn);
                Calls.call(L, f, 1);
                L.copy(f, dest);
                s.top = f;
                return;
            }
            t = tm;
            tn = 0;
        }
        throw LuaError.run("'__index' chain too long; possible loop");
    }

    /** Lua: lua_settable. t[k] = v; may call {@code __newindex} functions. */
    static void setIndex(LuaThread L, Object t, long tn, Object k, long kn, Object v, long vn) {
        ValueStack s = L.stack;
        for (int loop = 0; loop < MAX_TAG_LOOP; loop++) {
            Object tm;
            if (t instanceof LuaTable) {
                LuaTable h = (LuaTable) t;
                if (h.storeIfPresent(k, kn, v, vn)) return;
                tm = fastTM(h.metatable, TM.NEWINDEX);
                if (tm == null) {
                    h.rawset(k, kn, v, vn);
                    return;
                }
            } else {
                tm = tmRef(L.G, t, TM.NEWINDEX);
                if (tm == null) throw RunErrors.typeError(L, t, VarInfo.NONE, "index");
            }
            if (tm instanceof LuaFunction) {
                int f = s.top;
                place3(s, f, tm, t, tn, k, kn);
                L.push(v, vn);
                Calls.call(L, f, 0);
                s.top = f;
                return;
            }
            t = tm;
            tn = 0;
        }
        throw LuaError.run("'__newindex' chain too long; possible loop");
    }
}
