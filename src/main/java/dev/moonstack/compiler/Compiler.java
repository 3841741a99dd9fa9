package dev.moonstack.compiler;

import dev.moonstack.code.ChunkId;
import dev.moonstack.code.Instr;
import dev.moonstack.code.LocVar;
import dev.moonstack.code.Proto;
import dev.moonstack.code.UpvalDesc;
import dev.moonstack.parser.Ast.*;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import static dev.moonstack.code.OpCode.*;
import static dev.moonstack.compiler.ExpDesc.*;

/**
 * Walks the syntax tree of a chunk and generates its prototypes, in exactly the order in which
 * lparser.c generates code while parsing, so that the result is luac's (Lua: the semantic
 * half of lparser.c: FuncState/BlockCnt management, variables, upvalues, labels and gotos,
 * statements and expressions). The line of each instruction is taken from {@link #lastline},
 * which the walk sets from the lines the parser recorded.
 */
final class Compiler {
    /** Kinds of variables (Lua: VDKREG, RDKCONST, RDKTOCLOSE, RDKCTC). */
    static final int VDKREG = 0, RDKCONST = 1, RDKTOCLOSE = 2, RDKCTC = 3;
    /** Stands for nil as a key of the constant cache (Lua uses the table itself). */
    static final Object NIL_KEY = new Object();

    private static final LuaString ENV = LuaString.of("_ENV");
    private static final LuaString BREAK = LuaString.of("break");
    private static final LuaString FOR_STATE = LuaString.of("(for state)");
    private static final LuaString SELF = LuaString.of("self");

    /** Description of an active local variable (Lua: Vardesc). */
    static final class Vardesc {
        int kind;
        int ridx;
        int pidx;
        LuaString name;
        Object kref;
        long knum;
    }

    /** A pending goto or an active label (Lua: Labeldesc). */
    static final class Labeldesc {
        final LuaString name;
        int pc;
        final int line;
        int nactvar;
        boolean close;

        Labeldesc(LuaString name, int line, int pc, int nactvar) {
            this.name = name;
            this.line = line;
            this.pc = pc;
            this.nactvar = nactvar;
        }
    }

    /** A block being compiled (Lua: BlockCnt). */
    static final class BlockCnt {
        BlockCnt previous;
        int firstlabel;
        int firstgoto;
        int nactvar;
        boolean upval;
        boolean isloop;
        boolean insidetbc;
    }

    final LuaString source;
    private final String chunkId;
    /** Line of the last token consumed at this point of the walk (Lua: ls->lastline). */
    int lastline = 1;
    /** Constant cache shared by all functions (Lua: the scanner table 'h'). */
    final HashMap<Object, Integer> kcache = new HashMap<>();
    /**
     * Lua: Dyndata's actvar. Entries past {@link #nActvar} stay readable, as in C, where
     * movegotosout looks at variables that removevars has just dropped.
     */
    Vardesc[] actvar = new Vardesc[16];
    int nActvar;
    private final ArrayList<Labeldesc> gt = new ArrayList<>();
    private final ArrayList<Labeldesc> labels = new ArrayList<>();
    private FuncState fs;

    Compiler(LuaString source) {
        this.source = source;
        this.chunkId = ChunkId.of(source);
    }

    // ---------------------------------------------------------------- errors

    /**
     * A limit error raised during code generation. XXX: lparser would add "near" and the
     * current token; the tree no longer knows it, so the message stops after the line.
     */
    LuaError syntaxError(String msg) {
        return LuaError.plain(chunkId + ":" + lastline + ": " + msg);
    }

    private LuaError semError(String msg, int line) {
        return LuaError.plain(chunkId + ":" + line + ": " + msg);
    }

    private LuaError errorLimit(FuncState f, int limit, String what) {
        int line = f.f.lineDefined;
        String where = line == 0 ? "main function" : "function at line " + line;
        return syntaxError("too many " + what + " (limit is " + limit + ") in " + where);
    }

    // ---------------------------------------------------------------- functions

    /** Lua: mainfunc. */
    Proto compileMain(FuncBody main) {
        fs = openFunc(0);
        fs.f.isVararg = true;
        lastline = 1;
        fs.codeABC(OP_VARARGPREP, 0, 0, 0);
        fs.upvalues[fs.nups++] = new UpvalDesc(ENV, true, 0, VDKREG);
        statlist(main.stats());
        lastline = main.endLine();
        return closeFunc(main.errLine());
    }

    private FuncState openFunc(int linedefined) {
        FuncState nfs = new FuncState(this, fs, nActvar, labels.size());
        nfs.f.source = source;
        nfs.f.lineDefined = linedefined;
        fs = nfs;
        enterBlock(nfs, new BlockCnt(), false);
        return nfs;
    }

