package dev.moonstack.api;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A function written in Java that Lua scripts call (Lua: lua_CFunction), given to Lua by
 * {@link Lua#register}, {@link Lua#setGlobal} or as any value crossing into Lua.
 *
 * <p>The body reads its arguments from {@link Arguments}, whose checks raise Lua's own
 * messages ("bad argument #1 to 'f' (number expected, got string)"), and returns its result:
 * a Java value converted as {@link Lua} describes, {@code null} for no result,
 * {@link #results} for several, or {@link #yield} to suspend the calling coroutine. A Java
 * exception thrown by the body becomes a Lua error carrying the exception's message (the
 * position of the calling Lua code first, as luaL_error does), which {@code pcall} catches.
 *
 * <pre>{@code
 * lua.register("clamp", args -> Math.max(args.checkLong(2), Math.min(args.checkLong(1), args.checkLong(3))));
 * lua.register("hypot", JavaFunction.of(Double.class, Double.class, Math::hypot));
 * }</pre>
 */
@FunctionalInterface
public interface JavaFunction {
    /**
     * Runs the function; see the class comment for what may be returned.
     *
     * @param args the call's arguments, valid only during this call
     * @return the result: a Java value converted as {@link Lua} describes, null for no result,
     *         or the value of {@link #results} or {@link #yield}
     */
    Object call(Arguments args);

    /**
     * Several results, in order (Lua: returning n from a C function).
     *
     * @param values the results, each converted as {@link Lua} describes; null is nil
     * @return the value for {@link #call} to return
     */
    static Object results(Object... values) { return new HostCalls.Results(values, false); }

    /**
     * Suspends the coroutine that called the function, yielding {@code values} to its resumer
     * (Lua: lua_yield); the call's results are then what the next resume passes. Outside a
     * coroutine this is the error "attempt to yield from outside a coroutine".
     *
     * @param values the values yielded, each converted as {@link Lua} describes; null is nil
     * @return the value for {@link #call} to return; returning it is what yields
     */
    static Object yield(Object... values) { return new HostCalls.Results(values, true); }

    /**
     * A function of no arguments; any arguments passed are ignored.
     *
     * @param <R> the result's type
     * @param body computes the result, converted as {@link Lua} describes (null for no result)
     * @return the function
     */
    static <R> JavaFunction of(Supplier<R> body) {
        return args -> body.get();
    }

    /**
     * A function of one typed argument. The types a parameter may have: Long, Integer,
     * Double, String, Boolean, {@link LuaTable}, {@link LuaFunction} and Object (any value,
     * nil included), and any other a bound method's parameter may have ({@link Binding}), such
     * as a bound class; Boolean takes any value by its truth, the others are checked with Lua's
     * messages (as luaL_checkinteger, luaL_checknumber, luaL_checklstring, luaL_checktype).
     *
     * @param <A> the parameter's type
     * @param <R> the result's type
     * @param a the class of the first argument, one of those listed
     * @param body computes the result from the checked argument
     * @return the function
     * @throws IllegalArgumentException when {@code a} is char or Character, which no Lua value converts to
     */
    static <A, R> JavaFunction of(Class<A> a, Function<A, R> body) {
        HostCalls.checkParameter(a);
        return args -> body.apply(args.check(1, a));
    }

    /**
     * A function of two typed arguments (see {@link #of(Class, Function)}).
     *
     * @param <A> the first parameter's type
     * @param <B> the second parameter's type
     * @param <R> the result's type
     * @param a the class of the first argument
     * @param b the class of the second argument
     * @param body computes the result from the checked arguments
     * @return the function
     * @throws IllegalArgumentException when {@code a} or {@code b} is not a type a parameter may have
     */
    static <A, B, R> JavaFunction of(Class<A> a, Class<B> b, BiFunction<A, B, R> body) {
        HostCalls.checkParameter(a);
        HostCalls.checkParameter(b);
        return args -> body.apply(args.check(1, a), args.check(2, b));
    }

    /**
     * A function of three typed arguments (see {@link #of(Class, Function)}).
     *
     * @param <A> the first parameter's type
     * @param <B> the second parameter's type
     * @param <C> the third parameter's type
     * @param <R> the result's type
     * @param a the class of the first argument
     * @param b the class of the second argument
     * @param c the class of the third argument
     * @param body computes the result from the checked arguments
     * @return the function
     * @throws IllegalArgumentException when a class is not a type a parameter may have
     */
    static <A, B, C, R> JavaFunction of(Class<A> a, Class<B> b, Class<C> c, Function3<A, B, C, R> body) {
        HostCalls.checkParameter(a);
        HostCalls.checkParameter(b);
        HostCalls.checkParameter(c);
        return args -> body.apply(args.check(1, a), args.check(2, b), args.check(3, c));
    }

    /**
     * The body of a three-argument function.
     *
     * @param <A> the first parameter's type
     * @param <B> the second parameter's type
     * @param <C> the third parameter's type
     * @param <R> the result's type
     */
    @FunctionalInterface
    interface Function3<A, B, C, R> {
        /**
         * Computes the result.
         *
         * @param a the first argument
         * @param b the second argument
         * @param c the third argument
         * @return the result, converted as {@link Lua} describes (null for no result)
         */
        R apply(A a, B b, C c);
    }
}
