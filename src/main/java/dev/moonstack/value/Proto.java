package dev.moonstack.value;

/**
 * A function prototype: the compiled form of one Lua function (Lua: Proto).
 *
 * <p>Constants use the runtime's value encoding: {@code k[i]} is null (nil), a Boolean, a
 * {@link LuaString}, or {@link NumTag#INT}/{@code FLT} with the payload
 * in {@code kn[i]}.
 */
public final class Proto {
    /** Chunk name as given to load: "@file.lua", "=stdin", or the source text itself. */
    public LuaString source;
    public int lineDefined;
    public int lastLineDefined;
    public int numParams;
    public boolean isVararg;
    /** Registers this function needs (Lua: maxstacksize). */
    public int maxStackSize;

    public int[] code;
    /** Source line of each instruction, absolute (Lua keeps deltas; we keep it simple). */
    public int[] lineInfo;
    public Object[] k;
    public long[] kn;
    /** Nested function prototypes (Lua: p). */
    public Proto[] p;
    public UpvalDesc[] upvalues;
    /** Local variable ranges for debug information (Lua: locvars). */
    public LocVar[] locVars;
    /** The compiled tier's state for this function (hot counter, compiled body), or null. */
    public Object tier;

    /** Line of instruction {@code pc} (0-based), or -1 when there is no line information. */
    public int line(int pc) {
        return lineInfo != null && pc >= 0 && pc < lineInfo.length ? lineInfo[pc] : -1;
    }
}
