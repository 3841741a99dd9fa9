package dev.moonstack.jit;

import dev.moonstack.code.Disassembler;
import dev.moonstack.value.ChunkId;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.Proto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The {@code -jdump} listing of one compiled function (LuaJIT: jit.dump): the JVM instructions
 * of its body as {@link Compiler} emits them, each Lua instruction's block under that
 * instruction as {@code luac -l} lists it, and under the source line it comes from when the
 * line changes. A method visitor in front of the class writer, so the listing is the code
 * that was defined, not a second rendering of it; it prints what this compiler emits (no
 * frames, no debug information), which is why it is not ASM's Textifier (asm-util).
 */
final class Listing extends MethodVisitor {
    /** The JVM's mnemonics by opcode (JVM specification, chapter 6), 0 to 201. */
    private static final String[] OPCODES = ("NOP ACONST_NULL ICONST_M1 ICONST_0 ICONST_1 ICONST_2 ICONST_3 ICONST_4 "
            + "ICONST_5 LCONST_0 LCONST_1 FCONST_0 FCONST_1 FCONST_2 DCONST_0 DCONST_1 BIPUSH SIPUSH LDC LDC_W LDC2_W "
            + "ILOAD LLOAD FLOAD DLOAD ALOAD ILOAD_0 ILOAD_1 ILOAD_2 ILOAD_3 LLOAD_0 LLOAD_1 LLOAD_2 LLOAD_3 FLOAD_0 "
            + "FLOAD_1 FLOAD_2 FLOAD_3 DLOAD_0 DLOAD_1 DLOAD_2 DLOAD_3 ALOAD_0 ALOAD_1 ALOAD_2 ALOAD_3 IALOAD LALOAD "
            + "FALOAD DALOAD AALOAD BALOAD CALOAD SALOAD ISTORE LSTORE FSTORE DSTORE ASTORE ISTORE_0 ISTORE_1 ISTORE_2 "
            + "ISTORE_3 LSTORE_0 LSTORE_1 LSTORE_2 LSTORE_3 FSTORE_0 FSTORE_1 FSTORE_2 FSTORE_3 DSTORE_0 DSTORE_1 "
            + "DSTORE_2 DSTORE_3 ASTORE_0 ASTORE_1 ASTORE_2 ASTORE_3 IASTORE LASTORE FASTORE DASTORE AASTORE BASTORE "
            + "CASTORE SASTORE POP POP2 DUP DUP_X1 DUP_X2 DUP2 DUP2_X1 DUP2_X2 SWAP IADD LADD FADD DADD ISUB LSUB FSUB "
            + "DSUB IMUL LMUL FMUL DMUL IDIV LDIV FDIV DDIV IREM LREM FREM DREM INEG LNEG FNEG DNEG ISHL LSHL ISHR LSHR "
            + "IUSHR LUSHR IAND LAND IOR LOR IXOR LXOR IINC I2L I2F I2D L2I L2F L2D F2I F2L F2D D2I D2L D2F I2B I2C I2S "
            + "LCMP FCMPL FCMPG DCMPL DCMPG IFEQ IFNE IFLT IFGE IFGT IFLE IF_ICMPEQ IF_ICMPNE IF_ICMPLT IF_ICMPGE "
            + "IF_ICMPGT IF_ICMPLE IF_ACMPEQ IF_ACMPNE GOTO JSR RET TABLESWITCH LOOKUPSWITCH IRETURN LRETURN FRETURN "
            + "DRETURN ARETURN RETURN GETSTATIC PUTSTATIC GETFIELD PUTFIELD INVOKEVIRTUAL INVOKESPECIAL INVOKESTATIC "
            + "INVOKEINTERFACE INVOKEDYNAMIC NEW NEWARRAY ANEWARRAY ARRAYLENGTH ATHROW CHECKCAST INSTANCEOF "
            + "MONITORENTER MONITOREXIT WIDE MULTIANEWARRAY IFNULL IFNONNULL").split(" ");

    private final Proto p;
    private final StringBuilder out = new StringBuilder();
    private final Map<Label, Integer> labels = new HashMap<>();
    private final List<String> source;
    private int lastLine = -1;

