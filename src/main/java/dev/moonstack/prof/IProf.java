package dev.moonstack.prof;

import dev.moonstack.value.Proto;
import dev.moonstack.vm.Activation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One instrumenting profile (one {@code ujit.iprof.start} .. {@code stop} frame) of one
 * coroutine: its call tree and the stack of entities open now (LuaVela: ujit.iprof,
 * uj_iprof.c's iprof frame and its ticks).
 *
 * <p>Entities are keyed by what runs: a Lua function by its prototype, so that two closures
 * of one prototype are one entity (LuaVela keys them by closure and then names them alike, so
 * one overwrites the other); a builtin by its name. Two prototypes of one name (two functions
 * defined on one line) get " #2", " #3" appended.
 *
 * <p>Times come from {@link ThreadProfiles}' clocks: {@code now}, compensated for the
 * profiler's own overhead, and {@code lua}, which stops while the coroutine is suspended.
 */
final class IProf {
    static final int PLAIN = 0, INCLUSIVE = 1, EXCLUSIVE = 2;

    final String label;
    final int mode;
    final int limit;
    /** Depth of the activation that started the profile (the start frame): the root's level. */
    final int baseDepth;
    private final Node root;
    private final ArrayList<Frame> open = new ArrayList<>();
    /** Set when the start frame was left without stop: the profile is discarded. */
    boolean dead;
    /** Open and close events for a timeline, when asked for ({@link #recordTimeline}); else null. */
    private Timeline timeline;

    IProf(String label, int mode, int limit, int baseDepth, long now, long lua) {
        this.label = label;
        this.mode = mode;
        this.limit = mode == PLAIN ? 0 : limit;
        this.baseDepth = baseDepth;
        this.root = new Node(label);
        root.calls = 1;
        open.add(new Frame(root, baseDepth, now, lua));
    }

    /** A node of the call tree while profiling. */
    private static final class Node {
        final String name;
        long calls, wall, lua;
        final Map<Object, Node> subs = new LinkedHashMap<>();

        Node(String name) { this.name = name; }
    }

    /** An entity open on the call stack at {@code depth}. */
    private static final class Frame {
        final Node node;
        final int depth;
        final long wall0, lua0;
        long childWall, childLua;      // time of recorded callees, for EXCLUSIVE

        Frame(Node node, int depth, long wall0, long lua0) {
            this.node = node;
            this.depth = depth;
            this.wall0 = wall0;
            this.lua0 = lua0;
        }
    }

    private Frame top() { return open.get(open.size() - 1); }

    /** Records open and close events from now on, the root's open first (see {@link Timeline}). */
    Timeline recordTimeline() {
        timeline = new Timeline();
        Frame root = open.get(0);
        timeline.open(root.node.name, root.wall0);
        return timeline;
    }

    /** Activation {@code ci} was pushed: a callee of the top entity unless deeper than the limit. */
    void called(Activation ci, long now, long lua) {
        closeFrom(ci.depth, now, lua);                 // frames left there were unwound unseen
        if (dead || ci.depth - baseDepth > limit || top().depth != ci.depth - 1) return;
        open(ci, now, lua);
    }

    /** Lua: CALLT. The callee replaces the caller at the caller's level (LuaVela: IPROF_CALLT). */
    void tailCalled(Activation ci, long now, long lua) {
        closeFrom(ci.depth + 1, now, lua);
        if (dead || top().depth != ci.depth || open.size() == 1) return;
        close(now, lua);
        open(ci, now, lua);
    }

    /** Activation {@code ci} returns: closes it, and the start frame's return ends the profile. */
    void returning(Activation ci, long now, long lua) {
        closeFrom(ci.depth, now, lua);
    }

    /** An error cuts the call stack to {@code depth} (LuaVela: uj_iprof_unwind). */
    void unwinding(int depth, long now, long lua) {
        closeFrom(depth + 1, now, lua);
    }

    /** Closes the entities at {@code depth} and above; reaching the root discards the profile. */
    private void closeFrom(int depth, long now, long lua) {
        while (!dead && top().depth >= depth) {
            if (open.size() == 1) {
                dead = true;
                return;
            }
            close(now, lua);
        }
    }

    private void open(Activation ci, long now, long lua) {
        Node parent = top().node;
        Object key = ci.isLua() ? ci.closure.p : "builtin " + ci.builtin.name;
        Node n = parent.subs.get(key);
        if (n == null) {
            n = new Node(ci.isLua() ? functionName(ci.closure.p) : (String) key);
            parent.subs.put(key, n);
        }
        n.calls++;
        open.add(new Frame(n, ci.depth, now, lua));
        if (timeline != null) timeline.open(n.name, now);
    }

    /** Closes the top entity: INCLUSIVE keeps totals, EXCLUSIVE subtracts the recorded callees. */
    private void close(long now, long lua) {
        Frame f = open.remove(open.size() - 1);
        if (timeline != null) timeline.close(f.node.name, now);
        long dw = now - f.wall0, dl = lua - f.lua0;
        boolean self = mode == EXCLUSIVE;
        f.node.wall += self ? dw - f.childWall : dw;
        f.node.lua += self ? dl - f.childLua : dl;
        if (!open.isEmpty()) {
            Frame parent = top();
            parent.childWall += dw;
            parent.childLua += dl;
        }
    }

    /** Ends the profile ({@code stop}): closes every open entity and returns the tree. */
    Entity finish(long now, long lua) {
        while (!open.isEmpty()) close(now, lua);
        return toEntity(root);
    }

    private static Entity toEntity(Node n) {
        Map<String, Entity> subs = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Node c : n.subs.values()) {
            int k = seen.merge(c.name, 1, Integer::sum);
            Entity e = toEntity(c);
            String name = k == 1 ? c.name : c.name + " #" + k;     // two prototypes, one name
            subs.put(name, new Entity(name, e.calls, e.wallNanos, e.luaNanos, e.subs));
        }
        return new Entity(n.name, n.calls, n.wall, n.lua, subs);
    }

    /** LuaVela's names: "main chunk", or "function <chunkname>:<linedefined>". */
    static String functionName(Proto p) {
        return p.lineDefined == 0 ? "main chunk" : "function " + p.source + ":" + p.lineDefined;
    }
}
