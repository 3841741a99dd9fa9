package dev.moonstack.vm;

import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.Proto;
import dev.moonstack.value.UpVal;

/**
 * The executor's side of a compiled tier: the hook a tier installs ({@link GlobalState#tier}),
 * the trampoline that runs compiled bodies on the same stacks and activations, and the
 * operations their generated code calls.
 *
 * <p>A compiled body runs one activation from a re-entry point (its first instruction, the
 * one after a CALL, or a loop head) until it must leave: a return, a call it cannot make
 * itself, or an instruction whose fast path does not apply. Then it returns the activation
 * to continue in, exactly as a slow path of {@link Executor#dispatch} does, and the
 * trampoline ({@link #run}) either enters the next compiled body or hands the activation
 * back to the executor, which interprets it from its {@code savedPc}. So the interpreter can
 * take over at any instruction: leaving at an instruction that needs a slow path
 * ("deoptimizing") is {@code savedPc = pc; return ci}, and the interpreter runs that
 * instruction again, slow path included. Nothing of a slow path is written twice. The
 * trampoline runs inside a slow path of the executor (a call, a return, the interrupt
 * countdown), so an error thrown by compiled code unwinds exactly as one thrown there.
 *
 * <p>A call from a compiled body to a compiled Lua function is a direct Java call of the
 * callee's body from the caller's ({@link #call}), on the same activations, up to
 * {@link #MAX_DIRECT} deep; a callee that has to leave (a deeper call, a deoptimization, a
 * yield) makes every Java frame of the chain return, down to the trampoline, each caller
 * marked so that the callee's return re-enters it ({@link #back}). So no Lua state is ever
 * only in a Java frame, and the Java stack a Lua call chain takes stays bounded.
 *
 * <p>Each operation here is the interpreter's fast path for one instruction, over absolute
 * stack slots; the generated code passes decoded operands as constants, so that HotSpot
 * specializes each call site once it inlines it.
 */
public final class Tier {
    private Tier() {}

    private static final Object INT = NumTag.INT;
    private static final Object FLT = NumTag.FLT;

    /** What a compiled tier installs in {@link GlobalState#tier}. */
    public interface Hook {
        /**
         * The compiled body to run Lua activation {@code ci} from {@code pc}, or null
         * (interpret). At pc 0 this is a call, which the tier counts for hotness (and may
         * compile the function now); a call of a function whose body is published in
         * {@link Proto#compiled} does not ask (see {@link #first}).
         */
        Body body(LuaThread L, Activation ci, int pc);

        /**
         * The executor's interrupt slow path polled {@code ci}, an interpreted Lua activation
         * about to run instruction {@code pc}: a window of the countdown ended in it, which the
         * tier counts for hotness (a loop, most likely; and may compile the function now).
         * Returns the compiled body to go on in if {@code pc} is one of its re-entry points.
         */
        Body loop(LuaThread L, Activation ci, int pc);

        /** Whether a compiled body goes on after a poll (false: the interpreter takes over; a test mode). */
        default boolean goOn() { return true; }
    }

    /** The compiled code of one prototype (a hidden class made by the tier). */
    public interface Body {
        /**
         * Runs activation {@code ci}, the running one of {@code L}, from re-entry point
         * {@code pc}; returns the activation to continue in, as the executor's slow paths do.
         */
        Activation run(LuaThread L, Activation ci, int pc);
    }

    /**
     * Calls.enterLua, called by the executor, and Executor.execute, for a call from Java:
     * activation {@code ci} was just pushed. Runs it compiled if its prototype has (or now
     * gets) a body, else returns it.
     */
    static Activation entered(LuaThread L, Activation ci) {
        if (L.hookMask != 0) return ci;
        Body b = first(L, ci);
        return b == null ? ci : run(L, ci, b);
    }

