package dev.moonstack.vm;

import static dev.moonstack.code.Instr.a;
import static dev.moonstack.code.Instr.ax;
import static dev.moonstack.code.Instr.b;
import static dev.moonstack.code.Instr.bx;
import static dev.moonstack.code.Instr.c;
import static dev.moonstack.code.Instr.sb;
import static dev.moonstack.code.Instr.sbx;
import static dev.moonstack.code.Instr.sc;
import static dev.moonstack.code.Instr.sj;
import static dev.moonstack.code.OpCode.*;

import dev.moonstack.code.Instr;
import dev.moonstack.code.Proto;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaNumber;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;
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
 * <li>{@code ci = ...; continue outer;} to run another activation, and {@code return} when
 *     an activation entered from Java (FRESH) returns.
 * </ol>
 * The method must stay under HotSpot's 8,000-byte limit for JIT compilation
 * ({@code HugeMethodLimit}); a test checks it.
 */
public final class Executor {
    private Executor() {}

    private static final Object INT = NumTag.INT;
    private static final Object FLT = NumTag.FLT;

    /** Runs activation {@code ci} (FRESH, just pushed) until it returns. */
    static void execute(LuaThread L, Activation ci) {
        final ValueStack s = L.stack;
        final CallStack cs = L.calls;
        final int entryDepth = ci.depth;
        int reload = L.interrupts.reload();
        int countdown = reload;
        outer:
        for (;;) {
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
                        ci.savedPc = pc;
                        countdown = reload = Interrupts.service(L, ci, reload);
                        continue outer;
                    }
                    final int i = code[pc++];
                    switch (i & 0x7F) {
                        case OP_MOVE: {          // R[A] := R[B]
                            int ra = base + a(i), rb = base + b(i);
                            n[ra] = n[rb];
                            tag(r, ra, r[rb]);
                            break;
                        }
                        case OP_LOADI: {         // R[A] := sBx
                            int ra = base + a(i);
                            n[ra] = sbx(i);
                            tag(r, ra, INT);
                            break;
                        }
                        case OP_LOADF: {         // R[A] := (float) sBx
                            int ra = base + a(i);
                            n[ra] = Double.doubleToRawLongBits(sbx(i));
                            tag(r, ra, FLT);
                            break;
                        }
                        case OP_LOADK: {         // R[A] := K[Bx]
                            int ra = base + a(i), kb = bx(i);
                            n[ra] = kn[kb];
                            tag(r, ra, k[kb]);
                            break;
                        }
                        case OP_LOADKX: {        // R[A] := K[extra arg]
                            int ra = base + a(i), kb = ax(code[pc++]);
                            n[ra] = kn[kb];
                            tag(r, ra, k[kb]);
                            break;
                        }
                        case OP_LOADFALSE:       // R[A] := false
                            r[base + a(i)] = Boolean.FALSE;
                            break;
                        case OP_LFALSESKIP:      // R[A] := false; pc++
                            r[base + a(i)] = Boolean.FALSE;
                            pc++;
                            break;
                        case OP_LOADTRUE:        // R[A] := true
                            r[base + a(i)] = Boolean.TRUE;
                            break;
                        case OP_LOADNIL: {       // R[A], ..., R[A+B] := nil
                            int ra = base + a(i);
                            for (int j = ra + b(i); j >= ra; j--) r[j] = null;
                            break;
                        }
                        case OP_GETUPVAL: {      // R[A] := UpValue[B]
                            int ra = base + a(i);
                            UpVal uv = upvals[b(i)];
                            n[ra] = uv.nums[uv.idx];
                            tag(r, ra, uv.refs[uv.idx]);
                            break;
                        }
                        case OP_SETUPVAL: {      // UpValue[B] := R[A]
                            int ra = base + a(i);
                            UpVal uv = upvals[b(i)];
                            uv.nums[uv.idx] = n[ra];
                            uv.refs[uv.idx] = r[ra];
                            break;
                        }
                        case OP_GETTABUP: {      // R[A] := UpValue[B][K[C]:string]
                            int ra = base + a(i);
                            UpVal uv = upvals[b(i)];
                            Object t = uv.refs[uv.idx];
                            LuaString key = (LuaString) k[c(i)];
                            if (t instanceof LuaTable && ((LuaTable) t).loadStr(key, r, n, ra)) break;
                            ci.savedPc = pc;
                            ci = Meta.finishGetField(L, ci, t, uv.nums[uv.idx], key, ra, VarInfo.upvalue(b(i)));
                            continue outer;
                        }
                        case OP_GETTABLE: {      // R[A] := R[B][R[C]]
                            int ra = base + a(i), rb = base + b(i), rc = base + c(i);
                            Object t = r[rb];
                            if (t instanceof LuaTable && ((LuaTable) t).load(r[rc], n[rc], r, n, ra)) break;
                            ci.savedPc = pc;
                            ci = Meta.finishGet(L, ci, t, n[rb], r[rc], n[rc], ra, rb);
                            continue outer;
                        }
                        case OP_GETI: {          // R[A] := R[B][C]
                            int ra = base + a(i), rb = base + b(i);
                            Object t = r[rb];
                            if (t instanceof LuaTable && ((LuaTable) t).loadInt(c(i), r, n, ra)) break;
                            ci.savedPc = pc;
                            ci = Meta.finishGet(L, ci, t, n[rb], INT, c(i), ra, rb);
                            continue outer;
                        }
                        case OP_GETFIELD: {      // R[A] := R[B][K[C]:string]
                            int ra = base + a(i), rb = base + b(i);
                            Object t = r[rb];
                            LuaString key = (LuaString) k[c(i)];
                            if (t instanceof LuaTable && ((LuaTable) t).loadStr(key, r, n, ra)) break;
                            ci.savedPc = pc;
                            ci = Meta.finishGetField(L, ci, t, n[rb], key, ra, rb);
                            continue outer;
                        }
                        case OP_SETTABUP: {      // UpValue[A][K[B]:string] := RK(C)
                            UpVal uv = upvals[a(i)];
                            int rc = c(i);
                            Object t = uv.refs[uv.idx], v = Instr.k(i) ? k[rc] : r[base + rc];
                            long vn = Instr.k(i) ? kn[rc] : n[base + rc];
                            if (t instanceof LuaTable && ((LuaTable) t).fastSet(k[b(i)], 0, v, vn)) break;
                            ci.savedPc = pc;
                            ci = Meta.finishSet(L, ci, t, uv.nums[uv.idx], k[b(i)], 0, v, vn, VarInfo.upvalue(a(i)));
                            continue outer;
                        }
                        case OP_SETTABLE: {      // R[A][R[B]] := RK(C)
                            int ra = base + a(i), rb = base + b(i), rc = c(i);
                            Object t = r[ra], v = Instr.k(i) ? k[rc] : r[base + rc];
                            long vn = Instr.k(i) ? kn[rc] : n[base + rc];
                            if (t instanceof LuaTable && ((LuaTable) t).fastSet(r[rb], n[rb], v, vn)) break;
                            ci.savedPc = pc;
                            ci = Meta.finishSet(L, ci, t, n[ra], r[rb], n[rb], v, vn, ra);
                            continue outer;
                        }
                        case OP_SETI: {          // R[A][B] := RK(C)
                            int ra = base + a(i), rc = c(i);
                            Object t = r[ra], v = Instr.k(i) ? k[rc] : r[base + rc];
                            long vn = Instr.k(i) ? kn[rc] : n[base + rc];
                            if (t instanceof LuaTable && ((LuaTable) t).fastSet(INT, b(i), v, vn)) break;
                            ci.savedPc = pc;
                            ci = Meta.finishSet(L, ci, t, n[ra], INT, b(i), v, vn, ra);
                            continue outer;
                        }
                        case OP_SETFIELD: {      // R[A][K[B]:string] := RK(C)
                            int ra = base + a(i), rc = c(i);
                            Object t = r[ra], v = Instr.k(i) ? k[rc] : r[base + rc];
                            long vn = Instr.k(i) ? kn[rc] : n[base + rc];
                            if (t instanceof LuaTable && ((LuaTable) t).fastSet(k[b(i)], 0, v, vn)) break;
                            ci.savedPc = pc;
                            ci = Meta.finishSet(L, ci, t, n[ra], k[b(i)], 0, v, vn, ra);
                            continue outer;
                        }
                        case OP_NEWTABLE: {      // R[A] := {}
                            r[base + a(i)] = TableOps.newTable(i, code[pc++]);
                            break;
                        }
                        case OP_SELF: {          // R[A+1] := R[B]; R[A] := R[B][RK(C):string]
                            int ra = base + a(i), rb = base + b(i), rc = c(i);
                            Object t = r[rb], key = Instr.k(i) ? k[rc] : r[base + rc];
                            long tn = n[rb];
                            n[ra + 1] = tn;
                            r[ra + 1] = t;
                            if (t instanceof LuaTable && key instanceof LuaString
                                    && ((LuaTable) t).loadStr((LuaString) key, r, n, ra)) break;
                            ci.savedPc = pc;
                            ci = Meta.finishGetField(L, ci, t, tn, key, ra, rb);
                            continue outer;
                        }
                        case OP_ADDI: {          // R[A] := R[B] + sC
                            int ra = base + a(i), rb = base + b(i);
                            if (r[rb] == INT) {
                                n[ra] = n[rb] + sc(i);
                                tag(r, ra, INT);
                                pc++;
                            } else if (r[rb] == FLT) {
                                n[ra] = Double.doubleToRawLongBits(Double.longBitsToDouble(n[rb]) + sc(i));
                                tag(r, ra, FLT);
                                pc++;
                            }
                            break;
                        }
                        case OP_ADDK: case OP_SUBK: case OP_MULK: case OP_MODK: case OP_POWK:
                        case OP_DIVK: case OP_IDIVK: {   // R[A] := R[B] op K[C]:number
                            int rb = base + b(i), kc = c(i);
                            ci.savedPc = pc;      // integer modulo and division may throw
                            if (Arith.arith((i & 0x7F) - OP_ADDK + TM.ADD, r[rb], n[rb], k[kc], kn[kc], r, n, base + a(i))) pc++;
                            break;
                        }
                        case OP_BANDK: case OP_BORK: case OP_BXORK: {   // R[A] := R[B] op K[C]:integer
                            int rb = base + b(i), kc = c(i);
                            if (Arith.arith((i & 0x7F) - OP_BANDK + TM.BAND, r[rb], n[rb], k[kc], kn[kc], r, n, base + a(i))) pc++;
                            break;
                        }
                        case OP_SHRI: {          // R[A] := R[B] >> sC
                            int rb = base + b(i);
                            if (Arith.arith(TM.SHR, r[rb], n[rb], INT, sc(i), r, n, base + a(i))) pc++;
                            break;
                        }
                        case OP_SHLI: {          // R[A] := sC << R[B]
                            int rb = base + b(i);
                            if (Arith.arith(TM.SHL, INT, sc(i), r[rb], n[rb], r, n, base + a(i))) pc++;
                            break;
                        }
                        case OP_ADD: {           // R[A] := R[B] + R[C]
                            int ra = base + a(i), rb = base + b(i), rc = base + c(i);
                            if (r[rb] == INT && r[rc] == INT) {
                                n[ra] = n[rb] + n[rc];
                                tag(r, ra, INT);
                                pc++;
                            } else if (Arith.addF(r, n, ra, rb, rc)) {
                                pc++;
                            }
                            break;
                        }
                        case OP_SUB: {           // R[A] := R[B] - R[C]
                            int ra = base + a(i), rb = base + b(i), rc = base + c(i);
                            if (r[rb] == INT && r[rc] == INT) {
                                n[ra] = n[rb] - n[rc];
                                tag(r, ra, INT);
                                pc++;
                            } else if (Arith.subF(r, n, ra, rb, rc)) {
                                pc++;
                            }
                            break;
                        }
                        case OP_MUL: {           // R[A] := R[B] * R[C]
                            int ra = base + a(i), rb = base + b(i), rc = base + c(i);
                            if (r[rb] == INT && r[rc] == INT) {
                                n[ra] = n[rb] * n[rc];
                                tag(r, ra, INT);
                                pc++;
                            } else if (Arith.mulF(r, n, ra, rb, rc)) {
                                pc++;
                            }
                            break;
                        }
                        case OP_MOD: case OP_POW: case OP_DIV: case OP_IDIV:
                        case OP_BAND: case OP_BOR: case OP_BXOR: case OP_SHL: case OP_SHR: {
                            int rb = base + b(i), rc = base + c(i);   // R[A] := R[B] op R[C]
                            ci.savedPc = pc;      // integer modulo and division may throw
                            if (Arith.arith((i & 0x7F) - OP_ADD + TM.ADD, r[rb], n[rb], r[rc], n[rc], r, n, base + a(i))) pc++;
                            break;
                        }
                        case OP_MMBIN: {         // call C metamethod over R[A] and R[B]
                            int ra = base + a(i), rb = base + b(i);
                            ci.savedPc = pc;
                            ci = Arith.tryBinTM(L, ci, r[ra], n[ra], ra, r[rb], n[rb], rb, c(i));
                            continue outer;
                        }
                        case OP_MMBINI: {        // call C metamethod over R[A] and sB
                            int ra = base + a(i);
                            ci.savedPc = pc;
                            ci = Instr.k(i)
                                ? Arith.tryBinTM(L, ci, INT, sb(i), VarInfo.NONE, r[ra], n[ra], ra, c(i))
                                : Arith.tryBinTM(L, ci, r[ra], n[ra], ra, INT, sb(i), VarInfo.NONE, c(i));
                            continue outer;
                        }
                        case OP_MMBINK: {        // call C metamethod over R[A] and K[B]
                            int ra = base + a(i), kb = b(i);
                            ci.savedPc = pc;
                            ci = Instr.k(i)
                                ? Arith.tryBinTM(L, ci, k[kb], kn[kb], VarInfo.NONE, r[ra], n[ra], ra, c(i))
                                : Arith.tryBinTM(L, ci, r[ra], n[ra], ra, k[kb], kn[kb], VarInfo.NONE, c(i));
                            continue outer;
                        }
                        case OP_UNM: {           // R[A] := -R[B]
                            int ra = base + a(i), rb = base + b(i);
                            if (r[rb] == INT) {
                                n[ra] = -n[rb];
                                tag(r, ra, INT);
                                break;
                            }
                            ci.savedPc = pc;
                            ci = Arith.unary(L, ci, ra, rb, TM.UNM);
                            continue outer;
                        }
                        case OP_BNOT: {          // R[A] := ~R[B]
                            ci.savedPc = pc;
                            ci = Arith.unary(L, ci, base + a(i), base + b(i), TM.BNOT);
                            continue outer;
                        }
                        case OP_NOT: {           // R[A] := not R[B]
                            Object v = r[base + b(i)];
                            r[base + a(i)] = v == null || v == Boolean.FALSE ? Boolean.TRUE : Boolean.FALSE;
                            break;
                        }
                        case OP_LEN: {           // R[A] := #R[B]
                            ci.savedPc = pc;
                            ci = Arith.len(L, ci, base + a(i), base + b(i));
                            continue outer;
                        }
                        case OP_CONCAT: {        // R[A] := R[A].. ... ..R[A + B - 1]
                            int ra = base + a(i), nb = b(i);
                            s.top = ra + nb;
                            ci.savedPc = pc;
                            ci = Concat.concat(L, ci, ra + nb, nb);
                            continue outer;
                        }
                        case OP_CLOSE: {         // close upvalues and variables >= R[A]
                            ci.savedPc = pc;
                            ci = Upvalues.closeInExecutor(L, ci, base + a(i));
                            continue outer;
                        }
                        case OP_TBC: {           // mark R[A] to be closed
                            ci.savedPc = pc;
                            Upvalues.newTbc(L, ci, base + a(i));
                            break;
                        }
                        case OP_JMP:             // pc += sJ
                            pc += sj(i);
                            break;
                        case OP_EQ: {            // if ((R[A] == R[B]) ~= k) then pc++
                            int ra = base + a(i), rb = base + b(i);
                            int res = Compare.rawEq(r[ra], n[ra], r[rb], n[rb]);
                            if (res == 2) {
                                ci.savedPc = pc;
                                ci = Compare.eq(L, ci, r[ra], n[ra], r[rb], n[rb], Instr.k(i));
                                continue outer;
                            }
                            pc += (res == 1) == Instr.k(i) ? sj(code[pc]) + 1 : 1;
                            break;
                        }
                        case OP_LT: case OP_LE: { // if ((R[A] < / <= R[B]) ~= k) then pc++
                            int ra = base + a(i), rb = base + b(i);
                            boolean le = (i & 0x7F) == OP_LE;
                            int res = r[ra] == INT && r[rb] == INT
                                ? ((le ? n[ra] <= n[rb] : n[ra] < n[rb]) ? 1 : 0)
                                : Compare.numOrder(r, n, ra, rb, le);
                            if (res < 0) {
                                ci.savedPc = pc;
                                ci = Compare.order(L, ci, r[ra], n[ra], r[rb], n[rb], le, Instr.k(i));
                                continue outer;
                            }
                            pc += (res == 1) == Instr.k(i) ? sj(code[pc]) + 1 : 1;
                            break;
                        }
                        case OP_EQK: {           // if ((R[A] == K[B]) ~= k) then pc++
                            int ra = base + a(i), kb = b(i);
                            boolean eq = Compare.rawEq(r[ra], n[ra], k[kb], kn[kb]) == 1;
                            pc += eq == Instr.k(i) ? sj(code[pc]) + 1 : 1;
                            break;
                        }
                        case OP_EQI: {           // if ((R[A] == sB) ~= k) then pc++
                            int ra = base + a(i);
                            boolean eq = Compare.rawEq(r[ra], n[ra], INT, sb(i)) == 1;
                            pc += eq == Instr.k(i) ? sj(code[pc]) + 1 : 1;
                            break;
                        }
                        case OP_LTI: case OP_LEI: case OP_GTI: case OP_GEI: {
                            int ra = base + a(i);    // if ((R[A] op sB) ~= k) then pc++
                            int res = Compare.immTest(i, r[ra], n[ra]);
                            if (res < 0) {
                                ci.savedPc = pc;
                                ci = Compare.immOrder(L, ci, i, r[ra], n[ra]);
                                continue outer;
                            }
                            pc += (res == 1) == Instr.k(i) ? sj(code[pc]) + 1 : 1;
                            break;
                        }
                        case OP_TEST: {          // if (not R[A] == k) then pc++
                            Object v = r[base + a(i)];
                            boolean truthy = v != null && v != Boolean.FALSE;
                            pc += truthy == Instr.k(i) ? sj(code[pc]) + 1 : 1;
                            break;
                        }
                        case OP_TESTSET: {       // if (not R[B] == k) then pc++ else R[A] := R[B]
                            int rb = base + b(i);
                            Object v = r[rb];
                            if ((v != null && v != Boolean.FALSE) != Instr.k(i)) {
                                pc++;
                            } else {
                                n[base + a(i)] = n[rb];
                                r[base + a(i)] = v;
                                pc += sj(code[pc]) + 1;
                            }
                            break;
                        }
                        case OP_CALL: {          // R[A], ... ,R[A+C-2] := R[A](R[A+1], ... ,R[A+B-1])
                            int ra = base + a(i), nb = b(i);
                            if (nb != 0) s.top = ra + nb;
                            ci.savedPc = pc;
                            Object f = r[ra];
                            ci = f instanceof LuaClosure
                                ? Calls.enterLua(L, (LuaClosure) f, ra, c(i) - 1)
                                : Calls.precall(L, ci, ra, c(i) - 1);
                            continue outer;
                        }
                        case OP_TAILCALL: {      // return R[A](R[A+1], ... ,R[A+B-1])
                            ci.savedPc = pc;
                            ci = Calls.tailcall(L, ci, base + a(i), b(i), c(i), Instr.k(i));
                            continue outer;
                        }
                        case OP_RETURN: {        // return R[A], ... ,R[A+B-2]
                            ci.savedPc = pc;
                            ci = Calls.returnOp(L, ci, base + a(i), b(i), c(i), Instr.k(i));
                            if (ci == null) {
                                Interrupts.leave(L, reload - countdown);
                                return;
                            }
                            continue outer;
                        }
                        case OP_RETURN0: {       // return
                            if (ci.flags == Activation.LUA && ci.nResults <= 0) {
                                s.top = ci.funcIdx;
                                ci = cs.pop();
                                continue outer;
                            }
                            ci.savedPc = pc;
                            ci = Calls.poscall(L, ci, base, 0);
                            if (ci == null) {
                                Interrupts.leave(L, reload - countdown);
                                return;
                            }
                            continue outer;
                        }
                        case OP_RETURN1: {       // return R[A]
                            int ra = base + a(i);
                            if (ci.flags == Activation.LUA && ci.nResults == 1) {
                                int f = ci.funcIdx;
                                n[f] = n[ra];
                                tag(r, f, r[ra]);
                                ci = cs.pop();
                                continue outer;
                            }
                            ci.savedPc = pc;
                            ci = Calls.poscall(L, ci, ra, 1);
                            if (ci == null) {
                                Interrupts.leave(L, reload - countdown);
                                return;
                            }
                            continue outer;
                        }
                        case OP_FORLOOP: {       // update counters; if loop continues then pc-=Bx
                            int ra = base + a(i);
                            if (r[ra + 2] == INT) {
                                long count = n[ra + 1];
                                if (count != 0) {
                                    n[ra + 1] = count - 1;
                                    long idx = n[ra] + n[ra + 2];
                                    n[ra] = idx;
                                    n[ra + 3] = idx;
                                    tag(r, ra + 3, INT);
                                    pc -= bx(i);
                                }
                            } else if (ForLoop.floatLoop(r, n, ra)) {
                                pc -= bx(i);
                            }
                            break;
                        }
                        case OP_FORPREP: {       // check values and prepare counters
                            ci.savedPc = pc;
                            if (ForLoop.prep(r, n, base + a(i))) pc += bx(i) + 1;
                            break;
                        }
                        case OP_TFORPREP: {      // create to-be-closed R[A+3]; pc += Bx
                            ci.savedPc = pc;
                            Upvalues.newTbc(L, ci, base + a(i) + 3);
                            pc += bx(i);
                            break;
                        }
                        case OP_TFORCALL: {      // R[A+4], ... ,R[A+3+C] := R[A](R[A+1], R[A+2])
                            int ra = base + a(i);
                            System.arraycopy(r, ra, r, ra + 4, 3);
                            System.arraycopy(n, ra, n, ra + 4, 3);
                            s.top = ra + 7;
                            ci.savedPc = pc;
                            ci = Calls.precall(L, ci, ra + 4, c(i));
                            continue outer;
                        }
                        case OP_TFORLOOP: {      // if R[A+4] ~= nil then { R[A+2] = R[A+4]; pc -= Bx }
                            int ra = base + a(i);
                            if (r[ra + 4] != null) {
                                n[ra + 2] = n[ra + 4];
                                r[ra + 2] = r[ra + 4];
                                pc -= bx(i);
                            }
                            break;
                        }
                        case OP_SETLIST: {       // R[A][C+i] := R[A+i], 1 <= i <= B
                            pc = TableOps.setList(s, ci, code, pc, base + a(i), i);
                            break;
                        }
                        case OP_CLOSURE: {       // R[A] := closure(KPROTO[Bx])
                            r[base + a(i)] = Upvalues.newClosure(s, p.p[bx(i)], cl, base);
                            break;
                        }
                        case OP_VARARG: {        // R[A], R[A+1], ..., R[A+C-2] = vararg
                            ci.savedPc = pc;
                            Calls.vararg(L, ci, base + a(i), c(i) - 1);
                            continue outer;
                        }
                        case OP_VARARGPREP: {    // adjust vararg parameters
                            ci.savedPc = pc;
                            Calls.adjustVarargs(L, ci);
                            continue outer;
                        }
                        default:                 // OP_EXTRAARG is never executed
                            ci.savedPc = pc;
                            throw LuaError.run("invalid instruction " + (i & 0x7F));
                    }
                }
            } catch (LuaError e) {
                ci = recover(L, e, entryDepth, reload - countdown);
                reload = countdown = L.interrupts.reload();
            } catch (StackOverflowError e) {
                ci = recover(L, LuaError.run("stack overflow (Java stack)"), entryDepth, reload - countdown);
                reload = countdown = L.interrupts.reload();
            } catch (OutOfMemoryError e) {
                ci = recover(L, LuaError.plain("not enough memory"), entryDepth, reload - countdown);
                reload = countdown = L.interrupts.reload();
            } catch (RuntimeException e) {             // a bug: still a Lua error, never a Java one
                ci = recover(L, internalError(e), entryDepth, reload - countdown);
                reload = countdown = L.interrupts.reload();
            }
        }
    }

    /**
     * Stores a value's ref part only if it changes. Registers mostly keep their type, and
     * skipping the store skips the GC write barrier of a reference store (measured: a third
     * of an arithmetic loop's time under G1; see docs/execution.md).
     */
    private static void tag(Object[] r, int i, Object v) {
        if (r[i] != v) r[i] = v;
    }

    /** A Java exception that escaped a slow path, reported as a Lua error naming it. */
    static LuaError internalError(RuntimeException e) {
        StackTraceElement[] st = e.getStackTrace();
        String at = st.length > 0 ? " at " + st[0] : "";
        return LuaError.run("internal error: " + e + at);
    }

    /** The loop's exception handler: recovers at a catchpoint of this invocation or rethrows. */
    private static Activation recover(LuaThread L, LuaError e, int entryDepth, int ran) {
        Interrupts.leave(L, ran);
        return Unwinder.recover(L, e, entryDepth);
    }
}
