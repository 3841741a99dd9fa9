package dev.moonstack.lib;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.LuaType;
import dev.moonstack.value.NumTag;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaOps;
import dev.moonstack.vm.LuaThread;
import dev.moonstack.vm.ProtectedCall;
import dev.moonstack.vm.Traceback;
import dev.moonstack.vm.ValueStack;
import java.io.PrintStream;

/** The basic library (Lua: lbaselib.c): print, type, pairs, error, pcall, load, ... */
public final class BaseLib {
    private BaseLib() {}

    private static final LuaString[] TYPE_NAMES = new LuaString[9];
    private static final LuaString METATABLE = LuaString.of("__metatable");
    private static final LuaString PAIRS = LuaString.of("__pairs");

    static {
        for (int t = 0; t < 9; t++) TYPE_NAMES[t] = LuaString.of(LuaType.name(t));
    }

    public static void open(GlobalState G) {
        LuaTable g = G.globals;
        Lib.fn(g, null, "print", BaseLib::print);
        Lib.fn(g, null, "type", BaseLib::type);
        Lib.fn(g, null, "tostring", BaseLib::tostring);
        Lib.fn(g, null, "tonumber", BaseLib::tonumber);
        Lib.fn(g, null, "rawget", BaseLib::rawget);
        Lib.fn(g, null, "rawset", BaseLib::rawset);
        Lib.fn(g, null, "rawequal", BaseLib::rawequal);
        Lib.fn(g, null, "rawlen", BaseLib::rawlen);
        Lib.fn(g, null, "setmetatable", BaseLib::setmetatable);
        Lib.fn(g, null, "getmetatable", BaseLib::getmetatable);
        Lib.fn(g, null, "assert", BaseLib::assertFn);
        Lib.fn(g, null, "error", BaseLib::error);
        Lib.fn(g, null, "select", BaseLib::select);
        Builtin next = Lib.fn(g, null, "next", BaseLib::next);
        Lib.fn(g, null, "pairs", (L, base, nargs) -> pairs(L, base, nargs, next));
        Builtin ipairsAux = Builtin.of("ipairs_aux", BaseLib::ipairsAux);
        Lib.fn(g, null, "ipairs", (L, base, nargs) -> ipairs(L, base, nargs, ipairsAux));
        g.setStr(LuaString.of("pcall"), ProtectedCall.pcall(), 0);
        g.setStr(LuaString.of("xpcall"), ProtectedCall.xpcall(), 0);
        Lib.fn(g, null, "collectgarbage", Collector::collectgarbage);
        Lib.fn(g, null, "warn", BaseLib::warn);
        Loading.open(g);
        g.setStr(LuaString.of("_VERSION"), LuaString.of("Lua 5.4"), 0);
        Lib.register(G, "_G", g);
    }

    /**
     * Lua: luaB_print. Writes through the runtime's standard output and flushes it, as
     * lua_writeline does (lauxlib.h: the newline, then fflush(stdout)): printed lines reach a
     * pipe or a host at once, whatever the buffering of io.write.
     */
    static int print(LuaThread L, int base, int nargs) {
        PrintStream out = L.G.stdout;
        for (int i = 0; i < nargs; i++) {
            if (i > 0) out.write('\t');
            LuaString s = LuaOps.tostring(L, L.ref(base + i), L.num(base + i));
            out.write(s.bytes(), 0, s.length());
        }
        out.write('\n');
        out.flush();
        return 0;
    }

    static int type(LuaThread L, int base, int nargs) {
        Args.checkAny(L, nargs, 1);
        L.pushString(TYPE_NAMES[LuaType.of(L.ref(base))]);
        return 1;
    }

    static int tostring(LuaThread L, int base, int nargs) {
        Args.checkAny(L, nargs, 1);
        L.pushString(LuaOps.tostring(L, L.ref(base), L.num(base)));
        return 1;
    }

