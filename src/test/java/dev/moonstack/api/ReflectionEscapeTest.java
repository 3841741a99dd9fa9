package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A script can never reach Runtime.exec, System.exit, Class.forName, a class loader or
 * reflection: not in the sandbox with a bound game object, and not with reflection opted in
 * for an allow-list that names only a game class. Each attempt must fail or give nothing
 * usable (nil, or an opaque userdata), and what does come back is checked to be no Class,
 * ClassLoader, Method or Runtime.
 */
class ReflectionEscapeTest {
    /** The one game class of the allow-list, with members that hand out dangerous objects. */
    public static class Game {
        public static int created;
        public String title = "g";

        public Game() { created++; }

        public Game(String title) {
            this();
            this.title = title;
        }

        public static Game make(String title) { return new Game(title); }

        public Object handle() { return Runtime.getRuntime(); }

        public Class<?> type() { return Game.class; }

        public Object loader() { return Game.class.getClassLoader(); }

        public String name() { return title; }
    }

    /** Attempts, each a Lua expression run inside pcall; its results go back to the host to be checked. */
    static final List<String> ATTEMPTS = List.of(
            "g:getClass()", "g.getClass", "g:getClass():getClassLoader()", "g:type()", "g:type():getClassLoader()",
            "g:type():forName('java.lang.Runtime')", "g:type().forName", "g:handle()", "g:handle():exec('true')",
            "g:handle().exit", "g:loader()", "g:loader():loadClass('java.lang.Runtime')", "g:hashCode()", "g:wait()",
            "g:notify()", "g.class", "g['class']", "getmetatable(g)", "java and java.import('java.lang.Runtime')",
            "java and java.import('java.lang.System')", "java and java.import('java.lang.Class')",
            "java and java.import('java.lang.reflect.Method')", "java and java.import('java.lang.ClassLoader')",
            "java and java.import('" + Game.class.getName() + "').getClass",
            "java and java.import('" + Game.class.getName() + "'):getClass()",
            "java and java.import('" + Game.class.getName() + "').class",
            "java and java.import('" + Game.class.getName() + "')('x'):getClass()",
            "java and getmetatable(java.import('" + Game.class.getName() + "'))",
            "load and load('return g:getClass()')()", "require and require('java')");

    /** More attempts for the sandbox, where these libraries are absent. */
    static final List<String> SANDBOX_ONLY = List.of("os.execute", "io", "debug", "package", "string.dump", "loadfile", "dofile");

    static void attempt(Lua lua, List<String> attempts) {
        lua.setGlobal("g", new Game("t"));
        for (String a : attempts) {
            Object[] r = lua.exec("return pcall(function() return " + a + " end)", "=escape");
            if (!Boolean.TRUE.equals(r[0])) continue;
            for (int i = 1; i < r.length; i++) {
                Object v = r[i];
                boolean plain = v == null || v == Boolean.FALSE || v instanceof String || v instanceof Number || v instanceof Game;
                assertTrue(plain || unusable(lua, a, i), a + " gave " + v);
            }
        }
    }

    /** Result {@code i} of attempt {@code a} is a userdata that has no member and no metatable a script could use. */
    private static boolean unusable(Lua lua, String a, int i) {
        Object[] r = lua.exec("local v = select(" + (i + 1) + ", pcall(function() return " + a + " end)) "
                + "if type(v) ~= 'userdata' or getmetatable(v) ~= false then return false end "
                + "for _, k in ipairs({'getClassLoader', 'exec', 'exit', 'forName', 'loadClass', 'getMethod', 'invoke', "
                + "'newInstance', 'getClass', 'getRuntime'}) do if v[k] ~= nil then return false end end "
                + "return pcall(function() v.x = 1 end) == false");
        return Boolean.TRUE.equals(r[0]);
    }

    @Test
    void theSandboxWithABoundGameObjectCannotEscape() {
        Lua lua = Lua.builder().profile(Profile.SANDBOX).stdout(new ByteArrayOutputStream()).build();
        lua.bind(Game.class).method("name").method("handle").method("type").method("loader").field("title");
        attempt(lua, ATTEMPTS);
        attempt(lua, SANDBOX_ONLY);
        assertArrayEquals(new Object[] {null, "t"}, lua.exec("return java, g:name()"));
        assertArrayEquals(new Object[] {"userdata", "Runtime", null}, lua.exec("local h = g:handle() return type(h), tostring(h), h.exec"));
    }

    @Test
    void reflectionOverAnAllowListOfOneGameClassCannotEscape() {
        Lua lua = Lua.builder().reflect(Game.class).stdout(new ByteArrayOutputStream()).build();
        attempt(lua, ATTEMPTS);
        int before = Game.created;
        Object[] r = lua.exec("local Game = java.import('" + Game.class.getName() + "') "
                + "local a, b = Game('x'), Game.make('y') return a:name(), b.title, tostring(Game), Game.created");
        assertEquals("x", r[0]);
        assertEquals("y", r[1]);
        assertEquals("class " + Game.class.getName(), r[2]);
        assertEquals((long) before + 2, r[3]);
        assertArrayEquals(new Object[] {false, "escape:1: bad argument #1 to 'import' (class 'java.lang.Runtime' is not allowed)"},
                lua.exec("return pcall(function() return java.import('java.lang.Runtime') end)", "=escape"));
    }

    @Test
    void theSandboxRefusesReflection() {
        assertThrows(IllegalArgumentException.class, () -> Lua.builder().profile(Profile.SANDBOX).reflect(Game.class).build());
        Lua trusted = Lua.builder().stdout(new ByteArrayOutputStream()).build();
        assertArrayEquals(new Object[] {null}, trusted.exec("return java"), "reflection is off unless asked for");
    }
}
