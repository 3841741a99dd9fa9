package dev.moonstack.parser;

import dev.moonstack.lexer.Lexer;
import dev.moonstack.parser.Ast.Expr;
import dev.moonstack.parser.Ast.Name;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;

import java.util.ArrayList;

import static dev.moonstack.parser.Parser.VDKREG;

/**
 * The scope bookkeeping lparser.c does while parsing, kept by the parser only to raise the
 * errors Lua raises at parse time, in Lua's order: the local-variable limit, assignments to
 * read-only variables, and labels/gotos (Lua: new_localvar's check, check_readonly,
 * enterblock/leaveblock, createlabel, solvegotos, undefgoto). The compiler repeats the
 * parts it needs for code.
 */
final class ScopeCheck {
    private static final LuaString BREAK = LuaString.of("break");

    /**
     * Lua 5.4.8: the limit of luaM_growvector for Dyndata's actvar, which counts the declared
     * locals of all open functions (SHRT_MAX; 5.4.4 had USHRT_MAX, out of reach). The array
     * must keep room for one more than the new variable, so at most MAXACTVAR - 1 exist.
     */
    static final int MAXACTVAR = Short.MAX_VALUE;

    private final Lexer ls;
    private int linedefined;
    /**
     * Declared local variables of all open functions (Lua: Dyndata's actvar), by name and
     * attribute kind: those of the current function start at {@link #firstlocal}, and the
     * first {@link #nactive} of them are in scope. The parser tracks them only to report
     * what lparser reports while parsing: the variable limit and assignments to constants.
     */
    private LuaString[] vnames = new LuaString[32];
    private int[] vkinds = new int[32];
    private int nvdecl;
    private int firstlocal;
    private int nactive;
    /** (firstlocal, nactive) of the enclosing functions, innermost last. */
    private int[] outer = new int[16];
    private int nouter;
    private PBlock bl;
    private int fnFirstLabel;
    private final ArrayList<PLabel> labels = new ArrayList<>();
    private final ArrayList<PLabel> gotos = new ArrayList<>();
    /** (linedefined, fnFirstLabel) of the enclosing functions, innermost last. */
    private int[] outerFn = new int[16];

    ScopeCheck(Lexer ls) { this.ls = ls; }

    /** Enters a function body (Lua: open_func), {@code line} being where it is defined. */
    void openFunction(int line) {
        if (2 * nouter + 2 > outer.length) {
            outer = java.util.Arrays.copyOf(outer, outer.length * 2);
            outerFn = java.util.Arrays.copyOf(outerFn, outerFn.length * 2);
        }
        outer[2 * nouter] = firstlocal;
        outer[2 * nouter + 1] = nactive;
        outerFn[2 * nouter] = linedefined;
        outerFn[2 * nouter + 1] = fnFirstLabel;
        nouter++;
        firstlocal = nvdecl;
        nactive = 0;
        linedefined = line;
        fnFirstLabel = labels.size();
        enterBlock(false, true);
    }

    /** Leaves a function body after its 'end' (Lua: close_func), reporting unresolved gotos. */
    void closeFunction() {
        leaveBlock();
        nvdecl = firstlocal;
        nouter--;
        firstlocal = outer[2 * nouter];
        nactive = outer[2 * nouter + 1];
        linedefined = outerFn[2 * nouter];
        fnFirstLabel = outerFn[2 * nouter + 1];
    }

    void setKind(int vidx, int kind) { vkinds[vidx] = kind; }

    void breakStat(int line) { gotos.add(new PLabel(BREAK, line, nactive)); }

    /** A label statement: Lua's checkrepeated and createlabel. */
    void label(LuaString name, int line, boolean last) {
        PLabel old = findLabel(name);
        if (old != null) throw ls.semError("label '" + name + "' already defined on line " + old.line);
        createLabel(name, line, last);
    }

