package dev.moonstack.lib;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaNumber;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.Coerce;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaOps;
import dev.moonstack.vm.LuaThread;

/**
 * The math library (Lua: lmathlib.c), including 5.4's xoshiro256** generator with its seeding
 * rules. Results keep Lua's integer/float distinction: floor, ceil, abs, max, min and fmod
 * return integers for integers.
 */
public final class MathLib {
    private MathLib() {}

    /** The generator state of one runtime (Lua: RanState). */
    static final class Random {
        final long[] s = new long[4];

        /** xoshiro256** (Lua: nextrand). */
        long next() {
            long[] st = s;
            long result = Long.rotateLeft(st[1] * 5, 7) * 9;
            long t = st[1] << 17;
            st[2] ^= st[0];
            st[3] ^= st[1];
            st[1] ^= st[2];
            st[0] ^= st[3];
            st[2] ^= t;
            st[3] = Long.rotateLeft(st[3], 45);
            return result;
        }

        /** Lua: setseed. */
        void seed(long n1, long n2) {
            s[0] = n1;
            s[1] = 0xff;
            s[2] = n2;
            s[3] = 0;
            for (int i = 0; i < 16; i++) next();
        }
    }

    public static void open(GlobalState G) {
        LuaTable m = new LuaTable();
        Random rng = new Random();
        rng.seed(System.nanoTime(), System.identityHashCode(rng));
        Lib.fn(m, "math", "abs", MathLib::abs);
        Lib.fn(m, "math", "ceil", (L, b, n) -> round(L, b, n, true));
        Lib.fn(m, "math", "floor", (L, b, n) -> round(L, b, n, false));
        Lib.fn(m, "math", "fmod", MathLib::fmod);
        Lib.fn(m, "math", "modf", MathLib::modf);
        Lib.fn(m, "math", "sqrt", (L, b, n) -> num(L, Math.sqrt(Args.checkNumber(L, b, n, 1))));
        Lib.fn(m, "math", "exp", (L, b, n) -> num(L, Math.exp(Args.checkNumber(L, b, n, 1))));
        Lib.fn(m, "math", "log", MathLib::log);
        Lib.fn(m, "math", "sin", (L, b, n) -> num(L, Math.sin(Args.checkNumber(L, b, n, 1))));
        Lib.fn(m, "math", "cos", (L, b, n) -> num(L, Math.cos(Args.checkNumber(L, b, n, 1))));
        Lib.fn(m, "math", "tan", (L, b, n) -> num(L, Math.tan(Args.checkNumber(L, b, n, 1))));
        Lib.fn(m, "math", "asin", (L, b, n) -> num(L, Math.asin(Args.checkNumber(L, b, n, 1))));
        Lib.fn(m, "math", "acos", (L, b, n) -> num(L, Math.acos(Args.checkNumber(L, b, n, 1))));
        Builtin atan = Lib.fn(m, "math", "atan", (L, b, n) -> num(L, Math.atan2(Args.checkNumber(L, b, n, 1),
                Args.optNumber(L, b, n, 2, 1))));
        Lib.fn(m, "math", "deg", (L, b, n) -> num(L, Args.checkNumber(L, b, n, 1) * (180.0 / Math.PI)));
        Lib.fn(m, "math", "rad", (L, b, n) -> num(L, Args.checkNumber(L, b, n, 1) * (Math.PI / 180.0)));
        Lib.fn(m, "math", "tointeger", MathLib::tointeger);
        Lib.fn(m, "math", "type", MathLib::type);
        Lib.fn(m, "math", "ult", (L, b, n) -> bool(L, Long.compareUnsigned(Args.checkInteger(L, b, n, 1),
                Args.checkInteger(L, b, n, 2)) < 0));
        Lib.fn(m, "math", "max", (L, b, n) -> minmax(L, b, n, false));
        Lib.fn(m, "math", "min", (L, b, n) -> minmax(L, b, n, true));
        Lib.fn(m, "math", "random", (L, b, n) -> random(L, b, n, rng));
        Lib.fn(m, "math", "randomseed", (L, b, n) -> randomseed(L, b, n, rng));
        m.setStr(LuaString.of("pi"), NumTag.FLT, Double.doubleToRawLongBits(Math.PI));
        m.setStr(LuaString.of("huge"), NumTag.FLT, Double.doubleToRawLongBits(Double.POSITIVE_INFINITY));
        m.setStr(LuaString.of("maxinteger"), NumTag.INT, Long.MAX_VALUE);
        m.setStr(LuaString.of("mininteger"), NumTag.INT, Long.MIN_VALUE);
        if (G.compat53) openCompat(m, atan);
        Lib.register(G, "math", m);
    }

    /** The deprecated functions a stock lua5.4 keeps (Lua: lmathlib.c, LUA_COMPAT_MATHLIB). */
    static final String[] COMPAT = {"atan2", "cosh", "sinh", "tanh", "pow", "frexp", "ldexp", "log10"};

