package dev.moonstack.value;

/**
 * A Lua error in flight: a stackless Java exception carrying the Lua error value as a
 * (ref, num) pair. Tracebacks come from the runtime's own call stack, never from Java's.
 *
 * <p>An error made by {@link #rt} is raised the way {@code luaL_error} raises it: when it
 * leaves the Java builtin that threw it, the runtime prepends the position of the Lua code
 * that called that builtin ({@code chunk:line: }). Errors made by {@link #plain} or the
 * value constructor are taken as they are.
 */
public final class LuaError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error value (see {@link NumTag} for the encoding). */
    public Object ref;
    public long num;
    /** True while the position of the calling Lua code is still to be prepended. */
    public boolean pendingWhere;
    /** A traceback taken at the error point by whoever wants one (the CLI, hosts); may be null. */
    public String traceback;

    public LuaError(Object ref, long num) {
        super(null, null, false, false);
        this.ref = ref;
        this.num = num;
    }

    /** An error whose value is the message as it stands. */
    public static LuaError plain(String msg) { return new LuaError(LuaString.of(msg), 0); }

    /** An error from a builtin, positioned at the calling Lua code (Lua: luaL_error). */
    public static LuaError rt(String msg) {
        LuaError e = plain(msg);
        e.pendingWhere = true;
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

    private String typeName() {
        if (ref instanceof Boolean) return "boolean";
        return ref.getClass().getSimpleName();
    }
}
