package dev.moonstack.vm;

import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.LuaType;
import dev.moonstack.value.LuaUserdata;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.Proto;
import dev.moonstack.value.UpVal;

/**
 * Value operations with metamethods for Java builtins, working on stack slots (Lua: lapi.c
 * lua_gettable, lua_settable, lua_arith, lua_compare, lua_len; lauxlib.c luaL_tolstring,
 * luaL_getmetafield, luaL_len). Each may call Lua code, grow the stack and throw.
 */
public final class LuaOps {
    private LuaOps() {}

    private static final LuaString NAME = LuaString.of("__name");
    private static final LuaString TOSTRING = LuaString.of("__tostring");
    private static final LuaString TRUE = LuaString.of("true");
    private static final LuaString FALSE = LuaString.of("false");
    private static final LuaString NIL = LuaString.of("nil");

    /** Slot d := t[k] (Lua: lua_gettable). */
    public static void index(LuaThread L, int t, Object kr, long kn, int d) {
        Meta.index(L, L.stack.refs[t], L.stack.nums[t], kr, kn, d);
    }

    /** t[k] := v (Lua: lua_settable). */
    public static void setIndex(LuaThread L, int t, Object kr, long kn, Object vr, long vn) {
        Meta.setIndex(L, L.stack.refs[t], L.stack.nums[t], kr, kn, vr, vn);
    }

    /** Slot d := a op b for a metamethod event ADD..BNOT (Lua: lua_arith). */
    public static void arith(LuaThread L, int event, int a, int b, int d) {
        ValueStack s = L.stack;
        Arith.arithWithTM(L, event, s.refs[a], s.nums[a], s.refs[b], s.nums[b], d);
    }

    /** Lua: lua_compare(L, a, b, LUA_OPEQ). */
    public static boolean equal(LuaThread L, int a, int b) {
        ValueStack s = L.stack;
        return Compare.equalsWithTM(L, s.refs[a], s.nums[a], s.refs[b], s.nums[b]);
    }

    /** Lua: lua_compare with LUA_OPLT (or LUA_OPLE when {@code le}). */
    public static boolean less(LuaThread L, int a, int b, boolean le) {
        ValueStack s = L.stack;
        return Compare.lessWithTM(L, s.refs[a], s.nums[a], s.refs[b], s.nums[b], le);
    }

    /** Lua: lua_rawequal. */
    public static boolean rawEqual(Object a, long an, Object b, long bn) {
        return Compare.rawEq(a, an, b, bn) == 1;
    }

    /** Lua: luaL_len. #v with {@code __len} ({@link Arith#walkLen}), which must give an integer. */
    public static long len(LuaThread L, int idx) {
        ValueStack s = L.stack;
        Object v = s.refs[idx];
        if (v instanceof LuaString) return ((LuaString) v).length();     // the common cases, which
        if (v instanceof LuaTable && ((LuaTable) v).metatable == null) {   // need no slot
            return ((LuaTable) v).length();
        }
        int f = s.top;
        s.ensure(f + 1);                                  // the length is written at f
        if (Arith.walkLen(L, v, s.nums[idx], VarInfo.NONE, f, f)) Meta.callTM(L, f, f);
        Object r = s.refs[f];
        long n = s.nums[f];
        if (r == NumTag.INT) return n;
        long[] out = new long[1];
        if (!Coerce.toInteger(r, n, out) || r instanceof LuaString) throw LuaError.rt("object length is not an integer");
        return out[0];
    }

    /** Lua: luaL_getmetafield. The field of v's metatable (raw), or null. */
    public static Object metaField(LuaThread L, Object v, LuaString field) {
        LuaTable mt = L.G.metatableOf(v);
        return mt == null ? null : mt.getStrRef(field);
    }

    /**
     * Lua: luaL_tolstring. The string for a value as print and tostring show it, using
     * {@code __tostring} and {@code __name}.
     */
    public static LuaString tostring(LuaThread L, Object v, long vn) {
        Object tm = metaField(L, v, TOSTRING);
        if (tm != null) {
            ValueStack s = L.stack;
            int f = s.top;
            L.push(tm, 0);
            L.push(v, vn);
            Calls.call(L, f, 1);
            Object r = s.refs[f];
            s.top = f;
            if (!(r instanceof LuaString)) {
                if (r instanceof NumTag) return Coerce.numberToString(r, s.nums[f]);
                throw LuaError.rt("'__tostring' must return a string");
            }
            return (LuaString) r;
        }
        return tostringRaw(L, v, vn);
    }

    /** luaL_tolstring without {@code __tostring}. */
    static LuaString tostringRaw(LuaThread L, Object v, long vn) {
        if (v instanceof LuaString) return (LuaString) v;
        if (v instanceof NumTag) return Coerce.numberToString(v, vn);
        if (v == null) return NIL;
        if (v instanceof Boolean) return v == Boolean.TRUE ? TRUE : FALSE;
        Object name = metaField(L, v, NAME);
        String kind = name instanceof LuaString ? name.toString() : LuaType.nameOf(v);
        return LuaString.of(kind + ": " + address(v));
    }

    /**
     * A stable pseudo-address for a reference value, as C's "%p" shows one.
     * XXX: derived from the identity hash, so two live objects may share one (rarely).
     */
    public static String address(Object v) {
        long id = 0x55550000_0000L | (System.identityHashCode(v) & 0xffffffffL) << 4;
        return "0x" + Long.toHexString(id);
    }

    /** The metatable of a value (Lua: lua_getmetatable), or null. */
    public static LuaTable getMetatable(LuaThread L, Object v) { return L.G.metatableOf(v); }

    /**
     * Sets the metatable of any value (Lua: lua_setmetatable): per type for basic types. A
     * table or userdata whose new metatable has {@code __gc} gets its finalizer registered.
     */
    public static void setMetatable(LuaThread L, Object v, LuaTable mt) {
        if (v instanceof LuaTable) {
            ((LuaTable) v).metatable = mt;
            L.G.gc.checkFinalizer((LuaTable) v, mt);
        } else if (v instanceof LuaUserdata) {
            ((LuaUserdata) v).metatable = mt;
            L.G.gc.checkFinalizer((LuaUserdata) v, mt);
        } else {
            L.G.typeMetatables[LuaType.of(v)] = mt;
        }
    }

    /**
     * A closure for a loaded main chunk (Lua: lua_load): fresh closed upvalues, the first one
     * holding the environment.
     */
    public static LuaClosure newMainClosure(Proto p, Object env) {
        LuaClosure cl = new LuaClosure(p);
        for (int i = 0; i < cl.upvals.length; i++) cl.upvals[i] = UpVal.closed(i == 0 ? env : null, 0);
        return cl;
    }

    /** Sets the first upvalue of a Lua function (the _ENV of a main chunk), as load does. */
    public static void setFirstUpvalue(LuaFunction f, Object ref, long num) {
        if (f instanceof LuaClosure && ((LuaClosure) f).upvals.length > 0) {
            ((LuaClosure) f).upvals[0] = UpVal.closed(ref, num);
        }
    }

    /** Lua: lua_toboolean. */
    public static boolean isTruthy(Object ref) { return ref != null && ref != Boolean.FALSE; }
}