    /** Lua: close_func. */
    private Proto closeFunc(int errLine) {
        FuncState f = fs;
        f.ret(nvarstack(f), 0);
        leaveBlock(f, errLine);
        f.finish();
        Proto p = f.build();
        fs = f.prev;
        return p;
    }

    /** Lua: body + codeclosure. */
    private void body(ExpDesc e, FuncBody b) {
        FuncState parent = fs;
        if (parent.np == parent.p.length) parent.p = java.util.Arrays.copyOf(parent.p, parent.np * 2);
        FuncState nfs = openFunc(b.line());
        parent.p[parent.np++] = nfs.f;
        if (b.method()) {
            newLocalVar(SELF);
            adjustLocalVars(1);
        }
        for (LuaString p : b.params()) newLocalVar(p);
        adjustLocalVars(b.params().size());
        nfs.f.numParams = nfs.nactvar;
        if (b.vararg()) {
            lastline = b.varargLine();
            nfs.f.isVararg = true;
            nfs.codeABC(OP_VARARGPREP, nfs.f.numParams, 0, 0);
        }
        nfs.reserveRegs(nfs.nactvar);
        statlist(b.stats());
        nfs.f.lastLineDefined = b.lastLineDefined();
        lastline = b.endLine();
        e.init(VRELOC, parent.codeABx(OP_CLOSURE, 0, parent.np - 1));
        Code.exp2nextreg(parent, e);
        closeFunc(b.errLine());
    }

    // ---------------------------------------------------------------- variables

    /** Lua: new_localvar. */
    private int newLocalVar(LuaString name) {
        if (nActvar == actvar.length) actvar = java.util.Arrays.copyOf(actvar, nActvar * 2);
        Vardesc vd = actvar[nActvar];
        if (vd == null) actvar[nActvar] = vd = new Vardesc();
        vd.kind = VDKREG;
        vd.name = name;
        nActvar++;
        return nActvar - 1 - fs.firstlocal;
    }

    Vardesc localVarDesc(FuncState f, int vidx) { return actvar[f.firstlocal + vidx]; }

    /** Lua: reglevel. */
    int reglevel(FuncState f, int nvar) {
        while (nvar-- > 0) {
            Vardesc vd = localVarDesc(f, nvar);
            if (vd.kind != RDKCTC) return vd.ridx + 1;
        }
        return 0;
    }

    /** Lua: luaY_nvarstack. */
    int nvarstack(FuncState f) { return reglevel(f, f.nactvar); }

    private LocVar localDebugInfo(FuncState f, int vidx) {
        Vardesc vd = localVarDesc(f, vidx);
        return vd.kind == RDKCTC ? null : f.locvars[vd.pidx];
    }

    private void initVar(FuncState f, ExpDesc e, int vidx) {
        e.f = e.t = NO_JUMP;
        e.k = VLOCAL;
        e.vidx = vidx;
        e.ridx = localVarDesc(f, vidx).ridx;
    }

    /** Lua: check_readonly. */
    private void checkReadonly(ExpDesc e, int errLine) {
        LuaString varname = null;
        switch (e.k) {
            case VCONST:
                varname = actvar[e.info].name;
                break;
            case VLOCAL: {
                Vardesc vd = localVarDesc(fs, e.vidx);
                if (vd.kind != VDKREG) varname = vd.name;
                break;
            }
            case VUPVAL: {
                UpvalDesc up = fs.upvalues[e.info];
                if (up.kind != VDKREG) varname = up.name;
                break;
            }
            default:
                return;
        }
        if (varname != null) throw semError("attempt to assign to const variable '" + varname + "'", errLine);
    }

    /** Lua: adjustlocalvars. */
    private void adjustLocalVars(int nvars) {
        int level = nvarstack(fs);
        for (int i = 0; i < nvars; i++) {
            int vidx = fs.nactvar++;
            Vardesc var = localVarDesc(fs, vidx);
            var.ridx = level++;
            var.pidx = registerLocalVar(var.name);
        }
    }

    private int registerLocalVar(LuaString name) {
        if (fs.ndebugvars == fs.locvars.length) fs.locvars = java.util.Arrays.copyOf(fs.locvars, fs.ndebugvars * 2);
        fs.locvars[fs.ndebugvars] = new LocVar(name, fs.pc, 0);
        return fs.ndebugvars++;
    }

