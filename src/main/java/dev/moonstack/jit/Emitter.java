package dev.moonstack.jit;

import static org.objectweb.asm.Opcodes.*;

import dev.moonstack.code.Instr;
import dev.moonstack.value.Proto;
import dev.moonstack.vm.Tier;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * What every emitter of a compiled body shares: the locals of its method {@code run}, the
 * operands it pushes (registers, constants, numbers), and its exits (leaving for the
 * interpreter, the poll of the countdown, jumps); {@link CallEmitter} and {@link Compiler}
 * emit the instructions with them.
 */
abstract class Emitter {
    static final String TIER = "dev/moonstack/vm/Tier";
    static final String THREAD = "dev/moonstack/vm/LuaThread";
    static final String ACT = "dev/moonstack/vm/Activation";
    static final String OBJS = "[Ljava/lang/Object;";
    static final String TAG = "Ldev/moonstack/value/NumTag;";
    static final String RUN = "(L" + THREAD + ";L" + ACT + ";I)L" + ACT + ";";
    static final String BODY = TIER + "$Body";

    // the locals of run: its arguments (L, ci, pc), the stack arrays, base, the constants, the
    // upvalues, the instructions run since the last poll, the countdown's window (the poll
    // comes when ran reaches it), and how many of ran an exit has counted already
    static final int L_ = 1, CI = 2, PC = 3, R = 4, N = 5, BASE = 6, K = 7, KN = 8, UP = 9, RAN = 10, WINDOW = 11,
            COUNTED = 12;

    final Proto p;
    final int[] code;
    MethodVisitor mv;
    /** The first JVM instruction of each Lua instruction, by pc (and one past the last). */
    Label[] at;

    Emitter(Proto p) {
        this.p = p;
        this.code = p.code;
    }

