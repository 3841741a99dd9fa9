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
 * of dev.moonstack.api, without exception, names only JDK types and API types (not even those
 * of dev.moonstack.api.internal): the exception a host catches is the API's own
 * {@link LuaException}, and Moonstack's own packages reach the runtime through
 * {@link dev.moonstack.api.internal.Runtimes}, which the module does not export.
 */
class ApiSurfaceTest {
    static final List<Class<?>> API = List.of(Lua.class, Lua.Builder.class, Coroutine.class, Coroutine.Result.class,
            Coroutine.Result.Kind.class, LuaTable.class, LuaFunction.class, LuaReference.class, JavaFunction.class,
            JavaFunction.Function3.class, Arguments.class, ModuleSource.class, Profile.class, Library.class,
            LuaScriptEngine.class, LuaScriptEngineFactory.class, LuaException.class, Binding.class,
            LuaExport.class);

    @Test
    void publicSignaturesNameNoInternalType() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : API) {
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic()) {
                    check(c.getSimpleName() + "." + m.getName() + " returns", m.getGenericReturnType(), leaks);
                    params(c.getSimpleName() + "." + m.getName(), m, leaks);
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k.getModifiers())) params(c.getSimpleName() + "()", k, leaks);
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers())) check(c.getSimpleName() + "." + f.getName(), f.getGenericType(), leaks);
            }
        }
        assertEquals(List.of(), leaks);
    }

    /** The check finds what it is for: the accessor Moonstack's own packages use names the VM's types. */
    @Test
    void theCheckFindsTheInternalTypesOfTheAccessor() throws Exception {
        List<String> leaks = new ArrayList<>();
        Method state = dev.moonstack.api.internal.Runtimes.class.getMethod("state", Lua.class);
        check("Runtimes.state returns", state.getGenericReturnType(), leaks);
        params("Runtimes.state", state, leaks);
        check("Runtimes.Access", dev.moonstack.api.internal.Runtimes.Access.class, leaks);
        assertEquals(List.of("Runtimes.state returns dev.moonstack.vm.GlobalState",
                "Runtimes.Access dev.moonstack.api.internal.Runtimes$Access"), leaks);
    }

    @Test
    void everyPublicTypeOfThePackageIsListed() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("src/main/java/dev/moonstack/api");
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) files::iterator) {
                String name = p.getFileName().toString().replace(".java", "");
                if (!p.toString().endsWith(".java") || name.equals("package-info")) continue;   // api/internal is not API
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
        if (c.getName().startsWith("dev.moonstack.") && !c.getPackageName().equals("dev.moonstack.api")) {
            leaks.add(where + " " + c.getName());
        }
    }
}