    /** Lua: removevars. */
    private void removeVars(FuncState f, int tolevel) {
        nActvar -= f.nactvar - tolevel;
        while (f.nactvar > tolevel) {
            LocVar var = localDebugInfo(f, --f.nactvar);
            if (var != null) var.endPc = f.pc;
        }
    }

    private static int searchUpvalue(FuncState f, LuaString name) {
        for (int i = 0; i < f.nups; i++) {
            if (f.upvalues[i].name.equals(name)) return i;
        }
        return -1;
    }

    private int newUpvalue(FuncState f, LuaString name, ExpDesc v) {
        if (f.nups + 1 > FuncState.MAXUPVAL) throw errorLimit(f, FuncState.MAXUPVAL, "upvalues");
        if (f.nups == f.upvalues.length) f.upvalues = java.util.Arrays.copyOf(f.upvalues, f.nups * 2);
        FuncState prev = f.prev;
        UpvalDesc up;
        if (v.k == VLOCAL) {
            up = new UpvalDesc(name, true, v.ridx, localVarDesc(prev, v.vidx).kind);
        } else {
            up = new UpvalDesc(name, false, v.info, prev.upvalues[v.info].kind);
        }
        f.upvalues[f.nups++] = up;
        return f.nups - 1;
    }

    private int searchVar(FuncState f, LuaString n, ExpDesc var) {
        for (int i = f.nactvar - 1; i >= 0; i--) {
            Vardesc vd = localVarDesc(f, i);
            if (n.equals(vd.name)) {
                if (vd.kind == RDKCTC) var.init(VCONST, f.firstlocal + i);
                else initVar(f, var, i);
                return var.k;
            }
        }
        return -1;
    }

    private static void markUpval(FuncState f, int level) {
        BlockCnt bl = f.bl;
        while (bl.nactvar > level) bl = bl.previous;
        bl.upval = true;
        f.needclose = true;
    }

    private static void markToBeClosed(FuncState f) {
        BlockCnt bl = f.bl;
        bl.upval = true;
        bl.insidetbc = true;
        f.needclose = true;
    }

    /** Lua: singlevaraux (recursion depth is the nesting of functions). */
    private void singleVarAux(FuncState f, LuaString n, ExpDesc var, boolean base) {
        if (f == null) {
            var.init(VVOID, 0);
            return;
        }
        int v = searchVar(f, n, var);
        if (v >= 0) {
            if (v == VLOCAL && !base) markUpval(f, var.vidx);
            return;
        }
        int idx = searchUpvalue(f, n);
        if (idx < 0) {
            singleVarAux(f.prev, n, var, false);
            if (var.k == VLOCAL || var.k == VUPVAL) idx = newUpvalue(f, n, var);
            else return;
        }
        var.init(VUPVAL, idx);
    }

    /** Lua: singlevar. */
    private void singleVar(LuaString name, ExpDesc var) {
        singleVarAux(fs, name, var, true);
        if (var.k == VVOID) {
            singleVarAux(fs, ENV, var, true);
            Code.exp2anyregup(fs, var);   // _ENV could be a <const> (Debian's 5.4.4 has this fix)
            ExpDesc key = new ExpDesc().init(VKSTR, 0);
            key.strval = name;
            Code.indexed(fs, var, key);
        }
    }

    /** Lua: adjust_assign. */
    private void adjustAssign(int nvars, int nexps, ExpDesc e) {
        int needed = nvars - nexps;
        if (hasMultRet(e.k)) {
            int extra = Math.max(needed + 1, 0);
            Code.setReturns(fs, e, extra);
        } else {
            if (e.k != VVOID) Code.exp2nextreg(fs, e);
            if (needed > 0) fs.nil(fs.freereg, needed);
        }
        if (needed > 0) fs.reserveRegs(needed);
        else fs.freereg += needed;
    }

    // ---------------------------------------------------------------- labels and blocks

    private void solveGoto(int g, Labeldesc label, int errLine) {
        Labeldesc gtd = gt.get(g);
        if (gtd.nactvar < label.nactvar) {
            LuaString varname = localVarDesc(fs, gtd.nactvar).name;
            throw semError("<goto " + gtd.name + "> at line " + gtd.line
                    + " jumps into the scope of local '" + varname + "'", errLine);
        }
        fs.patchList(gtd.pc, label.pc);
        gt.remove(g);
    }

    private Labeldesc findLabel(LuaString name) {
        for (int i = fs.firstlabel; i < labels.size(); i++) {
            if (labels.get(i).name.equals(name)) return labels.get(i);
        }
        return null;
    }

    private void newGotoEntry(LuaString name, int line, int pc) {
        gt.add(new Labeldesc(name, line, pc, fs.nactvar));
    }