    /**
     * The body to run Lua activation {@code ci} from its first instruction (a call), or null:
     * the one its prototype holds ({@link Proto#compiled}, one field load), else the tier's
     * answer, which counts the call (and may compile the function now). A function the
     * debugger checks stays interpreted, so that its calls land in the debugger.
     */
    private static Body first(LuaThread L, Activation ci) {
        Proto p = ci.closure.p;
        Object b = p.compiled;
        if (b == null) return L.G.tier.body(L, ci, 0);
        return p.checked() ? null : (Body) b;
    }

    /**
     * Calls.poscall: a callee of a compiled activation returned to {@code caller} through the
     * executor: its compiled body goes on at the instruction after the call.
     */
    static Activation returned(LuaThread L, Activation caller) {
        Hook t = L.G.tier;
        if (!L.G.tierOn || L.hookMask != 0 || !caller.isLua()) return caller;
        Body b = t.body(L, caller, caller.savedPc);
        return b == null ? caller : run(L, caller, b);
    }

    /**
     * Interrupts.service, in the executor: the countdown ran out in interpreted Lua activation
     * {@code ci} at {@code ci.savedPc}. Returns true when compiled code ran from there (the
     * activation to continue in is then {@link Interrupts#suspended}'s). Never right after
     * compiled code left at this instruction: the interpreter runs it first (else a body
     * leaving at a re-entry point, in the mode that serves every instruction, would loop).
     */
    static boolean polled(LuaThread L, Activation ci) {
        if (L.leftCompiled) {
            L.leftCompiled = false;
            return false;
        }
        if (L.hookMask != 0 || !ci.isLua()) return false;
        Body b = L.G.tier.loop(L, ci, ci.savedPc);
        if (b == null) return false;
        Interrupts it = L.G.interrupts;
        it.afterSuspend = run(L, ci, b);
        it.serveFirst = true;
        return true;
    }

    /**
     * While {@code on}, the executor serves its countdown before every instruction, so that
     * the tier sees an interpreted loop reach its head (see {@link Hook#loop}).
     */
    public static void seek(LuaThread L, boolean on) {
        L.G.interrupts.seekLoop = on;
    }

    /**
     * The trampoline: runs compiled bodies one after the other (a callee, then its caller
     * again after the return) while the next activation is a Lua activation of the same
     * coroutine, at a re-entry point of a compiled body, with no hooks; returns the first
     * one that is not, for the executor.
     */
    private static Activation run(LuaThread L, Activation ci, Body b) {
        int direct = L.G.directCalls;
        try {
            for (;;) {
                ci = b.run(L, ci, ci.savedPc);
                if (L.deopted) {                  // the interpreter goes on at that instruction, even if
                    L.deopted = false;            // it is a re-entry point (else this would loop)
                    L.leftCompiled = true;
                    return ci;
                }
                Hook t = L.G.tier;
                if (!L.G.tierOn || ci == null || ci.thread != L || L.hookMask != 0 || !ci.isLua()
                        || L.calls.current() != ci || (b = t.body(L, ci, ci.savedPc)) == null) {
                    return ci;
                }
            }
        } catch (Throwable e) {                   // the direct calls above are gone (see call)
            L.G.directCalls = direct;
            throw e;
        }
    }

    // ------------------------------------------------------------ leaving a compiled body

    /** The countdown of a compiled body's polls when it is entered (see {@link Interrupts#reload}). */
    public static int window(LuaThread L) {
        return L.G.interrupts.reload(L);
    }

    /** Counts {@code ran} instructions run by compiled code (for the budget; no hooks run compiled). */
    public static void count(LuaThread L, int ran) {
        L.G.interrupts.executed += ran;
    }

