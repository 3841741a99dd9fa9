package dev.moonstack.parser;

import dev.moonstack.lexer.Lexer;
import dev.moonstack.lexer.Token;
import dev.moonstack.parser.Ast.*;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser building the {@link Ast} (Lua: the grammar rules of lparser.c).
 * It follows lparser.c rule for rule, so syntax errors, their order and their positions
 * are Lua's; it also raises the errors lparser.c raises while parsing that need no code
 * generation (attributes, '...' outside a vararg function, the local-variable limit, and
 * the C-stack limit on nesting).
 */
public final class Parser {
    /** Lua: LUAI_MAXCCALLS. */
    public static final int MAXCCALLS = 200;
    /** Lua: MAXVARS. */
    public static final int MAXVARS = 200;

    /** Attribute kinds of local variables (Lua: VDKREG, RDKCONST, RDKTOCLOSE). */
    public static final int VDKREG = 0, RDKCONST = 1, RDKTOCLOSE = 2;

    /** Unary operators (Lua: UnOpr). */
    public static final int OPR_MINUS = 0, OPR_BNOT = 1, OPR_NOT = 2, OPR_LEN = 3;
    /** Binary operators (Lua: BinOpr, same order). */
    public static final int OPR_ADD = 0, OPR_SUB = 1, OPR_MUL = 2, OPR_MOD = 3, OPR_POW = 4,
            OPR_DIV = 5, OPR_IDIV = 6, OPR_BAND = 7, OPR_BOR = 8, OPR_BXOR = 9, OPR_SHL = 10,
            OPR_SHR = 11, OPR_CONCAT = 12, OPR_EQ = 13, OPR_LT = 14, OPR_LE = 15, OPR_NE = 16,
            OPR_GT = 17, OPR_GE = 18, OPR_AND = 19, OPR_OR = 20, OPR_NOBINOPR = 21;

    private static final int[] LEFT_PRI = {10, 10, 11, 11, 14, 11, 11, 6, 4, 5, 7, 7, 9, 3, 3, 3, 3, 3, 3, 2, 1};
    private static final int[] RIGHT_PRI = {10, 10, 11, 11, 13, 11, 11, 6, 4, 5, 7, 7, 8, 3, 3, 3, 3, 3, 3, 2, 1};
    private static final int UNARY_PRIORITY = 12;
    private static final int[] EMPTY_LINES = new int[0];
    private static final LuaString SELF = LuaString.of("self");
    private static final LuaString FOR_STATE = LuaString.of("(for state)");

    private final Lexer ls;
    private int nCcalls;
    /** Whether the function being parsed is vararg. */
    private boolean isVararg;
    private final ScopeCheck scopes;

    public Parser(Lexer ls, int nCcalls) {
        this.ls = ls;
        this.nCcalls = nCcalls;
        this.scopes = new ScopeCheck(ls);
    }

    /** Parses a whole chunk into the main function's body (Lua: mainfunc). */
    public FuncBody parseChunk() {
        isVararg = true;
        scopes.enterBlock(false, true);
        ls.next();
        List<Stat> stats = statlist();
        check(Token.EOS);
        scopes.leaveBlock();
        return new FuncBody(0, false, List.of(), true, 0, stats, 0, ls.mark(), ls.linenumber);
    }

    // ---------------------------------------------------------------- helpers

    private void enterLevel() {
        if (++nCcalls >= MAXCCALLS) throw LuaError.plain("C stack overflow");
    }

    private void leaveLevel() { nCcalls--; }

    private LuaError errorExpected(int token) {
        return ls.syntaxError(Token.toStr(token) + " expected");
    }

    private boolean testNext(int c) {
        if (ls.token == c) {
            ls.next();
            return true;
        }
        return false;
    }

    private void check(int c) {
        if (ls.token != c) throw errorExpected(c);
    }

    private void checkNext(int c) {
        check(c);
        ls.next();
    }