    private boolean solveGotos(Labeldesc lb, int errLine) {
        int i = fs.bl.firstgoto;
        boolean needsclose = false;
        while (i < gt.size()) {
            if (gt.get(i).name.equals(lb.name)) {
                needsclose |= gt.get(i).close;
                solveGoto(i, lb, errLine);
            } else {
                i++;
            }
        }
        return needsclose;
    }

    /** Lua: createlabel. */
    private boolean createLabel(LuaString name, int line, boolean last, int errLine) {
        Labeldesc l = new Labeldesc(name, line, fs.getLabel(), fs.nactvar);
        labels.add(l);
        if (last) l.nactvar = fs.bl.nactvar;
        if (solveGotos(l, errLine)) {
            fs.codeABC(OP_CLOSE, nvarstack(fs), 0, 0);
            return true;
        }
        return false;
    }

    private void moveGotosOut(FuncState f, BlockCnt bl) {
        for (int i = bl.firstgoto; i < gt.size(); i++) {
            Labeldesc g = gt.get(i);
            if (reglevel(f, g.nactvar) > reglevel(f, bl.nactvar)) g.close |= bl.upval;
            g.nactvar = bl.nactvar;
        }
    }

    private void enterBlock(FuncState f, BlockCnt bl, boolean isloop) {
        bl.isloop = isloop;
        bl.nactvar = f.nactvar;
        bl.firstlabel = labels.size();
        bl.firstgoto = gt.size();
        bl.upval = false;
        bl.insidetbc = f.bl != null && f.bl.insidetbc;
        bl.previous = f.bl;
        f.bl = bl;
    }

    /** Lua: leaveblock; {@code errLine} is where an undefined goto is reported. */
    private void leaveBlock(FuncState f, int errLine) {
        BlockCnt bl = f.bl;
        boolean hasclose = false;
        int stklevel = reglevel(f, bl.nactvar);
        if (bl.isloop) hasclose = createLabel(BREAK, 0, false, errLine);
        if (!hasclose && bl.previous != null && bl.upval) f.codeABC(OP_CLOSE, stklevel, 0, 0);
        f.bl = bl.previous;
        removeVars(f, bl.nactvar);
        f.freereg = stklevel;
        while (labels.size() > bl.firstlabel) labels.remove(labels.size() - 1);
        if (bl.previous != null) {
            moveGotosOut(f, bl);
        } else if (bl.firstgoto < gt.size()) {
            Labeldesc g = gt.get(bl.firstgoto);
            if (g.name.equals(BREAK)) throw semError("break outside loop at line " + g.line, errLine);
            throw semError("no visible label '" + g.name + "' for <goto> at line " + g.line, errLine);
        }
    }

    // ---------------------------------------------------------------- statements

    private void statlist(List<Stat> stats) {
        for (Stat s : stats) statement(s);
    }

    private void block(Block b) {
        enterBlock(fs, new BlockCnt(), false);
        statlist(b.stats());
        lastline = b.end();
        leaveBlock(fs, b.errLine());
    }

    private void statement(Stat s) {
        if (s instanceof Local l) localStat(l);
        else if (s instanceof Assign a) assignment(a);
        else if (s instanceof CallStat c) callStat(c);
        else if (s instanceof If i) ifStat(i);
        else if (s instanceof NumFor n) numFor(n);
        else if (s instanceof GenFor g) genFor(g);
        else if (s instanceof While w) whileStat(w);
        else if (s instanceof Return r) retStat(r);
        else if (s instanceof FuncStat f) funcStat(f);
        else if (s instanceof LocalFunc f) localFunc(f);
        else if (s instanceof Do d) block(d.block());
        else if (s instanceof Repeat r) repeatStat(r);
        else if (s instanceof Break b) breakStat(b);
        else if (s instanceof Goto g) gotoStat(g);
        else if (s instanceof Label l) labelStat(l);
        else throw new IllegalStateException(s.getClass().getName());
        fs.freereg = nvarstack(fs);
    }