    /** Adds the LUA_COMPAT_MATHLIB functions; atan2 is math.atan itself, as in Lua's table. */
    private static void openCompat(LuaTable m, Builtin atan) {
        m.setStr(LuaString.of("atan2"), atan, 0);
        Lib.fn(m, "math", "cosh", (L, b, n) -> num(L, Math.cosh(Args.checkNumber(L, b, n, 1))));
        Lib.fn(m, "math", "sinh", (L, b, n) -> num(L, Math.sinh(Args.checkNumber(L, b, n, 1))));
        Lib.fn(m, "math", "tanh", (L, b, n) -> num(L, Math.tanh(Args.checkNumber(L, b, n, 1))));
        Lib.fn(m, "math", "pow", MathLib::pow);
        Lib.fn(m, "math", "frexp", MathLib::frexp);
        Lib.fn(m, "math", "ldexp", MathLib::ldexp);
        Lib.fn(m, "math", "log10", (L, b, n) -> num(L, Math.log10(Args.checkNumber(L, b, n, 1))));
    }

    /**
     * Turns the compat functions on or off in an opened runtime's math table (the embedding
     * option {@code Lua.setCompat53}); the table is package.loaded.math, wherever the global is.
     */
    public static void setCompat(GlobalState G, boolean on) {
        Object t = Lib.loaded(G).getRef(LuaString.of("math"), 0);
        if (!(t instanceof LuaTable)) return;
        LuaTable m = (LuaTable) t;
        if (!on) {
            for (String name : COMPAT) m.setStr(LuaString.of(name), null, 0);
        } else if (m.getRef(LuaString.of("pow"), 0) == null) {
            Object atan = m.getRef(LuaString.of("atan"), 0);
            if (atan instanceof Builtin) openCompat(m, (Builtin) atan);
        }
    }

    /** Lua: math_pow (compat). Both arguments are checked before C's pow runs. */
    static int pow(LuaThread L, int base, int nargs) {
        double x = Args.checkNumber(L, base, nargs, 1);
        double y = Args.checkNumber(L, base, nargs, 2);
        return num(L, LuaNumber.pow(x, y));
    }

    /**
     * Lua: math_frexp (compat). C's frexp: a mantissa in [0.5, 1) and an integer exponent;
     * zero, infinities and NaN come back as they are with exponent 0 (glibc).
     */
    static int frexp(LuaThread L, int base, int nargs) {
        double x = Args.checkNumber(L, base, nargs, 1);
        int e = 0;
        if (x != 0 && Double.isFinite(x)) {
            int shift = 0;
            if (Math.getExponent(x) < Double.MIN_EXPONENT) {   // subnormal: make it normal first
                x *= 0x1p54;
                shift = 54;
            }
            e = Math.getExponent(x) + 1;
            x = Math.scalb(x, -e);
            e -= shift;
        }
        L.pushNumber(x);
        L.pushInteger(e);
        return 2;
    }

    /** Lua: math_ldexp (compat). The exponent is a Lua integer cast to C's int, as Lua does. */
    static int ldexp(LuaThread L, int base, int nargs) {
        double x = Args.checkNumber(L, base, nargs, 1);
        int ep = (int) Args.checkInteger(L, base, nargs, 2);
        return num(L, Math.scalb(x, ep));
    }

    private static int num(LuaThread L, double v) {
        L.pushNumber(v);
        return 1;
    }

    private static int bool(LuaThread L, boolean v) {
        L.pushBoolean(v);
        return 1;
    }

    private static boolean isInt(LuaThread L, int base, int nargs, int arg) {
        return arg <= nargs && L.ref(base + arg - 1) == NumTag.INT;
    }

    static int abs(LuaThread L, int base, int nargs) {
        if (isInt(L, base, nargs, 1)) {
            long v = L.num(base);
            L.pushInteger(v < 0 ? 0 - v : v);
        } else {
            L.pushNumber(Math.abs(Args.checkNumber(L, base, nargs, 1)));
        }
        return 1;
    }

    /** math.floor / math.ceil: an integer when the result fits, else a float. */
    static int round(LuaThread L, int base, int nargs, boolean ceil) {
        if (isInt(L, base, nargs, 1)) {
            L.pushValue(base);
            return 1;
        }
        double d = Args.checkNumber(L, base, nargs, 1);
        double r = ceil ? Math.ceil(d) : Math.floor(d);
        if (LuaNumber.fitsInteger(r)) L.pushInteger((long) r); else L.pushNumber(r);
        return 1;
    }

    /** Lua: math_fmod. Integers use C's truncating remainder. */
    static int fmod(LuaThread L, int base, int nargs) {
        if (isInt(L, base, nargs, 1) && isInt(L, base, nargs, 2)) {
            long a = L.num(base), d = L.num(base + 1);
            if (d == 0) throw Args.argError(L, 2, "zero");
            L.pushInteger(d == -1 ? 0 : a % d);
        } else {
            // the reference (gcc on x86-64) evaluates the arguments of C's fmod right to left,
            // so a bad second argument is reported before a bad first one
            double d = Args.checkNumber(L, base, nargs, 2);
            L.pushNumber(Args.checkNumber(L, base, nargs, 1) % d);
        }
        return 1;
    }