    /**
     * The poll at a backward jump or call, before instruction {@code pc}: the interrupt slow
     * path with the pc saved. Returns the next window, or 0 when the body must leave: hooks
     * were set (run interpreted from {@code pc}) or a hook suspended the coroutine.
     */
    public static int poll(LuaThread L, Activation ci, int pc, int ran) {
        ci.savedPc = pc;
        int epoch = L.hookEpoch;
        int next = Interrupts.serviceAt(L, ci, ran);
        if (next == Interrupts.SUSPENDED) {
            L.G.interrupts.leftSuspended = true;
            return 0;
        }
        return L.hookMask != 0 || L.hookEpoch != epoch || !L.G.tier.goOn() ? 0 : next;
    }

    /** After {@link #poll} returned 0: the activation to continue in. */
    public static Activation leave(LuaThread L, Activation ci) {
        L.deopted = true;
        Interrupts it = L.G.interrupts;
        if (!it.leftSuspended) return ci;
        it.leftSuspended = false;
        return Interrupts.suspended(L);
    }

    /** Leaves at instruction {@code pc}, which the interpreter runs next (its slow path). */
    public static Activation deopt(LuaThread L, Activation ci, int pc, int ran) {
        L.deopted = true;
        ci.savedPc = pc;
        count(L, ran);
        return ci;
    }

    /**
     * Java frames of compiled bodies called directly by compiled bodies, at most (see
     * {@link #call}): deeper calls go through the trampoline, so that the Java stack a Lua
     * call chain takes stays bounded, whatever its Lua depth.
     */
    static final int MAX_DIRECT = Integer.getInteger("moonstack.jit.maxdirect", 200);

    /**
     * What {@link #call} and {@link #back} return when the call has completed and the compiled
     * caller goes on at the next instruction, in its own Java frame. Never on a call stack.
     */
    public static final Activation GO_ON = new Activation(null, -1);

    /**
     * OP_CALL {@code A B C} from compiled code, with the pc saved as {@code pc} (after the
     * call). A Lua callee's activation is pushed, as the executor pushes it. If the callee has
     * a compiled body, no hooks are set and fewer than {@link #MAX_DIRECT} direct calls are
     * running, returns that {@link Body}: the caller calls its {@code run} itself (a direct
     * Java call, which C2 may inline) and hands the result to {@link #back}. Otherwise the
     * callee is marked so that its return re-enters the caller's body, and returned (for the
     * trampoline). Anything else is called as the executor calls it: {@link #GO_ON} when it
     * has completed, else the activation to continue in.
     */
    public static Object call(LuaThread L, Activation ci, int base, int a, int b, int c, int pc, int ran) {
        ci.savedPc = pc;
        count(L, ran);
        int ra = base + a;
        if (b != 0) L.stack.top = ra + b;
        return invoke(L, ci, ra, c - 1);
    }

    /**
     * The call of {@link #call} and {@link #forCall}: R[ra] with the arguments up to the top,
     * {@code nResults} results; returns as {@link #call} does.
     */
    private static Object invoke(LuaThread L, Activation ci, int ra, int nResults) {
        Object f = L.stack.refs[ra];
        if (f instanceof LuaClosure) {
            Activation callee = Calls.enterLua(L, (LuaClosure) f, ra, nResults, 0);
            callee.flags |= Activation.COMPILED_CALLER;
            if (L.hookMask != 0 || L.G.directCalls >= MAX_DIRECT) return callee;   // the trampoline's
            Body body = first(L, callee);                  // counts the call if not compiled
            if (body == null) {                            // interpreted: the trampoline would only ask
                L.deopted = true;                          // (and count) again
                return callee;
            }
            callee.flags &= ~Activation.COMPILED_CALLER;
            L.G.directCalls++;
            return body;
        }
        Activation next = Calls.precall(L, ci, ra, nResults);
        if (next != ci) return next;
        // as Interrupts.settle after a builtin: a slow builtin in a compiled loop would
        // otherwise see the host's interrupt only after a whole window of calls
        if (L.G.interrupts.stopping()) Interrupts.serviceAt(L, ci, 0);
        return goOn(L, ci);
    }

