package dev.moonstack.value;

/** Lua's basic types of values and their names (Lua: lua_typename, luaT_objtypename). */
public final class LuaType {
    private LuaType() {}

    public static final int NIL = 0, BOOLEAN = 1, LIGHTUSERDATA = 2, NUMBER = 3, STRING = 4;
    public static final int TABLE = 5, FUNCTION = 6, USERDATA = 7, THREAD = 8;

    private static final String[] NAMES = {
        "nil", "boolean", "userdata", "number", "string", "table", "function", "userdata", "thread",
    };

    /** Type code of a value given by its ref part (Lua: ttype). */
    public static int of(Object ref) {
        if (ref == null) return NIL;
        if (ref instanceof NumTag) return NUMBER;
        if (ref instanceof LuaString) return STRING;
        if (ref instanceof LuaTable) return TABLE;
        if (ref instanceof LuaFunction) return FUNCTION;
        if (ref instanceof Boolean) return BOOLEAN;
        if (ref instanceof LuaUserdata) return USERDATA;
        if (ref instanceof ThreadValue) return THREAD;
        return LIGHTUSERDATA;
    }

    public static String name(int type) { return NAMES[type]; }

    /** Type name of a value (Lua: lua_typename(ttype(v))). */
    public static String nameOf(Object ref) { return NAMES[of(ref)]; }

    /** Lua truthiness: only nil and false are false. */
    public static boolean isFalse(Object ref) { return ref == null || ref == Boolean.FALSE; }

    public static boolean isNumber(Object ref) { return ref instanceof NumTag; }

    /** The value of a number as a double (payload interpreted by its tag). */
    public static double toDouble(Object ref, long num) {
        return ref == NumTag.INT ? (double) num : Double.longBitsToDouble(num);
    }
}