    /** Declares a local of the current function, not yet in scope (Lua: new_localvar). */
    int newLocal(LuaString name) {
        if (nvdecl - firstlocal + 1 > Parser.MAXVARS) {
            String where = linedefined == 0 ? "main function" : "function at line " + linedefined;
            throw ls.syntaxError("too many local variables (limit is " + Parser.MAXVARS + ") in " + where);
        }
        if (nvdecl + 2 > MAXACTVAR) throw LuaError.plain("too many local variables (limit is " + MAXACTVAR + ")");
        if (nvdecl == vnames.length) {
            vnames = java.util.Arrays.copyOf(vnames, nvdecl * 2);
            vkinds = java.util.Arrays.copyOf(vkinds, nvdecl * 2);
        }
        vnames[nvdecl] = name;
        vkinds[nvdecl] = VDKREG;
        return nvdecl++;
    }

    /** Brings the next {@code n} declared locals into scope (Lua: adjustlocalvars). */
    void activate(int n) { nactive += n; }

    /** Kind of the variable a name refers to here; globals are regular (Lua: singlevaraux). */
    private int kindOf(LuaString name) {
        int first = firstlocal, n = nactive;
        for (int f = nouter; ; f--) {
            for (int i = first + n - 1; i >= first; i--) {
                if (name.equals(vnames[i])) return vkinds[i];
            }
            if (f == 0) return VDKREG;
            first = outer[2 * f - 2];
            n = outer[2 * f - 1];
        }
    }

    /** Lua: check_readonly, for the targets that can be read-only (names). */
    void checkReadonly(Expr target) {
        if (target instanceof Name n && kindOf(n.name()) != VDKREG) {
            throw ls.semError("attempt to assign to const variable '" + n.name() + "'");
        }
    }

    /**
     * A block as lparser's BlockCnt sees it, kept to report goto and label errors where
     * lparser reports them (the compiler repeats the bookkeeping to generate code).
     */
    private static final class PBlock {
        PBlock previous;
        int nvdecl, nactive, firstlabel, firstgoto;
        boolean isloop, isfunction;
    }

    /** A label or a pending goto (Lua: Labeldesc, without the code parts). */
    private static final class PLabel {
        final LuaString name;
        final int line;
        int nactvar;

        PLabel(LuaString name, int line, int nactvar) {
            this.name = name;
            this.line = line;
            this.nactvar = nactvar;
        }
    }



    /** Lua: enterblock. */
    void enterBlock(boolean isloop, boolean isfunction) {
        PBlock b = new PBlock();
        b.nvdecl = nvdecl;
        b.nactive = nactive;
        b.firstlabel = labels.size();
        b.firstgoto = gotos.size();
        b.isloop = isloop;
        b.isfunction = isfunction;
        b.previous = bl;
        bl = b;
    }

    /** Lua: leaveblock (scopes, the "break" label, pending gotos). */
    void leaveBlock() {
        PBlock b = bl;
        if (b.isloop) createLabel(BREAK, 0, false);
        while (labels.size() > b.firstlabel) labels.remove(labels.size() - 1);
        nvdecl = b.nvdecl;
        nactive = b.nactive;
        bl = b.previous;
        if (!b.isfunction) {
            for (int i = b.firstgoto; i < gotos.size(); i++) gotos.get(i).nactvar = b.nactive;
        } else if (b.firstgoto < gotos.size()) {
            PLabel g = gotos.get(b.firstgoto);
            if (g.name.equals(BREAK)) throw ls.semError("break outside loop at line " + g.line);
            throw ls.semError("no visible label '" + g.name + "' for <goto> at line " + g.line);
        }
    }

    private PLabel findLabel(LuaString name) {
        for (int i = fnFirstLabel; i < labels.size(); i++) {
            if (labels.get(i).name.equals(name)) return labels.get(i);
        }
        return null;
    }

    /** Lua: createlabel and solvegotos, without code. */
    private void createLabel(LuaString name, int line, boolean last) {
        PLabel l = new PLabel(name, line, last ? bl.nactive : nactive);
        labels.add(l);
        for (int i = bl.firstgoto; i < gotos.size(); ) {
            PLabel g = gotos.get(i);
            if (!g.name.equals(name)) {
                i++;
                continue;
            }
            if (g.nactvar < l.nactvar) {
                throw ls.semError("<goto " + g.name + "> at line " + g.line
                        + " jumps into the scope of local '" + vnames[firstlocal + g.nactvar] + "'");
            }
            gotos.remove(i);
        }
    }

    void gotoStat(LuaString name, int line) {
        if (findLabel(name) == null) gotos.add(new PLabel(name, line, nactive));
    }
}