    /** Lua: check_match. */
    private void checkMatch(int what, int who, int where) {
        if (!testNext(what)) {
            if (where == ls.linenumber) throw errorExpected(what);
            throw ls.syntaxError(Token.toStr(what) + " expected (to close " + Token.toStr(who)
                    + " at line " + where + ")");
        }
    }

    private LuaString checkName() {
        check(Token.NAME);
        LuaString s = ls.sval;
        ls.next();
        return s;
    }


    private boolean blockFollow(boolean withUntil) {
        switch (ls.token) {
            case Token.ELSE: case Token.ELSEIF: case Token.END: case Token.EOS:
                return true;
            case Token.UNTIL:
                return withUntil;
            default:
                return false;
        }
    }

    // ---------------------------------------------------------------- blocks

    private List<Stat> statlist() {
        List<Stat> stats = new ArrayList<>();
        while (!blockFollow(true)) {
            if (ls.token == Token.RETURN) {
                addStat(stats, statement());
                return stats;
            }
            addStat(stats, statement());
        }
        return stats;
    }

    private static void addStat(List<Stat> stats, Stat s) {
        if (s != null) stats.add(s);
    }

    /** Lua: block (enterblock + statlist + leaveblock). */
    private Block block() {
        scopes.enterBlock(false, false);
        List<Stat> stats = statlist();
        scopes.leaveBlock();
        return new Block(stats, ls.mark(), ls.linenumber);
    }

    /** Returns null for the empty statement. */
    private Stat statement() {
        int line = ls.linenumber;
        enterLevel();
        Stat s;
        switch (ls.token) {
            case ';':
                ls.next();
                s = null;
                break;
            case Token.IF: s = ifStat(line); break;
            case Token.WHILE: s = whileStat(line); break;
            case Token.DO: {
                ls.next();
                Block b = block();
                checkMatch(Token.END, Token.DO, line);
                s = new Do(b);
                break;
            }
            case Token.FOR: s = forStat(line); break;
            case Token.REPEAT: s = repeatStat(line); break;
            case Token.FUNCTION: s = funcStat(line); break;
            case Token.LOCAL:
                ls.next();
                s = testNext(Token.FUNCTION) ? localFunc() : localStat();
                break;
            case Token.DBCOLON:
                ls.next();
                s = labelStat(checkName(), line);
                break;
            case Token.RETURN:
                ls.next();
                s = retStat();
                break;
            case Token.BREAK:
                ls.next();
                scopes.breakStat(line);
                s = new Break(line, ls.mark());
                break;
            case Token.GOTO: {
                ls.next();
                int gline = ls.linenumber;
                LuaString name = checkName();
                scopes.gotoStat(name, gline);
                s = new Goto(name, gline, ls.mark());
                break;
            }
            default:
                s = exprStat();
        }
        leaveLevel();
        return s;
    }

    private Stat ifStat(int line) {
        List<Clause> clauses = new ArrayList<>();
        clauses.add(testThenBlock());
        while (ls.token == Token.ELSEIF) clauses.add(testThenBlock());
        Block orElse = testNext(Token.ELSE) ? block() : null;
        checkMatch(Token.END, Token.IF, line);
        return new If(clauses, orElse);
    }

    private Clause testThenBlock() {
        ls.next();
        Expr cond = expr();
        checkNext(Token.THEN);
        int thenAt = ls.mark();
        if (ls.token == Token.BREAK) {
            int breakLine = ls.linenumber;
            ls.next();
            scopes.enterBlock(false, false);
            scopes.breakStat(breakLine);
            while (testNext(';')) { /* skip semicolons */ }
            int jumpAt = ls.mark();
            List<Stat> stats = blockFollow(false) ? List.of() : statlist();
            scopes.leaveBlock();
            return new Clause(cond, thenAt, breakLine, jumpAt, new Block(stats, ls.mark(), ls.linenumber));
        }
        scopes.enterBlock(false, false);
        List<Stat> stats = statlist();
        scopes.leaveBlock();
        return new Clause(cond, thenAt, -1, 0, new Block(stats, ls.mark(), ls.linenumber));
    }

