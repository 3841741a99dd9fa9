package dev.moonstack.api;

import dev.moonstack.value.LuaError;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.LuaThread;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Java methods (or constructors) one Lua name stands for, and a call of them from Lua:
 * choosing the overload the arguments fit, converting them, invoking its method handle
 * (resolved once, when the class is bound) and pushing the result. {@link Binding} states the
 * rules; the messages are lauxlib's.
 */
final class Overloads {
    final String name;
    private final Executable[] members;
    /** Each member's handle as {@code (Object[]) Object}: receiver first, arguments spread from the array. */
    private final MethodHandle[] handles;
    private final Class<?>[][] params;

    /** {@code list}'s members whose parameters Lua values can convert to, their handles resolved with {@code lookup}. */
    Overloads(String name, List<? extends Executable> list, MethodHandles.Lookup lookup) {
        this.name = name;
        List<Executable> usable = new ArrayList<>();
        for (Executable e : list) if (convertible(e) && resolve(e, lookup) != null) usable.add(e);
        usable.sort(java.util.Comparator.comparingInt(Executable::getParameterCount).thenComparing(Executable::toGenericString));
        members = usable.toArray(new Executable[0]);
        handles = new MethodHandle[members.length];
        params = new Class<?>[members.length][];
        for (int i = 0; i < members.length; i++) {
            MethodHandle h = resolve(members[i], lookup).asFixedArity();
            int n = h.type().parameterCount();
            handles[i] = h.asType(MethodType.genericMethodType(n)).asSpreader(Object[].class, n);
            params[i] = members[i].getParameterTypes();
        }
    }

    boolean isEmpty() { return members.length == 0; }

    private static boolean convertible(Executable e) {
        if (e instanceof Constructor && Modifier.isAbstract(e.getDeclaringClass().getModifiers())) return false;
        for (Class<?> p : e.getParameterTypes()) if (p == char.class || p == Character.class) return false;
        return true;
    }

    /**
     * The method handle of {@code e}, with {@code lookup}, else with Moonstack's own (classes
     * on the class path); null when neither may access it: the member is left out.
     */
    private static MethodHandle resolve(Executable e, MethodHandles.Lookup lookup) {
        for (MethodHandles.Lookup l : new MethodHandles.Lookup[] {lookup, MethodHandles.lookup()}) {
            try {
                return e instanceof Method ? l.unreflect((Method) e) : l.unreflectConstructor((Constructor<?>) e);
            } catch (IllegalAccessException denied) {
                // try the next lookup
            }
        }
        return null;
    }

    /**
     * Calls the overload that the {@code count} arguments at {@code first} fit, on {@code self}
     * (null for static methods and constructors), and pushes its result; returns the result
     * count. {@code argNo} is the Lua argument number of the first of them, for messages.
     */
    int call(Lua lua, LuaThread L, Object self, int first, int count, int argNo) {
        int k = choose(lua, L, first, count, argNo);
        Class<?>[] p = params[k];
        boolean instance = self != null;
        Object[] jargs = new Object[p.length + (instance ? 1 : 0)];
        if (instance) jargs[0] = self;
        try {           // a conversion may fail too (an interface no proxy can implement, a value of another runtime)
            for (int i = 0; i < p.length; i++) {
                Object ref = i < count ? L.ref(first + i) : null;
                long num = i < count ? L.num(first + i) : 0;
                jargs[i + (instance ? 1 : 0)] = Conversion.convert(lua, p[i], ref, num);     // choose checked the fit
            }
            Object r = (Object) handles[k].invokeExact(jargs);
            if (members[k] instanceof Method && ((Method) members[k]).getReturnType() == void.class) return 0;
            L.push(Conversion.ref(lua, r), Conversion.num(r));
            return 1;
        } catch (Throwable t) {
            throw HostCalls.luaError(t);
        }
    }

    /** The overload to call: by arity, then by the fit of each argument, then the most specific. */
    private int choose(Lua lua, LuaThread L, int first, int count, int argNo) {
        if (members.length == 1 && fitsAll(lua, L, first, count)) return 0;      // the common case, without allocating
        List<Integer> cands = new ArrayList<>();
        for (int k = 0; k < members.length; k++) if (members.length == 1 || params[k].length == count) cands.add(k);
        if (cands.isEmpty()) throw LuaError.rt("wrong number of arguments to '" + name + "'");
        int width = params[cands.get(0)].length;
        int[] score = new int[members.length];
        for (int i = 0; i < width; i++) {
            Object ref = i < count ? L.ref(first + i) : null;
            long num = i < count ? L.num(first + i) : 0;
            List<Integer> fitting = new ArrayList<>();
            for (int k : cands) {
                int f = Conversion.fitArgument(lua, params[k][i], ref, num, i >= count);
                if (f > 0) {
                    fitting.add(k);
                    score[k] += f;
                }
            }
            if (fitting.isEmpty()) throw Args.argError(L, argNo + i, mismatch(lua, cands, i, ref, num, i >= count));
            cands = fitting;
        }
        return best(cands, score);
    }

    /** Whether the arguments fit the one member's parameters. */
    private boolean fitsAll(Lua lua, LuaThread L, int first, int count) {
        Class<?>[] p = params[0];
        for (int i = 0; i < p.length; i++) {
            if (Conversion.fitArgument(lua, p[i], i < count ? L.ref(first + i) : null, i < count ? L.num(first + i) : 0, i >= count) == 0) return false;
        }
        return true;
    }

    /** What is wrong with argument {@code i}: lauxlib's text for one candidate, the expected types joined by "or" for several. */
    private String mismatch(Lua lua, List<Integer> cands, int i, Object ref, long num, boolean absent) {
        Set<String> names = new LinkedHashSet<>();
        for (int k : cands) names.add(Conversion.expected(params[k][i]));
        if (names.size() == 1) return Conversion.mismatch(lua, params[cands.get(0)][i], ref, num, absent);
        return String.join(" or ", names) + " expected, got " + (absent ? "no value" : Conversion.typeName(ref));
    }

    /** Among the fitting candidates, the best scored; of those, the one more specific than all others. */
    private int best(List<Integer> cands, int[] score) {
        int top = 0;
        for (int k : cands) top = Math.max(top, score[k]);
        List<Integer> tied = new ArrayList<>();
        for (int k : cands) if (score[k] == top) tied.add(k);
        for (int k : tied) {
            boolean all = true;
            for (int o : tied) if (o != k && !moreSpecific(params[k], params[o])) all = false;
            if (all) return k;
        }
        throw LuaError.rt("ambiguous call to '" + name + "' (" + tied.size() + " overloads fit)");
    }

    /** Java's rule (JLS 15.12.2.5): each parameter of {@code a} converts to the one of {@code b}. */
    private static boolean moreSpecific(Class<?>[] a, Class<?>[] b) {
        for (int i = 0; i < a.length; i++) if (!widens(a[i], b[i])) return false;
        return true;
    }

    private static final List<Class<?>> WIDENING = List.of(byte.class, short.class, int.class, long.class, float.class, double.class);

    private static boolean widens(Class<?> from, Class<?> to) {
        if (to.isAssignableFrom(from)) return true;
        if (from.isPrimitive() && to.isPrimitive()) {
            int f = WIDENING.indexOf(from), t = WIDENING.indexOf(to);
            return f >= 0 && t >= 0 && f <= t;
        }
        return from.isPrimitive() && to.isAssignableFrom(Conversion.box(from));
    }
}