    /**
     * OP_TAILCALL {@code A B C k} from compiled code, {@code pc} after it, as the executor does
     * it ({@link Calls#tailcall}). A Lua callee replaces {@code ci} (at its pc 0): {@code ci} is
     * returned, and the trampoline runs the callee's body if it has one. Anything else is
     * called with all its results kept: {@link #GO_ON} when it has completed (the RETURN that
     * follows returns them), else the activation to continue in.
     */
    public static Activation tailcall(LuaThread L, Activation ci, int base, int a, int b, int c, boolean k,
                                      int pc, int ran) {
        ci.savedPc = pc;
        count(L, ran);
        Activation next = Calls.tailcall(L, ci, base + a, b, c, k);
        return next != ci || ci.savedPc == 0 ? next : goOn(L, ci);
    }

    /** The callee of a direct call (see {@link #call}): the running activation. */
    public static Activation callee(LuaThread L) {
        return L.calls.current();
    }

    /**
     * A direct call from {@code ci}'s body returned {@code next}. The callee has returned if
     * {@code next} is {@code ci}: {@link #GO_ON}. Otherwise it left its body with its
     * activation still on the call stack (a call through the trampoline, a deoptimization, a
     * yield): the caller's Java frame returns {@code next} too, down to the trampoline, and
     * the callee is marked so that its return re-enters the caller's body there.
     */
    public static Activation back(Activation next, LuaThread L, Activation ci) {
        L.G.directCalls--;
        if (next == ci) return goOn(L, ci);
        L.calls.at(ci.depth + 1).flags |= Activation.COMPILED_CALLER;
        return next;
    }

    /** A call from {@code ci} completed: {@link #GO_ON}, or leave for the interpreter if hooks were set or the tier turned off. */
    private static Activation goOn(LuaThread L, Activation ci) {
        if (L.G.tierOn && L.hookMask == 0) return GO_ON;
        L.deopted = true;
        return ci;
    }

    /**
     * OP_RETURN, OP_RETURN0, OP_RETURN1 ({@code b} = 1, 2; {@code c}, {@code k} 0): returns
     * to the trampoline, which goes on in a compiled caller itself (not through
     * Calls.poscall, which would nest trampolines). RETURN0 and RETURN1 take {@link #retN}.
     */
    public static Activation ret(LuaThread L, Activation ci, int base, int a, int b, int c, boolean k, int pc, int ran) {
        ci.savedPc = pc;
        count(L, ran);
        ci.flags &= ~Activation.COMPILED_CALLER;
        return Calls.returnOp(L, ci, base + a, b, c, k);
    }

    /**
     * OP_RETURN0 ({@code b} 1) and OP_RETURN1 ({@code b} 2, the result at {@code ra}), as
     * {@link #ret}. Into a Lua caller that wants as many results, with nothing to report
     * (flags exactly {@code LUA}: no return hook or profiler, no pcall, metamethod, coroutine
     * or Java caller waiting), the result is moved and the activation popped here, as the
     * executor's inline RETURN0/RETURN1 do; else {@link Calls#poscall}. A method of its own,
     * small, so that C2 inlines it at every return of a body (the same fast path inside
     * {@link #ret}, in front of returnOp, measured slower).
     */
    public static Activation retN(LuaThread L, Activation ci, int ra, int b, int pc, int ran) {
        ci.savedPc = pc;
        count(L, ran);
        int flags = ci.flags &= ~Activation.COMPILED_CALLER;
        if (flags == Activation.LUA && ci.nResults == b - 1) {
            ValueStack s = L.stack;
            if (b == 1) s.top = ci.funcIdx;       // Calls.moveResults for 0 results
            else move(s.refs, s.nums, ci.funcIdx, ra);   // for 1 (a Lua caller does not read the top)
            return L.calls.pop();
        }
        return Calls.poscall(L, ci, ra, b - 1);
    }

    // ------------------------------------------------------------ instructions

