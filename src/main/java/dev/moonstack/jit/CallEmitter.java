package dev.moonstack.jit;

import static dev.moonstack.code.OpCode.*;
import static org.objectweb.asm.Opcodes.*;

import dev.moonstack.code.Instr;
import dev.moonstack.value.Proto;
import dev.moonstack.vm.Tier;
import org.objectweb.asm.Label;

/**
 * The emitters of a compiled body's control transfers: for loops, calls (direct calls
 * of compiled callees), tail calls and returns, each leaving through {@link Tier} with the pc
 * saved and the instructions run counted.
 */
abstract class CallEmitter extends Emitter {
    private static final String CALL = "(L" + THREAD + ";L" + ACT + ";IIIIII)Ljava/lang/Object;";
    private static final String EXIT = "(L" + THREAD + ";L" + ACT + ";IIIIZII)L" + ACT + ";";

    CallEmitter(Proto p) {
        super(p);
    }

    /** Numeric and generic for loops, calls, returns. */
    final void control(int j, int i, int a) {
        switch (Instr.op(i)) {
            case OP_FORPREP:
                mv.visitVarInsn(ALOAD, CI);
                push(j + 1);
                arrays(a);
                tier("forPrep", "(L" + ACT + ";I" + OBJS + "[JI)Z");
                Label runs = new Label();
                mv.visitJumpInsn(IFEQ, runs);
                mv.visitJumpInsn(GOTO, at[j + 1 + Instr.bx(i) + 1]);
                mv.visitLabel(runs);
                return;
            case OP_FORLOOP:
                loopBack(j, i, a, "forLoop");
                return;
            case OP_CALL:
                poll(j);
                frame(a, Instr.b(i), Instr.c(i));
                savedPc(j + 1);
                tier("call", CALL);
                callee(j);
                return;
            case OP_TFORPREP:                // the closing value, then to the TFORCALL
                threadAndCi();
                reg(a);
                push(j + 1);
                tier("forPrep", "(L" + THREAD + ";L" + ACT + ";II)V");
                mv.visitJumpInsn(GOTO, at[j + 1 + Instr.bx(i)]);
                return;
            case OP_TFORCALL:                // a call as OP_CALL's (no poll: TFORLOOP's jump polls)
                threadAndCi();
                reg(a);
                push(Instr.c(i));
                savedPc(j + 1);
                tier("forCall", "(L" + THREAD + ";L" + ACT + ";IIII)Ljava/lang/Object;");
                callee(j);
                return;
            case OP_TFORLOOP:
                loopBack(j, i, a, "forNext");
                return;
            case OP_TAILCALL:                // polls first: a tail-call loop has no other poll
                poll(j);
                frame(a, Instr.b(i), Instr.c(i));
                push(Instr.k(i) ? 1 : 0);
                savedPc(j + 1);
                tier("tailcall", EXIT);
                goOnOrLeave(j);
                return;
            case OP_RETURN:
                frame(a, Instr.b(i), Instr.c(i));
                push(Instr.k(i) ? 1 : 0);
                savedPc(j + 1);
                tier("ret", EXIT);
                mv.visitInsn(ARETURN);
                return;
            case OP_RETURN0:
            case OP_RETURN1:                 // L, ci, base + A, B as OP_RETURN's (1 or 2)
                threadAndCi();
                mv.visitVarInsn(ILOAD, BASE);
                push(a);
                mv.visitInsn(IADD);
                push(Instr.op(i) == OP_RETURN0 ? 1 : 2);
                savedPc(j + 1);
                tier("retN", "(L" + THREAD + ";L" + ACT + ";IIII)L" + ACT + ";");
                mv.visitInsn(ARETURN);
                return;
            case OP_EXTRAARG:                // never run: LOADKX jumps over it
                return;
            default:
                throw new AssertionError("opcode " + Instr.op(i));
        }
    }

    /**
     * FORLOOP, TFORLOOP: Tier operation {@code op} over R[A].. says whether the loop goes on;
     * if so, the backward jump to pc+1-Bx (which polls).
     */
    private void loopBack(int j, int i, int a, String op) {
        arrays(a);
        tier(op, "(" + OBJS + "[JI)Z");
        Label done = new Label();
        mv.visitJumpInsn(IFEQ, done);
        jump(j, j + 1 - Instr.bx(i));
        mv.visitLabel(done);
    }

    /** Pushes L, ci, base and the operands A B C of a call or return (their first arguments in {@link Tier}). */
    private void frame(int a, int b, int c) {
        threadAndCi();
        mv.visitVarInsn(ILOAD, BASE);
        push(a);
        push(b);
        push(c);
    }

    /** Pushes the pc to save ({@code pc}) and the instructions run, which the exit counts. */
    private void savedPc(int pc) {
        push(pc);
        takeRan();
    }

    /**
     * After OP_CALL or OP_TFORCALL at {@code j} ({@link Tier#call}, {@link Tier#forCall}), with
     * what they return on the stack: a compiled Lua callee is run by a direct call of its body
     * from here (its own call site, so that C2 profiles and may inline it here), and
     * {@link Tier#back} says whether to go on; anything else returns to the trampoline unless
     * the call has completed ({@link Tier#GO_ON}). Going on, the stack arrays are loaded
     * again: the callee may have grown the stack.
     */
    private void callee(int j) {
        mv.visitInsn(DUP);
        mv.visitTypeInsn(INSTANCEOF, BODY);
        Label notDirect = new Label(), check = new Label();
        mv.visitJumpInsn(IFEQ, notDirect);
        mv.visitTypeInsn(CHECKCAST, BODY);
        mv.visitVarInsn(ALOAD, L_);
        mv.visitVarInsn(ALOAD, L_);
        tier("callee", "(L" + THREAD + ";)L" + ACT + ";");
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKEINTERFACE, BODY, "run", RUN, true);
        threadAndCi();
        tier("back", "(L" + ACT + ";L" + THREAD + ";L" + ACT + ";)L" + ACT + ";");
        mv.visitJumpInsn(GOTO, check);
        mv.visitLabel(notDirect);
        mv.visitTypeInsn(CHECKCAST, ACT);
        mv.visitLabel(check);
        goOnOrLeave(j);
    }

    /**
     * With an activation on the stack after a call at {@code j}: {@link Tier#GO_ON} goes on at
     * {@code j + 1} with the stack arrays loaded again (the callee may have grown the stack);
     * anything else is returned.
     */
    private void goOnOrLeave(int j) {
        Label leave = new Label();
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETSTATIC, TIER, "GO_ON", "L" + ACT + ";");
        mv.visitJumpInsn(IF_ACMPNE, leave);
        mv.visitInsn(POP);
        loadStack();
        mv.visitJumpInsn(GOTO, at[j + 1]);
        mv.visitLabel(leave);
        mv.visitInsn(ARETURN);
    }
}
