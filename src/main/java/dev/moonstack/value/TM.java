package dev.moonstack.value;

/**
 * Metamethod events and their names, in the order of Lua 5.4's {@code ltm.h} (Lua: TMS).
 * The events up to {@link #EQ} are "fast": their absence from a metatable is cached in
 * {@link LuaTable#tmAbsent}.
 */
public final class TM {
    private TM() {}

    public static final int INDEX = 0, NEWINDEX = 1, GC = 2, MODE = 3, LEN = 4, EQ = 5;
    public static final int ADD = 6, SUB = 7, MUL = 8, MOD = 9, POW = 10, DIV = 11, IDIV = 12;
    public static final int BAND = 13, BOR = 14, BXOR = 15, SHL = 16, SHR = 17;
    public static final int UNM = 18, BNOT = 19, LT = 20, LE = 21, CONCAT = 22, CALL = 23;
    public static final int CLOSE = 24;
    public static final int N = 25;

    private static final String[] NAMES = {
        "__index", "__newindex", "__gc", "__mode", "__len", "__eq", "__add", "__sub", "__mul",
        "__mod", "__pow", "__div", "__idiv", "__band", "__bor", "__bxor", "__shl", "__shr",
        "__unm", "__bnot", "__lt", "__le", "__concat", "__call", "__close",
    };

    private static final LuaString[] KEYS = new LuaString[N];

    static {
        for (int i = 0; i < N; i++) KEYS[i] = LuaString.of(NAMES[i]);
    }

    /** The key of event {@code e} in a metatable, e.g. "__index". */
    public static LuaString key(int e) { return KEYS[e]; }

    /** The event's name without underscores, as in messages ("metamethod 'index'"). */
    public static String shortName(int e) { return NAMES[e].substring(2); }
}