    /** OP_MOVE. */
    public static void move(Object[] r, long[] n, int ra, int rb) {
        n[ra] = n[rb];
        Object v = r[rb];
        if (r[ra] != v) r[ra] = v;   // tag
    }

    /** OP_LOADI, OP_LOADF, OP_LOADK, OP_LOADKX: a number or constant into R[A]. */
    public static void load(Object[] r, long[] n, int ra, Object v, long vn) {
        n[ra] = vn;
        if (r[ra] != v) r[ra] = v;   // tag
    }

    /** OP_LOADNIL {@code A B}. */
    public static void loadNil(Object[] r, int ra, int b) {
        for (int j = ra + b; j >= ra; j--) r[j] = null;
    }

    /** OP_GETUPVAL. */
    public static void getUpval(Object[] r, long[] n, int ra, UpVal[] up, int b) {
        UpVal uv = up[b];
        n[ra] = uv.nums[uv.idx];
        Object v = uv.refs[uv.idx];
        if (r[ra] != v) r[ra] = v;   // tag
    }

    /** OP_SETUPVAL. */
    public static void setUpval(Object[] r, long[] n, int ra, UpVal[] up, int b) {
        UpVal uv = up[b];
        uv.nums[uv.idx] = n[ra];
        uv.refs[uv.idx] = r[ra];
    }

    /** The table of OP_GETTABUP / OP_SETTABUP. */
    public static Object upvalue(UpVal[] up, int b) {
        UpVal uv = up[b];
        return uv.refs[uv.idx];
    }

    /**
     * The inline cache of one string-keyed site of a compiled body (GETTABUP, GETFIELD, SELF):
     * the node where its key was found last, in whichever table held it (the object, or the
     * {@code __index} table of a method), and the key object found there. Objects made by the
     * same constructor share their layout, so one hint serves many tables; a site that sees
     * many layouts just moves its hint at each miss. See {@link LuaTable#loadAt}.
     */
    public static final class Site {
        int node;
        Object key;
    }

    /**
     * OP_GETTABUP, OP_GETFIELD, OP_SELF with a string key, {@code pc} after the instruction:
     * t[k] of a table, through a chain of {@code __index} tables (classes and superclasses,
     * as the executor's {@link Meta#walkGetField}); false when t is not a table or an
     * {@code __index} function must be called (the interpreter runs the instruction again).
     * The site's hint is tried first (one identity check); see {@link #getStrMiss}.
     */
    public static boolean getStr(Object t, Object key, Object[] r, long[] n, int ra, LuaThread L, Activation ci, int pc,
                                 Site s) {
        if (!(t instanceof LuaTable)) return false;
        if (((LuaTable) t).loadAt(s.node, s.key, r, n, ra)) return true;
        return getStrMiss((LuaTable) t, (LuaString) key, r, n, ra, L, ci, pc, s);
    }

    /**
     * The hint missed: t[k] by hashing, then one {@code __index} table with the hint (a method
     * of a class: the object must still be probed, since it may hold the key itself), the hint
     * moved to wherever the key was found; else the whole chain as the executor walks it.
     */
    private static boolean getStrMiss(LuaTable h, LuaString key, Object[] r, long[] n, int ra, LuaThread L,
                                      Activation ci, int pc, Site s) {
        int j = h.loadStrNode(key, r, n, ra);
        if (j < 0) {
            LuaTable mt = h.metatable;
            Object tm = mt == null ? null : mt.index();
            if (!(tm instanceof LuaTable)) return walk(h, key, L, ci, pc, ra);
            LuaTable c = (LuaTable) tm;
            if (c.loadAt(s.node, s.key, r, n, ra)) return true;
            j = c.loadStrNode(key, r, n, ra);
            if (j < 0) return walk(h, key, L, ci, pc, ra);
            h = c;
        }
        s.node = j;
        s.key = h.nodeKey(j);
        return true;
    }

