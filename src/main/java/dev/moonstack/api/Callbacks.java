package dev.moonstack.api;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;

/**
 * Lua functions passed where Java expects a functional interface (a {@link Runnable}, a
 * {@link java.util.function.Consumer}, a game's own listener type): a {@link Proxy} whose one
 * abstract method calls the Lua function through {@link Lua#call}, on the thread that runs the
 * runtime (another thread fails as any host call does), with the arguments converted as
 * {@link Lua} describes and the first result converted to the method's return type. An error
 * of the function is a {@link LuaException}; thrown back into Lua it is the original error.
 */
final class Callbacks {
    private Callbacks() {}

    /**
     * Whether each class is a functional interface, found once per class: a fact about the class,
     * immutable, so runtimes may share it.
     */
    private static final ClassValue<Boolean> FUNCTIONAL = new ClassValue<>() {
        @Override protected Boolean computeValue(Class<?> c) { return c.isInterface() && abstractMethod(c) != null; }
    };

    /** Whether {@code c} is an interface with exactly one abstract method (Java's functional interfaces). */
    static boolean isFunctional(Class<?> c) { return FUNCTIONAL.get(c); }

    /** The one abstract method of interface {@code c} that Object does not declare, or null. */
    private static Method abstractMethod(Class<?> c) {
        Method found = null;
        for (Method m : c.getMethods()) {
            if (!Modifier.isAbstract(m.getModifiers()) || isObjectMethod(m)) continue;
            if (found != null && !sameSignature(found, m)) return null;
            found = m;
        }
        return found;
    }

    private static boolean sameSignature(Method a, Method b) {
        return a.getName().equals(b.getName()) && java.util.Arrays.equals(a.getParameterTypes(), b.getParameterTypes());
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** An abstract method's call into Lua: the first result, as a Java value (null for none). */
    @FunctionalInterface
    interface Call {
        Object call(Method m, Object[] args) throws Throwable;
    }

    /**
     * {@code f} as an implementation of {@code type}. While the proxy lives, {@code f} stays
     * alive for Lua's collector (its upvalues keep their finalizers and weak entries).
     */
    static Object proxy(Lua lua, Class<?> type, dev.moonstack.value.LuaFunction f) {
        LuaFunction fn = new LuaFunction(lua, f);
        Object p = implement(lua, type, true, (m, args) -> {
            Object[] r = fn.call(args);
            return r.length > 0 ? r[0] : null;
        });
        lua.state().gc.anchor(p, f);
        return p;
    }

    /**
     * An implementation of interface {@code type} (also JSR-223's getInterface): each abstract
     * method runs {@code call} and converts its result to the method's return type (a Lua error
     * "result #1: number expected, got nil" as a {@link LuaException} when it does not fit);
     * default methods run as written when {@code javaDefaults}; equals, hashCode and toString
     * are the proxy's identity and "Lua implementation of" the type.
     */
    static <T> T implement(Lua lua, Class<T> type, boolean javaDefaults, Call call) {
        InvocationHandler h = (self, m, args) -> {
            if (m.getDeclaringClass() == Object.class) return objectMethod(self, m, args, type);
            if (javaDefaults && m.isDefault()) return InvocationHandler.invokeDefault(self, m, args);
            Object v = call.call(m, args == null ? new Object[0] : args);
            if (m.getReturnType() == void.class) return null;
            try {
                return Conversion.as(lua, m.getReturnType(), Conversion.ref(lua, v), Conversion.num(v), "result #1");
            } catch (dev.moonstack.value.LuaError e) {
                throw new LuaException(lua, e);
            }
        };
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : Callbacks.class.getClassLoader();
        return type.cast(Proxy.newProxyInstance(loader, new Class<?>[] {type}, h));
    }

    private static Object objectMethod(Object self, Method m, Object[] args, Class<?> type) {
        switch (m.getName()) {
            case "equals": return self == args[0];
            case "hashCode": return System.identityHashCode(self);
            default: return "Lua implementation of " + type.getName();
        }
    }
}
