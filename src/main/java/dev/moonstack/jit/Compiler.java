package dev.moonstack.jit;

import static dev.moonstack.code.OpCode.*;
import static org.objectweb.asm.Opcodes.*;

import dev.moonstack.code.Instr;
import dev.moonstack.code.OpCode;
import dev.moonstack.value.Proto;
import dev.moonstack.value.TM;
import dev.moonstack.vm.Tier;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates one prototype into a hidden class implementing {@link Tier.Body}: its method
 * {@code run(L, ci, pc)} runs the function's instructions on the coroutine's value stack,
 * one JVM block per Lua instruction, and starts with a switch over its re-entry points (the
 * first instruction, each one after a CALL or TFORCALL, and each loop head: {@link #entries}). Registers
 * stay in the stack arrays, so at every exit the stack holds what the interpreter would hold;
 * each exit saves the pc first (see {@link Tier} for the exits and the operations called).
 * This class chooses the code for each instruction; the operands and exits are
 * {@link Emitter}'s, the for loops, calls and returns {@link CallEmitter}'s.
 */
final class Compiler extends CallEmitter {
    /** Why a prototype was not compiled. */
    static final class Abort extends Exception {
        Abort(String reason) { super(reason, null, false, false); }
    }

    private static final String CLASS = "dev/moonstack/jit/Compiled";

    /** The inline caches of the body's string-keyed sites, its class data (see {@link #site}). */
    private final List<Tier.Site> sites = new ArrayList<>();

    /** The -jdump listing being written, or null. */
    private Listing listing;

    /** A compiler of {@code p}; {@code what} (the -jdump header's name for it), null without a listing. */
    Compiler(Proto p, String what) {
        super(p);
        if (what != null) {
            listing = new Listing(p, null);
            listing.header(what, CLASS);
        }
    }

    /** The -jdump listing of the compiled body, or null. */
    String listing() { return listing == null ? null : listing.text(); }

    /** The opcodes this slice compiles; any other leaves the function interpreted. */
    static String unsupported(Proto p) {
        for (int pc = 0; pc < p.code.length; pc++) {
            int op = Instr.op(p.code[pc]);
            switch (op) {
                case OP_MOVE: case OP_LOADI: case OP_LOADF: case OP_LOADK: case OP_LOADKX: case OP_LOADFALSE:
                case OP_LFALSESKIP: case OP_LOADTRUE: case OP_LOADNIL: case OP_GETUPVAL: case OP_SETUPVAL:
                case OP_GETTABUP: case OP_GETTABLE: case OP_GETI: case OP_GETFIELD: case OP_SETTABUP:
                case OP_SETTABLE: case OP_SETI: case OP_SETFIELD: case OP_SELF: case OP_ADDI: case OP_ADDK:
                case OP_SUBK: case OP_MULK: case OP_MODK: case OP_POWK: case OP_DIVK: case OP_IDIVK:
                case OP_BANDK: case OP_BORK: case OP_BXORK: case OP_SHRI: case OP_SHLI: case OP_ADD:
                case OP_SUB: case OP_MUL: case OP_MOD: case OP_POW: case OP_DIV: case OP_IDIV: case OP_BAND:
                case OP_BOR: case OP_BXOR: case OP_SHL: case OP_SHR: case OP_MMBIN: case OP_MMBINI:
                case OP_MMBINK: case OP_UNM: case OP_NOT: case OP_JMP: case OP_EQ: case OP_LT: case OP_LE:
                case OP_EQK: case OP_EQI: case OP_LTI: case OP_LEI: case OP_GTI: case OP_GEI: case OP_TEST:
                case OP_TESTSET: case OP_CALL: case OP_RETURN: case OP_RETURN0: case OP_RETURN1:
                case OP_FORLOOP: case OP_FORPREP: case OP_CLOSURE: case OP_EXTRAARG: case OP_NEWTABLE:
                case OP_LEN: case OP_CONCAT: case OP_BNOT: case OP_SETLIST: case OP_CLOSE: case OP_TBC:
                case OP_TAILCALL: case OP_TFORPREP: case OP_TFORCALL: case OP_TFORLOOP: case OP_VARARG:
                case OP_VARARGPREP:
                    break;
                default:
                    return "NYI: bytecode " + OpCode.name(op);
            }
        }
        return null;
    }

    /**
     * The re-entry points of {@code p}'s body, by pc: the first instruction, the one after each
     * CALL or TFORCALL (where a callee returns to), and the target of each backward jump: a loop head,
     * where a loop that runs interpreted goes on compiled ({@link Tier#polled}).
     */
    static boolean[] entries(Proto p) {
        int[] code = p.code;
        boolean[] e = new boolean[code.length + 1];
        e[0] = true;
        for (int j = 0; j < code.length; j++) {
            int i = code[j], op = Instr.op(i);
            if (op == OP_CALL || op == OP_TFORCALL) e[j + 1] = true;
            else if (op == OP_FORLOOP || op == OP_TFORLOOP) e[j + 1 - Instr.bx(i)] = true;
            else if (op == OP_JMP && Instr.sj(i) < 0) e[j + 1 + Instr.sj(i)] = true;
        }
        return e;
    }

    /** Compiles the function into a hidden class of {@code lookup}; throws {@link Abort} with the reason when it cannot. */
    Tier.Body define(MethodHandles.Lookup lookup) throws Abort {
        String why = unsupported(p);
        if (why != null) throw new Abort(why);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override protected String getCommonSuperClass(String a, String b) { return "java/lang/Object"; }
        };
        cw.visit(V17, ACC_FINAL | ACC_SUPER, CLASS, null, "java/lang/Object", new String[] {BODY});
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        mv = cw.visitMethod(ACC_PUBLIC, "run", RUN, null, null);
        if (listing != null) mv = listing.to(mv);
        body();
        resolveSites(cw);
        cw.visitEnd();
        byte[] bytes;
        try {
            bytes = cw.toByteArray();
        } catch (MethodTooLargeException e) {
            throw new Abort("too large for one JVM method");
        }
        try {
            MethodHandles.Lookup h = lookup.defineHiddenClassWithClassData(bytes, List.copyOf(sites), true);
            return (Tier.Body) h.findConstructor(h.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new AssertionError("generated class of " + p.source + ":" + p.lineDefined + " rejected", e);
        }
    }

    /** The method: prologue, switch over re-entry points, one block per instruction. */
    private void body() {
        mv.visitCode();
        at = new Label[code.length + 1];
        for (int j = 0; j < at.length; j++) at[j] = new Label();
        if (listing != null) listing.part("prologue: stack arrays, base, constants, upvalues, countdown window; re-entry points");
        prologue();
        Label start = new Label(), end = new Label(), handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, null);
        mv.visitLabel(start);
        boolean[] entry = entries(p);
        List<Integer> entries = new ArrayList<>();
        for (int j = 0; j < entry.length; j++) if (entry[j]) entries.add(j);
        int[] keys = entries.stream().mapToInt(Integer::intValue).toArray();
        Label[] targets = new Label[keys.length];
        for (int e = 0; e < keys.length; e++) targets[e] = at[keys[e]];
        Label bad = new Label();
        mv.visitVarInsn(ILOAD, PC);
        mv.visitLookupSwitchInsn(bad, keys, targets);
        for (int j = 0; j < code.length; j++) {
            if (listing != null) listing.lua(j);
            mv.visitLabel(at[j]);
            instruction(j, code[j]);
        }
        mv.visitLabel(at[code.length]);
        mv.visitLabel(bad);                 // not a re-entry point: interpret from there
        deopt(-1, 0);
        mv.visitLabel(end);
        if (listing != null) listing.part("handler: count what ran, and throw on");
        mv.visitLabel(handler);             // count what ran before the error leaves
        mv.visitVarInsn(ALOAD, L_);
        takeRan();
        tier("count", "(L" + THREAD + ";I)V");
        mv.visitInsn(ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private void prologue() {
        loadStack();
        mv.visitVarInsn(ALOAD, CI);
        mv.visitFieldInsn(GETFIELD, ACT, "base", "I");
        mv.visitVarInsn(ISTORE, BASE);
        mv.visitVarInsn(ALOAD, CI);
        mv.visitFieldInsn(GETFIELD, ACT, "closure", "Ldev/moonstack/value/LuaClosure;");
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, "dev/moonstack/value/LuaClosure", "upvals", "[Ldev/moonstack/value/UpVal;");
        mv.visitVarInsn(ASTORE, UP);
        mv.visitFieldInsn(GETFIELD, "dev/moonstack/value/LuaClosure", "p", "Ldev/moonstack/value/Proto;");
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, "dev/moonstack/value/Proto", "k", OBJS);
        mv.visitVarInsn(ASTORE, K);
        mv.visitFieldInsn(GETFIELD, "dev/moonstack/value/Proto", "kn", "[J");
        mv.visitVarInsn(ASTORE, KN);
        newWindow();
        mv.visitVarInsn(ALOAD, L_);
        tier("window", "(L" + THREAD + ";)I");
        mv.visitVarInsn(ISTORE, WINDOW);
    }

    private static final String ARITH = "(L" + ACT + ";IILjava/lang/Object;JLjava/lang/Object;J" + OBJS + "[JI)Z";
    private static final String REGS3 = "(" + OBJS + "[JIII)Z";
    private static final String SITE = "L" + TIER + "$Site;";
    private static final String GETSTR = "(Ljava/lang/Object;Ljava/lang/Object;" + OBJS + "[JIL" + THREAD + ";L" + ACT + ";I" + SITE + ")Z";
    private static final String SETSTR = "(Ljava/lang/Object;Ljava/lang/Object;JLjava/lang/Object;J" + SITE + ")Z";
    private static final String SET = "(Ljava/lang/Object;Ljava/lang/Object;JLjava/lang/Object;J)Z";
    private static final String LOAD = "(" + OBJS + "[JILjava/lang/Object;J)V";
    private static final String MOVE = "(" + OBJS + "[JII)V";

    // ------------------------------------------------------------ instructions

    private void instruction(int j, int i) {
        mv.visitIincInsn(RAN, 1);
        switch (Instr.op(i)) {
            case OP_MOVE: case OP_LOADI: case OP_LOADF: case OP_LOADK: case OP_LOADKX: case OP_LOADFALSE:
            case OP_LFALSESKIP: case OP_LOADTRUE: case OP_LOADNIL: case OP_GETUPVAL: case OP_SETUPVAL: case OP_VARARGPREP:
            case OP_VARARG: case OP_NEWTABLE: case OP_CLOSURE:
                load(j, i, Instr.a(i));
                return;
            case OP_GETTABUP: case OP_GETFIELD: case OP_GETTABLE: case OP_GETI: case OP_SELF: case OP_SETTABUP:
            case OP_SETTABLE: case OP_SETI: case OP_SETFIELD:
                table(j, i, Instr.a(i));
                return;
            case OP_ADD: case OP_SUB: case OP_MUL: case OP_ADDI: case OP_ADDK: case OP_SUBK:
            case OP_MULK: case OP_MODK: case OP_POWK: case OP_DIVK: case OP_IDIVK: case OP_BANDK:
            case OP_BORK: case OP_BXORK: case OP_SHRI: case OP_SHLI: case OP_MOD: case OP_POW:
            case OP_DIV: case OP_IDIV: case OP_BAND: case OP_BOR: case OP_BXOR: case OP_SHL:
            case OP_SHR: case OP_MMBIN: case OP_MMBINI: case OP_MMBINK: case OP_LEN: case OP_CONCAT:
            case OP_BNOT: case OP_SETLIST: case OP_CLOSE: case OP_TBC: case OP_UNM: case OP_NOT:
                arithmetic(j, i, Instr.a(i));
                return;
            case OP_JMP: case OP_EQ: case OP_LT: case OP_LE: case OP_EQK: case OP_EQI:
            case OP_LTI: case OP_LEI: case OP_GTI: case OP_GEI: case OP_TEST: case OP_TESTSET:
                branch(j, i, Instr.a(i));
                return;
            case OP_FORPREP: case OP_FORLOOP: case OP_CALL: case OP_TAILCALL: case OP_RETURN: case OP_RETURN0:
            case OP_RETURN1: case OP_EXTRAARG: case OP_TFORPREP: case OP_TFORCALL: case OP_TFORLOOP:
                control(j, i, Instr.a(i));
                return;
            default:
                throw new AssertionError("opcode " + Instr.op(i) + " passed unsupported()");
        }
    }

    /** Moves, loads, upvalues, closures, new tables, varargs. */
    private void load(int j, int i, int a) {
        switch (Instr.op(i)) {
            case OP_MOVE:
                arrays(a);
                reg(Instr.b(i));
                tier("move", MOVE);
                return;
            case OP_LOADI:
                arrays(a);
                integer(Instr.sbx(i));
                tier("load", LOAD);
                return;
            case OP_LOADF:
                arrays(a);
                mv.visitFieldInsn(GETSTATIC, "dev/moonstack/value/NumTag", "FLT", TAG);
                mv.visitLdcInsn(Double.doubleToRawLongBits(Instr.sbx(i)));
                tier("load", LOAD);
                return;
            case OP_LOADK:
            case OP_LOADKX:
                arrays(a);
                constant(Instr.op(i) == OP_LOADK ? Instr.bx(i) : Instr.ax(code[j + 1]));
                tier("load", LOAD);
                if (Instr.op(i) == OP_LOADKX) mv.visitJumpInsn(GOTO, at[j + 2]);
                return;
            case OP_LOADFALSE:
            case OP_LFALSESKIP:
            case OP_LOADTRUE:
                mv.visitVarInsn(ALOAD, R);
                reg(a);
                mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", Instr.op(i) == OP_LOADTRUE ? "TRUE" : "FALSE", "Ljava/lang/Boolean;");
                mv.visitInsn(AASTORE);
                if (Instr.op(i) == OP_LFALSESKIP) mv.visitJumpInsn(GOTO, at[j + 2]);
                return;
            case OP_LOADNIL:
                mv.visitVarInsn(ALOAD, R);
                reg(a);
                push(Instr.b(i));
                tier("loadNil", "(" + OBJS + "II)V");
                return;
            case OP_GETUPVAL:
            case OP_SETUPVAL:
                arrays(a);
                mv.visitVarInsn(ALOAD, UP);
                push(Instr.b(i));
                tier(Instr.op(i) == OP_GETUPVAL ? "getUpval" : "setUpval", "(" + OBJS + "[JI[Ldev/moonstack/value/UpVal;I)V");
                return;
            case OP_VARARGPREP:              // the frame moves above the extra arguments: reload all
                threadAndCi();
                push(j + 1);
                tier("varargPrep", "(L" + THREAD + ";L" + ACT + ";I)V");
                loadStack();
                mv.visitVarInsn(ALOAD, CI);
                mv.visitFieldInsn(GETFIELD, ACT, "base", "I");
                mv.visitVarInsn(ISTORE, BASE);
                return;
            case OP_VARARG:                  // may grow the stack
                threadAndCi();
                reg(a);
                push(Instr.c(i) - 1);
                push(j + 1);
                tier("vararg", "(L" + THREAD + ";L" + ACT + ";III)V");
                loadStack();
                return;
            case OP_NEWTABLE:
                mv.visitVarInsn(ALOAD, R);
                reg(a);
                push(i);
                push(code[j + 1]);
                tier("newTable", "(" + OBJS + "III)V");
                mv.visitJumpInsn(GOTO, at[j + 2]);
                return;
            case OP_CLOSURE:
                threadAndCi();
                reg(a);
                push(Instr.bx(i));
                tier("closure", "(L" + THREAD + ";L" + ACT + ";II)V");
                return;
            default:
                throw new AssertionError("opcode " + Instr.op(i));
        }
    }

    /** Table reads and writes: the fast path, else the interpreter runs the instruction. */
    private void table(int j, int i, int a) {
        switch (Instr.op(i)) {
            case OP_GETTABUP:
                upvalue(Instr.b(i));
                getStr(a, Instr.c(i), j);
                return;
            case OP_GETFIELD:
                ref(Instr.b(i));
                getStr(a, Instr.c(i), j);
                return;
            case OP_GETTABLE:
                ref(Instr.b(i));
                value(Instr.c(i));
                arrays(a);
                tier("get", "(Ljava/lang/Object;Ljava/lang/Object;J" + OBJS + "[JI)Z");
                orDeopt(j, 1);
                return;
            case OP_GETI:
                ref(Instr.b(i));
                mv.visitLdcInsn((long) Instr.c(i));
                arrays(a);
                tier("getInt", "(Ljava/lang/Object;J" + OBJS + "[JI)Z");
                orDeopt(j, 1);
                return;
            case OP_SELF:
                if (Instr.k(i)) {             // R[A+1] := R[B]; R[A] := R[B][K[C]:string]
                    arrays(a + 1);
                    reg(Instr.b(i));
                    tier("move", MOVE);
                    ref(Instr.b(i));
                    getStr(a, Instr.c(i), j);
                } else {
                    deopt(j, 1);
                }
                return;
            case OP_SETTABUP:
                upvalue(a);
                constant(Instr.b(i));
                setStr(j, i);
                return;
            case OP_SETTABLE:
                ref(a);
                value(Instr.b(i));
                set(j, i);
                return;
            case OP_SETI:
                ref(a);
                integer(Instr.b(i));
                set(j, i);
                return;
            case OP_SETFIELD:
                ref(a);
                constant(Instr.b(i));
                setStr(j, i);
                return;
            default:
                throw new AssertionError("opcode " + Instr.op(i));
        }
    }

    /**
     * Arithmetic, bitwise, unary: the fast path, else the interpreter runs the MMBIN (or the
     * instruction); and the instructions not compiled yet, which leave for the interpreter.
     */
    private void arithmetic(int j, int i, int a) {
        switch (Instr.op(i)) {
            case OP_ADD: case OP_SUB: case OP_MUL:
                arrays(a);
                reg(Instr.b(i));
                reg(Instr.c(i));
                tier(Instr.op(i) == OP_ADD ? "add" : Instr.op(i) == OP_SUB ? "sub" : "mul", REGS3);
                arithDone(j);
                return;
            case OP_ADDI:
                arrays(a);
                reg(Instr.b(i));
                push(Instr.sc(i));
                tier("addI", REGS3);
                arithDone(j);
                return;
            case OP_ADDK: case OP_SUBK: case OP_MULK: case OP_MODK: case OP_POWK: case OP_DIVK: case OP_IDIVK:
            case OP_BANDK: case OP_BORK: case OP_BXORK:
                arith(j, a, Instr.op(i) - OP_ADDK + TM.ADD, () -> value(Instr.b(i)), () -> constant(Instr.c(i)));
                return;
            case OP_SHRI:
                arith(j, a, TM.SHR, () -> value(Instr.b(i)), () -> integer(Instr.sc(i)));
                return;
            case OP_SHLI:
                arith(j, a, TM.SHL, () -> integer(Instr.sc(i)), () -> value(Instr.b(i)));
                return;
            case OP_MOD: case OP_POW: case OP_DIV: case OP_IDIV: case OP_BAND: case OP_BOR: case OP_BXOR:
            case OP_SHL: case OP_SHR:
                arith(j, a, Instr.op(i) - OP_ADD + TM.ADD, () -> value(Instr.b(i)), () -> value(Instr.c(i)));
                return;
            case OP_LEN:                     // the executor's operation; a __len leaves
                threadAndCi();
                reg(a);
                reg(Instr.b(i));
                push(j + 1);
                tier("len", "(L" + THREAD + ";L" + ACT + ";III)Z");
                orDeopt(j, 1);
                return;
            case OP_CONCAT:                  // strings and numbers; a __concat leaves
                threadAndCi();
                reg(a);
                push(Instr.b(i));
                push(j + 1);
                tier("concat", "(L" + THREAD + ";L" + ACT + ";III)I");
                Label done = new Label(), joined = new Label();
                mv.visitInsn(DUP);
                mv.visitJumpInsn(IFGT, joined);
                mv.visitInsn(POP);
                deopt(j, 1);                     // 0: not all strings and numbers
                mv.visitLabel(joined);
                push(1);
                mv.visitJumpInsn(IF_ICMPEQ, done);
                deopt(j + 1, 0);                 // 2: joined, but hooks were set meanwhile
                mv.visitLabel(done);
                loadStack();                     // a long result's budget poll may have run a finalizer
                return;
            case OP_MMBIN: case OP_MMBINI: case OP_MMBINK:   // reached only after a fast path failed
            case OP_BNOT: case OP_SETLIST: case OP_CLOSE: case OP_TBC:
                deopt(j, 1);                     // not compiled yet: the interpreter goes on from here
                return;
            case OP_UNM:
                arrays(a);
                reg(Instr.b(i));
                tier("unm", "(" + OBJS + "[JII)Z");
                orDeopt(j, 1);
                return;
            case OP_NOT:
                mv.visitVarInsn(ALOAD, R);
                reg(a);
                reg(Instr.b(i));
                tier("not", "(" + OBJS + "II)V");
                return;
            default:
                throw new AssertionError("opcode " + Instr.op(i));
        }
    }

    /** Jumps, comparisons and tests. */
    private void branch(int j, int i, int a) {
        switch (Instr.op(i)) {
            case OP_JMP:
                jump(j, j + 1 + Instr.sj(i));
                return;
            case OP_EQ:                      // L, ci, r, n, ra, rb: __eq is looked for here
                threadAndCi();
                arrays(a);
                reg(Instr.b(i));
                tier("eqMeta", "(L" + THREAD + ";L" + ACT + ";" + OBJS + "[JII)I");
                condJump(j, i);
                return;
            case OP_LT:
            case OP_LE:
                arrays(a);
                reg(Instr.b(i));
                push(Instr.op(i) == OP_LE ? 1 : 0);
                tier("less", "(" + OBJS + "[JIIZ)I");
                condJump(j, i);
                return;
            case OP_EQK:
                value(a);
                constant(Instr.b(i));
                tier("eqK", "(Ljava/lang/Object;JLjava/lang/Object;J)I");
                condJump(j, i);
                return;
            case OP_EQI:
                value(a);
                integer(Instr.sb(i));
                tier("eqK", "(Ljava/lang/Object;JLjava/lang/Object;J)I");
                condJump(j, i);
                return;
            case OP_LTI: case OP_LEI: case OP_GTI: case OP_GEI:
                push(i);
                value(a);
                tier("imm", "(ILjava/lang/Object;J)I");
                condJump(j, i);
                return;
            case OP_TEST:
                ref(a);
                tier("truthy", "(Ljava/lang/Object;)Z");
                condJump(j, i);
                return;
            case OP_TESTSET: {            // if (not R[B] == k) then pc++ else { R[A] := R[B]; donextjump }
                ref(Instr.b(i));
                tier("truthy", "(Ljava/lang/Object;)Z");
                push(Instr.k(i) ? 1 : 0);
                Label set = new Label();
                mv.visitJumpInsn(IF_ICMPEQ, set);
                jump(j, j + 2);
                mv.visitLabel(set);
                arrays(a);
                reg(Instr.b(i));
                tier("move", MOVE);
                jump(j, j + 2 + Instr.sj(code[j + 1]));
                return;
            }
            default:
                throw new AssertionError("opcode " + Instr.op(i));
        }
    }

    /** Pushes the table of upvalue {@code b}. */
    private void upvalue(int b) {
        mv.visitVarInsn(ALOAD, UP);
        push(b);
        tier("upvalue", "([Ldev/moonstack/value/UpVal;I)Ljava/lang/Object;");
    }

    /** With a table on the stack: R[A] := t[K[C]:string], or leave at {@code j} for the interpreter. */
    private void getStr(int a, int c, int j) {
        mv.visitVarInsn(ALOAD, K);
        push(c);
        mv.visitInsn(AALOAD);
        arrays(a);
        mv.visitVarInsn(ALOAD, L_);
        mv.visitVarInsn(ALOAD, CI);
        push(j + 1);
        site();
        tier("getStr", GETSTR);
        orDeopt(j, 1);
    }

    /**
     * Pushes a new inline cache ({@link Tier.Site}) for the site being compiled: a constant of
     * the body's class (its class data, loaded by {@code ldc}), so that C2 sees the object and
     * the cache costs no load from the body instance.
     */
    private void site() {
        mv.visitLdcInsn(siteConstant(sites.size()));
        sites.add(new Tier.Site());
    }

    private static ConstantDynamic siteConstant(int i) {
        Handle bsm = new Handle(H_INVOKESTATIC, "java/lang/invoke/MethodHandles", "classDataAt",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;", false);
        return new ConstantDynamic("_", SITE, bsm, i);
    }

    /**
     * The class initializer resolves every site's constant (the {@code ldc}s in {@code run}
     * share its constant pool entries): HotSpot's compilers skip a method with an unresolved
     * dynamic constant ("could not resolve a constant"), so a site not yet reached would keep
     * the whole body interpreted by the JVM.
     */
    private void resolveSites(ClassWriter cw) {
        MethodVisitor init = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        init.visitCode();
        for (int i = 0; i < sites.size(); i++) {
            init.visitLdcInsn(siteConstant(i));
            init.visitInsn(POP);
        }
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
    }

    /** With a table and a key on the stack: t[key] := RK(C), or leave at {@code j} for the interpreter. */
    private void set(int j, int i) {
        rk(i);
        tier("set", SET);
        orDeopt(j, 1);
    }

    /** As {@link #set} for a constant string key, through an inline cache ({@link #site}). */
    private void setStr(int j, int i) {
        rk(i);
        site();
        tier("setStr", SETSTR);
        orDeopt(j, 1);
    }

    /**
     * R[A] := x op y for event {@code event} ({@link dev.moonstack.vm.Tier#arith}), the
     * operands pushed by {@code x} and {@code y} as (tag, payload) pairs.
     */
    private void arith(int j, int a, int event, Runnable x, Runnable y) {
        mv.visitVarInsn(ALOAD, CI);
        push(j + 1);
        push(event);
        x.run();
        y.run();
        results();
        reg(a);
        tier("arith", ARITH);
        arithDone(j);
    }

    /** After an arithmetic fast path (boolean on the stack): skip the MMBIN, or let it run interpreted. */
    private void arithDone(int j) {
        Label ok = new Label();
        mv.visitJumpInsn(IFNE, ok);
        deopt(j + 1, 0);
        mv.visitLabel(ok);
        mv.visitJumpInsn(GOTO, at[j + 2]);
    }
}
