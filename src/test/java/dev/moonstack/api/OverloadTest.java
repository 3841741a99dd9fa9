package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Overloads of bound methods, chosen by arity and then by argument type, and the argument
 * errors, compared with what lua5.4's lauxlib prints for the same mistake made with a C
 * function of the standard library (the function's name and the expected type substituted).
 */
class OverloadTest {
    /** A game object with overloaded methods. */
    public static class Mover {
        public String last;

        public void move(long dx, long dy) { last = "long,long " + dx + " " + dy; }

        public void move(double dx, double dy) { last = "double,double " + dx + " " + dy; }

        public void move(Mover towards) { last = "towards " + (towards == null ? "nil" : "mover"); }

        public void move(String where) { last = "named " + where; }

        public void jump(int height) { last = "jump " + height; }

        public void jump(long height) { last = "jump long " + height; }

        public void say(String a, Object b) { last = "say " + a + " " + b; }

        public void say(Object a, String b) { last = "say2 " + a + " " + b; }

        public void speed(double v) { last = "speed " + v; }

        public void level(byte b) { last = "level " + b; }
    }

    static Lua lua(Mover m) {
        Lua lua = Lua.builder().profile(Profile.SANDBOX).stdout(new ByteArrayOutputStream()).build();
        lua.bind(Mover.class).method("move").method("jump").method("say").method("speed").method("level");
        lua.setGlobal("m", m);
        return lua;
    }

    @Test
    void overloadsAreChosenByArityThenType() {
        Mover m = new Mover();
        Lua lua = lua(m);
        String[][] cases = {
            {"m:move(1, 2)", "long,long 1 2"},
            {"m:move(1.5, 2)", "double,double 1.5 2.0"},
            {"m:move(m)", "towards mover"},
            {"m:move('home')", "named home"},
            {"m:move(1, '2')", "long,long 1 2"},           // lauxlib converts numeric strings
            {"m:jump(3)", "jump 3"},                       // int is more specific than long
            {"m:jump(2^40)", "jump long 1099511627776"},   // a float with an integer value, out of int's range
            {"m:speed(2)", "speed 2.0"},
        };
        for (String[] c : cases) {
            lua.exec(c[0]);
            assertEquals(c[1], m.last, c[0]);
        }
        assertArrayEquals(new Object[] {false, "s:1: ambiguous call to 'say' (2 overloads fit)"},
                lua.exec("return pcall(function() m:say('a', 'b') end)", "=s"));
        assertArrayEquals(new Object[] {false, "s:1: wrong number of arguments to 'move'"},
                lua.exec("return pcall(function() m:move(1, 2, 3) end)", "=s"));
        assertArrayEquals(new Object[] {false, "s:1: bad argument #1 to 'move' (Mover or string expected, got boolean)"},
                lua.exec("return pcall(function() m:move(true) end)", "=s"));
        assertArrayEquals(new Object[] {false, "s:1: bad argument #1 to 'level' (value out of range)"},
                lua.exec("return pcall(function() m:level(300) end)", "=s"));
    }

    /** Each case: lua5.4 code making a mistake with a C function, its name, ours, and our code making the same mistake. */
    @Test
    void argumentErrorsAreLauxlibs() throws Exception {
        Path lua54 = Path.of("/usr/bin/lua5.4");
        assumeTrue(Files.isExecutable(lua54), "no lua5.4 to take the reference messages from");
        Mover m = new Mover();
        Lua lua = lua(m);
        String[][] cases = {
            // a number expected, a string given, as the second argument after self
            {"local s = 'x' return s:byte(1, 'a')", "byte", "move", "return m:move(1, 'a')"},
            // a float without an integer value
            {"local s = 'x' return s:byte(1.5)", "byte", "jump", "return m:jump(1.5)"},
            // a missing argument
            {"local s = 'x' return s:rep()", "rep", "speed", "return m:speed()"},
            // a method called on a table
            {"local t = {rep = string.rep} return t:rep(2)", "rep", "jump", "local t = {jump = m.jump} return t:jump(2)"},
            // a userdata with __name given where a number is expected
            {"local s = 'x' return s:byte(io.stdout)", "byte", "speed", "return m:speed(m)"},
            // a table where a number is expected
            {"local s = 'x' return s:byte({})", "byte", "speed", "return m:speed({})"},
        };
        for (String[] c : cases) {
            String expected = reference(lua54, c[0]).replace("'" + c[1] + "'", "'" + c[2] + "'")
                    .replace("string expected", "Mover expected").replace("FILE*", "Mover");
            Object[] ours = lua.exec("return pcall(function() " + c[3] + " end)", "=stdin");
            assertEquals(false, ours[0], c[3]);
            assertEquals(expected, ours[1], c[3]);
        }
    }

    /** The message lua5.4 gives for {@code code} run in pcall, from a chunk named stdin. */
    static String reference(Path lua54, String code) throws Exception {
        Process p = new ProcessBuilder(lua54.toString(), "-").redirectErrorStream(true).start();
        p.getOutputStream().write(("io.write(select(2, pcall(function() " + code + " end)))").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "lua5.4 failed: " + out);
        return out;
    }
}
