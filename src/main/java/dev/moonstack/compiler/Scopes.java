package dev.moonstack.compiler;

import dev.moonstack.value.LocVar;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.UpvalDesc;

import java.util.ArrayList;

import static dev.moonstack.code.OpCode.OP_CLOSE;
import static dev.moonstack.compiler.Compiler.*;
import static dev.moonstack.compiler.ExpDesc.*;

/**
 * Local variables, upvalues, blocks, labels and gotos of the functions being compiled (Lua:
 * Dyndata, BlockCnt and the scope functions of lparser.c: new_localvar, adjustlocalvars,
 * singlevaraux, enterblock/leaveblock, createlabel, solvegotos ...).
 */
final class Scopes {
    static final LuaString BREAK = LuaString.of("break");
    static final LuaString ENV = LuaString.of("_ENV");

    private final Compiler cs;
    /** The function being compiled. */
    FuncState fs;
    /**
     * Lua: Dyndata's actvar. Entries past {@link #nActvar} stay readable, as in C, where
     * movegotosout looks at variables that removevars has just dropped.
     */
    Vardesc[] actvar = new Vardesc[16];
    int nActvar;
    private final ArrayList<Labeldesc> gt = new ArrayList<>();
    private final ArrayList<Labeldesc> labels = new ArrayList<>();

    Scopes(Compiler cs) { this.cs = cs; }

    int labelCount() { return labels.size(); }

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


    // ---------------------------------------------------------------- variables

