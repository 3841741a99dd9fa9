package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java objects in Lua (issue 14): a class bound by the builder and by {@link LuaExport}, used
 * with obj:method(), obj.field and obj.field = v; one userdata per object; the __tostring,
 * __eq and __gc hooks; subclasses; opaque objects of classes that are not bound.
 */
class BindingTest {
    /** A game object; scripts see what the tests bind or mark, nothing else. */
    public static class Unit {
        @LuaExport public final String name;
        @LuaExport public int hp;
        public double speed = 1.5;
        public int secret = 42;
        private final List<String> log = new ArrayList<>();

        public Unit(String name, int hp) {
            this.name = name;
            this.hp = hp;
        }

        @LuaExport public void hit(int damage) {
            if (damage < 0) throw new IllegalArgumentException("negative damage " + damage);
            hp -= damage;
            log.add("hit " + damage);
        }

        @LuaExport(name = "label") public String describe() { return name + ":" + hp; }

        @LuaExport public Unit self() { return this; }

        public void hidden() { log.add("hidden"); }

        @Override public String toString() { return "Unit(" + name + ")"; }

        @Override public boolean equals(Object o) { return o instanceof Unit && ((Unit) o).name.equals(name); }

        @Override public int hashCode() { return name.hashCode(); }
    }

    /** A subclass: its objects use Unit's binding. */
    public static class Hero extends Unit {
        public Hero(String name) { super(name, 100); }

        public void fly() {}
    }

    /** A class bound by the builder only. */
    public static class Door implements AutoCloseable {
        public boolean open;
        public final int id;
        static int closed;

        public Door(int id) { this.id = id; }

        public void toggle() { open = !open; }

        public void toggle(boolean to) { open = to; }

        @Override public void close() { closed++; }
    }

    static Lua lua() { return Lua.builder().profile(Profile.SANDBOX).stdout(new ByteArrayOutputStream()).build(); }

    @Test
    void annotatedMembersAreMethodsAndFields() {
        Lua lua = lua();
        Unit u = new Unit("orc", 10);
        lua.setGlobal("u", u);
        assertArrayEquals(new Object[] {"orc", 10L, "orc:10"}, lua.exec("return u.name, u.hp, u:label()"));
        lua.exec("u:hit(3) u.hp = u.hp * 2");
        assertEquals(14, u.hp);
        assertEquals(List.of("hit 3"), u.log);
        assertArrayEquals(new Object[] {null, null, null, null}, lua.exec("return u.secret, u.hidden, u.speed, u.log"),
                "what is not exported is not there");
        assertArrayEquals(new Object[] {"userdata", false}, lua.exec("return type(u), getmetatable(u)"));
        assertSame(u, lua.getGlobal("u"), "the object comes back to Java as itself");
        assertSame(u, lua.exec("return u:self()")[0]);
    }

    @Test
    void writingWhatCannotBeWrittenIsAnError() {
        Lua lua = lua();
        lua.setGlobal("u", new Unit("orc", 10));
        assertArrayEquals(new Object[] {false, "s:1: field 'name' of Unit is read-only"},
                lua.exec("return pcall(function() u.name = 'elf' end)", "=s"));
        assertArrayEquals(new Object[] {false, "s:1: Unit has no field 'secret'"},
                lua.exec("return pcall(function() u.secret = 1 end)", "=s"));
        assertArrayEquals(new Object[] {false, "s:1: bad value for field 'hp' of Unit (number expected, got string)"},
                lua.exec("return pcall(function() u.hp = 'lots' end)", "=s"));
        // luaL_error positions at the caller, here pcall, a C function: no position (lua5.4: pcall(string.rep))
        assertArrayEquals(new Object[] {false, "negative damage -1"}, lua.exec("return pcall(u.hit, u, -1)", "=s"),
                "a Java exception is a Lua error with its message");
        assertArrayEquals(new Object[] {false, "s:1: negative damage -2"}, lua.exec("return pcall(function() u:hit(-2) end)", "=s"));
    }

    @Test
    void oneUserdataPerObjectAndEqualsForEq() {
        Lua lua = lua();
        Unit a = new Unit("orc", 1), same = new Unit("orc", 2), other = new Unit("elf", 1);
        lua.setGlobal("a", a);
        lua.setGlobal("a2", a);
        lua.setGlobal("same", same);
        lua.setGlobal("other", other);
        assertArrayEquals(new Object[] {true, true, false, true, false, "Unit(orc)"},
                lua.exec("local t = {[a] = 1} return rawequal(a, a2), t[a2] == 1, rawequal(a, same), a == same, a == other, tostring(a)"));
    }

    @Test
    void builderBindingWithPropertiesOverloadsAndHooks() {
        Lua lua = lua();
        List<Integer> collected = new ArrayList<>();
        lua.bind(Door.class).method("toggle").field("open").field("id")
                .property("state", String.class, d -> d.open ? "open" : "shut", (d, s) -> d.open = s.equals("open"))
                .toString(d -> "door " + d.id).onCollect(d -> collected.add(d.id));
        Door d = new Door(7);
        lua.setGlobal("d", d);
        assertArrayEquals(new Object[] {true, "open", 7L, "door 7"}, lua.exec("d:toggle() return d.open, d.state, d.id, tostring(d)"));
        lua.exec("d:toggle(false) d.state = 'open'");
        assertTrue(d.open);
        assertThrows(IllegalStateException.class, () -> lua.bind(Door.class).method("close"), "a binding in use cannot change");
        lua.setGlobal("d", null);
        lua.exec("collectgarbage() collectgarbage()");
        assertEquals(List.of(7), collected, "__gc calls onCollect once Lua no longer holds the object");
        lua.setGlobal("e", new Door(8));
        lua.close();
        assertEquals(List.of(7, 8), collected, "closing the runtime collects the rest");
    }

