package dev.moonstack.lib;

import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.TM;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Coerce;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaOps;
import dev.moonstack.vm.LuaThread;

/**
 * The table library (Lua: ltablib.c): insert, remove, move, concat, pack, unpack, sort. Every
 * element access honours {@code __index}/{@code __newindex} and lengths honour {@code __len},
 * as in Lua 5.4; sort is in {@link TableSort}.
 */
public final class TableLib {
    private TableLib() {}

    /** Operations a table-like argument must support (Lua: TAB_R, TAB_W, TAB_L). */
    static final int TAB_R = 1, TAB_W = 2, TAB_L = 4, TAB_RW = TAB_R | TAB_W;

    public static void open(GlobalState G) {
        LuaTable t = new LuaTable();
        Lib.fn(t, "table", "insert", TableLib::insert);
        Lib.fn(t, "table", "remove", TableLib::remove);
        Lib.fn(t, "table", "move", TableLib::move);
        Lib.fn(t, "table", "concat", TableLib::concat);
        Lib.fn(t, "table", "pack", TableLib::pack);
        Lib.fn(t, "table", "unpack", TableLib::unpack);
        Lib.fn(t, "table", "sort", TableSort::sort);
        Lib.register(G, "table", t);
    }

    /**
     * Lua: checktab. A table, or a value whose metatable has the metamethods for the needed
     * operations; otherwise "table expected".
     */
    static void checkTab(LuaThread L, int base, int nargs, int arg, int what) {
        Object v = arg <= nargs ? L.ref(base + arg - 1) : null;
        if (v instanceof LuaTable) return;
        LuaTable mt = LuaOps.getMetatable(L, v);
        if (mt != null
                && ((what & TAB_R) == 0 || mt.getStrRef(TM.key(TM.INDEX)) != null)
                && ((what & TAB_W) == 0 || mt.getStrRef(TM.key(TM.NEWINDEX)) != null)
                && ((what & TAB_L) == 0 || mt.getStrRef(TM.key(TM.LEN)) != null)) return;
        Args.checkTable(L, base, nargs, arg);
    }

    /** Lua: aux_getn. */
    static long getn(LuaThread L, int base, int nargs, int arg, int what) {
        checkTab(L, base, nargs, arg, what | TAB_L);
        return LuaOps.len(L, base + arg - 1);
    }

    /** Pushes t[i] (Lua: lua_geti). */
    static void geti(LuaThread L, int t, long i) {
        int d = L.top();
        L.pushNil();
        LuaOps.index(L, t, NumTag.INT, i, d);
    }

    /** t[i] := the top value, popped (Lua: lua_seti). */
    static void seti(LuaThread L, int t, long i) {
        int v = L.top() - 1;
        LuaOps.setIndex(L, t, NumTag.INT, i, L.ref(v), L.num(v));
        L.setTop(v);
    }

    static int insert(LuaThread L, int base, int nargs) {
        long e = getn(L, base, nargs, 1, TAB_RW) + 1;
        long pos;
        switch (nargs) {
            case 2:
                pos = e;
                break;
            case 3:
                pos = Args.checkInteger(L, base, nargs, 2);
                if (Long.compareUnsigned(pos - 1, e) >= 0) throw Args.argError(L, 2, "position out of bounds");
                for (long i = e; i > pos; i--) {
                    if ((i & 0xFFF) == 0) L.interrupts().poll(0x1000);   // a __len may claim billions
                    geti(L, base, i - 1);
                    seti(L, base, i);
                }
                break;
            default:
                throw LuaError.rt("wrong number of arguments to 'insert'");
        }
        L.pushValue(base + nargs - 1);
        seti(L, base, pos);
        return 0;
    }

    static int remove(LuaThread L, int base, int nargs) {
        long size = getn(L, base, nargs, 1, TAB_RW);
        long pos = Args.optInteger(L, base, nargs, 2, size);
        if (pos != size && Long.compareUnsigned(pos - 1, size) > 0) {
            throw Args.argError(L, 2, "position out of bounds");
        }
        L.setTop(base + Math.max(nargs, 1));
        geti(L, base, pos);
        int result = L.top() - 1;
        for (; pos < size; pos++) {
            if ((pos & 0xFFF) == 0) L.interrupts().poll(0x1000);     // a __len may claim billions
            geti(L, base, pos + 1);
            seti(L, base, pos);
        }
        L.pushNil();
        seti(L, base, pos);
        L.setTop(result + 1);
        return 1;
    }

