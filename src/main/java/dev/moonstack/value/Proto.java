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
    /** Fixed parameters (Lua: numparams); set with {@link #setNumParams}. */
    public int numParams;
    /**
     * The fewest arguments with which the executor's OP_CALL enters this function inline: {@link
     * #numParams} (fewer go through Calls.enterLua, which fills in nils), or {@link #CHECKED} while
     * a debugger has a breakpoint in it, so that every call of it takes Calls.enterLua, which tells
     * the debugger (Duktape: checked execution). The inline test reads this field instead of
     * numParams, so checking a function costs the calls of other functions nothing.
     */
    public int inlineArgs;
    /** {@link #inlineArgs} of a function the debugger checks: more arguments than a call can pass. */
    public static final int CHECKED = Integer.MAX_VALUE;
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
    /**
     * The compiled tier's body for this function (a vm.Tier.Body, typed Object since values do
     * not know the VM), or null: what a call reads to enter it with one field load, without
     * asking the tier. The tier sets it only while the body is current and clears it when the
     * body is dropped (jit.flush(), jit.off(f)); a null here just means "ask the tier".
     */
    public Object compiled;

    /** Sets the fixed parameters, and the inline call test that goes with them. */
    public void setNumParams(int n) {
        numParams = n;
        inlineArgs = n;
    }

    /** Debugger: every call of this function takes the slow path while {@code on} (see {@link #inlineArgs}). */
    public void setChecked(boolean on) { inlineArgs = on ? CHECKED : numParams; }

    /** Whether a debugger checks this function (see {@link #inlineArgs}). */
    public boolean checked() { return inlineArgs == CHECKED; }

    /** Line of instruction {@code pc} (0-based), or -1 when there is no line information. */
    public int line(int pc) {
        return lineInfo != null && pc >= 0 && pc < lineInfo.length ? lineInfo[pc] : -1;
    }
}