    private void localStat(Local s) {
        int toclose = -1;
        int nvars = 0;
        int vidx = 0;
        for (int i = 0; i < s.names().size(); i++) {
            vidx = newLocalVar(s.names().get(i));
            int kind = s.kinds()[i];
            localVarDesc(fs, vidx).kind = kind;
            if (kind == RDKTOCLOSE) toclose = fs.nactvar + nvars;
            nvars++;
        }
        ExpDesc e = new ExpDesc();
        int nexps = 0;
        if (!s.exprs().isEmpty()) nexps = explist(s.exprs(), s.commaLines(), e);
        else e.k = VVOID;
        lastline = s.end();
        Vardesc var = localVarDesc(fs, vidx);
        Object[] kv = new Object[1];
        long[] kn = new long[1];
        if (nvars == nexps && var.kind == RDKCONST && Code.exp2const(fs, e, kv, kn)) {
            var.kind = RDKCTC;
            var.kref = kv[0];
            var.knum = kn[0];
            adjustLocalVars(nvars - 1);
            fs.nactvar++;
        } else {
            adjustAssign(nvars, nexps, e);
            adjustLocalVars(nvars);
        }
        if (toclose != -1) {
            markToBeClosed(fs);
            fs.codeABC(OP_TBC, reglevel(fs, toclose), 0, 0);
        }
    }

    private void localFunc(LocalFunc s) {
        int fvar = fs.nactvar;
        newLocalVar(s.name());
        adjustLocalVars(1);
        body(new ExpDesc(), s.body());
        localDebugInfo(fs, fvar).startPc = fs.pc;
    }

    private void funcStat(FuncStat s) {
        ExpDesc v = new ExpDesc();
        if (s.target() instanceof Name n) {
            lastline = n.end();
            singleVar(n.name(), v);
        } else {
            Suffixed t = (Suffixed) s.target();
            Name n = (Name) t.primary();
            lastline = n.end();
            singleVar(n.name(), v);
            for (Suffix suf : t.suffixes()) fieldSel(v, (FieldSel) suf);
        }
        ExpDesc b = new ExpDesc();
        body(b, s.body());
        checkReadonly(v, s.errLine());
        Code.storeVar(fs, v, b);
        fs.fixline(s.line());
    }

    private void callStat(CallStat s) {
        ExpDesc v = new ExpDesc();
        suffixedExp(s.call(), v);
        fs.code[v.info] = Instr.setC(fs.code[v.info], 1);
    }

    /** Lua: restassign, iterating over the targets and then storing from the last one back. */
    private void assignment(Assign s) {
        int n = s.targets().size();
        ExpDesc[] vs = new ExpDesc[n];
        for (int i = 0; i < n; i++) {
            vs[i] = new ExpDesc();
            expr(s.targets().get(i), vs[i]);
            if (i > 0 && !isIndexed(vs[i].k)) checkConflict(vs, i);
            checkReadonly(vs[i], s.errLines()[i]);
        }
        ExpDesc e = new ExpDesc();
        int nexps = explist(s.exprs(), s.commaLines(), e);
        lastline = s.end();
        if (nexps != n) {
            adjustAssign(n, nexps, e);
            e.init(VNONRELOC, fs.freereg - 1);
            Code.storeVar(fs, vs[n - 1], e);
        } else {
            Code.setOneRet(fs, e);
            Code.storeVar(fs, vs[n - 1], e);
        }
        for (int i = n - 2; i >= 0; i--) {
            e.init(VNONRELOC, fs.freereg - 1);
            Code.storeVar(fs, vs[i], e);
        }
    }

    /** Lua: check_conflict, for target {@code vs[i]} against the earlier ones. */
    private void checkConflict(ExpDesc[] vs, int i) {
        ExpDesc v = vs[i];
        int extra = fs.freereg;
        boolean conflict = false;
        for (int j = i - 1; j >= 0; j--) {
            ExpDesc lh = vs[j];
            if (!isIndexed(lh.k)) continue;
            if (lh.k == VINDEXUP) {
                if (v.k == VUPVAL && lh.indT == v.info) {
                    conflict = true;
                    lh.k = VINDEXSTR;
                    lh.indT = extra;
                }
            } else {
                if (v.k == VLOCAL && lh.indT == v.ridx) {
                    conflict = true;
                    lh.indT = extra;
                }
                if (lh.k == VINDEXED && v.k == VLOCAL && lh.indIdx == v.ridx) {
                    conflict = true;
                    lh.indIdx = extra;
                }
            }
        }
        if (conflict) {
            if (v.k == VLOCAL) fs.codeABC(OP_MOVE, extra, v.ridx, 0);
            else fs.codeABC(OP_GETUPVAL, extra, v.info, 0);
            fs.reserveRegs(1);
        }
    }

    /** Lua: cond; returns the false exit list. */
    private int cond(Expr c) {
        ExpDesc v = new ExpDesc();
        expr(c, v);
        if (v.k == VNIL) v.k = VFALSE;
        Code.goIfTrue(fs, v);
        return v.f;
    }

    private void whileStat(While s) {
        int whileinit = fs.getLabel();
        int condexit = cond(s.cond());
        enterBlock(fs, new BlockCnt(), true);
        block(s.body());
        fs.jumpTo(whileinit);
        lastline = s.endLine();
        leaveBlock(fs, s.body().errLine());
        fs.patchToHere(condexit);
    }

