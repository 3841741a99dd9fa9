package dev.moonstack.code;

import dev.moonstack.value.LocVar;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.Proto;
import dev.moonstack.value.UpvalDesc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.IdentityHashMap;

import static dev.moonstack.code.OpCode.*;

/**
 * Listings of prototypes in the format of {@code luac -l} (Lua: PrintFunction and friends of
 * luac.c). Where luac prints a C pointer ({@code at 0x...}, {@code for 0x...:} and the CLOSURE
 * comment) this prints {@code 0x} followed by the 1-based number of the function in preorder
 * (main function first), as 12 hex digits; a test can map both forms to the order in which
 * the addresses first appear.
 */
public final class Disassembler {
    private Disassembler() {}

    private static final String[] TMNAMES = {
        "__index", "__newindex", "__gc", "__mode", "__len", "__eq", "__add", "__sub", "__mul",
        "__mod", "__pow", "__div", "__idiv", "__band", "__bor", "__bxor", "__shl", "__shr",
        "__unm", "__bnot", "__lt", "__le", "__concat", "__call", "__close",
    };

    /** The listing of {@code p} and its nested functions; {@code full} adds constants, locals and upvalues. */
    public static String list(Proto p, boolean full) {
        IdentityHashMap<Proto, Integer> ids = new IdentityHashMap<>();
        number(p, ids);
        StringBuilder sb = new StringBuilder();
        printFunction(sb, p, full, ids);
        return sb.toString();
    }

    private static void number(Proto p, IdentityHashMap<Proto, Integer> ids) {
        ids.put(p, ids.size() + 1);
        if (p.p != null) for (Proto c : p.p) number(c, ids);
    }

    private static String addr(Proto p, IdentityHashMap<Proto, Integer> ids) {
        return String.format("0x%012x", ids.get(p));
    }

    private static void printFunction(StringBuilder sb, Proto f, boolean full, IdentityHashMap<Proto, Integer> ids) {
        printHeader(sb, f, ids);
        printCode(sb, f, ids);
        if (full) printDebug(sb, f, ids);
        if (f.p != null) for (Proto c : f.p) printFunction(sb, c, full, ids);
    }

    private static String s(int n) { return n == 1 ? "" : "s"; }

    private static void printHeader(StringBuilder sb, Proto f, IdentityHashMap<Proto, Integer> ids) {
        String src = f.source == null ? "=?" : f.source.toString();
        if (src.startsWith("@") || src.startsWith("=")) src = src.substring(1);
        else if (src.startsWith("\u001bLua")) src = "(bstring)";
        else src = "(string)";
        int ncode = f.code.length;
        sb.append('\n').append(f.lineDefined == 0 ? "main" : "function").append(" <").append(src)
          .append(':').append(f.lineDefined).append(',').append(f.lastLineDefined).append("> (")
          .append(ncode).append(" instruction").append(s(ncode)).append(" at ").append(addr(f, ids)).append(")\n");
        int np = f.numParams, nup = len(f.upvalues), nloc = len(f.locVars), nk = len(f.k), nf = len(f.p);
        sb.append(np).append(f.isVararg ? "+" : "").append(" param").append(s(np)).append(", ")
          .append(f.maxStackSize).append(" slot").append(s(f.maxStackSize)).append(", ")
          .append(nup).append(" upvalue").append(s(nup)).append(", ")
          .append(nloc).append(" local").append(s(nloc)).append(", ")
          .append(nk).append(" constant").append(s(nk)).append(", ")
          .append(nf).append(" function").append(s(nf)).append('\n');
    }

    private static int len(Object[] a) { return a == null ? 0 : a.length; }

    private static String upvalName(Proto f, int i) {
        return f.upvalues != null && i < f.upvalues.length && f.upvalues[i].name != null
                ? f.upvalues[i].name.toString() : "-";
    }

    private static void printCode(StringBuilder sb, Proto f, IdentityHashMap<Proto, Integer> ids) {
        for (int pc = 0; pc < f.code.length; pc++) printInstruction(sb, f, pc, ids);
    }