    /** Lua: math_modf. Integral part (as a float) and fractional part. */
    static int modf(LuaThread L, int base, int nargs) {
        if (isInt(L, base, nargs, 1)) {               // an integer is its own integral part
            L.setTop(base + 1);
            L.pushNumber(0);
            return 2;
        }
        double n = Args.checkNumber(L, base, nargs, 1);
        double ip = n < 0 ? Math.ceil(n) : Math.floor(n);
        L.pushNumber(ip);
        L.pushNumber(n == ip ? 0.0 : n - ip);
        return 2;
    }

    static int log(LuaThread L, int base, int nargs) {
        double x = Args.checkNumber(L, base, nargs, 1);
        if (Args.isNoneOrNil(L, base, nargs, 2)) return num(L, Math.log(x));
        double b = Args.checkNumber(L, base, nargs, 2);
        if (b == 2.0) return num(L, log2(x));
        if (b == 10.0) return num(L, Math.log10(x));
        return num(L, Math.log(x) / Math.log(b));
    }

    /** log2 exact for powers of two, as C's log2 is. */
    private static double log2(double x) {
        if (x > 0 && !Double.isInfinite(x)) {
            int e = Math.getExponent(x);
            if (x == Math.scalb(1.0, e)) return e;
        }
        return Math.log(x) / Math.log(2.0);
    }

    /** Lua: math_toint. Also numeric strings, as lua_tointegerx. */
    static int tointeger(LuaThread L, int base, int nargs) {
        long[] out = new long[1];
        if (nargs >= 1 && Coerce.toInteger(L.ref(base), L.num(base), out)) {
            L.pushInteger(out[0]);
        } else {
            Args.checkAny(L, nargs, 1);
            L.pushNil();
        }
        return 1;
    }

    static int type(LuaThread L, int base, int nargs) {
        Args.checkAny(L, nargs, 1);
        Object v = L.ref(base);
        if (v == NumTag.INT) L.pushString("integer");
        else if (v == NumTag.FLT) L.pushString("float");
        else L.pushNil();
        return 1;
    }

    /**
     * Lua: math_min / math_max. Returns the chosen argument itself (its type kept). Like Lua,
     * it does not check that the arguments are numbers: it compares them with {@code <}, so
     * strings compare as strings, {@code __lt} is called, and mixed types raise the
     * comparison error.
     */
    static int minmax(LuaThread L, int base, int nargs, boolean min) {
        if (nargs < 1) throw Args.argError(L, 1, "value expected");
        int best = base;
        for (int i = 2; i <= nargs; i++) {
            int cur = base + i - 1;
            if (min ? LuaOps.less(L, cur, best, false) : LuaOps.less(L, best, cur, false)) best = cur;
        }
        L.pushValue(best);
        return 1;
    }

    /** Lua: math_random. */
    static int random(LuaThread L, int base, int nargs, Random rng) {
        long rv = rng.next();
        long low, up;
        switch (nargs) {
            case 0:
                L.pushNumber((rv >>> 11) * 0x1.0p-53);
                return 1;
            case 1:
                low = 1;
                up = Args.checkInteger(L, base, nargs, 1);
                if (up == 0) {
                    L.pushInteger(rv);
                    return 1;
                }
                break;
            case 2:
                low = Args.checkInteger(L, base, nargs, 1);
                up = Args.checkInteger(L, base, nargs, 2);
                break;
            default:
                throw LuaError.rt("wrong number of arguments");
        }
        if (low > up) throw Args.argError(L, 1, "interval is empty");
        L.pushInteger(project(rv, up - low, rng) + low);
        return 1;
    }

    /** Lua: project. A uniform value in [0, n] (unsigned) from random bits, without bias. */
    private static long project(long ran, long n, Random rng) {
        if ((n & (n + 1)) == 0) return ran & n;
        long lim = n;
        lim |= lim >>> 1;
        lim |= lim >>> 2;
        lim |= lim >>> 4;
        lim |= lim >>> 8;
        lim |= lim >>> 16;
        lim |= lim >>> 32;
        while (Long.compareUnsigned(ran &= lim, n) > 0) ran = rng.next();
        return ran;
    }

    /** Lua: math_randomseed. With no argument, a random seed; returns the two seed parts. */
    static int randomseed(LuaThread L, int base, int nargs, Random rng) {
        long n1, n2;
        if (nargs == 0) {
            n1 = System.nanoTime() ^ System.currentTimeMillis() << 20;
            n2 = System.identityHashCode(L) ^ Thread.currentThread().getId();
        } else {
            n1 = Args.checkInteger(L, base, nargs, 1);
            n2 = Args.optInteger(L, base, nargs, 2, 0);
        }
        rng.seed(n1, n2);
        L.pushInteger(n1);
        L.pushInteger(n2);
        return 2;
    }
}