    @Test
    void closeOnCollectClosesWhatScriptsDrop() {
        Lua lua = lua();
        lua.bind(Door.class).method("toggle").closeOnCollect();
        int before = Door.closed;
        lua.setGlobal("make", JavaFunction.of(Long.class, id -> new Door(id.intValue())));
        lua.exec("local function spawn() for i = 1, 3 do make(i):toggle() end end spawn() collectgarbage() collectgarbage()");
        assertEquals(before + 3, Door.closed);
        assertThrows(IllegalArgumentException.class, () -> lua().bind(Unit.class).closeOnCollect());
    }

    @Test
    void subclassesUseTheirSuperclassBinding() {
        Lua lua = lua();
        Hero h = new Hero("ann");
        lua.setGlobal("h", h);
        assertArrayEquals(new Object[] {"ann:100", null, "ann"}, lua.exec("return h:label(), h.fly, h.name"));
        lua.exec("h:hit(1)");
        assertEquals(99, h.hp);
    }

    @Test
    void unboundObjectsAreOpaque() {
        Lua lua = lua();
        StringBuilder sb = new StringBuilder("x");
        lua.setGlobal("o", sb);
        assertArrayEquals(new Object[] {"userdata", "StringBuilder", null, false},
                lua.exec("return type(o), tostring(o), o.append, getmetatable(o)"));
        assertArrayEquals(new Object[] {false, "s:1: object has no field 'x'"},
                lua.exec("return pcall(function() o.x = 1 end)", "=s"));
        assertSame(sb, lua.getGlobal("o"), "an opaque object comes back as itself");
        lua.setGlobal("u", new Unit("orc", 1));
        assertArrayEquals(new Object[] {false, "bad argument #2 to 'hit' (number expected, got userdata)"},
                lua.exec("return pcall(u.hit, u, o)", "=s"));
    }

    @Test
    void javaFunctionsTakeBoundObjects() {
        Lua lua = lua();
        Unit u = new Unit("orc", 10);
        lua.setGlobal("u", u);
        lua.register("heal", JavaFunction.of(Unit.class, Long.class, (x, n) -> x.hp += n));
        assertArrayEquals(new Object[] {15L}, lua.exec("return heal(u, 5)"));
        // lua5.4: string.rep(io.stdout) gives "bad argument #1 to 'rep' (string expected, got FILE*)"
        assertArrayEquals(new Object[] {false, "s:1: bad argument #1 to 'heal' (Unit expected, got table)"},
                lua.exec("return pcall(function() return heal({}, 1) end)", "=s"));
        lua.register("who", args -> args.check(1, Unit.class).name);
        assertArrayEquals(new Object[] {"orc", false, "s:1: bad argument #1 to 'who' (Unit expected, got no value)"},
                lua.exec("return who(u), pcall(function() return who() end)", "=s"));
        assertThrows(IllegalArgumentException.class, () -> JavaFunction.of(char.class, c -> c));
    }

    /** A Comparable class: its objects order with < and <=. */
    public static class Version implements Comparable<Version> {
        @LuaExport public final int n;

        public Version(int n) { this.n = n; }

        @Override public int compareTo(Version o) { return Integer.compare(n, o.n); }
    }

    @Test
    void comparableObjectsOrder() {
        Lua lua = lua();
        lua.setGlobal("vs", java.util.List.of(new Version(3), new Version(1), new Version(2)));
        lua.setGlobal("a", new Version(1));
        lua.setGlobal("b", new Version(2));
        assertArrayEquals(new Object[] {true, true, false, true, "1 2 3"}, lua.exec(
                "table.sort(vs) return a < b, a <= a, b < a, b >= a, vs[1].n .. ' ' .. vs[2].n .. ' ' .. vs[3].n"));
        // lua5.4: io.stdout < 1 and io.stdout <= io.stderr give these, with FILE* for the type
        assertArrayEquals(new Object[] {false, "s:1: attempt to compare Version with number"},
                lua.exec("return pcall(function() return a < 1 end)", "=s"));
        lua.setGlobal("u", new Unit("x", 1));
        assertArrayEquals(new Object[] {false, "s:1: attempt to compare Version with Unit"},
                lua.exec("return pcall(function() return a <= u end)", "=s"));
    }

    /** Holds a value a method hands out. */
    public static class Holder {
        public LuaTable table;

        public LuaTable get() { return table; }
    }

    @Test
    void aValueThatCannotCrossIsALuaError() {
        Lua lua = lua();
        Holder h = new Holder();
        h.table = lua().newTable();
        lua.bind(Holder.class).method("get").field("table");
        lua.setGlobal("h", h);
        assertArrayEquals(new Object[] {false, "s:1: a table of another Lua runtime cannot be used here"},
                lua.exec("return pcall(function() return h:get() end)", "=s"));
        assertArrayEquals(new Object[] {false, "s:1: a table of another Lua runtime cannot be used here"},
                lua.exec("return pcall(function() return h.table end)", "=s"));
    }

    @Test
    void runtimesBindIndependently() {
        Lua a = lua(), b = lua();
        a.bind(Door.class).method("toggle");
        a.setGlobal("d", new Door(1));
        b.setGlobal("d", new Door(2));
        assertArrayEquals(new Object[] {"function"}, a.exec("return type(d.toggle)"));
        assertArrayEquals(new Object[] {null, "Door"}, b.exec("return d.toggle, tostring(d)"),
                "b bound nothing: its Door is opaque");
    }
}
