package dev.moonstack.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method or field of a class as usable by Lua scripts: a method becomes a method
 * of its objects ({@code obj:move(1, 2)}), a field a field ({@code obj.hp}, {@code obj.hp = 3},
 * read-only when final). A class with such members is bound the first time one of its objects
 * crosses into a runtime, as if the host had called {@link Lua#bind} with nothing more; what is
 * not marked stays out of reach. Methods with the same Lua name are overloads (see
 * {@link Binding}). Non-public and static members are ignored.
 *
 * <pre>{@code
 * public class Enemy {
 *     @LuaExport public int hp = 10;
 *     @LuaExport public void hit(int damage) { hp -= damage; }
 *     @LuaExport(name = "pos") public double[] position() { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
public @interface LuaExport {
    /**
     * The name Lua uses.
     *
     * @return the Lua name; empty (the default) for the Java name
     */
    String name() default "";
}