    private void repeatStat(Repeat s) {
        int repeatInit = fs.getLabel();
        enterBlock(fs, new BlockCnt(), true);
        BlockCnt bl2 = new BlockCnt();
        enterBlock(fs, bl2, false);
        statlist(s.stats());
        int condexit = cond(s.cond());
        leaveBlock(fs, lastline);
        if (bl2.upval) {
            int exit = fs.jump();
            fs.patchToHere(condexit);
            fs.codeABC(OP_CLOSE, reglevel(fs, bl2.nactvar), 0, 0);
            condexit = fs.jump();
            fs.patchToHere(exit);
        }
        fs.patchList(condexit, repeatInit);
        leaveBlock(fs, lastline);
    }

    private void exp1(Expr e) {
        ExpDesc v = new ExpDesc();
        expr(e, v);
        Code.exp2nextreg(fs, v);
    }

    private void fixForJump(int pc, int dest, boolean back) {
        int offset = dest - (pc + 1);
        if (back) offset = -offset;
        if (offset > Instr.MAXARG_Bx) throw syntaxError("control structure too long");
        fs.code[pc] = Instr.setBx(fs.code[pc], offset);
    }

    private void forBody(int base, int line, int nvars, boolean isgen, int doLine, Block body) {
        lastline = doLine;
        int prep = fs.codeABx(isgen ? OP_TFORPREP : OP_FORPREP, base, 0);
        enterBlock(fs, new BlockCnt(), false);
        adjustLocalVars(nvars);
        fs.reserveRegs(nvars);
        block(body);
        leaveBlock(fs, body.errLine());
        fixForJump(prep, fs.getLabel(), false);
        if (isgen) {
            fs.codeABC(OP_TFORCALL, base, 0, nvars);
            fs.fixline(line);
        }
        int endfor = fs.codeABx(isgen ? OP_TFORLOOP : OP_FORLOOP, base, 0);
        fixForJump(endfor, prep + 1, true);
        fs.fixline(line);
    }

    private void numFor(NumFor s) {
        enterBlock(fs, new BlockCnt(), true);
        int base = fs.freereg;
        newLocalVar(FOR_STATE);
        newLocalVar(FOR_STATE);
        newLocalVar(FOR_STATE);
        newLocalVar(s.var());
        exp1(s.start());
        exp1(s.limit());
        if (s.step() != null) {
            exp1(s.step());
        } else {
            Code.loadInt(fs, fs.freereg, 1);
            fs.reserveRegs(1);
        }
        adjustLocalVars(3);
        forBody(base, s.line(), 1, false, s.doLine(), s.body());
        lastline = s.endLine();
        leaveBlock(fs, s.body().errLine());
    }

    private void genFor(GenFor s) {
        enterBlock(fs, new BlockCnt(), true);
        int base = fs.freereg;
        for (int i = 0; i < 4; i++) newLocalVar(FOR_STATE);
        for (LuaString n : s.names()) newLocalVar(n);
        ExpDesc e = new ExpDesc();
        int nexps = explist(s.exprs(), s.commaLines(), e);
        adjustAssign(4, nexps, e);
        adjustLocalVars(4);
        markToBeClosed(fs);
        fs.checkStack(3);
        forBody(base, s.inLine(), s.names().size(), true, s.doLine(), s.body());
        lastline = s.endLine();
        leaveBlock(fs, s.body().errLine());
    }

    private int testThenBlock(Clause c, int escapelist, boolean hasNext) {
        ExpDesc v = new ExpDesc();
        expr(c.cond(), v);
        lastline = c.thenLine();
        int jf;
        if (c.breakLine() >= 0) {
            Code.goIfFalse(fs, v);
            enterBlock(fs, new BlockCnt(), false);
            newGotoEntry(BREAK, c.breakLine(), v.t);
            lastline = c.jumpLine();
            if (c.block().stats().isEmpty()) {
                leaveBlock(fs, c.block().errLine());
                return escapelist;
            }
            jf = fs.jump();
        } else {
            Code.goIfTrue(fs, v);
            enterBlock(fs, new BlockCnt(), false);
            jf = v.f;
        }
        statlist(c.block().stats());
        lastline = c.block().end();
        leaveBlock(fs, c.block().errLine());
        if (hasNext) escapelist = fs.concat(escapelist, fs.jump());
        fs.patchToHere(jf);
        return escapelist;
    }

