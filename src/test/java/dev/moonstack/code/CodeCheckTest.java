package dev.moonstack.code;

import dev.moonstack.compiler.LuaCompiler;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.Proto;
import dev.moonstack.value.UpvalDesc;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static dev.moonstack.code.OpCode.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link CodeCheck} refuses code that would take the executor outside its function. */
class CodeCheckTest {
    private static final String SRC = """
            local t, s = {1, 2, 3}, 0
            for i, v in ipairs(t) do s = s + v end
            for i = 1, 3 do s = s + i end
            local function f(...) return select('#', ...), ... end
            return s > 3 and f(s, t[1]) or t.x
            """;

    private static Proto compile() {
        return LuaCompiler.compile(SRC.getBytes(), LuaString.of("=check"));
    }

    private static int find(Proto p, int op) {
        for (int pc = 0; pc < p.code.length; pc++) if (Instr.op(p.code[pc]) == op) return pc;
        throw new AssertionError("no " + OpCode.name(op));
    }

    /** The chunk after {@code change} must be refused, through Undump too. */
    private static void refused(String why, Consumer<Proto> change) {
        Proto p = compile();
        change.accept(p);
        String problem = problem(p);
        assertNotNull(problem);
        assertTrue(problem.startsWith(why), problem);
        LuaError e = assertThrows(LuaError.class, () -> Undump.undump(Dump.dump(p, false), LuaString.of("=c")));
        assertEquals("c: bad binary format (bad code)", e.ref.toString());
    }

    @Test
    void acceptsCompiledCode() {
        Proto p = compile();
        assertNull(CodeCheck.problem(p));
        assertNull(CodeCheck.problem(p.p[0]));
    }

    @Test
    void refusesEscapes() {
        refused("bad operand", p -> p.maxStackSize = 3);                    // registers past the frame
        refused("bad operand", p -> p.k = new Object[0]);                   // constants that are not there
        refused("bad operand", p -> p.p[0].upvalues = new UpvalDesc[0]);    // no _ENV for GETTABUP
        refused("bad operand", p -> p.p = new Proto[0]);                    // CLOSURE of nothing
        refused("bad successor", p -> p.code[p.code.length - 1] = Instr.abck(OP_MOVE, 0, 1, 0, false));
        refused("bad opcode", p -> p.code[1] = Instr.abck(NUM_OPCODES, 0, 0, 0, false));
        refused("bad successor", p -> p.code[find(p, OP_JMP)] = Instr.sj(OP_JMP, 1000));
        refused("bad successor", p -> p.code[find(p, OP_NEWTABLE) + 2] = Instr.sj(OP_JMP, -2));   // onto EXTRAARG
        refused("bad successor", p -> p.code[find(p, OP_GTI) + 1] = Instr.abck(OP_MOVE, 0, 0, 0, false));
        refused("bad opcode", p -> p.code[find(p, OP_NEWTABLE) + 1] = Instr.abck(OP_LOADNIL, 0, 0, 0, false));
        refused("vararg function", p -> p.code[0] = Instr.abck(OP_LOADNIL, 0, 0, 0, false));
        refused("bad upvalue", p -> p.p[0].upvalues = new UpvalDesc[] {new UpvalDesc(null, true, 200, 0)});
        refused("no open result", p -> {
            Proto f = p.p[0];
            f.code[find(f, OP_RETURN) - 1] = Instr.abck(OP_MOVE, 0, 0, 0, false);
        });
        refused("bad successor", p -> {                                     // a jump onto an "up to the top" user
            Proto f = p.p[0];
            f.code[find(f, OP_RETURN) - 2] = Instr.sj(OP_JMP, 1);
        });
    }

    private static String problem(Proto p) {
        String why = CodeCheck.problem(p);
        for (int i = 0; why == null && i < p.p.length; i++) why = problem(p.p[i]);
        return why;
    }
}
