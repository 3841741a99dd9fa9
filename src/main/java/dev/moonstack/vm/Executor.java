package dev.moonstack.vm;

import static dev.moonstack.code.Instr.OFFSET_sBx;
import static dev.moonstack.code.Instr.OFFSET_sC;
import static dev.moonstack.code.Instr.OFFSET_sJ;
import static dev.moonstack.code.Instr.POS_A;
import static dev.moonstack.code.Instr.POS_Ax;
import static dev.moonstack.code.Instr.POS_B;
import static dev.moonstack.code.Instr.POS_Bx;
import static dev.moonstack.code.Instr.POS_C;
import static dev.moonstack.code.Instr.POS_k;
import static dev.moonstack.code.Instr.POS_sJ;
import static dev.moonstack.code.OpCode.*;

import dev.moonstack.code.Instr;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaNumber;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.Proto;
import dev.moonstack.value.TM;
import dev.moonstack.value.UpVal;

/**
 * The dispatch loop (Lua: luaV_execute). One loop runs every Lua activation of a coroutine:
 * a Lua-to-Lua call or return switches activation and continues the same loop, so the Java
 * stack does not grow with Lua calls. Only the loop lives here; slow paths are in named
 * helpers ({@link Calls}, {@link Meta}, {@link Arith}, {@link Compare}, {@link Concat},
 * {@link Upvalues}, {@link ForLoop}, {@link Unwinder}, {@link FinishOp}, {@link Interrupts}).
 *
 * <p>The state of the running activation is cached in locals. Five statements keep it in
 * sync, written the same way everywhere so that a search finds them all:
 * <ol>
 * <li>{@code ci.savedPc = pc;} before anything that may throw, call out, yield or run a hook;
 * <li>{@code s.top = ...;} before a callee that needs the top (calls, varargs);
 * <li>{@code continue outer;} after every slow path: reloads the activation, its pc and base
 *     and the stack arrays, which the slow path may have replaced;
 * <li>{@code if (--countdown < 0)} before every instruction: the interrupt countdown, so that
 *     exactly {@code reload} instructions run between two visits of the slow path;
 * <li>{@code ci = ...; continue outer;} to run another activation, and {@code return null}
 *     when an activation entered from Java (FRESH) returns.
 * </ol>
 * The loop ({@link #dispatch}) must stay under HotSpot's 8,000-byte limit for JIT compilation
 * ({@code HugeMethodLimit}); a test checks it.
 *
 * <p>{@link #execute} is a trampoline around the loop: at every service of the interrupt
 * countdown the loop returns the running activation, and execute enters the loop again.
 * Nothing is lost (the loop's state is reloaded from the activation, as after any slow
 * path), and the loop is then entered as often as the countdown expires instead of once
 * per program: HotSpot compiles it as a normal method and runs the next invocation in that
 * code, where a single endless invocation could only ever run on-stack-replacement (OSR)
 * compilations, which measured twice as slow, and after a deoptimization stayed in the
 * interpreter until the next OSR compilation (see "Performance: measured alternatives" in
 * docs/execution.md).
 *
 * <p>How the loop is written for HotSpot's C2 compiler (each rule measured, see the notes):
 * <ul>
 * <li>Each case decodes its operands from {@code x = i ^ OP_...}, the instruction with its
 *     opcode bits cleared, never from {@code i} itself. An expression of {@code i} used by
 *     several cases is computed once by C2, before the switch, for every instruction, and
 *     kept in a register or a stack slot; {@code x} differs from case to case, so each case
 *     computes only what it uses.
 * <li>No method calls on the fast paths for decoding or tagging: C2 inlines into one
 *     compilation at most 8,000 bytes of bytecode ({@code DesiredMethodLimit}, the loop
 *     included), and a program that uses many opcodes exhausts that budget, after which even
 *     a one-line accessor is a real call. Operands are decoded inline, and a value's ref part
 *     is stored only if it changes ({@code if (r[ra] != v) r[ra] = v;  // tag}): registers
 *     mostly keep their type, and skipping the store skips the G1 write barrier of a
 *     reference store (a third of an arithmetic loop's time).
 * <li>The switch runs on {@code REV - opcode}: C2 parses (and so inlines into) the cases in
 *     descending order of their keys, and this gives the inlining budget first to the
 *     table-access and arithmetic instructions with small fast-path helpers, instead of the
 *     call, return and loop instructions at the top of the opcode range, whose helpers are
 *     large and slow paths anyway.
 * <li>The budget is spent before C2 reaches the call and return cases, so their common paths
 *     are written out in the loop (the root method is always compiled): a Lua-to-Lua CALL
 *     pushes the activation itself, RETURN0/RETURN1 pop inline, LTI..GEI test integers inline.
 *     Each copy and its helper ({@link Calls#enterLua}, {@link Calls#moveResults},
 *     {@link CallStack#pop}, {@link Compare#immTest}) name each other in a comment: change
 *     both. The loop is close to the 8,000-byte limit: what goes in must earn its bytes.
 * <li>Lua's docondjump (a test, then the JMP that follows it taken when the outcome equals
 *     k, else skipped) ends EQ, LT/LE, EQK, EQI, LTI..GEI and TEST as one identical statement,
 *     after the case has put the outcome in {@code boolean cond}:
 *     {@code pc += cond == ((x & K_BIT) != 0) ? (code[pc] >>> POS_sJ) - OFFSET_sJ + 1 : 1;   // docondjump}
 *     (TESTSET's jump is Lua's donextjump). Not a helper: past the inlining budget it was a
 *     real call in every comparison; nor one tail after the switch for all of them, which made
 *     C2's code for the whole loop about twice as slow (fib).
 * </ul>
 */
