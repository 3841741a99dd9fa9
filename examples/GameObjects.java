// Binding game objects: scripts use what a Java class marks with @LuaExport (and what the host
// adds with lua.bind), with obj:method(), obj.field and Lua functions as callbacks, and nothing
// else of the object. Uses only the public API (dev.moonstack.api); docs/embedding.md, section 4.
//
//   mvn -q -DskipTests package && java -cp target/moonstack.jar examples/GameObjects.java

import dev.moonstack.api.Lua;
import dev.moonstack.api.LuaException;
import dev.moonstack.api.LuaExport;
import dev.moonstack.api.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

public class GameObjects {
    /** A game object. Scripts reach only the members marked @LuaExport. */
    public static class Enemy {
        @LuaExport public final String name;
        @LuaExport public int hp;
        private double x, y;
        private final List<Consumer<Enemy>> deathListeners = new ArrayList<>();

        public Enemy(String name, int hp) {
            this.name = name;
            this.hp = hp;
        }

        @LuaExport public void move(double dx, double dy) {
            x += dx;
            y += dy;
        }

        /** An overload: one argument, another enemy to step next to. */
        @LuaExport public void move(Enemy other) {
            x = other.x + 1;
            y = other.y;
        }

        @LuaExport public void hit(int damage) {
            hp = Math.max(0, hp - damage);
            if (hp == 0) for (Consumer<Enemy> c : deathListeners) c.accept(this);
        }

        /** A Lua function passed here becomes a Consumer, called back on the game's thread. */
        @LuaExport public void onDeath(Consumer<Enemy> listener) { deathListeners.add(listener); }

        @LuaExport public String pos() { return x + "," + y; }

        public void cheat() { hp = 1_000_000; }          // not exported: scripts cannot call it

        @Override public String toString() { return "Enemy " + name; }
    }

    static final String SCRIPT = String.join("\n",
            "orc:onDeath(function(e) print(e.name .. ' died: ' .. tostring(e)) end)",
            "orc:move(3, 4)",
            "print(orc.name, orc.hp, orc.alive, orc:pos())",
            "elf:move(orc)",
            "print(elf:pos(), orc == elf, orc.cheat)",
            "orc:hit(4)",
            "orc.hp = orc.hp + 1",
            "print(orc.hp, pcall(orc.hit, orc, 'lots'))",
            "print(pcall(function() orc.name = 'troll' end))",
            "orc:hit(10)",
            "print(orc.alive)");

    public static void main(String[] args) {
        try (Lua lua = Lua.builder().profile(Profile.SANDBOX).build()) {
            // the annotations are the binding; the host adds a property and a collection hook
            lua.bind(Enemy.class)
                    .property("alive", Boolean.class, e -> e.hp > 0, null)
                    .onCollect(e -> System.out.println("collected " + e.name));
            Enemy orc = new Enemy("orc", 10), elf = new Enemy("elf", 5);
            lua.setGlobal("orc", orc);
            lua.setGlobal("elf", elf);
            lua.exec(SCRIPT, "=game");
            try {
                lua.exec("orc:move('north')", "=game");
            } catch (LuaException e) {
                System.out.println("error: " + e.getMessage());
            }
            System.out.println("java sees hp " + orc.hp);
            lua.setGlobal("elf", null);                 // Lua no longer holds the elf
            lua.exec("collectgarbage()");
        }                                               // closing collects the orc
    }
}