    /** Lua: new_localvar. */
    int newLocalVar(LuaString name) {
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

    LocVar localDebugInfo(FuncState f, int vidx) {
        Vardesc vd = localVarDesc(f, vidx);
        return vd.kind == RDKCTC ? null : f.locvars[vd.pidx];
    }

    void initVar(FuncState f, ExpDesc e, int vidx) {
        e.f = e.t = NO_JUMP;
        e.k = VLOCAL;
        e.vidx = vidx;
        e.ridx = localVarDesc(f, vidx).ridx;
    }

    /** Lua: check_readonly. */
    void checkReadonly(ExpDesc e, int errLine) {
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
        if (varname != null) throw cs.semError("attempt to assign to const variable '" + varname + "'", errLine);
    }

    /** Lua: adjustlocalvars. */
    void adjustLocalVars(int nvars) {
        int level = nvarstack(fs);
        for (int i = 0; i < nvars; i++) {
            int vidx = fs.nactvar++;
            Vardesc var = localVarDesc(fs, vidx);
            var.ridx = level++;
            var.pidx = registerLocalVar(var.name);
        }
    }

    int registerLocalVar(LuaString name) {
        if (fs.ndebugvars == fs.locvars.length) fs.locvars = java.util.Arrays.copyOf(fs.locvars, fs.ndebugvars * 2);
        fs.locvars[fs.ndebugvars] = new LocVar(name, fs.pc, 0);
        return fs.ndebugvars++;
    }

    /** Lua: removevars. */
    void removeVars(FuncState f, int tolevel) {
        nActvar -= f.nactvar - tolevel;
        while (f.nactvar > tolevel) {
            LocVar var = localDebugInfo(f, --f.nactvar);
            if (var != null) var.endPc = f.pc;
        }
    }

    static int searchUpvalue(FuncState f, LuaString name) {
        for (int i = 0; i < f.nups; i++) {
            if (f.upvalues[i].name.equals(name)) return i;
        }
        return -1;
    }

    int newUpvalue(FuncState f, LuaString name, ExpDesc v) {
        if (f.nups + 1 > FuncState.MAXUPVAL) throw cs.errorLimit(f, FuncState.MAXUPVAL, "upvalues");
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

    int searchVar(FuncState f, LuaString n, ExpDesc var) {
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

    static void markUpval(FuncState f, int level) {
        BlockCnt bl = f.bl;
        while (bl.nactvar > level) bl = bl.previous;
        bl.upval = true;
        f.needclose = true;
    }

    static void markToBeClosed(FuncState f) {
        BlockCnt bl = f.bl;
        bl.upval = true;
        bl.insidetbc = true;
        f.needclose = true;
    }

    /** Lua: singlevaraux (recursion depth is the nesting of functions). */
    void singleVarAux(FuncState f, LuaString n, ExpDesc var, boolean base) {
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
    void singleVar(LuaString name, ExpDesc var) {
        singleVarAux(fs, name, var, true);
        if (var.k == VVOID) {
            singleVarAux(fs, ENV, var, true);
            Code.exp2anyregup(fs, var);   // _ENV could be a <const> (Debian's 5.4.4 has this fix)
            ExpDesc key = new ExpDesc().init(VKSTR, 0);
            key.strval = name;
            Code.indexed(fs, var, key);
        }
    }


    // ---------------------------------------------------------------- labels and blocks

    void solveGoto(int g, Labeldesc label, int errLine) {
        Labeldesc gtd = gt.get(g);
        if (gtd.nactvar < label.nactvar) {
            LuaString varname = localVarDesc(fs, gtd.nactvar).name;
            throw cs.semError("<goto " + gtd.name + "> at line " + gtd.line
                    + " jumps into the scope of local '" + varname + "'", errLine);
        }
        fs.patchList(gtd.pc, label.pc);
        gt.remove(g);
    }

    Labeldesc findLabel(LuaString name) {
        for (int i = fs.firstlabel; i < labels.size(); i++) {
            if (labels.get(i).name.equals(name)) return labels.get(i);
        }
        return null;
    }

    void newGotoEntry(LuaString name, int line, int pc) {
        gt.add(new Labeldesc(name, line, pc, fs.nactvar));
    }

    boolean solveGotos(Labeldesc lb, int errLine) {
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
    boolean createLabel(LuaString name, int line, boolean last, int errLine) {
        Labeldesc l = new Labeldesc(name, line, fs.getLabel(), fs.nactvar);
        labels.add(l);
        if (last) l.nactvar = fs.bl.nactvar;
        if (solveGotos(l, errLine)) {
            fs.codeABC(OP_CLOSE, nvarstack(fs), 0, 0);
            return true;
        }
        return false;
    }

    void moveGotosOut(FuncState f, BlockCnt bl) {
        for (int i = bl.firstgoto; i < gt.size(); i++) {
            Labeldesc g = gt.get(i);
            if (reglevel(f, g.nactvar) > reglevel(f, bl.nactvar)) g.close |= bl.upval;
            g.nactvar = bl.nactvar;
        }
    }

    void enterBlock(FuncState f, BlockCnt bl, boolean isloop) {
        bl.isloop = isloop;
        bl.nactvar = f.nactvar;
        bl.firstlabel = labels.size();
        bl.firstgoto = gt.size();
        bl.upval = false;
        bl.insidetbc = f.bl != null && f.bl.insidetbc;
        bl.previous = f.bl;
        f.bl = bl;
    }

    /**
     * Lua 5.4.8: leaveblock; {@code errLine} is where an undefined goto is reported. The
     * block's variables go before the 'break' label is created, so that a CLOSE it needs
     * closes them too (5.4.4 removed them afterwards: a 'break' out of a generic 'for' then
     * left its closing value open). Their debug ranges thus end before the block's CLOSE.
     */
    void leaveBlock(FuncState f, int errLine) {
        BlockCnt bl = f.bl;
        boolean hasclose = false;
        int stklevel = reglevel(f, bl.nactvar);
        removeVars(f, bl.nactvar);
        if (bl.isloop) hasclose = createLabel(BREAK, 0, false, errLine);
        if (!hasclose && bl.previous != null && bl.upval) f.codeABC(OP_CLOSE, stklevel, 0, 0);
        f.freereg = stklevel;
        while (labels.size() > bl.firstlabel) labels.remove(labels.size() - 1);
        f.bl = bl.previous;
        if (bl.previous != null) {
            moveGotosOut(f, bl);
        } else if (bl.firstgoto < gt.size()) {
            Labeldesc g = gt.get(bl.firstgoto);
            if (g.name.equals(BREAK)) throw cs.semError("break outside loop at line " + g.line, errLine);
            throw cs.semError("no visible label '" + g.name + "' for <goto> at line " + g.line, errLine);
        }
    }

}
