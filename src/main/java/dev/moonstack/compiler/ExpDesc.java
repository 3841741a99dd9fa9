package dev.moonstack.compiler;

import dev.moonstack.value.LuaString;

/**
 * Description of an expression being compiled, whose code may still be pending (Lua: expdesc
 * and expkind of lparser.h, 5.4 kinds VVOID..VVARARG).
 */
final class ExpDesc {
    /** No value (empty list, or no expression). */
    static final int VVOID = 0;
    static final int VNIL = 1, VTRUE = 2, VFALSE = 3;
    /** Constant in 'k'; info = index. */
    static final int VK = 4;
    static final int VKFLT = 5, VKINT = 6;
    /** String constant not yet in 'k'; strval. */
    static final int VKSTR = 7;
    /** Value in a fixed register; info = register. */
    static final int VNONRELOC = 8;
    /** Local variable; ridx = register, vidx = index among active variables. */
    static final int VLOCAL = 9;
    /** Upvalue; info = index. */
    static final int VUPVAL = 10;
    /** Compile-time constant variable; info = absolute index in actvar. */
    static final int VCONST = 11;
    /** Indexed: indT = table register, indIdx = key register. */
    static final int VINDEXED = 12;
    /** Indexed upvalue: indT = upvalue, indIdx = key constant. */
    static final int VINDEXUP = 13;
    /** Indexed by integer constant: indIdx = the integer. */
    static final int VINDEXI = 14;
    /** Indexed by short string constant: indIdx = constant index. */
    static final int VINDEXSTR = 15;
    /** Test or comparison; info = pc of its jump. */
    static final int VJMP = 16;
    /** Result can go to any register; info = pc of the instruction. */
    static final int VRELOC = 17;
    /** Function call; info = pc of OP_CALL. */
    static final int VCALL = 18;
    /** Vararg expression; info = pc of OP_VARARG. */
    static final int VVARARG = 19;

    static final int NO_JUMP = -1;

    int k;
    int info;
    long ival;
    double nval;
    LuaString strval;
    int indT, indIdx;
    int ridx, vidx;
    /** Patch lists of exits when true / false. */
    int t = NO_JUMP, f = NO_JUMP;

    ExpDesc init(int kind, int i) {
        f = t = NO_JUMP;
        k = kind;
        info = i;
        return this;
    }

    void copyFrom(ExpDesc o) {
        k = o.k;
        info = o.info;
        ival = o.ival;
        nval = o.nval;
        strval = o.strval;
        indT = o.indT;
        indIdx = o.indIdx;
        ridx = o.ridx;
        vidx = o.vidx;
        t = o.t;
        f = o.f;
    }

    boolean hasJumps() { return t != f; }

    static boolean isVar(int k) { return VLOCAL <= k && k <= VINDEXSTR; }

    static boolean isIndexed(int k) { return VINDEXED <= k && k <= VINDEXSTR; }

    static boolean hasMultRet(int k) { return k == VCALL || k == VVARARG; }
}
