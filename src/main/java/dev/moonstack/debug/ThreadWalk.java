package dev.moonstack.debug;

import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.LuaUserdata;
import dev.moonstack.value.UpVal;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaThread;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Finds every coroutine of a runtime by walking what is reachable from its roots (the
 * registry, the globals, the type metatables, the main thread and the running coroutine with
 * its resumers), as the collector's marking does. The runtime keeps no list of coroutines, and
 * none is kept for the debugger either: coroutines created before it attached are found the
 * same way as later ones (existing Lua debuggers miss those, see the tooling notes).
 * Runs on the script's thread, while the runtime is stopped or not running.
 */
final class ThreadWalk {
    private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    private final ArrayDeque<Object> work = new ArrayDeque<>();
    private final List<LuaThread> threads = new ArrayList<>();

    /** Every coroutine reachable in {@code G}, the main thread first, then in discovery order. */
    static List<LuaThread> all(GlobalState G, LuaThread running) {
        ThreadWalk w = new ThreadWalk();
        w.add(G.mainThread);
        for (LuaThread t = running; t != null; t = t.resumer()) w.add(t);
        w.add(G.registry);
        w.add(G.globals);
        for (LuaTable mt : G.typeMetatables) w.add(mt);
        while (!w.work.isEmpty()) w.visit(w.work.pop());
        return w.threads;
    }

    private void add(Object o) {
        if (o == null || !(o instanceof LuaTable || o instanceof LuaClosure || o instanceof Builtin
                || o instanceof LuaThread || o instanceof LuaUserdata)) return;
        if (seen.put(o, Boolean.TRUE) != null) return;
        if (o instanceof LuaThread) threads.add((LuaThread) o);
        work.push(o);
    }

    private void visit(Object o) {
        if (o instanceof LuaTable) {
            LuaTable t = (LuaTable) o;
            add(t.metatable);
            Object[] r = new Object[2];
            long[] n = new long[2];
            while (t.next(r[0], n[0], r, n, 0)) {
                add(r[0]);
                add(r[1]);
            }
        } else if (o instanceof LuaClosure) {
            for (UpVal u : ((LuaClosure) o).upvals) if (u != null) add(u.ref());
        } else if (o instanceof Builtin) {
            Builtin b = (Builtin) o;
            for (int i = 0; i < b.upvalueCount(); i++) add(b.upvalue(i));
        } else if (o instanceof LuaUserdata) {
            LuaUserdata u = (LuaUserdata) o;
            add(u.metatable);
            for (Object v : u.userRefs) add(v);
        } else if (o instanceof LuaThread) {
            LuaThread t = (LuaThread) o;
            for (int i = 0; i < t.top(); i++) add(t.ref(i));
            for (int d = 1; d <= t.calls.depth(); d++) add(t.calls.at(d).closure);
        }
    }
}