public final class Executor {
    private Executor() {}

    private static final Object INT = NumTag.INT;
    private static final Object FLT = NumTag.FLT;
    private static final int K_BIT = 1 << POS_k;
    /** The switch runs on {@code REV - opcode}, which reverses C2's parse order (see above). */
    private static final int REV = 0x7F;

    /**
     * The facts the loop's cached locals rest on (Lua: the lua_asserts of vmfetch): the
     * cached base is the activation's, one above its function, its registers fit in the
     * stack, and the stack array was not replaced since the reload (anything that may grow
     * the stack ends in {@code continue outer}). Checked by {@code assert}, with
     * {@link #reloaded}, in the countdown's slow path: before every instruction in the test
     * modes that send every instruction there (invariants, every instruction, hooks), once a
     * countdown otherwise. Not at the loop head: there the two asserts cost table_array 9-27%
     * with assertions off (docs/execution.md, "Performance: measured alternatives").
     */
    private static boolean inFrame(Activation ci, int base, Object[] r) {
        if (base == ci.base && base == ci.funcIdx + 1 && ci.top <= r.length
                && r == ci.thread.stack.refs && ci.thread.calls.current() == ci) return true;
        throw new AssertionError("registers out of step with " + ci + " (base " + base + ")");
    }

    /**
     * Since the reload: the activation is the running Lua activation of its coroutine, its
     * code is its prototype's, and both halves of the value stack have the same length.
     */
    private static boolean reloaded(LuaThread L, Activation ci, int[] code, long[] n) {
        if (ci.isLua() && L.calls.current() == ci && code == ci.closure.p.code
                && n.length == L.stack.refs.length && ci.savedPc >= 0 && ci.savedPc <= code.length) return true;
        throw new AssertionError("reload of " + ci + " at pc " + ci.savedPc);
    }

    /**
     * Runs activation {@code ci} (FRESH, just pushed by a call from Java) until it returns. A
     * function with a compiled body runs compiled from its first instruction, as a call from
     * Lua would ({@link Tier#entered}, which also counts the call for hotness); the loop takes
     * over wherever the compiled code leaves. Not while the countdown would serve at once (a
     * stop, a spent budget, hooks that look at every instruction; {@link Interrupts#reload}):
     * a short function called from a builtin (a sort comparator, a load reader) polls nowhere
     * when compiled, so the interpreter's first fetch serves it, as a call from Lua is served
     * by its caller's poll.
     */
    static void execute(LuaThread L, Activation ci) {
        int depth = ci.depth;
        if (L.G.tierOn && L.G.interrupts.reload(L) > 1                     // nothing to serve first
                && (ci = enterCompiled(L, ci, depth)) == null) return;      // it returned
        execute(L, ci, depth);
    }

    /**
     * The compiled tier's entry for a call from Java, before the loop and outside its handler:
     * an error raised in the compiled code is recovered here as the handler recovers it (at a
     * catchpoint inside this call, else thrown to the Java caller). Returns the activation to
     * interpret from, null when the call has returned.
     */
    private static Activation enterCompiled(LuaThread L, Activation ci, int depth) {
        try {
            return Tier.entered(L, ci);
        } catch (StackOverflowError | OutOfMemoryError | RuntimeException e) {   // LuaError included
            return Unwinder.recover(L, Unwinder.errorOf(L, e), L, depth);
        }
    }

    /**
     * Runs from activation {@code ci} until an activation entered from Java returns, or a
     * coroutine resumed from Java yields or ends. Catchpoints of {@code ci}'s coroutine at or
     * below {@code entryDepth} belong to the Java code that called this invocation. The loop
     * follows control into other coroutines: {@code coroutine.resume} and {@code yield}
     * return an activation of another coroutine, and the loop goes on there. The countdown
     * starts at 0 when the entry coroutine has a hook (the slow path runs first).
     */
    static void execute(Activation ci, int entryDepth) {
        execute(ci.thread, ci, entryDepth);
    }

    /** As above, for a call from Java into {@code entryThread} that compiled code left in {@code ci}. */
    private static void execute(LuaThread entryThread, Activation ci, int entryDepth) {
        LuaThread L = ci.thread;                     // the entry thread, or one compiled code resumed
        int reload = L.hookMask != 0 ? 0 : L.G.interrupts.reload(L);
        if (reload > 0) Interrupts.count(L, 1);      // the first fetch (see Interrupts)
        while ((ci = dispatch(ci, entryThread, entryDepth, reload)) != null) {
            reload = ci.thread.G.interrupts.nextWindow(ci.thread);     // as the service left it
        }
    }

