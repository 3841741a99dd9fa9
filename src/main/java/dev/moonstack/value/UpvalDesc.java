package dev.moonstack.value;

/**
 * Where a closure finds an upvalue when it is created (Lua: Upvaldesc): a register of the
 * enclosing function ({@code inStack}) or one of the enclosing function's own upvalues.
 */
public final class UpvalDesc {
    /** Variable kinds (Lua: VDKREG, RDKCONST, RDKTOCLOSE, RDKCTC). */
    public static final int VDKREG = 0, RDKCONST = 1, RDKTOCLOSE = 2, RDKCTC = 3;

    public final LuaString name;
    public final boolean inStack;
    public final int index;
    public final int kind;

    public UpvalDesc(LuaString name, boolean inStack, int index, int kind) {
        this.name = name;
        this.inStack = inStack;
        this.index = index;
        this.kind = kind;
    }
}