    /** t[k] through the {@code __index} chain of table {@code h}, as the executor's slow path. */
    private static boolean walk(LuaTable h, LuaString key, LuaThread L, Activation ci, int pc, int ra) {
        ci.savedPc = pc;                          // "'__index' chain too long" has a position
        return !Meta.walkGetField(L, h, 0, key, ra, VarInfo.NONE, ci.top);   // a table: no error names t
    }

    /** OP_GETI. */
    public static boolean getInt(Object t, long key, Object[] r, long[] n, int ra) {
        return t instanceof LuaTable && ((LuaTable) t).loadInt(key, r, n, ra);
    }

    /** OP_GETTABLE. */
    public static boolean get(Object t, Object key, long keyn, Object[] r, long[] n, int ra) {
        return t instanceof LuaTable && ((LuaTable) t).load(key, keyn, r, n, ra);
    }

    /** OP_SETTABLE, OP_SETI (and a string key without a site): false when a metamethod may be needed. */
    public static boolean set(Object t, Object key, long keyn, Object v, long vn) {
        return t instanceof LuaTable && ((LuaTable) t).fastSet(key, keyn, v, vn);
    }

    /**
     * OP_SETTABUP, OP_SETFIELD with a string key: t[k] := v through the site's hint when k is
     * present with a value (see {@link LuaTable#storeAt}), else as {@link #set}, the hint moved
     * to where k was found.
     */
    public static boolean setStr(Object t, Object key, long keyn, Object v, long vn, Site s) {
        if (!(t instanceof LuaTable)) return false;
        LuaTable h = (LuaTable) t;
        if (h.storeAt(s.node, s.key, v, vn)) return true;
        int j = h.storeStrNode((LuaString) key, v, vn);
        if (j < 0) return h.setAbsent(key, keyn, v, vn);
        s.node = j;
        s.key = h.nodeKey(j);
        return true;
    }

    /** OP_ADD: false when an operand is not a number (the MMBIN that follows runs interpreted). */
    public static boolean add(Object[] r, long[] n, int ra, int rb, int rc) {
        if (r[rb] == INT && r[rc] == INT) return putInt(r, n, ra, n[rb] + n[rc]);
        return Arith.addF(r, n, ra, rb, rc);
    }

    /** OP_SUB. */
    public static boolean sub(Object[] r, long[] n, int ra, int rb, int rc) {
        if (r[rb] == INT && r[rc] == INT) return putInt(r, n, ra, n[rb] - n[rc]);
        return Arith.subF(r, n, ra, rb, rc);
    }

    /** OP_MUL. */
    public static boolean mul(Object[] r, long[] n, int ra, int rb, int rc) {
        if (r[rb] == INT && r[rc] == INT) return putInt(r, n, ra, n[rb] * n[rc]);
        return Arith.mulF(r, n, ra, rb, rc);
    }

    /** OP_ADDI. */
    public static boolean addI(Object[] r, long[] n, int ra, int rb, int imm) {
        if (r[rb] == INT) return putInt(r, n, ra, n[rb] + imm);
        if (r[rb] != FLT) return false;
        n[ra] = Double.doubleToRawLongBits(Double.longBitsToDouble(n[rb]) + imm);
        if (r[ra] != FLT) r[ra] = FLT;   // tag
        return true;
    }

    private static boolean putInt(Object[] r, long[] n, int ra, long v) {
        n[ra] = v;
        if (r[ra] != INT) r[ra] = INT;   // tag
        return true;
    }

    /**
     * The other arithmetic and bitwise instructions (event {@code TM.*}): {@link Arith#arith},
     * with the pc saved first, since integer division and modulo by zero throw.
     */
    public static boolean arith(Activation ci, int pc, int event, Object ta, long a, Object tb, long b,
                                Object[] r, long[] n, int ra) {
        ci.savedPc = pc;
        return Arith.arith(event, ta, a, tb, b, r, n, ra);
    }