    private Stat whileStat(int line) {
        ls.next();
        Expr cond = expr();
        scopes.enterBlock(true, false);
        checkNext(Token.DO);
        Block body = block();
        checkMatch(Token.END, Token.WHILE, line);
        scopes.leaveBlock();
        return new While(cond, body, ls.mark());
    }

    private Stat repeatStat(int line) {
        scopes.enterBlock(true, false);
        scopes.enterBlock(false, false);
        ls.next();
        List<Stat> stats = statlist();
        checkMatch(Token.UNTIL, Token.REPEAT, line);
        Expr cond = expr();
        scopes.leaveBlock();
        scopes.leaveBlock();
        return new Repeat(stats, cond);
    }

    private Stat forStat(int line) {
        scopes.enterBlock(true, false);
        ls.next();
        LuaString var = checkName();
        Stat s;
        switch (ls.token) {
            case '=': s = forNum(var, line); break;
            case ',': case Token.IN: s = forList(var, line); break;
            default: throw ls.syntaxError("'=' or 'in' expected");
        }
        checkMatch(Token.END, Token.FOR, line);
        scopes.leaveBlock();
        return s instanceof NumFor f
                ? new NumFor(f.var(), f.start(), f.limit(), f.step(), line, f.doAt(), f.body(), ls.mark())
                : withEnd((GenFor) s, ls.mark());
    }

    private static GenFor withEnd(GenFor f, int endAt) {
        return new GenFor(f.names(), f.exprs(), f.commaAt(), f.line(), f.inLine(), f.doAt(), f.body(), endAt);
    }

    private NumFor forNum(LuaString var, int line) {
        for (int i = 0; i < 3; i++) scopes.newLocal(FOR_STATE);
        scopes.newLocal(var);
        checkNext('=');
        Expr start = expr();
        checkNext(',');
        Expr limit = expr();
        Expr step = testNext(',') ? expr() : null;
        scopes.activate(3);
        checkNext(Token.DO);
        int doAt = ls.mark();
        scopes.enterBlock(false, false);
        scopes.activate(1);
        Block body = block();
        scopes.leaveBlock();
        return new NumFor(var, start, limit, step, line, doAt, body, 0);
    }

    private GenFor forList(LuaString first, int line) {
        for (int i = 0; i < 4; i++) scopes.newLocal(FOR_STATE);
        scopes.newLocal(first);
        List<LuaString> names = new ArrayList<>();
        names.add(first);
        while (testNext(',')) {
            LuaString n = checkName();
            names.add(n);
            scopes.newLocal(n);
        }
        checkNext(Token.IN);
        int inLine = ls.linenumber;
        List<Expr> exprs = new ArrayList<>();
        int[] commas = explist(exprs);
        scopes.activate(4);
        checkNext(Token.DO);
        int doAt = ls.mark();
        scopes.enterBlock(false, false);
        scopes.activate(names.size());
        Block body = block();
        scopes.leaveBlock();
        return new GenFor(names, exprs, commas, line, inLine, doAt, body, 0);
    }

    private Stat funcStat(int line) {
        ls.next();
        // funcname -> NAME {fieldsel} [':' NAME]
        Expr target = new Name(checkName(), ls.mark());
        List<Suffix> sels = new ArrayList<>();
        while (ls.token == '.') {
            ls.next();
            sels.add(new FieldSel(checkName(), ls.mark()));
        }
        boolean method = false;
        if (ls.token == ':') {
            method = true;
            ls.next();
            sels.add(new FieldSel(checkName(), ls.mark()));
        }
        if (!sels.isEmpty()) target = new Suffixed(target, sels, ls.mark());
        FuncBody b = body(method, line);
        scopes.checkReadonly(target);
        return new FuncStat(target, method, b, line, ls.linenumber);
    }

    private Stat localFunc() {
        LuaString name = checkName();
        scopes.newLocal(name);
        scopes.activate(1);
        return new LocalFunc(name, body(false, ls.linenumber));
    }

