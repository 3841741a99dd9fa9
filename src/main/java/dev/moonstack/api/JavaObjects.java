package dev.moonstack.api;

import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaUserdata;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Builtin;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Java objects of one runtime (runtimes share none of this): the bindings of classes
 * ({@link Lua#bind}, {@link LuaExport}, the reflection allow-list), the userdata that stands
 * for each object while Lua holds it, and the opaque userdata of every other object, whose
 * only operation is tostring, which gives the class's simple name.
 *
 * <p>An object has one userdata while Lua holds it (an identity map from object to userdata),
 * so that raw equality and table keys work; the userdata's {@code __gc} takes it out of the map,
 * so the map holds only what Lua has not collected. Costs nothing until a Java object crosses.
 */
final class JavaObjects {
    static final LuaString NAME = LuaString.of("__name");

    private final Lua lua;
    private final Map<Class<?>, Binding<?>> bindings = new HashMap<>();
    /** Each class met, to the bound class its objects use (the nearest bound superclass, or the opaque one). */
    private final Map<Class<?>, BoundClass> classes = new HashMap<>();
    /** The metatables of bound classes: a userdata with one of them stands for a Java object. */
    private final Map<dev.moonstack.value.LuaTable, BoundClass> metatables = new IdentityHashMap<>();
    private final Map<Object, LuaUserdata> userdata = new IdentityHashMap<>();
    /** The reflection allow-list by class name ({@link Lua.Builder#reflect}); empty when reflection is off. */
    private final Map<String, Class<?>> allowed = new HashMap<>();
    private BoundClass opaque;

    JavaObjects(Lua lua) { this.lua = lua; }

    /** The binding of {@code c} in this runtime, made (with the class's {@link LuaExport} members) on first use. */
    @SuppressWarnings("unchecked")
    <T> Binding<T> bind(Class<T> c) {
        return (Binding<T>) bindings.computeIfAbsent(c, k -> {
            classes.clear();                // objects of c and its subclasses may use this binding from now on
            Binding<T> b = new Binding<>(c);
            b.addExports();
            if (allowed.get(c.getName()) == c) b.addPublicMembers();
            return b;
        });
    }

    /** The userdata standing for {@code o} (Lua: pushing a full userdata of the class's metatable). */
    Object userdata(Object o) {
        LuaUserdata u = userdata.get(o);
        if (u != null) return u;
        BoundClass c = classOf(o.getClass());
        u = new LuaUserdata(o, 0);
        u.metatable = c.metatable;
        lua.state().gc.checkFinalizer(u, c.metatable);
        userdata.put(o, u);
        return u;
    }

    /** The Java object a Lua value stands for: the payload of a userdata of ours, else null. */
    Object payload(Object ref) {
        if (!(ref instanceof LuaUserdata)) return null;
        LuaUserdata u = (LuaUserdata) ref;
        return u.metatable != null && metatables.containsKey(u.metatable) ? u.payload : null;
    }

    /** A userdata of ours was collected by Lua: a later crossing of its object makes a new one. */
    void collected(LuaUserdata u) { userdata.remove(u.payload, u); }

    /** The bound class the objects of {@code c} use: its own binding, or the nearest superclass's, else the opaque one. */
    private BoundClass classOf(Class<?> c) {
        BoundClass bc = classes.get(c);
        if (bc != null) return bc;
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            Binding<?> b = bindings.get(k);
            if (b == null && (Binding.hasExports(k) || allowed.get(k.getName()) == k)) b = bind(k);
            if (b == null) continue;
            if (b.compiled == null) register(b.compiled = new BoundClass(lua, b));
            bc = b.compiled;
            break;
        }
        if (bc == null) {
            if (opaque == null) register(opaque = new BoundClass(lua, null));
            bc = opaque;
        }
        classes.put(c, bc);
        return bc;
    }

    private void register(BoundClass bc) { metatables.put(bc.metatable, bc); }

    /** The name a class's objects have in messages: its simple name ("GameObject", "int[]"). */
    static String nameOf(Class<?> c) {
        String s = c.getSimpleName();
        return s.isEmpty() ? c.getName().substring(c.getName().lastIndexOf('.') + 1) : s;
    }

    // ---------------------------------------------------------------- reflection (Lua.Builder.reflect)

    /**
     * Turns reflection on for the classes {@code allow}: their objects are bound with every
     * public member but Object's, and the global table {@code java} gets {@code import(name)},
     * which gives the class of that name, and only of a listed class, as a Lua value.
     */
    void openReflection(Set<Class<?>> allow) {
        for (Class<?> c : allow) allowed.put(c.getName(), c);
        dev.moonstack.value.LuaTable java = new dev.moonstack.value.LuaTable();
        java.setStr(LuaString.of("import"), Builtin.of("import", (L, base, nargs) -> {
            String name = Args.checkString(L, base, nargs, 1).toString();
            Class<?> c = allowed.get(name);
            if (c == null) throw Args.argError(L, 1, "class '" + name + "' is not allowed");
            L.push(classOf(c).classValue(), 0);
            return 1;
        }), 0);
        lua.state().globals.setStr(LuaString.of("java"), java, 0);
    }
}