    /** OP_UNM on an integer; false otherwise (run interpreted). */
    public static boolean unm(Object[] r, long[] n, int ra, int rb) {
        return r[rb] == INT && putInt(r, n, ra, -n[rb]);
    }

    /** OP_NOT. */
    public static void not(Object[] r, int ra, int rb) {
        Object v = r[rb];
        r[ra] = v == null || v == Boolean.FALSE ? Boolean.TRUE : Boolean.FALSE;
    }

    /** Lua's truth (OP_TEST, OP_TESTSET). */
    public static boolean truthy(Object v) {
        return v != null && v != Boolean.FALSE;
    }

    /** OP_LT, OP_LE: 1 or 0, -1 when not two numbers. */
    public static int less(Object[] r, long[] n, int ra, int rb, boolean le) {
        if (r[ra] == INT && r[rb] == INT) return (le ? n[ra] <= n[rb] : n[ra] < n[rb]) ? 1 : 0;
        return Compare.numOrder(r, n, ra, rb, le);
    }

    /** OP_EQK, OP_EQI: 1 or 0. */
    public static int eqK(Object ta, long a, Object tk, long kv) {
        if (ta == tk && ta != FLT) return ta != INT || a == kv ? 1 : 0;
        return Compare.rawEq(ta, a, tk, kv) == 1 ? 1 : 0;
    }

    /** OP_LTI, OP_LEI, OP_GTI, OP_GEI (instruction {@code i}): 1 or 0, -1 when not a number. */
    public static int imm(int i, Object t, long v) {
        return Compare.immTest(i, t, v);
    }

    /** OP_FORPREP: true when the loop does not run; may throw (the pc is saved first). */
    public static boolean forPrep(Activation ci, int pc, Object[] r, long[] n, int ra) {
        ci.savedPc = pc;
        return ForLoop.prep(r, n, ra);
    }

    /** OP_FORLOOP: true when the loop goes on. */
    public static boolean forLoop(Object[] r, long[] n, int ra) {
        if (r[ra + 2] != INT) return ForLoop.floatLoop(r, n, ra);
        long count = n[ra + 1];
        if (count == 0) return false;
        n[ra + 1] = count - 1;
        long idx = n[ra] + n[ra + 2];
        n[ra] = idx;
        n[ra + 3] = idx;
        if (r[ra + 3] != INT) r[ra + 3] = INT;   // tag
        return true;
    }

    /** OP_VARARGPREP: the frame moves (the caller reloads base and the stack arrays). */
    public static void varargPrep(LuaThread L, Activation ci, int pc) {
        ci.savedPc = pc;
        Calls.adjustVarargs(L, ci);
    }

    /** OP_VARARG {@code A C}: may grow the stack (the caller reloads the arrays). */
    public static void vararg(LuaThread L, Activation ci, int ra, int wanted, int pc) {
        ci.savedPc = pc;
        Calls.vararg(L, ci, ra, wanted);
    }

    /** OP_NEWTABLE {@code i} with its EXTRAARG {@code extra}. */
    public static void newTable(Object[] r, int ra, int i, int extra) {
        r[ra] = TableOps.newTable(i, extra);
    }

    /** OP_CLOSURE {@code A Bx}. */
    public static void closure(LuaThread L, Activation ci, int ra, int bx) {
        LuaClosure cl = ci.closure;
        L.stack.refs[ra] = Upvalues.newClosure(L.stack, cl.p.p[bx], cl, ci.base);
    }

    // ------------------------------------------------------------ slice 5: what compiled code left for

