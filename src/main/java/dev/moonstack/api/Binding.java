package dev.moonstack.api;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What Lua scripts may use of the objects of one Java class, in one runtime (made by
 * {@link Lua#bind}). Each object then crosses into Lua as a userdata of the class's metatable:
 * {@code obj:method(args)} calls a bound method, {@code obj.field} reads a bound field or
 * property and {@code obj.field = v} writes it; nothing else of the object is reachable
 * (reading another name gives nil). A field or property hides a method of the same name.
 *
 * <pre>{@code
 * lua.bind(GameObject.class)
 *    .method("move")                                        // every public overload of move
 *    .field("name")                                         // a public field
 *    .property("hp", Integer.class, GameObject::hp, GameObject::setHp)
 *    .toString(g -> "GameObject " + g.name)
 *    .onCollect(GameObject::despawn);
 * }</pre>
 *
 * <h2>Calls</h2>
 * Arguments convert from Lua as {@link Lua} describes, to each parameter's type: integer types
 * take integers in their range (and floats and numeric strings with such a value), float types
 * numbers, String strings and numbers, boolean booleans, {@link LuaTable}, {@link java.util.Map}
 * and {@link java.util.List} tables, a functional interface a Lua function (called back on the
 * runtime's thread; its errors are {@link LuaException}s), any other class the objects of that
 * class or nil (null), Object anything; a missing argument is nil only for Object. Among overloads, those with as many parameters as there are
 * arguments are candidates (with one overload, missing arguments are nil and extra ones
 * ignored, as a C function does); then the ones every argument fits, the best fitting first
 * (an integer fits long better than double), then the most specific (int over long, a class
 * over its superclass). The errors are lauxlib's: "bad argument #2 to 'move' (number expected,
 * got string)", "calling 'move' on bad self (GameObject expected, got table)", "wrong number
 * of arguments to 'move'", "ambiguous call to 'move' (2 overloads fit)". A Java exception of the
 * method is a Lua error with the exception's message, which pcall catches. The result converts
 * as {@link Lua} describes; void is no result.
 *
 * <h2>Metamethods</h2>
 * {@code __name} is the class's simple name (so messages say "GameObject expected"),
 * {@code __tostring} the class's toString or {@link #toString(Function)}, {@code __eq} Java's
 * equals, {@code __lt} and {@code __le} compareTo for a {@link Comparable} class,
 * {@code __gc} the {@link #onCollect} callback, and {@code __metatable} is false, so
 * that scripts can neither see nor change the metatable. An object keeps one userdata while Lua
 * holds it, so {@code ==}, table keys and identity work as for any userdata.
 *
 * <p>Objects of a subclass use the binding of their nearest bound superclass. Bind a class
 * before its objects cross into Lua: once they have, the binding can no longer change. The
 * members must be public, in a class Moonstack can access (a public class of an exported
 * package, or give a {@link #lookup} that can).
 *
 * @param <T> the class bound
 */
public final class Binding<T> {
    final Class<T> type;
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    /** Lua name to the Java methods (overloads) and fields it stands for, in binding order. */
    final Map<String, List<Method>> methods = new LinkedHashMap<>();
    final Map<String, Field> fields = new LinkedHashMap<>();
    final Map<String, Property> properties = new LinkedHashMap<>();
    Function<? super T, String> describer;
    Consumer<? super T> onCollect;
    /** Reflection (allow-listed classes): static members and constructors on the class's value too. */
    boolean statics;
    /** The compiled binding, once an object has crossed: then nothing may change. */
    BoundClass compiled;

    Binding(Class<T> type) { this.type = type; }

    /**
     * A property written as Java functions: its type, getter and setter (null when read-only),
     * taking the object as Object (the binding checks its class first).
     */
    static final class Property {
        final Class<?> type;
        final Function<Object, ?> get;
        final BiConsumer<Object, Object> set;

        @SuppressWarnings("unchecked")
        Property(Class<?> type, Function<?, ?> get, BiConsumer<?, ?> set) {
            this.type = type;
            this.get = (Function<Object, ?>) get;
            this.set = (BiConsumer<Object, Object>) set;
        }
    }

    /**
     * The class bound.
     *
     * @return the class whose objects this binding describes
     */
    public Class<T> type() { return type; }

    /**
     * Binds every public instance method of the class named {@code name} (its overloads), under
     * the same name.
     *
     * @param name the Java method name, also the Lua name
     * @return this binding
     * @throws IllegalArgumentException if the class has no such public instance method
     * @throws IllegalStateException if objects of the class have crossed into Lua already
     */
    public Binding<T> method(String name) { return method(name, name); }

    /**
     * Binds every public instance method of the class named {@code javaName} under the Lua name
     * {@code luaName}.
     *
     * @param luaName the name scripts use ({@code obj:luaName(...)})
     * @param javaName the Java method name
     * @return this binding
     * @throws IllegalArgumentException if the class has no such public instance method
     * @throws IllegalStateException if objects of the class have crossed into Lua already
     */
    public Binding<T> method(String luaName, String javaName) {
        checkOpen();
        int n = 0;
        for (Method m : type.getMethods()) {
            if (m.getName().equals(javaName) && !Modifier.isStatic(m.getModifiers()) && !m.isBridge()) {
                addMethod(luaName, m);
                n++;
            }
        }
        if (n == 0) throw new IllegalArgumentException(type.getName() + " has no public instance method " + javaName);
        return this;
    }

    /**
     * Binds the public instance field {@code name}: scripts read it, and write it unless it is final.
     *
     * @param name the Java field name, also the Lua name
     * @return this binding
     * @throws IllegalArgumentException if the class has no such public instance field
     * @throws IllegalStateException if objects of the class have crossed into Lua already
     */
    public Binding<T> field(String name) {
        checkOpen();
        try {
            Field f = type.getField(name);
            if (Modifier.isStatic(f.getModifiers())) throw new NoSuchFieldException(name);
            fields.put(name, f);
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException(type.getName() + " has no public instance field " + name, e);
        }
        return this;
    }

    /**
     * Binds a property made of Java functions: {@code obj.name} calls {@code get}, and
     * {@code obj.name = v} converts {@code v} to {@code type} (as a method's argument) and calls
     * {@code set}.
     *
     * @param <V> the property's type
     * @param name the Lua name
     * @param type the class of {@code V}, which the values written convert to
     * @param get reads the property; not null
     * @param set writes it; null for a read-only property
     * @return this binding
     * @throws IllegalStateException if objects of the class have crossed into Lua already
     */
    public <V> Binding<T> property(String name, Class<V> type, Function<? super T, ? extends V> get,
            BiConsumer<? super T, ? super V> set) {
        checkOpen();
        properties.put(Objects.requireNonNull(name), new Property(Objects.requireNonNull(type), Objects.requireNonNull(get), set));
        return this;
    }

    /**
     * What {@code tostring(obj)} returns (by default the object's own toString).
     *
     * @param f makes the string; not null
     * @return this binding
     * @throws IllegalStateException if objects of the class have crossed into Lua already
     */
    public Binding<T> toString(Function<? super T, String> f) {
        checkOpen();
        describer = Objects.requireNonNull(f);
        return this;
    }

    /**
     * Called when Lua collects an object's userdata (Lua: its {@code __gc}): at a collection that
     * finds it unreachable from Lua, and for every object still held when the runtime closes.
     * The host may still hold the Java object; the callback decides what collection means (for
     * instance, releasing what the script owned). Its exceptions become warnings, as errors in
     * {@code __gc} do.
     *
     * @param f called with the object; not null
     * @return this binding
     * @throws IllegalStateException if objects of the class have crossed into Lua already
     */
    public Binding<T> onCollect(Consumer<? super T> f) {
        checkOpen();
        onCollect = Objects.requireNonNull(f);
        return this;
    }

    /**
     * Closes each object when Lua collects it (an {@link #onCollect} that calls
     * {@link AutoCloseable#close}): for objects that scripts own, such as handles a script opens.
     *
     * @return this binding
     * @throws IllegalArgumentException if the class is not {@link AutoCloseable}
     * @throws IllegalStateException if objects of the class have crossed into Lua already
     */
    public Binding<T> closeOnCollect() {
        if (!AutoCloseable.class.isAssignableFrom(type)) throw new IllegalArgumentException(type.getName() + " is not AutoCloseable");
        return onCollect(o -> {
            try {
                ((AutoCloseable) o).close();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage() != null ? e.getMessage() : e.getClass().getName(), e);
            }
        });
    }

    /**
     * The lookup that resolves the bound members (by default {@link MethodHandles#publicLookup},
     * which reaches public members of public classes in exported packages). A host in a named
     * module that does not export the class's package passes its own {@code MethodHandles.lookup()}.
     *
     * @param l a lookup with access to the class's bound members; not null
     * @return this binding
     * @throws IllegalStateException if objects of the class have crossed into Lua already
     */
    public Binding<T> lookup(MethodHandles.Lookup l) {
        checkOpen();
        lookup = Objects.requireNonNull(l);
        return this;
    }

    /** Adds what {@link LuaExport} marks in the class (public instance members only). */
    void addExports() {
        for (Method m : type.getMethods()) {
            LuaExport e = m.getAnnotation(LuaExport.class);
            if (e != null && !Modifier.isStatic(m.getModifiers()) && !m.isBridge()) addMethod(e.name().isEmpty() ? m.getName() : e.name(), m);
        }
        for (Field f : type.getFields()) {
            LuaExport e = f.getAnnotation(LuaExport.class);
            if (e != null && !Modifier.isStatic(f.getModifiers())) fields.put(e.name().isEmpty() ? f.getName() : e.name(), f);
        }
    }

    /** Whether a class marks members with {@link LuaExport}. */
    static boolean hasExports(Class<?> c) {
        for (Method m : c.getMethods()) if (m.isAnnotationPresent(LuaExport.class)) return true;
        for (Field f : c.getFields()) if (f.isAnnotationPresent(LuaExport.class)) return true;
        return false;
    }

    /**
     * Adds every public member of the class but those of Object (getClass, wait, notify, ...):
     * for the allow-list of {@link Lua.Builder#reflect}, with its static members and constructors.
     */
    void addPublicMembers() {
        statics = true;
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() != Object.class && !m.isBridge() && !m.isSynthetic()) addMethod(m.getName(), m);
        }
        for (Field f : type.getFields()) fields.put(f.getName(), f);
    }

    private void addMethod(String luaName, Method m) {
        List<Method> list = methods.computeIfAbsent(luaName, k -> new ArrayList<>());
        for (Method o : list) if (o.getName().equals(m.getName()) && java.util.Arrays.equals(o.getParameterTypes(), m.getParameterTypes())) return;
        list.add(m);
    }

    private void checkOpen() {
        if (compiled != null) {
            throw new IllegalStateException(type.getName() + " is in use by scripts already: bind it before its objects cross into Lua");
        }
    }
}