    /** Lua: tmove. move(a1, f, e, t [, a2]). */
    static int move(LuaThread L, int base, int nargs) {
        long f = Args.checkInteger(L, base, nargs, 2);
        long e = Args.checkInteger(L, base, nargs, 3);
        long t = Args.checkInteger(L, base, nargs, 4);
        int tt = !Args.isNoneOrNil(L, base, nargs, 5) ? base + 4 : base;
        checkTab(L, base, nargs, 1, TAB_R);
        checkTab(L, base, nargs, tt - base + 1, TAB_W);
        if (e >= f) {
            if (!(f > 0 || e < Long.MAX_VALUE + f)) throw Args.argError(L, 3, "too many elements to move");
            long n = e - f + 1;
            if (t > Long.MAX_VALUE - n + 1) throw Args.argError(L, 4, "destination wrap around");
            L.setTop(base + Math.max(nargs, 5));
            boolean forward = t > e || t <= f || (tt != base && !LuaOps.equal(L, base, tt));
            for (long k = 0; k < n; k++) {
                if ((k & 0xFFF) == 0xFFF) L.interrupts().poll(0x1000);  // billions of fields take a while
                long i = forward ? k : n - 1 - k;
                geti(L, base, f + i);
                seti(L, tt, t + i);
            }
        }
        L.pushValue(tt);
        return 1;
    }

    /** Lua: tconcat. concat(t [, sep [, i [, j]]]). */
    static int concat(LuaThread L, int base, int nargs) {
        long last = getn(L, base, nargs, 1, TAB_R);
        LuaString sep = Args.optString(L, base, nargs, 2, LuaString.EMPTY);
        long i = Args.optInteger(L, base, nargs, 3, 1);
        last = Args.optInteger(L, base, nargs, 4, last);
        L.setTop(base + Math.max(nargs, 4));
        LuaBuffer b = new LuaBuffer();
        for (; i <= last; i++) {
            if ((i & 0xFFF) == 0) L.interrupts().poll(0x1000);   // millions of fields take a while
            addField(L, base, b, i);
            if (i != last) b.append(sep);
            if (i == Long.MAX_VALUE) break;
        }
        L.pushString(b.toLuaString());
        return 1;
    }

    private static void addField(LuaThread L, int base, LuaBuffer b, long i) {
        Object t = L.ref(base);
        int v;
        if (t instanceof LuaTable && ((LuaTable) t).metatable == null) {
            L.pushNil();
            v = L.top() - 1;
            ((LuaTable) t).getInt(i, L.stack.refs, L.stack.nums, v);
        } else {
            geti(L, base, i);
            v = L.top() - 1;
        }
        LuaString s = Coerce.toStringCoerced(L.ref(v), L.num(v));
        if (s == null) {
            throw LuaError.rt("invalid value (" + dev.moonstack.value.LuaType.nameOf(L.ref(v)) + ") at index " + i
                    + " in table for 'concat'");
        }
        b.append(s);
        L.setTop(v);
    }

    static int pack(LuaThread L, int base, int nargs) {
        LuaTable t = new LuaTable(nargs, 1);
        t.setList(1, L.stack.refs, L.stack.nums, base, nargs);
        t.setStr(LuaString.of("n"), NumTag.INT, nargs);
        L.push(t, 0);
        return 1;
    }

    /** Lua: tunpack. unpack(t [, i [, j]]). */
    static int unpack(LuaThread L, int base, int nargs) {
        long i = Args.optInteger(L, base, nargs, 2, 1);
        long e = Args.isNoneOrNil(L, base, nargs, 3) ? LuaOps.len(L, base) : Args.checkInteger(L, base, nargs, 3);
        if (i > e) return 0;
        long n = e - i;
        if (Long.compareUnsigned(n, Integer.MAX_VALUE) >= 0 || n >= dev.moonstack.vm.ValueStack.MAX - L.top()) {
            throw LuaError.rt("too many results to unpack");
        }
        L.stack.ensure(L.top() + (int) n + 1);
        Object t = L.ref(base);
        if (t instanceof LuaTable && ((LuaTable) t).metatable == null) {
            LuaTable h = (LuaTable) t;
            for (long c = 0; c <= n; c++) {              // counted: e may be maxinteger
                L.pushNil();
                h.getInt(i + c, L.stack.refs, L.stack.nums, L.top() - 1);
            }
        } else {
            for (long c = 0; c <= n; c++) geti(L, base, i + c);
        }
        return (int) n + 1;
    }
}