    private void ifStat(If s) {
        int escapelist = NO_JUMP;
        List<Clause> cs = s.clauses();
        for (int i = 0; i < cs.size(); i++) {
            escapelist = testThenBlock(cs.get(i), escapelist, i < cs.size() - 1 || s.orElse() != null);
        }
        if (s.orElse() != null) block(s.orElse());
        fs.patchToHere(escapelist);
    }

    private void retStat(Return s) {
        int first = nvarstack(fs);
        int nret;
        if (s.exprs().isEmpty()) {
            nret = 0;
        } else {
            ExpDesc e = new ExpDesc();
            nret = explist(s.exprs(), s.commaLines(), e);
            if (hasMultRet(e.k)) {
                Code.setMultRet(fs, e);
                if (e.k == VCALL && nret == 1 && !fs.bl.insidetbc) {
                    fs.code[e.info] = Instr.setOp(fs.code[e.info], OP_TAILCALL);
                }
                nret = Code.MULTRET;
            } else if (nret == 1) {
                first = Code.exp2anyreg(fs, e);
            } else {
                Code.exp2nextreg(fs, e);
            }
        }
        lastline = s.end();
        fs.ret(first, nret);
    }

    private void breakStat(Break s) {
        lastline = s.line();
        newGotoEntry(BREAK, s.line(), fs.jump());
    }

    private void gotoStat(Goto s) {
        lastline = s.line();
        Labeldesc lb = findLabel(s.name());
        if (lb == null) {
            newGotoEntry(s.name(), s.line(), fs.jump());
        } else {
            int lblevel = reglevel(fs, lb.nactvar);
            if (nvarstack(fs) > lblevel) fs.codeABC(OP_CLOSE, lblevel, 0, 0);
            fs.patchList(fs.jump(), lb.pc);
        }
    }

    private void labelStat(Label s) {
        statlist(s.noops());
        lastline = s.end();
        Labeldesc lb = findLabel(s.name());
        if (lb != null) {
            throw semError("label '" + s.name() + "' already defined on line " + lb.line, s.errLine());
        }
        createLabel(s.name(), s.line(), s.last(), s.errLine());
    }

    // ---------------------------------------------------------------- expressions

    /** Lua: explist; returns the number of expressions, the last one left in {@code v}. */
    private int explist(List<Expr> exprs, int[] commaLines, ExpDesc v) {
        expr(exprs.get(0), v);
        for (int i = 1; i < exprs.size(); i++) {
            lastline = commaLines[i - 1];
            Code.exp2nextreg(fs, v);
            expr(exprs.get(i), v);
        }
        return exprs.size();
    }

    /** Compiles an expression; afterwards lastline is the line of its last token. */
    void expr(Expr e, ExpDesc v) {
        if (e instanceof Name n) {
            lastline = n.end();
            singleVar(n.name(), v);
        } else if (e instanceof Suffixed s) {
            suffixedExp(s, v);
        } else if (e instanceof Binary b) {
            binary(b, v);
        } else if (e instanceof Str s) {
            v.init(VKSTR, 0);
            v.strval = s.value();
        } else if (e instanceof Int i) {
            v.init(VKINT, 0);
            v.ival = i.value();
        } else if (e instanceof Flt f) {
            v.init(VKFLT, 0);
            v.nval = f.value();
        } else if (e instanceof Nil) {
            v.init(VNIL, 0);
        } else if (e instanceof True) {
            v.init(VTRUE, 0);
        } else if (e instanceof False) {
            v.init(VFALSE, 0);
        } else if (e instanceof Table t) {
            constructor(t, v);
        } else if (e instanceof Function f) {
            body(v, f.body());
        } else if (e instanceof Unary u) {
            expr(u.operand(), v);
            Code.prefix(fs, u.op(), v, u.line());
        } else if (e instanceof Paren p) {
            expr(p.inner(), v);
            lastline = p.end();
            Code.dischargeVars(fs, v);
        } else if (e instanceof Vararg va) {
            lastline = va.line();
            v.init(VVARARG, fs.codeABC(OP_VARARG, 0, 0, 1));
        } else {
            throw new IllegalStateException(e.getClass().getName());
        }
        lastline = e.end();
    }

    /**
     * Lua: the loop of subexpr. Left operands nest to the left without limit (a+b+c+...),
     * so the left spine is walked iteratively; right operands are bounded by the parser's
     * nesting limit.
     */
    private void binary(Binary b, ExpDesc v) {
        ArrayList<Binary> spine = new ArrayList<>();
        Expr x = b;
        while (x instanceof Binary bx) {
            spine.add(bx);
            x = bx.left();
        }
        expr(x, v);
        for (int i = spine.size() - 1; i >= 0; i--) {
            Binary op = spine.get(i);
            lastline = op.line();
            Code.infix(fs, op.op(), v);
            ExpDesc v2 = new ExpDesc();
            expr(op.right(), v2);
            Code.posfix(fs, op.op(), v, v2, op.line());
            lastline = op.end();
        }
    }