    private Stat localStat() {
        List<LuaString> names = new ArrayList<>();
        int[] kinds = new int[4];
        boolean toclose = false;
        do {
            LuaString name = checkName();
            names.add(name);
            int vidx = scopes.newLocal(name);
            int kind = localAttribute();
            scopes.setKind(vidx, kind);
            if (kind == RDKTOCLOSE) {
                if (toclose) throw ls.semError("multiple to-be-closed variables in local list");
                toclose = true;
            }
            if (names.size() > kinds.length) kinds = java.util.Arrays.copyOf(kinds, kinds.length * 2);
            kinds[names.size() - 1] = kind;
        } while (testNext(','));
        List<Expr> exprs = new ArrayList<>();
        int[] commas = EMPTY_LINES;
        if (testNext('=')) commas = explist(exprs);
        scopes.activate(names.size());
        return new Local(names, java.util.Arrays.copyOf(kinds, names.size()), exprs, commas, ls.mark());
    }

    private int localAttribute() {
        if (testNext('<')) {
            String attr = checkName().toString();
            checkNext('>');
            if (attr.equals("const")) return RDKCONST;
            if (attr.equals("close")) return RDKTOCLOSE;
            throw ls.semError("unknown attribute '" + attr + "'");
        }
        return VDKREG;
    }

    private Stat labelStat(LuaString name, int line) {
        checkNext(Token.DBCOLON);
        List<Stat> noops = new ArrayList<>();
        while (ls.token == ';' || ls.token == Token.DBCOLON) addStat(noops, statement());
        boolean last = blockFollow(false);
        scopes.label(name, line, last);
        return new Label(name, line, noops, last, ls.mark(), ls.linenumber);
    }

    private Stat retStat() {
        List<Expr> exprs = new ArrayList<>();
        int[] commas = EMPTY_LINES;
        if (!blockFollow(true) && ls.token != ';') commas = explist(exprs);
        int end = ls.mark();
        testNext(';');
        return new Return(exprs, commas, end);
    }

    private Stat exprStat() {
        Expr e = suffixedExp();
        if (ls.token == '=' || ls.token == ',') return assignment(e);
        if (!isCall(e)) throw ls.syntaxError("syntax error");
        return new CallStat((Suffixed) e);
    }

    private static boolean isCall(Expr e) {
        if (!(e instanceof Suffixed s)) return false;
        Suffix last = s.suffixes().get(s.suffixes().size() - 1);
        return last instanceof Call || last instanceof Method;
    }

    private static boolean isVar(Expr e) {
        if (e instanceof Name) return true;
        if (!(e instanceof Suffixed s) || s.suffixes().isEmpty()) return false;
        Suffix last = s.suffixes().get(s.suffixes().size() - 1);
        return last instanceof FieldSel || last instanceof Index;
    }

    /** Lua: restassign, flattened (its recursion only counts C levels). */
    private Stat assignment(Expr first) {
        List<Expr> targets = new ArrayList<>();
        int[] errLines = new int[4];
        Expr v = first;
        int levels = 0;
        for (;;) {
            if (!isVar(v)) throw ls.syntaxError("syntax error");
            if (targets.size() == errLines.length) errLines = java.util.Arrays.copyOf(errLines, errLines.length * 2);
            scopes.checkReadonly(v);
            errLines[targets.size()] = ls.linenumber;
            targets.add(v);
            if (!testNext(',')) break;
            v = suffixedExp();
            enterLevel();
            levels++;
        }
        checkNext('=');
        List<Expr> exprs = new ArrayList<>();
        int[] commas = explist(exprs);
        nCcalls -= levels;
        return new Assign(targets, java.util.Arrays.copyOf(errLines, targets.size()), exprs, commas, ls.mark());
    }

    // ---------------------------------------------------------------- functions

