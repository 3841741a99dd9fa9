package dev.moonstack.compiler;

import dev.moonstack.code.Instr;
import dev.moonstack.lexer.Lexer;
import dev.moonstack.parser.Ast.*;
import dev.moonstack.value.ChunkId;
import dev.moonstack.value.LocVar;
import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.Proto;
import dev.moonstack.value.UpvalDesc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import static dev.moonstack.code.OpCode.*;
import static dev.moonstack.compiler.ExpDesc.*;

/**
 * Walks the syntax tree of a chunk and generates its prototypes, in exactly the order in which
 * lparser.c generates code while parsing, so that the result is luac's: that of Lua 5.4.8,
 * which fixed code-generation bugs that luac 5.4.4 still has (Lua: the semantic
 * half of lparser.c: FuncState/BlockCnt management, variables, upvalues, labels and gotos,
 * statements and expressions). The line of each instruction is Lua's lastline at {@link #mark},
 * which the walk sets from the lines the parser recorded.
 */
final class Compiler {
    /** Kinds of variables (Lua: VDKREG, RDKCONST, RDKTOCLOSE, RDKCTC). */
    static final int VDKREG = 0, RDKCONST = 1, RDKTOCLOSE = 2, RDKCTC = 3;
    /** Stands for nil as a key of the constant cache (Lua uses the table itself). */
    static final Object NIL_KEY = new Object();

    private static final LuaString FOR_STATE = LuaString.of("(for state)");
    private static final LuaString SELF = LuaString.of("self");

    final LuaString source;
    private final LuaString chunkId;
    /** Scanner state (a mark) at this point of the walk, where lparser would be (Lua: ls->lastline). */
    int mark;
    final Lexer lexer;
    /** Constant cache shared by all functions (Lua: the scanner table 'h'). */
    final HashMap<Object, Integer> kcache = new HashMap<>();
    private FuncState fs;
    final Scopes sc = new Scopes(this);

    Compiler(LuaString source, Lexer lexer) {
        this.source = source;
        this.lexer = lexer;
        this.chunkId = ChunkId.ofBytes(source);
    }

    // ---------------------------------------------------------------- errors

    /** A limit error raised during code generation, positioned as lparser would raise it. */
    LuaError syntaxError(String msg) {
        return lexer.errorAt(mark, msg);
    }

    LuaError semError(String msg, int line) {
        LuaBuffer b = new LuaBuffer(chunkId.length() + msg.length() + 16);
        b.append(chunkId).append(":").append(Integer.toString(line)).append(": ").append(msg);
        return new LuaError(b.toLuaString(), 0);
    }

    LuaError errorLimit(FuncState f, int limit, String what) {
        int line = f.f.lineDefined;
        String where = line == 0 ? "main function" : "function at line " + line;
        return syntaxError("too many " + what + " (limit is " + limit + ") in " + where);
    }

    // ---------------------------------------------------------------- functions

    /** Lua: mainfunc. */
    Proto compileMain(FuncBody main) {
        fs = openFunc(0);
        fs.f.isVararg = true;
        mark = 0;
        fs.codeABC(OP_VARARGPREP, 0, 0, 0);
        fs.upvalues[fs.nups++] = new UpvalDesc(Scopes.ENV, true, 0, VDKREG);
        statlist(main.stats());
        mark = main.endAt();
        return closeFunc(main.errLine());
    }

    private FuncState openFunc(int linedefined) {
        FuncState nfs = new FuncState(this, fs, sc.nActvar, sc.labelCount());
        nfs.f.source = source;
        nfs.f.lineDefined = linedefined;
        fs = nfs;
        sc.fs = nfs;
        sc.enterBlock(nfs, new Scopes.BlockCnt(), false);
        return nfs;
    }

    /** Lua: close_func. */
    private Proto closeFunc(int errLine) {
        FuncState f = fs;
        f.ret(sc.nvarstack(f), 0);
        sc.leaveBlock(f, errLine);
        f.finish();
        Proto p = f.build();
        fs = f.prev;
        sc.fs = fs;
        return p;
    }