    /**
     * OP_LEN {@code A B}, {@code pc} after it: R[A] := #R[B] of a table without {@code __len}
     * or a string ({@link Arith#walkLen}, the executor's own operation, with the pc saved: #
     * of a value without length throws); false when a metamethod must be called (the
     * interpreter runs the instruction again; walkLen placed the call above the frame, where
     * nothing reads it).
     */
    public static boolean len(LuaThread L, Activation ci, int ra, int rb, int pc) {
        ci.savedPc = pc;
        ValueStack s = L.stack;
        return !Arith.walkLen(L, s.refs[rb], s.nums[rb], rb, ra, ci.top);
    }

    /**
     * OP_EQ {@code A B}: 1 or 0; -1 only when an {@code __eq} must be called. Two different
     * tables (or userdata) with metatables are compared by {@link Compare#walkEq}, which looks
     * for {@code __eq} as the executor does: objects of classes without one compare raw.
     */
    public static int eqMeta(LuaThread L, Activation ci, Object[] r, long[] n, int ra, int rb) {
        Object ta = r[ra];
        if (ta == r[rb] && ta != FLT) return ta != INT || n[ra] == n[rb] ? 1 : 0;
        int res = Compare.rawEq(ta, n[ra], r[rb], n[rb]);
        return res != 2 ? res : eqSlow(L, ci, r, n, ra, rb);
    }

    private static int eqSlow(LuaThread L, Activation ci, Object[] r, long[] n, int ra, int rb) {
        int res = Compare.walkEq(L, r[ra], n[ra], r[rb], n[rb], ci.top);
        return res == Meta.CALL_TM ? -1 : res;
    }

    /**
     * OP_CONCAT {@code A B}, {@code pc} after it: R[A] := R[A].. ... ..R[A+B-1] when every
     * operand is a string or a number ({@link Concat#concat}, the executor's operation, which
     * then calls nothing but may throw or charge a long result to the budget: the pc is saved,
     * the top set as the executor sets it): 1, or 2 when that budget poll set hooks (go on
     * interpreted after it). 0 when an operand is not (a {@code __concat} or an error's
     * message to make): the interpreter runs the instruction again from the same state.
     */
    public static int concat(LuaThread L, Activation ci, int ra, int b, int pc) {
        ci.savedPc = pc;
        ValueStack s = L.stack;
        s.top = ra + b;
        Object[] r = s.refs;
        for (int j = ra + b - 1; j >= ra; j--) {
            Object v = r[j];
            if (!(v instanceof LuaString) && !(v instanceof NumTag)) return 0;
        }
        Concat.concat(L, ci, ra + b, b);
        return L.hookMask == 0 ? 1 : 2;
    }

    /**
     * OP_TFORPREP {@code A}, {@code pc} after it: R[A+3], the generic for's closing value,
     * becomes a to-be-closed variable ({@link Upvalues#newTbc}: throws when it has no
     * {@code __close}).
     */
    public static void forPrep(LuaThread L, Activation ci, int ra, int pc) {
        ci.savedPc = pc;
        Upvalues.newTbc(L, ci, ra + 3);
    }

    /**
     * OP_TFORCALL {@code A C} from compiled code, {@code pc} after it: R[A+4..A+3+C] :=
     * R[A](R[A+1], R[A+2]), the executor's set-up ({@link Calls#forArgs}) and then the call
     * of {@link #call}: a compiled Lua iterator called directly, a builtin one ({@code next},
     * ipairs') completed at once ({@link #GO_ON}), else the activation to continue in.
     */
    public static Object forCall(LuaThread L, Activation ci, int ra, int c, int pc, int ran) {
        ci.savedPc = pc;
        count(L, ran);
        Calls.forArgs(L.stack, ra);
        return invoke(L, ci, ra + 4, c);
    }

    /** OP_TFORLOOP {@code A}: true when R[A+4] is not nil (then R[A+2] := R[A+4]) and the loop goes on. */
    public static boolean forNext(Object[] r, long[] n, int ra) {
        Object v = r[ra + 4];
        if (v == null) return false;
        n[ra + 2] = n[ra + 4];
        r[ra + 2] = v;
        return true;
    }
}