    /** Lua: luaB_tonumber. */
    static int tonumber(LuaThread L, int base, int nargs) {
        if (Args.isNoneOrNil(L, base, nargs, 2)) {
            Object v = nargs >= 1 ? L.ref(base) : null;
            if (v instanceof NumTag) {
                L.pushValue(base);
                return 1;
            }
            if (v instanceof LuaString) {
                long[] out = new long[1];
                NumTag t = dev.moonstack.value.LuaNumber.str2number((LuaString) v, out);
                if (t != null) {
                    L.push(t, out[0]);
                    return 1;
                }
            }
            Args.checkAny(L, nargs, 1);
        } else {
            long b = Args.checkInteger(L, base, nargs, 2);
            Args.checkType(L, base, nargs, 1, LuaType.STRING);
            LuaString s = (LuaString) L.ref(base);
            if (b < 2 || b > 36) throw Args.argError(L, 2, "base out of range");
            long[] out = new long[1];
            if (strToInt(s.bytes(), (int) b, out)) {
                L.pushInteger(out[0]);
                return 1;
            }
        }
        L.pushNil();
        return 1;
    }

    /** Lua: b_str2int. An integer numeral in any base 2..36, wrapping around, spaces allowed. */
    private static boolean strToInt(byte[] s, int base, long[] out) {
        int i = 0, len = s.length;
        while (i < len && isSpace(s[i])) i++;
        boolean neg = false;
        if (i < len && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
        if (i >= len || !Character.isLetterOrDigit(s[i] & 0xFF) || (s[i] & 0xFF) > 127) return false;
        long n = 0;
        while (i < len && (s[i] & 0xFF) < 128 && Character.isLetterOrDigit(s[i])) {
            int c = s[i];
            int digit = c <= '9' ? c - '0' : Character.toUpperCase(c) - 'A' + 10;
            if (digit >= base) return false;
            n = n * base + digit;
            i++;
        }
        while (i < len && isSpace(s[i])) i++;
        if (i != len) return false;
        out[0] = neg ? -n : n;
        return true;
    }

    private static boolean isSpace(byte c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

    static int rawget(LuaThread L, int base, int nargs) {
        LuaTable t = Args.checkTable(L, base, nargs, 1);
        Args.checkAny(L, nargs, 2);
        ValueStack s = L.stack;
        t.get(s.refs[base + 1], s.nums[base + 1], s.refs, s.nums, base + 1);
        s.top = base + 2;
        return 1;
    }

    static int rawset(LuaThread L, int base, int nargs) {
        LuaTable t = Args.checkTable(L, base, nargs, 1);
        Args.checkAny(L, nargs, 2);
        Args.checkAny(L, nargs, 3);
        t.rawset(L.ref(base + 1), L.num(base + 1), L.ref(base + 2), L.num(base + 2));
        L.stack.top = base + 1;
        return 1;
    }

    static int rawequal(LuaThread L, int base, int nargs) {
        Args.checkAny(L, nargs, 1);
        Args.checkAny(L, nargs, 2);
        L.pushBoolean(LuaOps.rawEqual(L.ref(base), L.num(base), L.ref(base + 1), L.num(base + 1)));
        return 1;
    }

    static int rawlen(LuaThread L, int base, int nargs) {
        Object v = nargs >= 1 ? L.ref(base) : null;
        if (v instanceof LuaTable) L.pushInteger(((LuaTable) v).length());
        else if (v instanceof LuaString) L.pushInteger(((LuaString) v).length());
        else throw Args.argError(L, 1, "table or string expected");
        return 1;
    }

    static int setmetatable(LuaThread L, int base, int nargs) {
        LuaTable t = Args.checkTable(L, base, nargs, 1);
        Object mt = nargs >= 2 ? L.ref(base + 1) : null;
        if (nargs < 2 || (mt != null && !(mt instanceof LuaTable))) {
            throw Args.typeError(L, 2, "nil or table", mt);
        }
        if (t.metatable != null && t.metatable.getStrRef(METATABLE) != null) {
            throw LuaError.rt("cannot change a protected metatable");
        }
        t.metatable = (LuaTable) mt;
        L.G.gc.checkFinalizer(t, t.metatable);
        L.stack.top = base + 1;
        return 1;
    }

    static int getmetatable(LuaThread L, int base, int nargs) {
        Args.checkAny(L, nargs, 1);
        LuaTable mt = LuaOps.getMetatable(L, L.ref(base));
        if (mt == null) {
            L.pushNil();
            return 1;
        }
        ValueStack s = L.stack;
        s.ensure(s.top + 1);
        if (!mt.loadStr(METATABLE, s.refs, s.nums, s.top)) s.refs[s.top] = mt;
        s.top++;
        return 1;
    }

    /** Lua: luaB_assert. */
    static int assertFn(LuaThread L, int base, int nargs) {
        if (nargs >= 1 && LuaOps.isTruthy(L.ref(base))) return nargs;
        Args.checkAny(L, nargs, 1);
        if (nargs < 2) throw LuaError.rt("assertion failed!");
        throw raise(L, L.ref(base + 1), L.num(base + 1), 1);
    }

    /** Lua: luaB_error. A string message gets the position of level {@code level}. */
    static int error(LuaThread L, int base, int nargs) {
        long level = Args.optInteger(L, base, nargs, 2, 1);
        throw raise(L, nargs >= 1 ? L.ref(base) : null, L.num(base), level);
    }

    private static LuaError raise(LuaThread L, Object v, long vn, long level) {
        if (v instanceof LuaString && level > 0) {
            String where = Traceback.where(L, (int) Math.min(level, Integer.MAX_VALUE));
            if (!where.isEmpty()) v = LuaString.of(where + v);
        }
        return new LuaError(v, vn);
    }

    /** Lua: luaB_select. */
    static int select(LuaThread L, int base, int nargs) {
        Object v = nargs >= 1 ? L.ref(base) : null;
        if (v instanceof LuaString && ((LuaString) v).length() == 1 && ((LuaString) v).charAt(0) == '#') {
            L.pushInteger(nargs - 1);
            return 1;
        }
        long i = Args.checkInteger(L, base, nargs, 1);
        int n = nargs;
        if (i < 0) i = n + i;
        else if (i > n) i = n;
        if (i < 1) throw Args.argError(L, 1, "index out of range");
        return n - (int) i;
    }

    /** Lua: luaB_next. */
    static int next(LuaThread L, int base, int nargs) {
        LuaTable t = Args.checkTable(L, base, nargs, 1);
        ValueStack s = L.stack;
        s.ensure(base + 3);
        Object k = nargs >= 2 ? s.refs[base + 1] : null;
        if (t.next(k, s.nums[base + 1], s.refs, s.nums, base + 1)) {
            s.top = base + 3;
            return 2;
        }
        s.refs[base + 1] = null;
        s.top = base + 2;
        return 1;
    }

    /** Lua: luaB_pairs. {@code __pairs} or (next, t, nil). */
    static int pairs(LuaThread L, int base, int nargs, Builtin next) {
        Args.checkAny(L, nargs, 1);
        Object v = L.ref(base);
        Object tm = LuaOps.metaField(L, v, PAIRS);
        if (tm == null) {
            L.push(next, 0);
            L.pushValue(base);
            L.pushNil();
            return 3;
        }
        int f = L.top();
        L.push(tm, 0);
        L.pushValue(base);
        return L.callk(f, 3, (L2, b, n) -> 3);            // __pairs may yield (Lua: lua_callk)
    }

    /** Lua: luaB_ipairs. */
    static int ipairs(LuaThread L, int base, int nargs, Builtin aux) {
        Args.checkAny(L, nargs, 1);
        L.push(aux, 0);
        L.pushValue(base);
        L.pushInteger(0);
        return 3;
    }

    /** Lua: ipairsaux. (t, i) -> i+1, t[i+1], or nil at the first nil. */
    static int ipairsAux(LuaThread L, int base, int nargs) {
        long i = Args.checkInteger(L, base, nargs, 2) + 1;
        L.pushInteger(i);
        int d = L.top();
        L.pushNil();
        LuaOps.index(L, base, NumTag.INT, i, d);
        return L.ref(d) == null ? 1 : 2;
    }

    /** Lua: luaB_warn. Messages go to standard error when warnings are on ("@on"/"@off"). */
    static int warn(LuaThread L, int base, int nargs) {
        Args.checkString(L, base, nargs, 1);
        for (int i = 2; i <= nargs; i++) Args.checkString(L, base, nargs, i);
        StringBuilder msg = new StringBuilder();
        for (int i = 0; i < nargs; i++) msg.append(L.ref(base + i));
        String m = msg.toString();
        if (nargs == 1 && m.startsWith("@")) {
            if (m.equals("@on")) L.G.warnings = true;
            else if (m.equals("@off")) L.G.warnings = false;
            return 0;
        }
        L.G.warning(m);
        return 0;
    }
}
