package dev.moonstack.value;

/**
 * A Lua error in flight: a stackless Java exception carrying the Lua error value as a
 * (ref, num) pair. Tracebacks come from the runtime's own call stack, never from Java's.
 *
 * <p>Code that has no access to the running coroutine (tables, number operations, the pattern
 * engine) cannot compute the position prefix itself, so it records which kind of error it is
 * and the runtime prepends the position where the error is caught, while the call stack still
 * shows the error point: {@link #run} as {@code luaG_runerror} (position of the running
 * function if it is a Lua function), {@link #rt} as {@code luaL_error} (position of the Lua
 * code that called the running builtin). Errors made by {@link #plain} or the value
 * constructor are taken as they are.
 */
public final class LuaError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error value (see {@link NumTag} for the encoding). */
    public Object ref;
    public long num;
    /** Level whose position is still to be prepended: -1 none, 0 running function, 1 its caller. */
    public int pendingLevel = -1;
    /** Raised while handling an error: no message handler runs for it (Lua: LUA_ERRERR). */
    public boolean skipHandler;
    /** Not catchable by pcall (host interrupts, exhausted budgets): unwinds to the host. */
    public boolean uncatchable;
    /** A traceback taken at the error point by whoever wants one (the CLI, hosts); may be null. */
    public String traceback;

    public LuaError(Object ref, long num) {
        super(null, null, false, false);
        this.ref = ref;
        this.num = num;
    }

    /** An error whose value is the message as it stands. */
    public static LuaError plain(String msg) { return new LuaError(LuaString.of(msg), 0); }

    /** An error positioned at the Lua code calling the running builtin (Lua: luaL_error). */
    public static LuaError rt(String msg) {
        LuaError e = plain(msg);
        e.pendingLevel = 1;
        return e;
    }

    /** An error positioned at the running function if it is Lua code (Lua: luaG_runerror). */
    public static LuaError run(String msg) {
        LuaError e = plain(msg);
        e.pendingLevel = 0;
        return e;
    }

    /** The message for Java-side display: strings as is, other values described. */
    @Override
    public String getMessage() {
        if (ref instanceof LuaString) return ref.toString();
        if (ref == NumTag.INT) return Long.toString(num);
        if (ref == NumTag.FLT) return Double.toString(Double.longBitsToDouble(num));
        if (ref == null) return "nil";
        return "(error object is a " + typeName() + " value)";
    }

    /** Lua's name of the value's type, as lua.c's msghandler writes it (luaL_typename). */
    private String typeName() { return LuaType.nameOf(ref); }
}