    /**
     * The loop: runs from activation {@code ci} with the countdown {@code reload} until an
     * activation entered from Java returns or a coroutine resumed from Java suspends (then
     * returns null), or until the interrupt countdown has been served (then returns the
     * activation to continue with; its coroutine's hooks are as the countdown was set for).
     */
    private static Activation dispatch(Activation ci, final LuaThread entryThread, final int entryDepth, int reload) {
        LuaThread counted = ci.thread;               // the coroutine the countdown was set for,
        int epoch = counted.hookEpoch;               // and the state of its hooks then
        int countdown = reload;
        outer:
        for (;;) {
            if (ci == null) {                        // an entry activation returned, or a coroutine
                Interrupts.leave(entryThread, reload - countdown);   // resumed from Java suspended
                return null;
            }
            final LuaThread L = ci.thread;          // the running coroutine may change at any call
            final ValueStack s = L.stack;
            final CallStack cs = L.calls;
            if (L != counted || L.hookEpoch != epoch) {  // another coroutine, or its hooks changed:
                if (L.hookMask != 0) {               // serve now, hooks may want every instruction
                    Interrupts.leave(counted, reload - countdown, L != counted);   // new hooks
                    reload = countdown = 0;                 // count from here
                }                                    // (without hooks the countdown goes on: the
                counted = L;                         // budget and the interrupt flag are global)
                epoch = L.hookEpoch;
            }
            try {
                final LuaClosure cl = ci.closure;
                final Proto p = cl.p;
                final int[] code = ci.code;
                final Object[] k = p.k;
                final long[] kn = p.kn;
                final UpVal[] upvals = cl.upvals;
                final int base = ci.base;
                int pc = ci.savedPc;
                final Object[] r = s.refs;
                final long[] n = s.nums;
                for (;;) {
                    if (--countdown < 0) {
                        assert inFrame(ci, base, r) && reloaded(L, ci, code, n);   // see inFrame
                        ci.savedPc = pc;
                        if (Interrupts.service(L, ci, reload) == Interrupts.SUSPENDED) {
                            return Interrupts.suspended(L);     // a hook yielded: on in the resumer
                        }
                        if (L.hookEpoch == epoch) return ci;    // to the trampoline (see class comment)
                        reload = countdown = 0;         // a hook changed the hooks: serve again first
                        epoch = L.hookEpoch;
                        continue outer;
                    }
                    final int i = code[pc++];
                    switch (REV - (i & 0x7F)) {
                        case REV - OP_MOVE: {    // R[A] := R[B]
                            final int x = i ^ OP_MOVE;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF);
                            n[ra] = n[rb];
                            Object v = r[rb];
                            if (r[ra] != v) r[ra] = v;   // tag
                            break;
                        }
                        case REV - OP_LOADI: {   // R[A] := sBx
                            final int x = i ^ OP_LOADI;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            n[ra] = (x >>> POS_Bx) - OFFSET_sBx;
                            if (r[ra] != INT) r[ra] = INT;   // tag
                            break;
                        }
                        case REV - OP_LOADF: {   // R[A] := (float) sBx
                            final int x = i ^ OP_LOADF;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            n[ra] = Double.doubleToRawLongBits((x >>> POS_Bx) - OFFSET_sBx);
                            if (r[ra] != FLT) r[ra] = FLT;   // tag
                            break;
                        }
                        case REV - OP_LOADK: {   // R[A] := K[Bx]
                            final int x = i ^ OP_LOADK;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int kb = x >>> POS_Bx;
                            n[ra] = kn[kb];
                            Object v = k[kb];
                            if (r[ra] != v) r[ra] = v;   // tag
                            break;
                        }
                        case REV - OP_LOADKX: {  // R[A] := K[extra arg]
                            final int x = i ^ OP_LOADKX;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int kb = code[pc++] >>> POS_Ax;
                            n[ra] = kn[kb];
                            Object v = k[kb];
                            if (r[ra] != v) r[ra] = v;   // tag
                            break;
                        }
                        case REV - OP_LOADFALSE: // R[A] := false
                            r[base + ((i ^ OP_LOADFALSE) >>> POS_A & 0xFF)] = Boolean.FALSE;
                            break;
                        case REV - OP_LFALSESKIP:      // R[A] := false; pc++
                            r[base + ((i ^ OP_LFALSESKIP) >>> POS_A & 0xFF)] = Boolean.FALSE;
                            pc++;
                            break;
                        case REV - OP_LOADTRUE:  // R[A] := true
                            r[base + ((i ^ OP_LOADTRUE) >>> POS_A & 0xFF)] = Boolean.TRUE;
                            break;
                        case REV - OP_LOADNIL: { // R[A], ..., R[A+B] := nil
                            final int x = i ^ OP_LOADNIL;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            for (int j = ra + (x >>> POS_B & 0xFF); j >= ra; j--) r[j] = null;
                            break;
                        }
                        case REV - OP_GETUPVAL: {      // R[A] := UpValue[B]
                            final int x = i ^ OP_GETUPVAL;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            UpVal uv = upvals[x >>> POS_B & 0xFF];
                            n[ra] = uv.nums[uv.idx];
                            Object v = uv.refs[uv.idx];
                            if (r[ra] != v) r[ra] = v;   // tag
                            break;
                        }
                        case REV - OP_SETUPVAL: {      // UpValue[B] := R[A]
                            final int x = i ^ OP_SETUPVAL;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            UpVal uv = upvals[x >>> POS_B & 0xFF];
                            uv.nums[uv.idx] = n[ra];
                            uv.refs[uv.idx] = r[ra];
                            break;
                        }
                        case REV - OP_GETTABUP: {      // R[A] := UpValue[B][K[C]:string]
                            final int x = i ^ OP_GETTABUP;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            UpVal uv = upvals[x >>> POS_B & 0xFF];
                            Object t = uv.refs[uv.idx];
                            LuaString key = (LuaString) k[(x >>> POS_C)];
                            if (t instanceof LuaTable && ((LuaTable) t).loadStr(key, r, n, ra)) break;
                            ci.savedPc = pc;
                            if (Meta.walkGetField(L, t, uv.nums[uv.idx], key, ra, VarInfo.upvalue(x >>> POS_B & 0xFF), ci.top)) {
                                ci = Meta.invoke(L, ci, ci.top, 1);   // the walk's call, made a frame (see Meta)
                            }
                            continue outer;
                        }
                        case REV - OP_GETTABLE: {      // R[A] := R[B][R[C]]
                            final int x = i ^ OP_GETTABLE;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF), rc = base + (x >>> POS_C);
                            Object t = r[rb];
                            if (t instanceof LuaTable && ((LuaTable) t).load(r[rc], n[rc], r, n, ra)) break;
                            ci.savedPc = pc;
                            if (Meta.walkGet(L, t, n[rb], r[rc], n[rc], ra, rb, ci.top)) ci = Meta.invoke(L, ci, ci.top, 1);
                            continue outer;
                        }
                        case REV - OP_GETI: {    // R[A] := R[B][C]
                            final int x = i ^ OP_GETI;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF);
                            Object t = r[rb];
                            if (t instanceof LuaTable && ((LuaTable) t).loadInt(x >>> POS_C, r, n, ra)) break;
                            ci.savedPc = pc;
                            if (Meta.walkGet(L, t, n[rb], INT, x >>> POS_C, ra, rb, ci.top)) ci = Meta.invoke(L, ci, ci.top, 1);
                            continue outer;
                        }
                        case REV - OP_GETFIELD: {      // R[A] := R[B][K[C]:string]
                            final int x = i ^ OP_GETFIELD;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF);
                            Object t = r[rb];
                            LuaString key = (LuaString) k[(x >>> POS_C)];
                            if (t instanceof LuaTable && ((LuaTable) t).loadStr(key, r, n, ra)) break;
                            ci.savedPc = pc;
                            if (Meta.walkGetField(L, t, n[rb], key, ra, rb, ci.top)) ci = Meta.invoke(L, ci, ci.top, 1);
                            continue outer;
                        }
                        case REV - OP_SETTABUP: {      // UpValue[A][K[B]:string] := RK(C)
                            final int x = i ^ OP_SETTABUP;
                            UpVal uv = upvals[x >>> POS_A & 0xFF];
                            int rc = x >>> POS_C;
                            Object t = uv.refs[uv.idx], v = (x & K_BIT) != 0 ? k[rc] : r[base + rc];
                            long vn = (x & K_BIT) != 0 ? kn[rc] : n[base + rc];
                            if (t instanceof LuaTable && ((LuaTable) t).fastSet(k[x >>> POS_B & 0xFF], 0, v, vn)) break;
                            ci.savedPc = pc;
                            ci = Meta.finishSet(L, ci, t, uv.nums[uv.idx], k[x >>> POS_B & 0xFF], 0, v, vn, VarInfo.upvalue(x >>> POS_A & 0xFF));
                            continue outer;
                        }
                        case REV - OP_SETTABLE: {      // R[A][R[B]] := RK(C)
                            final int x = i ^ OP_SETTABLE;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF), rc = x >>> POS_C;
                            Object t = r[ra], v = (x & K_BIT) != 0 ? k[rc] : r[base + rc];
                            long vn = (x & K_BIT) != 0 ? kn[rc] : n[base + rc];
                            if (t instanceof LuaTable && ((LuaTable) t).fastSet(r[rb], n[rb], v, vn)) break;
                            ci.savedPc = pc;
                            ci = Meta.finishSet(L, ci, t, n[ra], r[rb], n[rb], v, vn, ra);
                            continue outer;
                        }
                        case REV - OP_SETI: {    // R[A][B] := RK(C)
                            final int x = i ^ OP_SETI;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rc = x >>> POS_C;
                            Object t = r[ra], v = (x & K_BIT) != 0 ? k[rc] : r[base + rc];
                            long vn = (x & K_BIT) != 0 ? kn[rc] : n[base + rc];
                            if (t instanceof LuaTable && ((LuaTable) t).fastSet(INT, x >>> POS_B & 0xFF, v, vn)) break;
                            ci.savedPc = pc;
                            ci = Meta.finishSet(L, ci, t, n[ra], INT, x >>> POS_B & 0xFF, v, vn, ra);
                            continue outer;
                        }
                        case REV - OP_SETFIELD: {      // R[A][K[B]:string] := RK(C)
                            final int x = i ^ OP_SETFIELD;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rc = x >>> POS_C;
                            Object t = r[ra], v = (x & K_BIT) != 0 ? k[rc] : r[base + rc];
                            long vn = (x & K_BIT) != 0 ? kn[rc] : n[base + rc];
                            if (t instanceof LuaTable && ((LuaTable) t).fastSet(k[x >>> POS_B & 0xFF], 0, v, vn)) break;
                            ci.savedPc = pc;
                            ci = Meta.finishSet(L, ci, t, n[ra], k[x >>> POS_B & 0xFF], 0, v, vn, ra);
                            continue outer;
                        }
                        case REV - OP_NEWTABLE: {      // R[A] := {}
                            final int x = i ^ OP_NEWTABLE;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            r[ra] = TableOps.newTable(i, code[pc++]);
                            break;
                        }
                        case REV - OP_SELF: {    // R[A+1] := R[B]; R[A] := R[B][RK(C):string]
                            final int x = i ^ OP_SELF;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF), rc = x >>> POS_C;
                            Object t = r[rb], key = (x & K_BIT) != 0 ? k[rc] : r[base + rc];
                            long tn = n[rb];
                            n[ra + 1] = tn;
                            r[ra + 1] = t;
                            if (t instanceof LuaTable && key instanceof LuaString
                                    && ((LuaTable) t).loadStr((LuaString) key, r, n, ra)) break;
                            ci.savedPc = pc;
                            if (Meta.walkGetField(L, t, tn, key, ra, rb, ci.top)) ci = Meta.invoke(L, ci, ci.top, 1);
                            continue outer;
                        }
                        case REV - OP_ADDI: {    // R[A] := R[B] + sC
                            final int x = i ^ OP_ADDI;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF);
                            if (r[rb] == INT) {
                                n[ra] = n[rb] + (x >>> POS_C) - OFFSET_sC;
                                if (r[ra] != INT) r[ra] = INT;   // tag
                                pc++;
                            } else if (r[rb] == FLT) {
                                n[ra] = Double.doubleToRawLongBits(Double.longBitsToDouble(n[rb]) + ((x >>> POS_C) - OFFSET_sC));
                                if (r[ra] != FLT) r[ra] = FLT;   // tag
                                pc++;
                            }
                            break;
                        }
                        case REV - OP_MODK: {    // R[A] := R[B] % K[C]:number
                            final int x = i ^ OP_MODK;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF), kc = x >>> POS_C;
                            if (r[rb] == INT && k[kc] == INT && kn[kc] > 0) {   // Lua: luaV_mod
                                n[ra] = Math.floorMod(n[rb], kn[kc]);
                                if (r[ra] != INT) r[ra] = INT;   // tag
                                pc++;
                                break;
                            }
                            ci.savedPc = pc;      // integer modulo by zero throws
                            if (Arith.arith(TM.MOD, r[rb], n[rb], k[kc], kn[kc], r, n, ra)) pc++;
                            break;
                        }
                        case REV - OP_ADDK: case REV - OP_SUBK: case REV - OP_MULK: case REV - OP_POWK:
                        case REV - OP_DIVK: case REV - OP_IDIVK: {   // R[A] := R[B] op K[C]:number
                            final int x = i ^ OP_DIVK;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF), kc = x >>> POS_C;
                            ci.savedPc = pc;      // integer modulo and division may throw
                            if (Arith.arith((i & 0x7F) - OP_ADDK + TM.ADD, r[rb], n[rb], k[kc], kn[kc], r, n, ra)) pc++;
                            break;
                        }
                        case REV - OP_BANDK: case REV - OP_BORK: case REV - OP_BXORK: {   // R[A] := R[B] op K[C]:integer
                            final int x = i ^ OP_BANDK;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF), kc = x >>> POS_C;
                            if (Arith.arith((i & 0x7F) - OP_BANDK + TM.BAND, r[rb], n[rb], k[kc], kn[kc], r, n, ra)) pc++;
                            break;
                        }
                        case REV - OP_SHRI: {    // R[A] := R[B] >> sC
                            final int x = i ^ OP_SHRI;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF);
                            if (Arith.arith(TM.SHR, r[rb], n[rb], INT, (x >>> POS_C) - OFFSET_sC, r, n, ra)) pc++;
                            break;
                        }
                        case REV - OP_SHLI: {    // R[A] := sC << R[B]
                            final int x = i ^ OP_SHLI;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF);
                            if (Arith.arith(TM.SHL, INT, (x >>> POS_C) - OFFSET_sC, r[rb], n[rb], r, n, ra)) pc++;
                            break;
                        }
                        case REV - OP_ADD: {     // R[A] := R[B] + R[C]
                            final int x = i ^ OP_ADD;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF), rc = base + (x >>> POS_C);
                            if (r[rb] == INT && r[rc] == INT) {
                                n[ra] = n[rb] + n[rc];
                                if (r[ra] != INT) r[ra] = INT;   // tag
                                pc++;
                            } else if (Arith.addF(r, n, ra, rb, rc)) {
                                pc++;
                            }
                            break;
                        }
                        case REV - OP_SUB: {     // R[A] := R[B] - R[C]
                            final int x = i ^ OP_SUB;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF), rc = base + (x >>> POS_C);
                            if (r[rb] == INT && r[rc] == INT) {
                                n[ra] = n[rb] - n[rc];
                                if (r[ra] != INT) r[ra] = INT;   // tag
                                pc++;
                            } else if (Arith.subF(r, n, ra, rb, rc)) {
                                pc++;
                            }
                            break;
                        }
                        case REV - OP_MUL: {     // R[A] := R[B] * R[C]
                            final int x = i ^ OP_MUL;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF), rc = base + (x >>> POS_C);
                            if (r[rb] == INT && r[rc] == INT) {
                                n[ra] = n[rb] * n[rc];
                                if (r[ra] != INT) r[ra] = INT;   // tag
                                pc++;
                            } else if (Arith.mulF(r, n, ra, rb, rc)) {
                                pc++;
                            }
                            break;
                        }
                        case REV - OP_MOD: case REV - OP_POW: case REV - OP_DIV: case REV - OP_IDIV:
                        case REV - OP_BAND: case REV - OP_BOR: case REV - OP_BXOR: case REV - OP_SHL: case REV - OP_SHR: {
                            final int x = i ^ OP_BAND;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF), rc = base + (x >>> POS_C);   // R[A] := R[B] op R[C]
                            ci.savedPc = pc;      // integer modulo and division may throw
                            if (Arith.arith((i & 0x7F) - OP_ADD + TM.ADD, r[rb], n[rb], r[rc], n[rc], r, n, ra)) pc++;
                            break;
                        }
                        case REV - OP_MMBIN: {   // call C metamethod over R[A] and R[B]
                            final int x = i ^ OP_MMBIN;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF);
                            ci.savedPc = pc;
                            ci = Arith.tryBinTM(L, ci, r[ra], n[ra], ra, r[rb], n[rb], rb, x >>> POS_C);
                            continue outer;
                        }
                        case REV - OP_MMBINI: {  // call C metamethod over R[A] and sB
                            final int x = i ^ OP_MMBINI;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            ci.savedPc = pc;
                            ci = Arith.tryBinAssocTM(L, ci, r[ra], n[ra], ra, INT, (x >>> POS_B & 0xFF) - OFFSET_sC,
                                    (x & K_BIT) != 0, x >>> POS_C);
                            continue outer;
                        }
                        case REV - OP_MMBINK: {  // call C metamethod over R[A] and K[B]
                            final int x = i ^ OP_MMBINK;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int kb = x >>> POS_B & 0xFF;
                            ci.savedPc = pc;
                            ci = Arith.tryBinAssocTM(L, ci, r[ra], n[ra], ra, k[kb], kn[kb], (x & K_BIT) != 0, x >>> POS_C);
                            continue outer;
                        }
                        case REV - OP_UNM: {     // R[A] := -R[B]
                            final int x = i ^ OP_UNM;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF);
                            if (r[rb] == INT) {
                                n[ra] = -n[rb];
                                if (r[ra] != INT) r[ra] = INT;   // tag
                                break;
                            }
                            ci.savedPc = pc;
                            ci = Arith.unary(L, ci, ra, rb, TM.UNM);
                            continue outer;
                        }
                        case REV - OP_BNOT: {    // R[A] := ~R[B]
                            final int x = i ^ OP_BNOT;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            ci.savedPc = pc;
                            ci = Arith.unary(L, ci, ra, base + (x >>> POS_B & 0xFF), TM.BNOT);
                            continue outer;
                        }
                        case REV - OP_NOT: {     // R[A] := not R[B]
                            final int x = i ^ OP_NOT;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            Object v = r[base + (x >>> POS_B & 0xFF)];
                            r[ra] = v == null || v == Boolean.FALSE ? Boolean.TRUE : Boolean.FALSE;
                            break;
                        }
                        case REV - OP_LEN: {     // R[A] := #R[B]
                            final int x = i ^ OP_LEN;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            ci.savedPc = pc;
                            ci = Arith.len(L, ci, ra, base + (x >>> POS_B & 0xFF));
                            continue outer;
                        }
                        case REV - OP_CONCAT: {  // R[A] := R[A].. ... ..R[A + B - 1]
                            final int x = i ^ OP_CONCAT;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int nb = x >>> POS_B & 0xFF;
                            s.top = ra + nb;
                            ci.savedPc = pc;
                            ci = Concat.concat(L, ci, ra + nb, nb);
                            continue outer;
                        }
                        case REV - OP_CLOSE: {   // close upvalues and variables >= R[A]
                            final int x = i ^ OP_CLOSE;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            ci.savedPc = pc;
                            ci = Upvalues.closeInExecutor(L, ci, ra);
                            continue outer;
                        }
                        case REV - OP_TBC: {     // mark R[A] to be closed
                            final int x = i ^ OP_TBC;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            ci.savedPc = pc;
                            Upvalues.newTbc(L, ci, ra);
                            break;
                        }
                        case REV - OP_JMP: // pc += sJ
                            pc += (i >>> POS_sJ) - OFFSET_sJ;
                            break;
                        case REV - OP_EQ: {      // if ((R[A] == R[B]) ~= k) then pc++
                            final int x = i ^ OP_EQ;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF);
                            Object ta = r[ra];
                            int res = ta == r[rb] && ta != FLT     // same value, or integers
                                ? (ta != INT || n[ra] == n[rb] ? 1 : 0)
                                : Compare.rawEq(ta, n[ra], r[rb], n[rb]);
                            if (res == 2) {
                                ci.savedPc = pc;
                                ci = Compare.eq(L, ci, r[ra], n[ra], r[rb], n[rb], (x & K_BIT) != 0);
                                continue outer;
                            }
                            boolean cond = res == 1;
                            pc += cond == ((x & K_BIT) != 0) ? (code[pc] >>> POS_sJ) - OFFSET_sJ + 1 : 1;   // docondjump
                            break;
                        }
                        case REV - OP_LT: case REV - OP_LE: { // if ((R[A] < / <= R[B]) ~= k) then pc++
                            final int x = i ^ OP_LT;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF);
                            boolean le = (i & 0x7F) == OP_LE;
                            int res = r[ra] == INT && r[rb] == INT
                                ? ((le ? n[ra] <= n[rb] : n[ra] < n[rb]) ? 1 : 0)
                                : Compare.numOrder(r, n, ra, rb, le);
                            if (res < 0) {
                                ci.savedPc = pc;
                                ci = Compare.order(L, ci, r[ra], n[ra], r[rb], n[rb], le, (x & K_BIT) != 0);
                                continue outer;
                            }
                            boolean cond = res == 1;
                            pc += cond == ((x & K_BIT) != 0) ? (code[pc] >>> POS_sJ) - OFFSET_sJ + 1 : 1;   // docondjump
                            break;
                        }
                        case REV - OP_EQK: {     // if ((R[A] == K[B]) ~= k) then pc++
                            final int x = i ^ OP_EQK;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int kb = x >>> POS_B & 0xFF;
                            Object ta = r[ra];
                            boolean cond = ta == k[kb] && ta != FLT   // same constant, or integers
                                ? ta != INT || n[ra] == kn[kb]
                                : Compare.rawEq(ta, n[ra], k[kb], kn[kb]) == 1;
                            pc += cond == ((x & K_BIT) != 0) ? (code[pc] >>> POS_sJ) - OFFSET_sJ + 1 : 1;   // docondjump
                            break;
                        }
                        case REV - OP_EQI: {     // if ((R[A] == sB) ~= k) then pc++
                            final int x = i ^ OP_EQI;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int imm = (x >>> POS_B & 0xFF) - OFFSET_sC;
                            boolean cond = r[ra] == INT ? n[ra] == imm : Compare.rawEq(r[ra], n[ra], INT, imm) == 1;
                            pc += cond == ((x & K_BIT) != 0) ? (code[pc] >>> POS_sJ) - OFFSET_sJ + 1 : 1;   // docondjump
                            break;
                        }
                        case REV - OP_LTI: case REV - OP_LEI: case REV - OP_GTI: case REV - OP_GEI: {   // if ((R[A] op sB) ~= k) then pc++
                            final int x = i ^ OP_LTI;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int res;
                            if (r[ra] == INT) {  // Compare.immTest's integer case written out (see class comment)
                                long v = n[ra];
                                int imm = (x >>> POS_B & 0xFF) - OFFSET_sC, op = i & 0x7F;
                                res = (op == OP_LTI ? v < imm : op == OP_LEI ? v <= imm : op == OP_GTI ? v > imm : v >= imm) ? 1 : 0;
                            } else {
                                res = Compare.immTest(i, r[ra], n[ra]);
                            }
                            if (res < 0) {
                                ci.savedPc = pc;
                                ci = Compare.immOrder(L, ci, i, r[ra], n[ra]);
                                continue outer;
                            }
                            boolean cond = res == 1;
                            pc += cond == ((x & K_BIT) != 0) ? (code[pc] >>> POS_sJ) - OFFSET_sJ + 1 : 1;   // docondjump
                            break;
                        }
                        case REV - OP_TEST: {    // if (not R[A] == k) then pc++
                            final int x = i ^ OP_TEST;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            Object v = r[ra];
                            boolean cond = v != null && v != Boolean.FALSE;
                            pc += cond == ((x & K_BIT) != 0) ? (code[pc] >>> POS_sJ) - OFFSET_sJ + 1 : 1;   // docondjump
                            break;
                        }
                        case REV - OP_TESTSET: { // if (not R[B] == k) then pc++ else R[A] := R[B]
                            final int x = i ^ OP_TESTSET;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int rb = base + (x >>> POS_B & 0xFF);
                            Object v = r[rb];
                            if ((v != null && v != Boolean.FALSE) != ((x & K_BIT) != 0)) {
                                pc++;
                            } else {
                                n[ra] = n[rb];
                                r[ra] = v;
                                pc += (code[pc] >>> POS_sJ) - OFFSET_sJ + 1;   // donextjump (see docondjump)
                            }
                            break;
                        }
                        case REV - OP_CALL: {    // R[A], ... ,R[A+C-2] := R[A](R[A+1], ... ,R[A+B-1])
                            final int x = i ^ OP_CALL;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            int nb = x >>> POS_B & 0xFF;
                            if (nb != 0) s.top = ra + nb;
                            ci.savedPc = pc;
                            Object f = r[ra];
                            if (!(f instanceof LuaClosure)) {
                                countdown = Interrupts.settle(L, reload, countdown);   // it may run Lua:
                                reload = countdown + 1;                                // count first
                                ci = Calls.precall(L, ci, ra, (x >>> POS_C) - 1);
                                continue outer;
                            }
                            final LuaClosure fc = (LuaClosure) f;
                            final Proto fp = fc.p;
                            final int d = cs.depth + 1;
                            final Activation[] acts = cs.acts;
                            Activation a;        // Calls.enterLua written out (see class comment) for the
                            if (ra + 1 + fp.maxStackSize + ValueStack.EXTRA > r.length || s.slowCalls   // common
                                    || d == acts.length || (a = acts[d]) == null            // case: room on
                                    || s.top - ra - 1 < fp.inlineArgs || L.hookMask != 0) {   // both stacks,
                                ci = Calls.enterLua(L, fc, ra, (x >>> POS_C) - 1);          // all arguments
                                continue outer;                                             // given, not checked (Proto.inlineArgs), no hooks
                            }
                            cs.depth = d;
                            a.funcIdx = ra;
                            a.base = ra + 1;
                            a.top = ra + 1 + fp.maxStackSize;
                            a.nResults = (x >>> POS_C) - 1;
                            a.flags = Activation.LUA;
                            a.savedPc = 0;
                            a.closure = fc;
                            a.code = fp.code;
                            ci = a;
                            continue outer;
                        }
                        case REV - OP_TAILCALL: {      // return R[A](R[A+1], ... ,R[A+B-1])
                            final int x = i ^ OP_TAILCALL;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            ci.savedPc = pc;
                            countdown = Interrupts.settle(L, reload, countdown);   // as in CALL
                            reload = countdown + 1;
                            ci = Calls.tailcall(L, ci, ra, x >>> POS_B & 0xFF, x >>> POS_C, (x & K_BIT) != 0);
                            continue outer;
                        }
                        case REV - OP_RETURN: {  // return R[A], ... ,R[A+B-2]
                            final int x = i ^ OP_RETURN;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            ci.savedPc = pc;
                            ci = Calls.returnOp(L, ci, ra, x >>> POS_B & 0xFF, x >>> POS_C, (x & K_BIT) != 0);
                            continue outer;
                        }
                        case REV - OP_RETURN0: { // return
                            final int x = i ^ OP_RETURN0;
                            if (ci.flags == Activation.LUA && ci.nResults <= 0) {
                                s.top = ci.funcIdx;            // Calls.moveResults for 0 results, and
                                ci = cs.acts[--cs.depth];      // cs.pop(), written out: see class comment
                                continue outer;
                            }
                            ci.savedPc = pc;
                            ci = Calls.poscall(L, ci, base, 0);
                            continue outer;
                        }
                        case REV - OP_RETURN1: { // return R[A]
                            final int x = i ^ OP_RETURN1;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            if (ci.flags == Activation.LUA && ci.nResults == 1) {
                                int f = ci.funcIdx;            // Calls.moveResults for 1 result, written out
                                n[f] = n[ra];                  // (a Lua caller does not read the top)
                                Object v = r[ra];
                                if (r[f] != v) r[f] = v;   // tag
                                ci = cs.acts[--cs.depth];      // cs.pop()
                                continue outer;
                            }
                            ci.savedPc = pc;
                            ci = Calls.poscall(L, ci, ra, 1);
                            continue outer;
                        }
                        case REV - OP_FORLOOP: { // update counters; if loop continues then pc-=Bx
                            final int x = i ^ OP_FORLOOP;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            if (r[ra + 2] == INT) {
                                long count = n[ra + 1];
                                if (count != 0) {
                                    n[ra + 1] = count - 1;
                                    long idx = n[ra] + n[ra + 2];
                                    n[ra] = idx;
                                    n[ra + 3] = idx;
                                    if (r[ra + 3] != INT) r[ra + 3] = INT;   // tag
                                    pc -= x >>> POS_Bx;
                                }
                            } else if (ForLoop.floatLoop(r, n, ra)) {
                                pc -= x >>> POS_Bx;
                            }
                            break;
                        }
                        case REV - OP_FORPREP: { // check values and prepare counters
                            final int x = i ^ OP_FORPREP;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            ci.savedPc = pc;
                            if (ForLoop.prep(r, n, ra)) pc += (x >>> POS_Bx) + 1;
                            break;
                        }
                        case REV - OP_TFORPREP: {      // create to-be-closed R[A+3]; pc += Bx
                            final int x = i ^ OP_TFORPREP;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            ci.savedPc = pc;
                            Upvalues.newTbc(L, ci, ra + 3);
                            pc += x >>> POS_Bx;
                            break;
                        }
                        case REV - OP_TFORCALL: {      // R[A+4], ... ,R[A+3+C] := R[A](R[A+1], R[A+2])
                            final int x = i ^ OP_TFORCALL;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            ci.savedPc = pc;
                            ci = Calls.forCall(L, ci, ra, x >>> POS_C);
                            continue outer;
                        }
                        case REV - OP_TFORLOOP: {      // if R[A+4] ~= nil then { R[A+2] = R[A+4]; pc -= Bx }
                            final int x = i ^ OP_TFORLOOP;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            if (r[ra + 4] != null) {
                                n[ra + 2] = n[ra + 4];
                                r[ra + 2] = r[ra + 4];
                                pc -= x >>> POS_Bx;
                            }
                            break;
                        }
                        case REV - OP_SETLIST: { // R[A][C+i] := R[A+i], 1 <= i <= B
                            final int x = i ^ OP_SETLIST;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            pc = TableOps.setList(s, ci, code, pc, ra, i);
                            break;
                        }
                        case REV - OP_CLOSURE: { // R[A] := closure(KPROTO[Bx])
                            final int x = i ^ OP_CLOSURE;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            r[ra] = Upvalues.newClosure(s, p.p[(x >>> POS_Bx)], cl, base);
                            break;
                        }
                        case REV - OP_VARARG: {  // R[A], R[A+1], ..., R[A+C-2] = vararg
                            final int x = i ^ OP_VARARG;
                            final int ra = base + (x >>> POS_A & 0xFF);
                            ci.savedPc = pc;
                            Calls.vararg(L, ci, ra, (x >>> POS_C) - 1);
                            continue outer;
                        }
                        case REV - OP_VARARGPREP: {    // adjust vararg parameters
                            ci.savedPc = pc;
                            Calls.adjustVarargs(L, ci);
                            continue outer;
                        }
                        default:                 // OP_EXTRAARG is never executed
                            ci.savedPc = pc;
                            throw LuaError.run("invalid instruction " + (i & 0x7F));
                    }
                }
            } catch (StackOverflowError | OutOfMemoryError | RuntimeException e) {   // LuaError included
                countdown = Interrupts.caught(L, reload, countdown);   // the countdown goes on
                reload = countdown + 1;
                ci = Unwinder.recover(ci.thread, Unwinder.errorOf(ci.thread, e), entryThread, entryDepth);
            }
        }
    }
}
