package dev.moonstack.parser;

import dev.moonstack.value.LuaString;

import java.util.List;

/**
 * The syntax tree the parser builds and the compiler walks (Lua has none: lparser.c generates
 * code while parsing). Besides structure, the nodes keep the scanner's line bookkeeping at the
 * points where lparser.c would emit code: a field named {@code end} or {@code ...Line} holds
 * the value of {@code lastline} (line of the last consumed token) at that point, which is
 * what Lua's line information records; {@code errLine} fields hold {@code linenumber} for
 * errors the compiler raises later.
 */
public final class Ast {
    private Ast() {}

    /** An expression; {@code end()} is lastline right after it was parsed. */
    public interface Expr { int end(); }

    public record Nil(int end) implements Expr {}
    public record True(int end) implements Expr {}
    public record False(int end) implements Expr {}
    public record Int(long value, int end) implements Expr {}
    public record Flt(double value, int end) implements Expr {}
    public record Str(LuaString value, int end) implements Expr {}
    /** '...'; {@code line} is lastline when OP_VARARG is emitted (the token before '...'). */
    public record Vararg(int line, int end) implements Expr {}
    public record Name(LuaString name, int end) implements Expr {}
    /** '(' expr ')'; {@code end} is the line of ')'. */
    public record Paren(Expr inner, int end) implements Expr {}
    /** Unary operator (Lua's OPR_MINUS .. OPR_NOT order); {@code line} is the operator's line. */
    public record Unary(int op, Expr operand, int line, int end) implements Expr {}
    /** Binary operator (Lua's BinOpr order); {@code line} is the operator's line. */
    public record Binary(int op, Expr left, Expr right, int line, int end) implements Expr {}
    public record Function(FuncBody body, int end) implements Expr {}
    /** Constructor; {@code newLine} is lastline when OP_NEWTABLE is emitted (before '{'). */
    public record Table(int newLine, List<Field> fields, int end) implements Expr {}
    /**
     * primaryexp followed by suffixes, kept flat like suffixedexp's loop; {@code line} is the
     * line of its first token, which calls take as their line.
     */
    public record Suffixed(Expr primary, int line, List<Suffix> suffixes, int end) implements Expr {}

    /** A suffix of a suffixed expression. */
    public interface Suffix {}
    /** '.' NAME or ':' NAME in a function name; {@code end} is the name's line. */
    public record FieldSel(LuaString name, int end) implements Suffix {}
    /** '[' exp ']'; {@code end} is the line of ']'. */
    public record Index(Expr key, int end) implements Suffix {}
    /** ':' NAME args. */
    public record Method(LuaString name, int nameLine, Args args) implements Suffix {}
    /** Plain call. */
    public record Call(Args args) implements Suffix {}
    /**
     * Call arguments: an expression list, a constructor or a string; {@code commaLines[i]}
     * is lastline after the comma following argument i; {@code end} is lastline at the end
     * (after ')', the constructor or the string).
     */
    public record Args(List<Expr> exprs, int[] commaLines, int end) {}

    /** A constructor field. */
    public interface Field {}
    /** List item; {@code closeLine} is lastline when it is moved to its register. */
    public record ListField(Expr value, int closeLine) implements Field {}
    /** NAME = exp or [exp] = exp; {@code eqLine} is the line of '='. */
    public record RecField(Expr key, boolean named, int eqLine, Expr value) implements Field {}

    /** A function body; the main chunk is one with line 0. */
    public record FuncBody(int line, boolean method, List<LuaString> params, boolean vararg,
                           int varargLine, List<Stat> stats, int lastLineDefined, int endLine,
                           int errLine) {}

    /** A statement. */
    public interface Stat {}

    /** A block; {@code end} is lastline and {@code errLine} linenumber when it is left. */
    public record Block(List<Stat> stats, int end, int errLine) {}

    public record Local(List<LuaString> names, int[] kinds, List<Expr> exprs, int[] commaLines,
                        int end) implements Stat {}
    public record LocalFunc(LuaString name, FuncBody body) implements Stat {}
    /** function funcname body; {@code errLine} is where a const name is reported. */
    public record FuncStat(Expr target, boolean method, FuncBody body, int line, int errLine)
            implements Stat {}
    public record CallStat(Suffixed call) implements Stat {}
    /** {@code errLines[i]}: linenumber after target i, where a const target is reported. */
    public record Assign(List<Expr> targets, int[] errLines, List<Expr> exprs, int[] commaLines,
                         int end) implements Stat {}
    public record Return(List<Expr> exprs, int[] commaLines, int end) implements Stat {}
    public record Break(int line) implements Stat {}
    public record Goto(LuaString name, int line) implements Stat {}
    /** ::name::, with the no-op statements (other labels) that follow it parsed inside it. */
    public record Label(LuaString name, int line, List<Stat> noops, boolean last, int end,
                        int errLine) implements Stat {}
    public record Do(Block block) implements Stat {}
    public record While(Expr cond, Block body, int endLine) implements Stat {}
    public record Repeat(List<Stat> stats, Expr cond) implements Stat {}
    /** if/elseif clauses and an optional else block; {@code endLine} follows 'end'. */
    public record If(List<Clause> clauses, Block orElse) implements Stat {}
    /**
     * One 'if'/'elseif' test; for 'if c then break' {@code breakLine} is the line of 'break'
     * (else -1) and {@code jumpLine} lastline after it and its semicolons.
     */
    public record Clause(Expr cond, int thenLine, int breakLine, int jumpLine, Block block) {}
    public record NumFor(LuaString var, Expr start, Expr limit, Expr step, int line, int doLine,
                         Block body, int endLine) implements Stat {}
    public record GenFor(List<LuaString> names, List<Expr> exprs, int[] commaLines, int line,
                         int inLine, int doLine, Block body, int endLine) implements Stat {}
}