    /**
     * The line of {@code luac -l} for instruction {@code pc} of {@code f} alone (the compiled
     * tier's {@code -jdump}); a nested function's address is its index among {@code f}'s.
     */
    public static String instruction(Proto f, int pc) {
        IdentityHashMap<Proto, Integer> ids = new IdentityHashMap<>();
        ids.put(f, 0);
        if (f.p != null) for (Proto c : f.p) ids.put(c, ids.size());
        StringBuilder sb = new StringBuilder();
        printInstruction(sb, f, pc, ids);
        return sb.toString();
    }

    private static void printInstruction(StringBuilder sb, Proto f, int pc, IdentityHashMap<Proto, Integer> ids) {
        int[] code = f.code;
        int i = code[pc];
        int o = Instr.op(i);
        int line = f.line(pc);
        sb.append('\t').append(pc + 1).append('\t');
        sb.append(line > 0 ? "[" + line + "]" : "[-]").append('\t');
        String name = OpCode.name(o);
        sb.append(name);
        for (int n = name.length(); n < 9; n++) sb.append(' ');
        sb.append('\t');
        printOperands(sb, f, code, pc, ids);
        sb.append('\n');
    }

    private static void printOperands(StringBuilder sb, Proto f, int[] code, int pc, IdentityHashMap<Proto, Integer> ids) {
        int i = code[pc];
        int o = Instr.op(i);
        int a = Instr.a(i), b = Instr.b(i), c = Instr.c(i), bx = Instr.bx(i);
        int sb2 = Instr.sb(i), sc = Instr.sc(i), sbx = Instr.sbx(i);
        int isk = Instr.k(i) ? 1 : 0;
        String k = isk == 1 ? "k" : "";
        switch (o) {
            case OP_MOVE: case OP_UNM: case OP_BNOT: case OP_NOT: case OP_LEN: case OP_CONCAT:
                sb.append(a).append(' ').append(b);
                break;
            case OP_LOADI: case OP_LOADF:
                sb.append(a).append(' ').append(sbx);
                break;
            case OP_LOADK:
                sb.append(a).append(' ').append(bx).append("\t; ");
                constant(sb, f, bx);
                break;
            case OP_LOADKX:
                sb.append(a).append("\t; ");
                constant(sb, f, Instr.ax(code[pc + 1]));
                break;
            case OP_LOADFALSE: case OP_LFALSESKIP: case OP_LOADTRUE: case OP_CLOSE: case OP_TBC:
            case OP_RETURN1: case OP_VARARGPREP:
                sb.append(a);
                break;
            case OP_LOADNIL:
                sb.append(a).append(' ').append(b).append("\t; ").append(b + 1).append(" out");
                break;
            case OP_GETUPVAL: case OP_SETUPVAL:
                sb.append(a).append(' ').append(b).append("\t; ").append(upvalName(f, b));
                break;
            case OP_GETTABUP:
                sb.append(a).append(' ').append(b).append(' ').append(c).append("\t; ").append(upvalName(f, b)).append(' ');
                constant(sb, f, c);
                break;
            case OP_GETTABLE: case OP_GETI: case OP_ADD: case OP_SUB: case OP_MUL: case OP_MOD:
            case OP_POW: case OP_DIV: case OP_IDIV: case OP_BAND: case OP_BOR: case OP_BXOR:
            case OP_SHL: case OP_SHR:
                sb.append(a).append(' ').append(b).append(' ').append(c);
                break;
            case OP_GETFIELD: case OP_ADDK: case OP_SUBK: case OP_MULK: case OP_MODK: case OP_POWK:
            case OP_DIVK: case OP_IDIVK: case OP_BANDK: case OP_BORK: case OP_BXORK:
                sb.append(a).append(' ').append(b).append(' ').append(c).append("\t; ");
                constant(sb, f, c);
                break;
            case OP_SETTABUP:
                sb.append(a).append(' ').append(b).append(' ').append(c).append(k).append("\t; ").append(upvalName(f, a)).append(' ');
                constant(sb, f, b);
                if (isk == 1) constant(sb.append(' '), f, c);
                break;
            case OP_SETTABLE: case OP_SETI: case OP_SELF:
                sb.append(a).append(' ').append(b).append(' ').append(c).append(k);
                if (isk == 1) constant(sb.append("\t; "), f, c);
                break;
            case OP_SETFIELD:
                sb.append(a).append(' ').append(b).append(' ').append(c).append(k).append("\t; ");
                constant(sb, f, b);
                if (isk == 1) constant(sb.append(' '), f, c);
                break;
            case OP_NEWTABLE:
                sb.append(a).append(' ').append(b).append(' ').append(c).append("\t; ")
                  .append(c + Instr.ax(code[pc + 1]) * (Instr.MAXARG_C + 1));
                break;
            case OP_ADDI: case OP_SHRI: case OP_SHLI:
                sb.append(a).append(' ').append(b).append(' ').append(sc);
                break;
            case OP_MMBIN:
                sb.append(a).append(' ').append(b).append(' ').append(c).append("\t; ").append(TMNAMES[c]);
                break;
            case OP_MMBINI:
                sb.append(a).append(' ').append(sb2).append(' ').append(c).append(' ').append(isk)
                  .append("\t; ").append(TMNAMES[c]);
                if (isk == 1) sb.append(" flip");
                break;
            case OP_MMBINK:
                sb.append(a).append(' ').append(b).append(' ').append(c).append(' ').append(isk)
                  .append("\t; ").append(TMNAMES[c]).append(' ');
                constant(sb, f, b);
                if (isk == 1) sb.append(" flip");
                break;
            case OP_JMP: {
                int sj = Instr.sj(i);
                sb.append(sj).append("\t; to ").append(sj + pc + 2);
                break;
            }
            case OP_EQ: case OP_LT: case OP_LE: case OP_TESTSET:
                sb.append(a).append(' ').append(b).append(' ').append(isk);
                break;
            case OP_EQK:
                sb.append(a).append(' ').append(b).append(' ').append(isk).append("\t; ");
                constant(sb, f, b);
                break;
            case OP_EQI: case OP_LTI: case OP_LEI: case OP_GTI: case OP_GEI:
                sb.append(a).append(' ').append(sb2).append(' ').append(isk);
                break;
            case OP_TEST:
                sb.append(a).append(' ').append(isk);
                break;
            case OP_CALL:
                sb.append(a).append(' ').append(b).append(' ').append(c).append("\t; ")
                  .append(b == 0 ? "all in " : (b - 1) + " in ")
                  .append(c == 0 ? "all out" : (c - 1) + " out");
                break;
            case OP_TAILCALL:
                sb.append(a).append(' ').append(b).append(' ').append(c).append(k).append("\t; ").append(b - 1).append(" in");
                break;
            case OP_RETURN:
                sb.append(a).append(' ').append(b).append(' ').append(c).append(k).append("\t; ")
                  .append(b == 0 ? "all out" : (b - 1) + " out");
                break;
            case OP_RETURN0:
                break;
            case OP_FORLOOP: case OP_TFORLOOP:
                sb.append(a).append(' ').append(bx).append("\t; to ").append(pc - bx + 2);
                break;
            case OP_FORPREP:
                sb.append(a).append(' ').append(bx).append("\t; exit to ").append(pc + bx + 3);
                break;
            case OP_TFORPREP:
                sb.append(a).append(' ').append(bx).append("\t; to ").append(pc + bx + 2);
                break;
            case OP_TFORCALL:
                sb.append(a).append(' ').append(c);
                break;
            case OP_SETLIST:
                sb.append(a).append(' ').append(b).append(' ').append(c);
                if (isk == 1) sb.append("\t; ").append(c + Instr.ax(code[pc + 1]) * (Instr.MAXARG_C + 1));
                break;
            case OP_CLOSURE:
                sb.append(a).append(' ').append(bx).append("\t; ").append(addr(f.p[bx], ids));
                break;
            case OP_VARARG:
                sb.append(a).append(' ').append(c).append("\t; ").append(c == 0 ? "all out" : (c - 1) + " out");
                break;
            case OP_EXTRAARG:
                sb.append(Instr.ax(i));
                break;
            default:
                break;
        }
    }

