package dev.moonstack.api;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaUserdata;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.LuaThread;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One bound class in one runtime (Lua: a type made with luaL_newmetatable and its methods): the
 * metatable its objects' userdata share, a builtin per method name, and the metamethods that
 * read and write its fields and properties. Made once, from a {@link Binding}, when the first
 * object of the class crosses into Lua; the method handles are resolved then.
 */
final class BoundClass {
    private static final LuaString INDEX = LuaString.of("__index");

    final Class<?> type;
    /** The name messages give the objects ({@code __name}); null for the opaque objects. */
    final String name;
    final dev.moonstack.value.LuaTable metatable = new dev.moonstack.value.LuaTable();
    private final Lua lua;
    private final Binding<?> binding;
    /** Lua name to method builtin, the table {@code __index} reads when no field is bound. */
    private final dev.moonstack.value.LuaTable methods = new dev.moonstack.value.LuaTable();
    private final Map<LuaString, Accessor> fields = new HashMap<>();
    /** The class itself as a Lua value (static members and constructors), for reflection; made when first asked. */
    private LuaUserdata classValue;

    /** A field or a property of the objects, or a static field of the class. */
    interface Accessor {
        Class<?> type();

        Object get(Object self) throws Throwable;

        /** Null when the accessor cannot be written. */
        default Setter setter() { return null; }
    }

    /** The writing half of an {@link Accessor}. */
    interface Setter {
        void set(Object self, Object value) throws Throwable;
    }

    /** The class of {@code b}, or with {@code b} null the opaque objects: no members, tostring the class's simple name. */
    BoundClass(Lua lua, Binding<?> b) {
        this.lua = lua;
        this.binding = b;
        this.type = b != null ? b.type : Object.class;
        this.name = b != null ? JavaObjects.nameOf(type) : null;
        if (b != null) {
            for (Map.Entry<String, List<Method>> e : b.methods.entrySet()) addMethods(e.getKey(), e.getValue(), false, b.lookup);
            for (Map.Entry<String, Field> e : b.fields.entrySet()) {
                Accessor a = Modifier.isStatic(e.getValue().getModifiers()) ? null : field(e.getValue(), b.lookup);
                if (a != null) fields.put(LuaString.of(e.getKey()), a);
            }
            for (Map.Entry<String, Binding.Property> e : b.properties.entrySet()) fields.put(LuaString.of(e.getKey()), property(e.getValue()));
            metatable.setStr(JavaObjects.NAME, LuaString.of(name), 0);
        }
        metatable.setStr(LuaString.of("__metatable"), Boolean.FALSE, 0);
        metatable.setStr(INDEX, fields.isEmpty() ? methods : Builtin.of("__index", this::index), 0);
        metatable.setStr(LuaString.of("__newindex"), Builtin.of("__newindex", this::newindex), 0);
        metatable.setStr(LuaString.of("__tostring"), Builtin.of("__tostring", this::tostring), 0);
        metatable.setStr(LuaString.of("__eq"), Builtin.of("__eq", this::eq), 0);
        metatable.setStr(LuaString.of("__gc"), Builtin.of("__gc", this::gc), 0);
        if (Comparable.class.isAssignableFrom(type)) {
            metatable.setStr(LuaString.of("__lt"), Builtin.of("__lt", (L, base, nargs) -> compare(L, base, false)), 0);
            metatable.setStr(LuaString.of("__le"), Builtin.of("__le", (L, base, nargs) -> compare(L, base, true)), 0);
        }
    }

    /** Adds the builtin calling the instance (or, with {@code statics}, static) methods of {@code list} as {@code luaName}. */
    private void addMethods(String luaName, List<Method> list, boolean statics, MethodHandles.Lookup lookup) {
        List<Method> chosen = new ArrayList<>();
        for (Method m : list) if (Modifier.isStatic(m.getModifiers()) == statics) chosen.add(m);
        if (chosen.isEmpty()) return;
        Overloads o = new Overloads(luaName, chosen, lookup);
        if (o.isEmpty()) return;
        Builtin f = statics ? Builtin.of(luaName, (L, base, nargs) -> o.call(lua, L, null, base, nargs, 1))
                : Builtin.of(luaName, (L, base, nargs) -> o.call(lua, L, self(L, base, nargs), base + 1, nargs - 1, 2));
        (statics ? classMethods : methods).setStr(LuaString.of(luaName), f, 0);
    }

    /** Argument 1 as an object of the class (Lua: luaL_checkudata): "calling 'f' on bad self (T expected, got ...)". */
    private Object self(LuaThread L, int base, int nargs) {
        Object o = nargs > 0 ? lua.objects.payload(L.ref(base)) : null;
        if (o != null && type.isInstance(o)) return o;
        throw dev.moonstack.vm.Args.typeError(L, 1, name, nargs > 0 ? L.ref(base) : null);
    }