    /** Lua: body; {@code line} is the line of 'function'. */
    private FuncBody body(boolean method, int line) {
        boolean savedVararg = isVararg;
        scopes.openFunction(line);
        checkNext('(');
        if (method) {
            scopes.newLocal(SELF);
            scopes.activate(1);
        }
        List<LuaString> params = new ArrayList<>();
        boolean vararg = false;
        if (ls.token != ')') {
            do {
                switch (ls.token) {
                    case Token.NAME:
                        LuaString p = checkName();
                        params.add(p);
                        scopes.newLocal(p);
                        break;
                    case Token.DOTS:
                        ls.next();
                        vararg = true;
                        break;
                    default:
                        throw ls.syntaxError("<name> or '...' expected");
                }
            } while (!vararg && testNext(','));
        }
        int varargAt = ls.mark();
        scopes.activate(params.size());
        isVararg = vararg;
        checkNext(')');
        List<Stat> stats = statlist();
        int lastLineDefined = ls.linenumber;
        checkMatch(Token.END, Token.FUNCTION, line);
        scopes.closeFunction();
        isVararg = savedVararg;
        return new FuncBody(line, method, params, vararg, varargAt, stats, lastLineDefined,
                ls.mark(), ls.linenumber);
    }

    /** Lua: explist; returns the lines after each comma. */
    private int[] explist(List<Expr> out) {
        out.add(expr());
        int[] commas = EMPTY_LINES;
        while (testNext(',')) {
            if (commas.length < out.size()) commas = java.util.Arrays.copyOf(commas, Math.max(4, out.size() * 2));
            commas[out.size() - 1] = ls.mark();
            out.add(expr());
        }
        return commas;
    }

    /** Lua 5.4.8: funcargs (the call's line is the line of its arguments' first token). */
    private Args funcArgs() {
        int line = ls.linenumber;
        List<Expr> exprs = new ArrayList<>();
        int[] commas = EMPTY_LINES;
        switch (ls.token) {
            case '(':
                ls.next();
                if (ls.token != ')') commas = explist(exprs);
                checkMatch(')', '(', line);
                break;
            case '{':
                exprs.add(constructor());
                break;
            case Token.STRING:
                exprs.add(new Str(ls.sval, ls.mark() + 1));
                ls.next();
                break;
            default:
                throw ls.syntaxError("function arguments expected");
        }
        return new Args(line, exprs, commas, ls.mark());
    }

    // ---------------------------------------------------------------- expressions

    private Expr primaryExp() {
        switch (ls.token) {
            case '(': {
                int line = ls.linenumber;
                ls.next();
                Expr e = expr();
                checkMatch(')', '(', line);
                return new Paren(e, ls.mark());
            }
            case Token.NAME:
                return new Name(checkName(), ls.mark());
            default:
                throw ls.syntaxError("unexpected symbol");
        }
    }

    private Expr suffixedExp() {
        Expr p = primaryExp();
        List<Suffix> sufs = null;
        for (;;) {
            Suffix s;
            switch (ls.token) {
                case '.':
                    ls.next();
                    s = new FieldSel(checkName(), ls.mark());
                    break;
                case '[': {
                    ls.next();
                    Expr k = expr();
                    checkNext(']');
                    s = new Index(k, ls.mark());
                    break;
                }
                case ':': {
                    ls.next();
                    LuaString n = checkName();
                    s = new Method(n, ls.mark(), funcArgs());
                    break;
                }
                case '(': case Token.STRING: case '{':
                    s = new Call(funcArgs());
                    break;
                default:
                    return sufs == null ? p : new Suffixed(p, sufs, ls.mark());
            }
            if (sufs == null) sufs = new ArrayList<>();
            sufs.add(s);
        }
    }

    private Expr simpleExp() {
        Expr e;
        switch (ls.token) {
            case Token.FLT: e = new Flt(ls.fval, ls.mark() + 1); break;
            case Token.INT: e = new Int(ls.ival, ls.mark() + 1); break;
            case Token.STRING: e = new Str(ls.sval, ls.mark() + 1); break;
            case Token.NIL: e = new Nil(ls.mark() + 1); break;
            case Token.TRUE: e = new True(ls.mark() + 1); break;
            case Token.FALSE: e = new False(ls.mark() + 1); break;
            case Token.DOTS:
                if (!isVararg) throw ls.syntaxError("cannot use '...' outside a vararg function");
                e = new Vararg(ls.mark(), ls.mark() + 1);
                break;
            case '{':
                return constructor();
            case Token.FUNCTION: {
                ls.next();
                FuncBody b = body(false, ls.linenumber);
                return new Function(b, ls.mark());
            }
            default:
                return suffixedExp();
        }
        ls.next();
        return e;
    }

