package dev.moonstack.lib;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaTable;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.LuaOps;
import dev.moonstack.vm.LuaThread;
import dev.moonstack.vm.ValueStack;

/**
 * {@code table.sort} (Lua: ltablib.c sort, auxsort, partition): Lua's quicksort, step for step,
 * so that comparators see the same calls and bad ones raise "invalid order function for
 * sorting" in the same situations. A plain table (no metatable) is read and written directly.
 *
 * <p>Values being compared live in stack slots above the arguments, as in Lua's code.
 */
final class TableSort {
    private final LuaThread L;
    private final int t;                 // slot of the table
    private final int cmp;               // slot of the comparator (nil: '<')
    private final LuaTable raw;          // the table when it has no metatable, else null

    private static final int RANLIMIT = 100;

    private TableSort(LuaThread L, int t, int cmp) {
        this.L = L;
        this.t = t;
        this.cmp = cmp;
        Object v = L.ref(t);
        this.raw = v instanceof LuaTable && ((LuaTable) v).metatable == null ? (LuaTable) v : null;
    }

    static int sort(LuaThread L, int base, int nargs) {
        long n = TableLib.getn(L, base, nargs, 1, TableLib.TAB_RW);
        if (n > 1) {
            if (n >= Integer.MAX_VALUE) throw Args.argError(L, 1, "array too big");
            if (!Args.isNoneOrNil(L, base, nargs, 2)) Args.checkFunction(L, base, nargs, 2);
            L.setTop(base + 2);
            new TableSort(L, base, base + 1).auxsort(1, (int) n, 0);
        }
        return 0;
    }

    /** Pushes a[i]. */
    private void get(long i) {
        if (raw != null) {
            L.pushNil();
            raw.getInt(i, L.stack.refs, L.stack.nums, L.top() - 1);
        } else {
            TableLib.geti(L, t, i);
        }
    }

    /** a[i] := top, popped. */
    private void set(long i) {
        if (raw != null) {
            int v = L.top() - 1;
            raw.setInt(i, L.ref(v), L.num(v));
            L.setTop(v);
        } else {
            TableLib.seti(L, t, i);
        }
    }

    /** Lua: set2. a[i] := top; a[j] := the value below; both popped. */
    private void set2(long i, long j) {
        set(i);
        set(j);
    }

    /** Comparisons left before the next poll of the host's stop (see {@link #less}). */
    private int pollIn = POLL_COMPARISONS;
    private static final int POLL_COMPARISONS = 1 << 12;

    /**
     * Lua: sort_comp. Is the value at slot a less than the one at slot b? Every 4,096
     * comparisons poll the host's stop: without a comparator a sort runs no Lua instruction,
     * and a million elements take a while.
     */
    private boolean less(int a, int b) {
        if (--pollIn == 0) {
            pollIn = POLL_COMPARISONS;
            L.interrupts().poll(POLL_COMPARISONS);
        }
        if (L.ref(cmp) == null) return LuaOps.less(L, a, b, false);
        int f = L.top();
        L.pushValue(cmp);
        L.pushValue(a);
        L.pushValue(b);
        L.call(f, 1);
        boolean res = LuaOps.isTruthy(L.ref(f));
        L.setTop(f);
        return res;
    }

    private int top(int fromTop) { return L.top() - fromTop; }

    private void pop(int n) { L.setTop(L.top() - n); }

    /** Lua: partition. The pivot P is at a[up - 1] and on the stack top. */
    private int partition(int lo, int up) {
        int i = lo, j = up - 1;
        for (;;) {
            while (true) {                                 // repeat ++i while a[i] < P
                get(++i);
                if (!less(top(1), top(2))) break;
                if (i == up - 1) throw LuaError.rt("invalid order function for sorting");
                pop(1);
            }
            while (true) {                                 // repeat --j while P < a[j]
                get(--j);
                if (!less(top(3), top(1))) break;
                if (j < i) throw LuaError.rt("invalid order function for sorting");
                pop(1);
            }
            if (j < i) {
                pop(1);
                set2(up - 1, i);
                return i;
            }
            set2(i, j);
        }
    }

    private static int choosePivot(int lo, int up, int rnd) {
        int r4 = (up - lo) / 4;
        return Integer.remainderUnsigned(rnd, r4 * 2) + (lo + r4);
    }

    /** Lua: auxsort. Sorts a[lo..up]; recursion only into the smaller half. */
    private void auxsort(int lo, int up, int rnd) {
        ValueStack s = L.stack;
        while (lo < up) {
            s.ensure(L.top() + 8);
            get(lo);
            get(up);
            if (less(top(1), top(2))) set2(lo, up); else pop(2);
            if (up - lo == 1) break;
            int p = up - lo < RANLIMIT || rnd == 0 ? (lo + up) >>> 1 : choosePivot(lo, up, rnd);
            get(p);
            get(lo);
            if (less(top(2), top(1))) {
                set2(p, lo);
            } else {
                pop(1);
                get(up);
                if (less(top(1), top(2))) set2(p, up); else pop(2);
            }
            if (up - lo == 2) break;
            get(p);
            L.pushValue(L.top() - 1);
            get(up - 1);
            set2(p, up - 1);
            p = partition(lo, up);
            int n;
            if (p - lo < up - p) {
                auxsort(lo, p - 1, rnd);
                n = p - lo;
                lo = p + 1;
            } else {
                auxsort(p + 1, up, rnd);
                n = up - p;
                up = p - 1;
            }
            if ((up - lo) / 128 > n) rnd = (int) System.nanoTime();
        }
    }
}