    // ---------------------------------------------------------------- metamethods

    /** __index(obj, key): a bound field or property, else a method, else nil. */
    private int index(LuaThread L, int base, int nargs) {
        Object key = L.ref(base + 1);
        Accessor a = key instanceof LuaString ? fields.get(key) : null;
        if (a == null) {
            L.push(key == null ? null : methods.getRef(key, L.num(base + 1)), 0);
            return 1;
        }
        push(L, get(a, self(L, base, nargs)));
        return 1;
    }

    /** __newindex(obj, key, value): a writable field or property; anything else is an error. */
    private int newindex(LuaThread L, int base, int nargs) {
        Object key = L.ref(base + 1);
        set(L, fields, key, key instanceof LuaString && fields.containsKey(key) ? self(L, base, nargs) : null, base + 2);
        return 0;
    }

    private int tostring(LuaThread L, int base, int nargs) {
        Object o = lua.objects.payload(L.ref(base));
        if (o == null) throw dev.moonstack.vm.Args.typeError(L, 1, "object", L.ref(base));
        String s;
        try {
            s = binding == null ? JavaObjects.nameOf(o.getClass()) : binding.describer != null ? apply(binding.describer, o) : String.valueOf(o);
        } catch (RuntimeException e) {
            throw HostCalls.luaError(e);
        }
        L.pushString(s);
        return 1;
    }

    @SuppressWarnings("unchecked")
    private static String apply(Function<?, String> f, Object o) { return ((Function<Object, String>) f).apply(o); }

    /** __eq(a, b): Java's equals of the two objects. */
    private int eq(LuaThread L, int base, int nargs) {
        Object a = lua.objects.payload(L.ref(base)), b = lua.objects.payload(L.ref(base + 1));
        boolean same;
        try {
            same = a != null && b != null && a.equals(b);
        } catch (RuntimeException e) {
            throw HostCalls.luaError(e);
        }
        L.pushBoolean(same);
        return 1;
    }

    /**
     * __lt and __le of a Comparable class: compareTo. Anything else compared with its objects is
     * Lua's own error (Lua: luaG_ordererror), "attempt to compare Version with number".
     */
    @SuppressWarnings("unchecked")
    private int compare(LuaThread L, int base, boolean le) {
        Object x = L.ref(base), y = L.ref(base + 1);
        Object a = lua.objects.payload(x), b = lua.objects.payload(y);
        if (!type.isInstance(a) || !type.isInstance(b)) {
            String ta = Conversion.typeName(x), tb = Conversion.typeName(y);
            throw LuaError.rt(ta.equals(tb) ? "attempt to compare two " + ta + " values" : "attempt to compare " + ta + " with " + tb);
        }
        int c;
        try {
            c = ((Comparable<Object>) a).compareTo(b);
        } catch (RuntimeException e) {
            throw HostCalls.luaError(e);
        }
        L.pushBoolean(le ? c <= 0 : c < 0);
        return 1;
    }

