package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No internal type in the public API: every public or protected member of every public type
 * of dev.moonstack.api, not marked {@link Internal}, names only JDK types and API types: the
 * exception a host catches is the API's own {@link LuaException}.
 */
class ApiSurfaceTest {
    static final List<Class<?>> API = List.of(Lua.class, Lua.Builder.class, Coroutine.class, Coroutine.Result.class,
            Coroutine.Result.Kind.class, LuaTable.class, LuaFunction.class, LuaReference.class, JavaFunction.class,
            JavaFunction.Function3.class, Arguments.class, ModuleSource.class, Profile.class, Library.class,
            LuaScriptEngine.class, LuaScriptEngineFactory.class, Internal.class, LuaException.class, Binding.class,
            LuaExport.class);

    @Test
    void publicSignaturesNameNoInternalType() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : API) {
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isAnnotationPresent(Internal.class) && !m.isSynthetic()) {
                    check(c.getSimpleName() + "." + m.getName() + " returns", m.getGenericReturnType(), leaks);
                    params(c.getSimpleName() + "." + m.getName(), m, leaks);
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k.getModifiers()) && !k.isAnnotationPresent(Internal.class)) params(c.getSimpleName() + "()", k, leaks);
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers()) && !f.isAnnotationPresent(Internal.class)) check(c.getSimpleName() + "." + f.getName(), f.getGenericType(), leaks);
            }
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void everyPublicTypeOfThePackageIsListed() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("src/main/java/dev/moonstack/api");
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) files::iterator) {
                String name = p.getFileName().toString().replace(".java", "");
                if (name.equals("package-info")) continue;
                Class<?> c = Class.forName("dev.moonstack.api." + name);
                if (Modifier.isPublic(c.getModifiers())) assertTrue(API.contains(c), name + " is public: add it to API");
            }
        }
    }

    private static boolean visible(int mod) { return Modifier.isPublic(mod) || Modifier.isProtected(mod); }

    private static void params(String where, Executable e, List<String> leaks) {
        for (Type t : e.getGenericParameterTypes()) check(where + " takes", t, leaks);
        for (Type t : e.getGenericExceptionTypes()) check(where + " throws", t, leaks);
    }

    private static void check(String where, Type t, List<String> leaks) {
        if (t instanceof ParameterizedType) {
            check(where, ((ParameterizedType) t).getRawType(), leaks);
            for (Type a : ((ParameterizedType) t).getActualTypeArguments()) check(where, a, leaks);
            return;
        }
        if (!(t instanceof Class)) return;
        Class<?> c = (Class<?>) t;
        while (c.isArray()) c = c.getComponentType();
        String n = c.getName();
        if (n.startsWith("dev.moonstack.") && !n.startsWith("dev.moonstack.api.")) {
            leaks.add(where + " " + n);
        }
    }
}