    private static void printDebug(StringBuilder sb, Proto f, IdentityHashMap<Proto, Integer> ids) {
        String ad = addr(f, ids);
        int nk = len(f.k);
        sb.append("constants (").append(nk).append(") for ").append(ad).append(":\n");
        for (int i = 0; i < nk; i++) {
            sb.append('\t').append(i).append('\t').append(typeChar(f.k[i])).append('\t');
            constant(sb, f, i);
            sb.append('\n');
        }
        int nl = len(f.locVars);
        sb.append("locals (").append(nl).append(") for ").append(ad).append(":\n");
        for (int i = 0; i < nl; i++) {
            LocVar v = f.locVars[i];
            sb.append('\t').append(i).append('\t').append(v.name).append('\t')
              .append(v.startPc + 1).append('\t').append(v.endPc + 1).append('\n');
        }
        int nu = len(f.upvalues);
        sb.append("upvalues (").append(nu).append(") for ").append(ad).append(":\n");
        for (int i = 0; i < nu; i++) {
            UpvalDesc u = f.upvalues[i];
            sb.append('\t').append(i).append('\t').append(upvalName(f, i)).append('\t')
              .append(u.inStack ? 1 : 0).append('\t').append(u.index).append('\n');
        }
    }

    private static String typeChar(Object v) {
        if (v == null) return "N";
        if (v instanceof Boolean) return "B";
        if (v == NumTag.FLT) return "F";
        if (v == NumTag.INT) return "I";
        if (v instanceof LuaString) return "S";
        return "?";
    }