    /** __gc(obj): the object's userdata is gone from Lua; the binding's onCollect runs. */
    @SuppressWarnings("unchecked")
    private int gc(LuaThread L, int base, int nargs) {
        if (!(L.ref(base) instanceof LuaUserdata)) return 0;
        LuaUserdata u = (LuaUserdata) L.ref(base);
        lua.objects.collected(u);
        if (binding != null && binding.onCollect != null && type.isInstance(u.payload)) {
            try {
                ((java.util.function.Consumer<Object>) binding.onCollect).accept(u.payload);
            } catch (RuntimeException e) {
                throw HostCalls.luaError(e);
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------- fields

    private Object get(Accessor a, Object self) {
        try {
            return a.get(self);
        } catch (Throwable t) {
            throw HostCalls.luaError(t);
        }
    }

    private void push(LuaThread L, Object v) {
        try {
            L.push(Conversion.ref(lua, v), Conversion.num(v));
        } catch (RuntimeException e) {      // a LuaTable of another runtime, say
            throw HostCalls.luaError(e);
        }
    }

    /** Writes field {@code key} of {@code self} (null: a static field) with the value at slot {@code v}. */
    private void set(LuaThread L, Map<LuaString, Accessor> in, Object key, Object self, int v) {
        Accessor a = key instanceof LuaString ? in.get(key) : null;
        String what = (name != null ? name : "object") + (key instanceof LuaString ? " has no field '" + key + "'" : " has no such field");
        if (a == null) throw LuaError.rt(what);
        Setter s = a.setter();
        if (s == null) throw LuaError.rt("field '" + key + "' of " + name + " is read-only");
        Object ref = L.ref(v);
        long num = L.num(v);
        if (Conversion.fit(lua, a.type(), ref, num) == 0) {
            throw LuaError.rt("bad value for field '" + key + "' of " + name + " (" + Conversion.mismatch(lua, a.type(), ref, num, false) + ")");
        }
        try {
            s.set(self, Conversion.as(lua, a.type(), ref, num, "value"));
        } catch (Throwable t) {
            throw HostCalls.luaError(t);
        }
    }

    /** A field's accessor, or null when Moonstack may not access it (the field is left out). */
    private static Accessor field(Field f, MethodHandles.Lookup lookup) {
        MethodHandle get = access(f, lookup, false);
        MethodHandle put = Modifier.isFinal(f.getModifiers()) ? null : access(f, lookup, true);
        if (get == null) return null;
        boolean isStatic = Modifier.isStatic(f.getModifiers());
        return new Accessor() {
            @Override public Class<?> type() { return f.getType(); }

            @Override public Object get(Object self) throws Throwable { return isStatic ? get.invoke() : get.invoke(self); }

            @Override public Setter setter() {
                if (put == null) return null;
                return (self, value) -> {
                    if (isStatic) put.invoke(value);
                    else put.invoke(self, value);
                };
            }
        };
    }

    private static MethodHandle access(Field f, MethodHandles.Lookup lookup, boolean write) {
        for (MethodHandles.Lookup l : new MethodHandles.Lookup[] {lookup, MethodHandles.lookup()}) {
            try {
                return write ? l.unreflectSetter(f) : l.unreflectGetter(f);
            } catch (IllegalAccessException denied) {
                // try the next lookup
            }
        }
        return null;
    }

    private static Accessor property(Binding.Property p) {
        return new Accessor() {
            @Override public Class<?> type() { return p.type; }

            @Override public Object get(Object self) { return p.get.apply(self); }

            @Override public Setter setter() { return p.set == null ? null : p.set::accept; }
        };
    }

    // ---------------------------------------------------------------- the class as a value (reflection)

    private final dev.moonstack.value.LuaTable classMethods = new dev.moonstack.value.LuaTable();
    private final Map<LuaString, Accessor> classFields = new HashMap<>();

    /**
     * The class as a Lua value, for {@code java.import}: indexing it reads static fields and
     * static methods, assigning writes static fields, calling it calls a constructor. Its
     * userdata stands for no Java object: passed to Java it is a plain {@link LuaReference}.
     */
    LuaUserdata classValue() {
        if (classValue != null) return classValue;
        for (Map.Entry<String, List<Method>> e : binding.methods.entrySet()) addMethods(e.getKey(), e.getValue(), true, binding.lookup);
        for (Map.Entry<String, Field> e : binding.fields.entrySet()) {
            Accessor a = Modifier.isStatic(e.getValue().getModifiers()) ? field(e.getValue(), binding.lookup) : null;
            if (a != null) classFields.put(LuaString.of(e.getKey()), a);
        }
        List<Executable> ctors = new ArrayList<>(List.<Constructor<?>>of(type.getConstructors()));
        Overloads make = new Overloads(name, ctors, binding.lookup);
        dev.moonstack.value.LuaTable mt = new dev.moonstack.value.LuaTable();
        mt.setStr(LuaString.of("__metatable"), Boolean.FALSE, 0);
        mt.setStr(INDEX, Builtin.of("__index", (L, base, nargs) -> {
            Object key = L.ref(base + 1);
            Accessor a = key instanceof LuaString ? classFields.get(key) : null;
            if (a == null) L.push(key == null ? null : classMethods.getRef(key, L.num(base + 1)), 0);
            else push(L, get(a, null));
            return 1;
        }), 0);
        mt.setStr(LuaString.of("__newindex"), Builtin.of("__newindex", (L, base, nargs) -> {
            set(L, classFields, L.ref(base + 1), null, base + 2);
            return 0;
        }), 0);
        mt.setStr(LuaString.of("__call"), Builtin.of(name, (L, base, nargs) -> {
            if (make.isEmpty()) throw LuaError.rt(name + " has no public constructor");
            return make.call(lua, L, null, base + 1, nargs - 1, 2);
        }), 0);
        String text = "class " + type.getName();
        mt.setStr(LuaString.of("__tostring"), Builtin.of("__tostring", (L, base, nargs) -> {
            L.pushString(text);
            return 1;
        }), 0);
        classValue = new LuaUserdata(type.getName(), 0);
        classValue.metatable = mt;
        return classValue;
    }
}
