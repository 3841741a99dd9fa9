package dev.moonstack.parser;

import dev.moonstack.value.LuaString;

import java.util.List;

/**
 * The syntax tree the parser builds and the compiler walks (Lua has none: lparser.c generates
 * code while parsing). Besides structure, the nodes keep the scanner's state at the points
 * where lparser.c would emit code: a field named {@code end} or {@code ...At} holds a mark
 * ({@link dev.moonstack.lexer.Lexer#mark}, the number of tokens consumed), from which the
 * compiler recovers {@code lastline} (the line Lua's line information records) and, for its
 * own errors, the current line and token. Fields named {@code line} are source lines;
 * {@code errLine} fields hold {@code linenumber} for the compiler's checks.
 */
public final class Ast {
    private Ast() {}

    /** An expression; {@code end()} is the mark right after it was parsed. */
    public interface Expr { int end(); }

    public record Nil(int end) implements Expr {}
    public record True(int end) implements Expr {}
    public record False(int end) implements Expr {}
    public record Int(long value, int end) implements Expr {}
    public record Flt(double value, int end) implements Expr {}
    public record Str(LuaString value, int end) implements Expr {}
    /** '...'; {@code at} is the mark when OP_VARARG is emitted (before '...' is consumed). */
    public record Vararg(int at, int end) implements Expr {}
    public record Name(LuaString name, int end) implements Expr {}
    /** '(' expr ')'; {@code end} is the line of ')'. */
    public record Paren(Expr inner, int end) implements Expr {}
    /** Unary operator (Lua's OPR_MINUS .. OPR_NOT order); {@code line} is the operator's line. */
    public record Unary(int op, Expr operand, int line, int end) implements Expr {}
    /** Binary operator (Lua's BinOpr order); {@code line} is the operator's line, {@code opAt} the mark after it. */
    public record Binary(int op, Expr left, Expr right, int line, int opAt, int end) implements Expr {}
    public record Function(FuncBody body, int end) implements Expr {}
    /** Constructor; {@code newAt} is the mark when OP_NEWTABLE is emitted (before '{'). */
    public record Table(int newAt, List<Field> fields, int end) implements Expr {}
    /** primaryexp followed by suffixes, kept flat like suffixedexp's loop. */
    public record Suffixed(Expr primary, List<Suffix> suffixes, int end) implements Expr {}

    /** A suffix of a suffixed expression. */
    public interface Suffix {}
    /** '.' NAME or ':' NAME in a function name; {@code end} is the name's line. */
    public record FieldSel(LuaString name, int end) implements Suffix {}
    /** '[' exp ']'; {@code end} is the line of ']'. */
    public record Index(Expr key, int end) implements Suffix {}
    /** ':' NAME args. */
    public record Method(LuaString name, int nameAt, Args args) implements Suffix {}
    /** Plain call. */
    public record Call(Args args) implements Suffix {}
    /**
     * Call arguments: an expression list, a constructor or a string; {@code line} is the
     * scanner's line at their first token, the call's line (Lua 5.4.8: funcargs; 5.4.4 took
     * the line where the called expression began); {@code commaAt[i]} is the mark after the
     * comma following argument i; {@code end} the mark at the end (after ')', the
     * constructor or the string).
     */
    public record Args(int line, List<Expr> exprs, int[] commaAt, int end) {}

    /** A constructor field. */
    public interface Field {}
    /** List item; {@code closeAt} is the mark when it is moved to its register. */
    public record ListField(Expr value, int closeAt) implements Field {}
    /** NAME = exp or [exp] = exp; {@code eqAt} is the line of '='. */
    public record RecField(Expr key, boolean named, int eqAt, Expr value) implements Field {}

    /** A function body; the main chunk is one with line 0. */
    public record FuncBody(int line, boolean method, List<LuaString> params, boolean vararg,
                           int varargAt, List<Stat> stats, int lastLineDefined, int endAt,
                           int errLine) {}

    /** A statement. */
    public interface Stat {}

    /** A block; {@code end} is the mark and {@code errLine} linenumber when it is left. */
    public record Block(List<Stat> stats, int end, int errLine) {}

    public record Local(List<LuaString> names, int[] kinds, List<Expr> exprs, int[] commaAt,
                        int end) implements Stat {}
    public record LocalFunc(LuaString name, FuncBody body) implements Stat {}
    /** function funcname body; {@code errLine} is where a const name is reported. */
    public record FuncStat(Expr target, boolean method, FuncBody body, int line, int errLine)
            implements Stat {}
    public record CallStat(Suffixed call) implements Stat {}
    /** {@code errLines[i]}: linenumber after target i, where a const target is reported. */
    public record Assign(List<Expr> targets, int[] errLines, List<Expr> exprs, int[] commaAt,
                         int end) implements Stat {}
    public record Return(List<Expr> exprs, int[] commaAt, int end) implements Stat {}
    public record Break(int line, int at) implements Stat {}
    public record Goto(LuaString name, int line, int at) implements Stat {}
    /** ::name::, with the no-op statements (other labels) that follow it parsed inside it. */
    public record Label(LuaString name, int line, List<Stat> noops, boolean last, int end,
                        int errLine) implements Stat {}
    public record Do(Block block) implements Stat {}
    public record While(Expr cond, Block body, int endAt) implements Stat {}
    public record Repeat(List<Stat> stats, Expr cond) implements Stat {}
    /** if/elseif clauses and an optional else block. */
    public record If(List<Clause> clauses, Block orElse) implements Stat {}
    /**
     * One 'if'/'elseif' test; for 'if c then break' {@code breakLine} is the line of 'break'
     * (else -1) and {@code jumpAt} the mark after it and its semicolons.
     */
    public record Clause(Expr cond, int thenAt, int breakLine, int jumpAt, Block block) {}
    public record NumFor(LuaString var, Expr start, Expr limit, Expr step, int line, int doAt,
                         Block body, int endAt) implements Stat {}
    public record GenFor(List<LuaString> names, List<Expr> exprs, int[] commaAt, int line,
                         int inLine, int doAt, Block body, int endAt) implements Stat {}
}