    Listing(Proto p, MethodVisitor next) {
        super(Opcodes.ASM9, next);
        this.p = p;
        this.source = sourceLines(p.source);
    }

    /** This listing in front of {@code next}, the method visitor that writes the class. */
    MethodVisitor to(MethodVisitor next) {
        mv = next;
        return this;
    }

    /** The listing so far. */
    String text() { return out.toString(); }

    /** The head of the listing: what is compiled, and the class it becomes. */
    void header(String what, String className) {
        out.append("---- ").append(ChunkId.of(p.source)).append(':').append(p.lineDefined).append(' ').append(what)
           .append(": JVM class ").append(className).append('\n');
    }

    /** The Lua instruction {@code pc} starts here: its source line (when it changes) and its luac line. */
    void lua(int pc) {
        int line = p.line(pc);
        if (line != lastLine && line > 0) {
            lastLine = line;
            String text = source != null && line <= source.size() ? ": " + source.get(line - 1).strip() : "";
            out.append("-- ").append(ChunkId.of(p.source)).append(':').append(line).append(text).append('\n');
        }
        out.append(Disassembler.instruction(p, pc));
    }

    /** A part of the method that is not one Lua instruction's (the prologue, the handler). */
    void part(String name) {
        out.append("-- ").append(name).append('\n');
    }

    /** The source text by line: a file's ({@code @name}), a string chunk's own, none for {@code =name}. */
    private static List<String> sourceLines(LuaString source) {
        if (source == null) return null;
        String s = source.toString();
        if (s.startsWith("=")) return null;
        if (!s.startsWith("@")) return s.lines().toList();
        try {
            return Files.readAllLines(Path.of(s.substring(1)), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return null;                                   // a file gone or unreadable: lines only
        }
    }

    private void line(int opcode, String operands) {
        out.append("\t\t\t").append(OPCODES[opcode]);
        if (!operands.isEmpty()) out.append(' ').append(operands);
        out.append('\n');
    }

    private String label(Label l) {
        return "L" + labels.computeIfAbsent(l, x -> labels.size());
    }

    @Override public void visitInsn(int opcode) {
        line(opcode, "");
        super.visitInsn(opcode);
    }

    @Override public void visitIntInsn(int opcode, int operand) {
        line(opcode, Integer.toString(operand));
        super.visitIntInsn(opcode, operand);
    }

    @Override public void visitVarInsn(int opcode, int var) {
        line(opcode, Integer.toString(var));
        super.visitVarInsn(opcode, var);
    }

    @Override public void visitTypeInsn(int opcode, String type) {
        line(opcode, type);
        super.visitTypeInsn(opcode, type);
    }

    @Override public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        line(opcode, owner + "." + name + " : " + descriptor);
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        line(opcode, owner + "." + name + descriptor);
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override public void visitJumpInsn(int opcode, Label target) {
        line(opcode, label(target));
        super.visitJumpInsn(opcode, target);
    }

    @Override public void visitLabel(Label l) {
        out.append("\t\t").append(label(l)).append(":\n");
        super.visitLabel(l);
    }

    @Override public void visitLdcInsn(Object value) {
        line(Opcodes.LDC, value instanceof String ? "\"" + value + "\"" : value + (value instanceof Long ? "L" : ""));
        super.visitLdcInsn(value);
    }

    @Override public void visitIincInsn(int var, int increment) {
        line(Opcodes.IINC, var + " " + increment);
        super.visitIincInsn(var, increment);
    }

    @Override public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] targets) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < keys.length; k++) b.append(keys[k]).append(": ").append(label(targets[k])).append(", ");
        line(Opcodes.LOOKUPSWITCH, b.append("default: ").append(label(dflt)).toString());
        super.visitLookupSwitchInsn(dflt, keys, targets);
    }

    @Override public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        out.append("\t\t\tTRYCATCH ").append(label(start)).append(' ').append(label(end)).append(' ')
           .append(label(handler)).append(' ').append(type == null ? "any" : type).append('\n');
        super.visitTryCatchBlock(start, end, handler, type);
    }
}