    private static void constant(StringBuilder sb, Proto f, int i) {
        Object v = f.k[i];
        if (v == null) {
            sb.append("nil");
        } else if (v instanceof Boolean bv) {
            sb.append(bv ? "true" : "false");
        } else if (v == NumTag.INT) {
            sb.append(f.kn[i]);
        } else if (v == NumTag.FLT) {
            String s = formatG14(Double.longBitsToDouble(f.kn[i]));
            sb.append(s);
            if (s.chars().allMatch(ch -> ch == '-' || (ch >= '0' && ch <= '9'))) sb.append(".0");
        } else {
            quoted(sb, (LuaString) v);
        }
    }

    /** Lua: PrintString. */
    private static void quoted(StringBuilder sb, LuaString s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            int c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case 7: sb.append("\\a"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case 0x0B: sb.append("\\v"); break;
                default:
                    if (c >= 0x20 && c < 0x7F) sb.append((char) c);
                    else sb.append(String.format("\\%03d", c));
            }
        }
        sb.append('"');
    }

    /** C's printf("%.14g") (Lua: LUA_NUMBER_FMT). */
    static String formatG14(double d) {
        if (Double.isNaN(d)) return (Double.doubleToRawLongBits(d) < 0) ? "-nan" : "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
        final int prec = 14;
        BigDecimal bd = new BigDecimal(d).round(new MathContext(prec, RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;   // decimal exponent of the rounded value
        String out;
        if (exp < -4 || exp >= prec) {
            BigDecimal mant = bd.movePointLeft(exp);
            String m = stripZeros(mant.setScale(prec - 1, RoundingMode.HALF_EVEN).toPlainString());
            String e = Integer.toString(Math.abs(exp));
            out = m + (exp < 0 ? "e-" : "e+") + (e.length() < 2 ? "0" + e : e);
        } else {
            out = stripZeros(bd.setScale(Math.max(prec - 1 - exp, 0), RoundingMode.HALF_EVEN).toPlainString());
        }
        return out;
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) return s;
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }
}