    private void fieldSel(ExpDesc v, FieldSel s) {
        Code.exp2anyregup(fs, v);
        lastline = s.end();
        ExpDesc key = new ExpDesc().init(VKSTR, 0);
        key.strval = s.name();
        Code.indexed(fs, v, key);
    }

    private void suffixedExp(Suffixed s, ExpDesc v) {
        expr(s.primary(), v);
        for (Suffix suf : s.suffixes()) {
            if (suf instanceof FieldSel f) {
                fieldSel(v, f);
            } else if (suf instanceof Index ix) {
                Code.exp2anyregup(fs, v);
                ExpDesc key = new ExpDesc();
                expr(ix.key(), key);
                Code.exp2val(fs, key);
                lastline = ix.end();
                Code.indexed(fs, v, key);
            } else if (suf instanceof Method m) {
                lastline = m.nameLine();
                ExpDesc key = new ExpDesc().init(VKSTR, 0);
                key.strval = m.name();
                Code.self(fs, v, key);
                funcArgs(v, m.args(), s.line());
            } else {
                Code.exp2nextreg(fs, v);
                funcArgs(v, ((Call) suf).args(), s.line());
            }
        }
    }

    private void funcArgs(ExpDesc f, Args a, int line) {
        ExpDesc args = new ExpDesc();
        if (a.exprs().isEmpty()) {
            args.k = VVOID;
        } else {
            explist(a.exprs(), a.commaLines(), args);
            if (hasMultRet(args.k)) Code.setMultRet(fs, args);
        }
        lastline = a.end();
        int base = f.info;
        int nparams;
        if (hasMultRet(args.k)) {
            nparams = Code.MULTRET;
        } else {
            if (args.k != VVOID) Code.exp2nextreg(fs, args);
            nparams = fs.freereg - (base + 1);
        }
        f.init(VCALL, fs.codeABC(OP_CALL, base, nparams + 1, 2));
        fs.fixline(line);
        fs.freereg = base + 1;
    }

    /** Lua: constructor, with ConsControl's fields as locals. */
    private void constructor(Table t, ExpDesc v) {
        lastline = t.newLine();
        int pc = fs.codeABC(OP_NEWTABLE, 0, 0, 0);
        fs.code(0);
        int na = 0, nh = 0, tostore = 0;
        v.init(VNONRELOC, fs.freereg);
        fs.reserveRegs(1);
        ExpDesc cv = new ExpDesc().init(VVOID, 0);
        int pendingClose = 0;
        for (Field fd : t.fields()) {
            if (cv.k != VVOID) {   // Lua: closelistfield
                lastline = pendingClose;
                Code.exp2nextreg(fs, cv);
                cv.k = VVOID;
                if (tostore == Instr.LFIELDS_PER_FLUSH) {
                    Code.setList(fs, v.info, na, tostore);
                    na += tostore;
                    tostore = 0;
                }
            }
            if (fd instanceof ListField lf) {
                expr(lf.value(), cv);
                tostore++;
                pendingClose = lf.closeLine();
            } else {
                recField(v, (RecField) fd);
                nh++;
            }
        }
        lastline = t.end();
        if (tostore > 0) {   // Lua: lastlistfield
            if (hasMultRet(cv.k)) {
                Code.setMultRet(fs, cv);
                Code.setList(fs, v.info, na, Code.MULTRET);
                na--;
            } else {
                if (cv.k != VVOID) Code.exp2nextreg(fs, cv);
                Code.setList(fs, v.info, na, tostore);
            }
            na += tostore;
        }
        Code.setTableSize(fs, pc, v.info, na, nh);
    }

    private void recField(ExpDesc t, RecField rf) {
        int reg = fs.freereg;
        ExpDesc key = new ExpDesc();
        if (rf.named()) {
            key.init(VKSTR, 0);
            key.strval = ((Str) rf.key()).value();
        } else {
            expr(rf.key(), key);
            Code.exp2val(fs, key);
        }
        lastline = rf.eqLine();
        ExpDesc tab = new ExpDesc();
        tab.copyFrom(t);
        Code.indexed(fs, tab, key);
        ExpDesc val = new ExpDesc();
        expr(rf.value(), val);
        Code.storeVar(fs, tab, val);
        fs.freereg = reg;
    }
}
