package dev.moonstack.prof;

import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node of an instrumenting profile's call tree, as Java objects: the entity of a
 * {@code ujit.iprof} result (LuaVela: ujit.iprof, iprof_entity) and its Lua table form.
 */
public final class Entity {
    /** The key of this entity in its parent's subs: "function @file.lua:42", "builtin print", the label. */
    public final String name;
    /** Calls from this parent. */
    public final long calls;
    /** Wall-clock nanoseconds, time suspended included. */
    public final long wallNanos;
    /** Nanoseconds while the profiled coroutine ran (wall minus time suspended). */
    public final long luaNanos;
    /** Callees by name, in the order first seen; empty when none. */
    public final Map<String, Entity> subs;

    Entity(String name, long calls, long wallNanos, long luaNanos, Map<String, Entity> subs) {
        this.name = name;
        this.calls = calls;
        this.wallNanos = wallNanos;
        this.luaNanos = luaNanos;
        this.subs = Collections.unmodifiableMap(new LinkedHashMap<>(subs));
    }

    public double wall() { return wallNanos / 1e9; }

    public double lua() { return luaNanos / 1e9; }

    /** The callee named {@code name}, or null. */
    public Entity sub(String name) { return subs.get(name); }

    private static final LuaString CALLS = LuaString.of("calls"), WALL = LuaString.of("wall"),
            LUA = LuaString.of("lua"), SUBS = LuaString.of("subs");

    /** The Lua form: {@code {calls = n, wall = s, lua = s, subs = {...}?}}, times in seconds. */
    public LuaTable toLua() {
        LuaTable t = new LuaTable(0, 4);
        t.setStr(CALLS, NumTag.INT, calls);
        t.setStr(WALL, NumTag.FLT, Double.doubleToRawLongBits(wall()));
        t.setStr(LUA, NumTag.FLT, Double.doubleToRawLongBits(lua()));
        if (!subs.isEmpty()) {
            LuaTable s = new LuaTable(0, subs.size());
            for (Entity e : subs.values()) s.setStr(LuaString.of(e.name), e.toLua(), 0);
            t.setStr(SUBS, s, 0);
        }
        return t;
    }

    /** A readable tree, one entity a line, for tests and logs. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        dump(sb, 0);
        return sb.toString();
    }

    private void dump(StringBuilder sb, int indent) {
        sb.append("  ".repeat(indent)).append(name).append(" calls=").append(calls)
                .append(String.format(" wall=%.6f lua=%.6f%n", wall(), lua()));
        for (Entity e : subs.values()) e.dump(sb, indent + 1);
    }
}