    /** Lua: body + codeclosure. */
    private void body(ExpDesc e, FuncBody b) {
        FuncState parent = fs;
        if (parent.np == parent.p.length) parent.p = java.util.Arrays.copyOf(parent.p, parent.np * 2);
        FuncState nfs = openFunc(b.line());
        parent.p[parent.np++] = nfs.f;
        if (b.method()) {
            sc.newLocalVar(SELF);
            sc.adjustLocalVars(1);
        }
        for (LuaString p : b.params()) sc.newLocalVar(p);
        sc.adjustLocalVars(b.params().size());
        nfs.f.setNumParams(nfs.nactvar);
        if (b.vararg()) {
            mark = b.varargAt();
            nfs.f.isVararg = true;
            nfs.codeABC(OP_VARARGPREP, nfs.f.numParams, 0, 0);
        }
        nfs.reserveRegs(nfs.nactvar);
        statlist(b.stats());
        nfs.f.lastLineDefined = b.lastLineDefined();
        mark = b.endAt();
        e.init(VRELOC, parent.codeABx(OP_CLOSURE, 0, parent.np - 1));
        Code.exp2nextreg(parent, e);
        closeFunc(b.errLine());
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

    // ---------------------------------------------------------------- statements

    private void statlist(List<Stat> stats) {
        for (Stat s : stats) statement(s);
    }

    private void block(Block b) {
        sc.enterBlock(fs, new Scopes.BlockCnt(), false);
        statlist(b.stats());
        mark = b.end();
        sc.leaveBlock(fs, b.errLine());
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
        fs.freereg = sc.nvarstack(fs);
    }

    private void localStat(Local s) {
        int toclose = -1;
        int nvars = 0;
        int vidx = 0;
        for (int i = 0; i < s.names().size(); i++) {
            vidx = sc.newLocalVar(s.names().get(i));
            int kind = s.kinds()[i];
            sc.localVarDesc(fs, vidx).kind = kind;
            if (kind == RDKTOCLOSE) toclose = fs.nactvar + nvars;
            nvars++;
        }
        ExpDesc e = new ExpDesc();
        int nexps = 0;
        if (!s.exprs().isEmpty()) nexps = explist(s.exprs(), s.commaAt(), e);
        else e.k = VVOID;
        mark = s.end();
        Scopes.Vardesc var = sc.localVarDesc(fs, vidx);
        Object[] kv = new Object[1];
        long[] kn = new long[1];
        if (nvars == nexps && var.kind == RDKCONST && Code.exp2const(fs, e, kv, kn)) {
            var.kind = RDKCTC;
            var.kref = kv[0];
            var.knum = kn[0];
            sc.adjustLocalVars(nvars - 1);
            fs.nactvar++;
        } else {
            adjustAssign(nvars, nexps, e);
            sc.adjustLocalVars(nvars);
        }
        if (toclose != -1) {
            sc.markToBeClosed(fs);
            fs.codeABC(OP_TBC, sc.reglevel(fs, toclose), 0, 0);
        }
    }

    private void localFunc(LocalFunc s) {
        int fvar = fs.nactvar;
        sc.newLocalVar(s.name());
        sc.adjustLocalVars(1);
        body(new ExpDesc(), s.body());
        sc.localDebugInfo(fs, fvar).startPc = fs.pc;
    }

    private void funcStat(FuncStat s) {
        ExpDesc v = new ExpDesc();
        if (s.target() instanceof Name n) {
            mark = n.end();
            sc.singleVar(n.name(), v);
        } else {
            Suffixed t = (Suffixed) s.target();
            Name n = (Name) t.primary();
            mark = n.end();
            sc.singleVar(n.name(), v);
            for (Suffix suf : t.suffixes()) fieldSel(v, (FieldSel) suf);
        }
        ExpDesc b = new ExpDesc();
        body(b, s.body());
        sc.checkReadonly(v, s.errLine());
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
            sc.checkReadonly(vs[i], s.errLines()[i]);
        }
        ExpDesc e = new ExpDesc();
        int nexps = explist(s.exprs(), s.commaAt(), e);
        mark = s.end();
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
        sc.enterBlock(fs, new Scopes.BlockCnt(), true);
        block(s.body());
        fs.jumpTo(whileinit);
        mark = s.endAt();
        sc.leaveBlock(fs, s.body().errLine());
        fs.patchToHere(condexit);
    }