    private Expr constructor() {
        int line = ls.linenumber;
        int newAt = ls.mark();
        List<Field> fields = new ArrayList<>();
        int pendingList = -1;    // index of a list field waiting for its close line
        checkNext('{');
        do {
            if (ls.token == '}') break;
            if (pendingList >= 0) {
                fields.set(pendingList, new ListField(((ListField) fields.get(pendingList)).value(), ls.mark()));
                pendingList = -1;
            }
            if (ls.token == '[' || (ls.token == Token.NAME && ls.lookahead() == '=')) {
                fields.add(recField());
            } else {
                fields.add(new ListField(expr(), 0));
                pendingList = fields.size() - 1;
            }
        } while (testNext(',') || testNext(';'));
        checkMatch('}', '{', line);
        if (pendingList >= 0) {
            fields.set(pendingList, new ListField(((ListField) fields.get(pendingList)).value(), ls.mark()));
        }
        return new Table(newAt, fields, ls.mark());
    }

    private Field recField() {
        Expr key;
        boolean named = ls.token == Token.NAME;
        if (named) {
            key = new Str(checkName(), ls.mark());
        } else {
            ls.next();
            key = expr();
            checkNext(']');
        }
        checkNext('=');
        int eqAt = ls.mark();
        return new RecField(key, named, eqAt, expr());
    }

    private static int unopr(int t) {
        switch (t) {
            case Token.NOT: return OPR_NOT;
            case '-': return OPR_MINUS;
            case '~': return OPR_BNOT;
            case '#': return OPR_LEN;
            default: return -1;
        }
    }

    private static int binopr(int t) {
        switch (t) {
            case '+': return OPR_ADD;
            case '-': return OPR_SUB;
            case '*': return OPR_MUL;
            case '%': return OPR_MOD;
            case '^': return OPR_POW;
            case '/': return OPR_DIV;
            case Token.IDIV: return OPR_IDIV;
            case '&': return OPR_BAND;
            case '|': return OPR_BOR;
            case '~': return OPR_BXOR;
            case Token.SHL: return OPR_SHL;
            case Token.SHR: return OPR_SHR;
            case Token.CONCAT: return OPR_CONCAT;
            case Token.NE: return OPR_NE;
            case Token.EQ: return OPR_EQ;
            case '<': return OPR_LT;
            case Token.LE: return OPR_LE;
            case '>': return OPR_GT;
            case Token.GE: return OPR_GE;
            case Token.AND: return OPR_AND;
            case Token.OR: return OPR_OR;
            default: return OPR_NOBINOPR;
        }
    }

    private Expr expr() {
        return subexpr(0);
    }

    private int pendingOp;   // first untreated operator after subexpr (its second result in C)

    /** Lua: subexpr; leaves the first untreated operator in {@link #pendingOp}. */
    private Expr subexpr(int limit) {
        enterLevel();
        Expr v;
        int uop = unopr(ls.token);
        if (uop >= 0) {
            int line = ls.linenumber;
            ls.next();
            Expr operand = subexpr(UNARY_PRIORITY);
            v = new Unary(uop, operand, line, ls.mark());
        } else {
            v = simpleExp();
        }
        int op = binopr(ls.token);
        while (op != OPR_NOBINOPR && LEFT_PRI[op] > limit) {
            int line = ls.linenumber;
            ls.next();
            int opAt = ls.mark();
            Expr v2 = subexpr(RIGHT_PRI[op]);
            v = new Binary(op, v, v2, line, opAt, ls.mark());
            op = pendingOp;
        }
        leaveLevel();
        pendingOp = op;
        return v;
    }
}
