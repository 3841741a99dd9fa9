package example;

import dev.moonstack.api.Lua;

/** Runs Lua through Moonstack's public API: a chunk, then a Lua function called from Java. */
public final class Main {
    public static void main(String[] args) {
        try (Lua lua = new Lua()) {
            lua.exec("print(_VERSION, 6 * 7)");
            Object join = lua.exec("return function(a, b) return a .. '+' .. b, #a + #b end")[0];
            Object[] r = lua.call(join, "moon", "stack");
            System.out.println("call: " + r[0] + " " + r[1]);
        }
    }
}