    final void tier(String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, TIER, name, desc, false);
    }

    final void push(int v) { mv.visitLdcInsn(v); }

    /** Pushes the absolute slot of register {@code a}: base + a. */
    final void reg(int a) {
        mv.visitVarInsn(ILOAD, BASE);
        if (a != 0) {
            push(a);
            mv.visitInsn(IADD);
        }
    }

    /** Pushes r, n, base + a. */
    final void arrays(int a) {
        mv.visitVarInsn(ALOAD, R);
        mv.visitVarInsn(ALOAD, N);
        reg(a);
    }

    /** Pushes r, n (the arrays an operation writes its result into). */
    final void results() {
        mv.visitVarInsn(ALOAD, R);
        mv.visitVarInsn(ALOAD, N);
    }

    /** Pushes the Object half of register {@code a} (a table, a function, a tag). */
    final void ref(int a) {
        mv.visitVarInsn(ALOAD, R);
        reg(a);
        mv.visitInsn(AALOAD);
    }

    /** Pushes the two halves of register {@code a}: Object, long. */
    final void value(int a) {
        ref(a);
        mv.visitVarInsn(ALOAD, N);
        reg(a);
        mv.visitInsn(LALOAD);
    }

    /** Pushes the two halves of constant {@code c}. */
    final void constant(int c) {
        mv.visitVarInsn(ALOAD, K);
        push(c);
        mv.visitInsn(AALOAD);
        mv.visitVarInsn(ALOAD, KN);
        push(c);
        mv.visitInsn(LALOAD);
    }

    /** RK(C) of a SET instruction. */
    final void rk(int i) {
        if (Instr.k(i)) constant(Instr.c(i)); else value(Instr.c(i));
    }

    /** Pushes an integer as a (tag, payload) pair. */
    final void integer(long v) {
        mv.visitFieldInsn(GETSTATIC, "dev/moonstack/value/NumTag", "INT", TAG);
        mv.visitLdcInsn(v);
    }

    /** Pushes L, ci: the first two arguments of the operations that save the pc or may call. */
    final void threadAndCi() {
        mv.visitVarInsn(ALOAD, L_);
        mv.visitVarInsn(ALOAD, CI);
    }

    /**
     * Pushes the instructions run since the last count, ran - counted, and marks them counted
     * (what an exit counts must not be counted again by the handler or the next exit). Ran
     * itself goes on to the poll: a call resetting it would keep a loop that calls from ever
     * polling (the budget, the host's interrupt).
     */
    final void takeRan() {
        mv.visitVarInsn(ILOAD, RAN);
        mv.visitVarInsn(ILOAD, COUNTED);
        mv.visitInsn(ISUB);
        mv.visitVarInsn(ILOAD, RAN);
        mv.visitVarInsn(ISTORE, COUNTED);
    }

    /** ran, counted := 0: a window starts (the prologue, a poll). */
    final void newWindow() {
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, RAN);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, COUNTED);
    }

    /** r, n := the coroutine's stack arrays. */
    final void loadStack() {
        mv.visitVarInsn(ALOAD, L_);
        mv.visitFieldInsn(GETFIELD, THREAD, "stack", "Ldev/moonstack/vm/ValueStack;");
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, "dev/moonstack/vm/ValueStack", "refs", OBJS);
        mv.visitVarInsn(ASTORE, R);
        mv.visitFieldInsn(GETFIELD, "dev/moonstack/vm/ValueStack", "nums", "[J");
        mv.visitVarInsn(ASTORE, N);
    }

    // ------------------------------------------------------------ exits

    /** Leaves at instruction {@code pc}, which the interpreter runs next; {@code uncount}: not run here. */
    final void deopt(int pc, int uncount) {
        threadAndCi();
        if (pc < 0) mv.visitVarInsn(ILOAD, PC); else push(pc);
        takeRan();
        if (uncount != 0) {
            push(uncount);
            mv.visitInsn(ISUB);
        }
        tier("deopt", "(L" + THREAD + ";L" + ACT + ";II)L" + ACT + ";");
        mv.visitInsn(ARETURN);
    }

    /** With a boolean on the stack: false leaves at {@code pc} (the interpreter's slow path). */
    final void orDeopt(int pc, int uncount) {
        Label ok = new Label();
        mv.visitJumpInsn(IFNE, ok);
        deopt(pc, uncount);
        mv.visitLabel(ok);
    }

    /** The poll before instruction {@code pc} (a backward jump's target, or a CALL). */
    final void poll(int pc) {
        Label go = new Label();
        mv.visitVarInsn(ILOAD, RAN);
        mv.visitVarInsn(ILOAD, WINDOW);
        mv.visitJumpInsn(IF_ICMPLT, go);
        threadAndCi();
        push(pc);
        takeRan();
        tier("poll", "(L" + THREAD + ";L" + ACT + ";II)I");
        newWindow();
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, WINDOW);
        Label served = new Label();
        mv.visitJumpInsn(IFGT, served);
        threadAndCi();
        tier("leave", "(L" + THREAD + ";L" + ACT + ";)L" + ACT + ";");
        mv.visitInsn(ARETURN);
        mv.visitLabel(served);             // a finalizer run by the slow path may have grown the stack
        loadStack();
        mv.visitLabel(go);
    }

    /** A jump to instruction {@code target}, polling first when it goes backwards. */
    final void jump(int from, int target) {
        if (target <= from) poll(target);
        mv.visitJumpInsn(GOTO, at[target]);
    }

    /**
     * With a condition (1, 0, or -1 for "needs a metamethod") on the stack: Lua's docondjump
     * for instruction {@code j}: the JMP after it is taken when the condition equals k.
     */
    final void condJump(int j, int i) {
        mv.visitInsn(DUP);
        Label known = new Label();
        mv.visitJumpInsn(IFGE, known);
        mv.visitInsn(POP);
        deopt(j, 1);
        mv.visitLabel(known);
        Label taken = new Label();
        push(Instr.k(i) ? 1 : 0);
        mv.visitJumpInsn(IF_ICMPEQ, taken);
        jump(j, j + 2);
        mv.visitLabel(taken);
        jump(j, j + 2 + Instr.sj(code[j + 1]));
    }
}