    private void repeatStat(Repeat s) {
        int repeatInit = fs.getLabel();
        sc.enterBlock(fs, new Scopes.BlockCnt(), true);
        Scopes.BlockCnt bl2 = new Scopes.BlockCnt();
        sc.enterBlock(fs, bl2, false);
        statlist(s.stats());
        int condexit = cond(s.cond());
        sc.leaveBlock(fs, lexer.lastlineAt(mark));
        if (bl2.upval) {
            int exit = fs.jump();
            fs.patchToHere(condexit);
            fs.codeABC(OP_CLOSE, sc.reglevel(fs, bl2.nactvar), 0, 0);
            condexit = fs.jump();
            fs.patchToHere(exit);
        }
        fs.patchList(condexit, repeatInit);
        sc.leaveBlock(fs, lexer.lastlineAt(mark));
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

    private void forBody(int base, int line, int nvars, boolean isgen, int doAt, Block body) {
        mark = doAt;
        int prep = fs.codeABx(isgen ? OP_TFORPREP : OP_FORPREP, base, 0);
        sc.enterBlock(fs, new Scopes.BlockCnt(), false);
        sc.adjustLocalVars(nvars);
        fs.reserveRegs(nvars);
        block(body);
        sc.leaveBlock(fs, body.errLine());
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
        sc.enterBlock(fs, new Scopes.BlockCnt(), true);
        int base = fs.freereg;
        sc.newLocalVar(FOR_STATE);
        sc.newLocalVar(FOR_STATE);
        sc.newLocalVar(FOR_STATE);
        sc.newLocalVar(s.var());
        exp1(s.start());
        exp1(s.limit());
        if (s.step() != null) {
            exp1(s.step());
        } else {
            Code.loadInt(fs, fs.freereg, 1);
            fs.reserveRegs(1);
        }
        sc.adjustLocalVars(3);
        forBody(base, s.line(), 1, false, s.doAt(), s.body());
        mark = s.endAt();
        sc.leaveBlock(fs, s.body().errLine());
    }

    private void genFor(GenFor s) {
        sc.enterBlock(fs, new Scopes.BlockCnt(), true);
        int base = fs.freereg;
        for (int i = 0; i < 4; i++) sc.newLocalVar(FOR_STATE);
        for (LuaString n : s.names()) sc.newLocalVar(n);
        ExpDesc e = new ExpDesc();
        int nexps = explist(s.exprs(), s.commaAt(), e);
        adjustAssign(4, nexps, e);
        sc.adjustLocalVars(4);
        sc.markToBeClosed(fs);
        fs.checkStack(3);
        forBody(base, s.inLine(), s.names().size(), true, s.doAt(), s.body());
        mark = s.endAt();
        sc.leaveBlock(fs, s.body().errLine());
    }

    private int testThenBlock(Clause c, int escapelist, boolean hasNext) {
        ExpDesc v = new ExpDesc();
        expr(c.cond(), v);
        mark = c.thenAt();
        int jf;
        if (c.breakLine() >= 0) {
            Code.goIfFalse(fs, v);
            sc.enterBlock(fs, new Scopes.BlockCnt(), false);
            sc.newGotoEntry(Scopes.BREAK, c.breakLine(), v.t);
            mark = c.jumpAt();
            if (c.block().stats().isEmpty()) {
                sc.leaveBlock(fs, c.block().errLine());
                return escapelist;
            }
            jf = fs.jump();
        } else {
            Code.goIfTrue(fs, v);
            sc.enterBlock(fs, new Scopes.BlockCnt(), false);
            jf = v.f;
        }
        statlist(c.block().stats());
        mark = c.block().end();
        sc.leaveBlock(fs, c.block().errLine());
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
        int first = sc.nvarstack(fs);
        int nret;
        if (s.exprs().isEmpty()) {
            nret = 0;
        } else {
            ExpDesc e = new ExpDesc();
            nret = explist(s.exprs(), s.commaAt(), e);
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
        mark = s.end();
        fs.ret(first, nret);
    }

    private void breakStat(Break s) {
        mark = s.at();
        sc.newGotoEntry(Scopes.BREAK, s.line(), fs.jump());
    }

    private void gotoStat(Goto s) {
        mark = s.at();
        Scopes.Labeldesc lb = sc.findLabel(s.name());
        if (lb == null) {
            sc.newGotoEntry(s.name(), s.line(), fs.jump());
        } else {
            int lblevel = sc.reglevel(fs, lb.nactvar);
            if (sc.nvarstack(fs) > lblevel) fs.codeABC(OP_CLOSE, lblevel, 0, 0);
            fs.patchList(fs.jump(), lb.pc);
        }
    }

    private void labelStat(Label s) {
        statlist(s.noops());
        mark = s.end();
        Scopes.Labeldesc lb = sc.findLabel(s.name());
        if (lb != null) {
            throw semError("label '" + s.name() + "' already defined on line " + lb.line, s.errLine());
        }
        sc.createLabel(s.name(), s.line(), s.last(), s.errLine());
    }

    // ---------------------------------------------------------------- expressions

    /** Lua: explist; returns the number of expressions, the last one left in {@code v}. */
    private int explist(List<Expr> exprs, int[] commaAt, ExpDesc v) {
        expr(exprs.get(0), v);
        for (int i = 1; i < exprs.size(); i++) {
            mark = commaAt[i - 1];
            Code.exp2nextreg(fs, v);
            expr(exprs.get(i), v);
        }
        return exprs.size();
    }

    /** Compiles an expression; afterwards the mark is the one after its last token. */
    void expr(Expr e, ExpDesc v) {
        if (e instanceof Name n) {
            mark = n.end();
            sc.singleVar(n.name(), v);
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
            mark = p.end();
            Code.dischargeVars(fs, v);
        } else if (e instanceof Vararg va) {
            mark = va.at();
            v.init(VVARARG, fs.codeABC(OP_VARARG, 0, 0, 1));
        } else {
            throw new IllegalStateException(e.getClass().getName());
        }
        mark = e.end();
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
            mark = op.opAt();
            Code.infix(fs, op.op(), v);
            ExpDesc v2 = new ExpDesc();
            expr(op.right(), v2);
            Code.posfix(fs, op.op(), v, v2, op.line());
            mark = op.end();
        }
    }

    private void fieldSel(ExpDesc v, FieldSel s) {
        Code.exp2anyregup(fs, v);
        mark = s.end();
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
                mark = ix.end();
                Code.indexed(fs, v, key);
            } else if (suf instanceof Method m) {
                mark = m.nameAt();
                ExpDesc key = new ExpDesc().init(VKSTR, 0);
                key.strval = m.name();
                Code.self(fs, v, key);
                funcArgs(v, m.args());
            } else {
                Code.exp2nextreg(fs, v);
                funcArgs(v, ((Call) suf).args());
            }
        }
    }

    private void funcArgs(ExpDesc f, Args a) {
        ExpDesc args = new ExpDesc();
        if (a.exprs().isEmpty()) {
            args.k = VVOID;
        } else {
            explist(a.exprs(), a.commaAt(), args);
            if (hasMultRet(args.k)) Code.setMultRet(fs, args);
        }
        mark = a.end();
        int base = f.info;
        int nparams;
        if (hasMultRet(args.k)) {
            nparams = Code.MULTRET;
        } else {
            if (args.k != VVOID) Code.exp2nextreg(fs, args);
            nparams = fs.freereg - (base + 1);
        }
        f.init(VCALL, fs.codeABC(OP_CALL, base, nparams + 1, 2));
        fs.fixline(a.line());
        fs.freereg = base + 1;
    }

    /** Lua: constructor, with ConsControl's fields as locals. */
    private void constructor(Table t, ExpDesc v) {
        mark = t.newAt();
        int pc = fs.codeABC(OP_NEWTABLE, 0, 0, 0);
        fs.code(0);
        int na = 0, nh = 0, tostore = 0;
        v.init(VNONRELOC, fs.freereg);
        fs.reserveRegs(1);
        ExpDesc cv = new ExpDesc().init(VVOID, 0);
        int pendingClose = 0;
        for (Field fd : t.fields()) {
            if (cv.k != VVOID) {   // Lua: closelistfield
                mark = pendingClose;
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
                pendingClose = lf.closeAt();
            } else {
                recField(v, (RecField) fd);
                nh++;
            }
        }
        mark = t.end();
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
        mark = rf.eqAt();
        ExpDesc tab = new ExpDesc();
        tab.copyFrom(t);
        Code.indexed(fs, tab, key);
        ExpDesc val = new ExpDesc();
        expr(rf.value(), val);
        Code.storeVar(fs, tab, val);
        fs.freereg = reg;
    }
}
