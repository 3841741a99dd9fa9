package dev.moonstack.prof;

import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.LuaUserdata;
import dev.moonstack.value.MemoryAccount;
import dev.moonstack.value.Proto;
import dev.moonstack.value.UpVal;
import dev.moonstack.vm.Activation;
import dev.moonstack.vm.ChunkLoader;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaThread;
import dev.moonstack.vm.Samples;
import dev.moonstack.vm.Traceback;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The memory profiler of one runtime (LuaJIT/Tarantool: misc.memprof, lj_memprof.c): a
 * running profile, its symbols and the event API that reports allocations to it, written in
 * memprof's format by {@link MemprofWriter}.
 *
 * <p>Addresses are identities, not memory: each prototype, builtin and object gets a number
 * from one counter, so they stay small in ULEB128 and never collide. A prototype's symbol is
 * written when the profile starts (every prototype reachable from the runtime's roots), when a
 * chunk is compiled while it runs (an in-stream SYMTAB event, as LuaJIT writes one when a
 * prototype is made), or at the latest before the first event that names it (binary chunks).
 * A builtin's symbol (its name) is written before its first event.
 *
 * <p>Events come from the runtime's allocation sites through the runtime's memory account
 * ({@link MemoryAccount.Listener}): each Lua object made or resized while the profile runs, in
 * the size model's bytes; prototypes when their chunk is compiled. The objects are followed
 * weakly ({@link LiveObjects}) and a FREE is written when the JVM finds one dead.
 *
 * <p>Attribution, as LuaJIT's (Lua: memprof_write_caller): an allocation while a Lua function
 * runs goes to its current line ({@link AllocSite} finds the instruction where the executor
 * has not saved its pc); one by a builtin called from a Lua function goes to that caller's
 * current line; one by a builtin with no Lua caller (called by another builtin, as in
 * {@code pcall(string.rep, ...)}, or by the host) goes to the builtin, a C location named by
 * its symbol; one with no running coroutine, and every FREE (the collector's work), goes to
 * INTERNAL.
 *
 * <p>Call everything on the runtime's thread. Nothing here is on a fast path: a runtime that
 * is not profiled never reaches this class.
 */
public final class Memprof implements MemoryAccount.Listener {
    /** Lua: LJ_ERR_PROF_ISRUNNING and LJ_ERR_PROF_NOTRUNNING (lj_errmsg.h). */
    public static final String RUNNING = "profiler is running already", NOT_RUNNING = "profiler is not running";

    private static final Map<GlobalState, Memprof> PROFILES = new WeakHashMap<>();

    /** Weak: the table of running profiles must not keep a runtime that was dropped alive. */
    private final java.lang.ref.WeakReference<GlobalState> runtime;
    private final MemprofWriter w;
    private final OutputStream out;
    /** Symbols written so far; weak, so that a profile keeps no prototype alive. */
    private final Map<Proto, Long> protos = new WeakHashMap<>();
    private final Map<String, Long> builtins = new HashMap<>();
    private long nextAddress = 1;
    /** The runtime's chunk loader, and ours that reports what it compiles (null: none). */
    private final ChunkLoader original, loader;
    /** Bytes allocated per stack, root first, when {@link #recordStacks} asked for them; else null. */
    private Map<List<String>, long[]> stacks;
    /** The location found by {@link #locate}: a symbol's address and a line. */
    private long locAddr, locLine;
    /** The objects made while profiling that are still alive, as far as the JVM has said. */
    private final LiveObjects live = new LiveObjects();
    private final AllocSite site = new AllocSite();
    /** The coroutines met (made while profiling, or reachable at its start), to find the running one. */
    private final Map<LuaThread, Boolean> threads = new WeakHashMap<>();
    private WeakReference<LuaThread> lastRunning = new WeakReference<>(null);
    /** An event is being written: allocations meanwhile are the profiler's own. */
    private boolean busy;

    private Memprof(GlobalState G, OutputStream out) {
        this.runtime = new java.lang.ref.WeakReference<>(G);
        this.out = out;
        this.w = new MemprofWriter(out);
        this.original = G.loader;
        this.loader = original == null ? null : (source, name) -> loaded(original.compile(source, name));
    }

    /**
     * Starts profiling runtime {@code G} into {@code out}, which {@link #stop} closes: writes
     * the symbols of the prototypes reachable now and the stream's prologue.
     *
     * @throws IllegalStateException ({@link #RUNNING}) if {@code G} is profiled already
     */
    public static Memprof start(GlobalState G, OutputStream out) {
        synchronized (PROFILES) {
            if (PROFILES.containsKey(G)) throw new IllegalStateException(RUNNING);
            Memprof m = new Memprof(G, out);
            PROFILES.put(G, m);
            m.w.beginSymtab();
            for (Proto p : reachablePrototypes(G, m.threads)) m.symbol(p, false);
            m.w.beginEvents();
            if (m.loader != null) G.loader = m.loader;
            G.memoryAccount().listen(m);
            return m;
        }
    }

    /** As {@link #start(GlobalState, OutputStream)} into a new file (truncated if it exists). */
    public static Memprof start(GlobalState G, Path file) throws IOException {
        synchronized (PROFILES) {
            if (PROFILES.containsKey(G)) throw new IllegalStateException(RUNNING);
            return start(G, Files.newOutputStream(file));
        }
    }

    /** The profile running on {@code G}, or null. */
    public static Memprof running(GlobalState G) {
        synchronized (PROFILES) {
            return PROFILES.get(G);
        }
    }

    /**
     * Ends the profile: writes the epilogue and closes the output.
     *
     * @throws IOException the first error met while writing, if any
     */
    public void stop() throws IOException {
        GlobalState G = runtime.get();
        synchronized (PROFILES) {
            if (G == null || PROFILES.get(G) != this) throw new IllegalStateException(NOT_RUNNING);
            PROFILES.remove(G);
        }
        if (G.loader == loader && loader != null) G.loader = original;
        G.memoryAccount().listen(null);
        live.sweep(this::died);
        w.end();
        IOException e = w.error();
        try {
            out.close();
        } catch (IOException closing) {
            if (e == null) e = closing;
        }
        if (e != null) throw e;
    }

    /**
     * Also counts the bytes of every allocation and reallocation by the allocating stack
     * (as the sampler names frames), for an allocation flame graph; see {@link #allocationStacks}.
     */
    public void recordStacks() {
        if (stacks == null) stacks = new LinkedHashMap<>();
    }

    /**
     * The bytes allocated so far per stack (an INTERNAL allocation's stack is
     * {@code [INTERNAL]}), written by {@link Profiles#write} or {@link FlameGraphs} as collapsed
     * stacks weighted by bytes or a speedscope profile in unit "bytes"; null without
     * {@link #recordStacks}.
     */
    public SampleSet allocationStacks() {
        if (stacks == null) return null;
        Map<List<String>, Long> out = new LinkedHashMap<>();
        stacks.forEach((k, v) -> out.put(k, v[0]));
        return new SampleSet(out, 0);
    }

    private void countStack(LuaThread L, long bytes) {
        List<String> stack = L == null || L.calls.depth() == 0 ? List.of("INTERNAL") : Samples.stack(L);
        stacks.computeIfAbsent(stack, k -> new long[1])[0] += bytes;
    }

    /**
     * Ends the profile of a runtime being closed, if one runs, so that its file is complete
     * (Lua: the on_stop callback at lua_close); a write error is lost, as it is there.
     */
    public static void stopAtClose(GlobalState G) {
        Memprof m = running(G);
        if (m == null) return;
        try {
            m.stop();
        } catch (IOException e) {
            // nothing to report to: the runtime is gone
        }
    }

    // ---------------------------------------------------------------- the event API

    /** A fresh address for an object, never used before in this profile. */
    public long newAddress() { return nextAddress++; }

    /** An allocation of {@code nsize} bytes at {@code naddr} by coroutine {@code L} (null: the runtime). */
    public void alloc(LuaThread L, long naddr, long nsize) {
        alloc(L, null, false, naddr, nsize);
    }

    /** An ALLOC of object {@code o} (null: unknown), or of a part of it that a resize made ({@code resized}). */
    private void alloc(LuaThread L, Object o, boolean resized, long naddr, long nsize) {
        w.header(MemprofWriter.ALLOC, locate(L, o, resized), locAddr, locLine);
        w.uleb(naddr);
        w.uleb(nsize);
        if (stacks != null) countStack(L, nsize);
    }

    /** A resize, e.g. a table's part growing: {@code oaddr} may equal {@code naddr}. */
    public void realloc(LuaThread L, long oaddr, long osize, long naddr, long nsize) {
        realloc(L, null, oaddr, osize, naddr, nsize);
    }

    private void realloc(LuaThread L, Object o, long oaddr, long osize, long naddr, long nsize) {
        w.header(MemprofWriter.REALLOC, locate(L, o, true), locAddr, locLine);
        w.uleb(oaddr);
        w.uleb(osize);
        w.uleb(naddr);
        w.uleb(nsize);
        if (stacks != null && nsize > osize) countStack(L, nsize - osize);
    }

    /** The death of the object at {@code oaddr}, of {@code osize} bytes. */
    public void free(LuaThread L, long oaddr, long osize) {
        w.header(MemprofWriter.FREE, locate(L, null, false), locAddr, locLine);
        w.uleb(oaddr);
        w.uleb(osize);
    }

    /**
     * Finds where an event of {@code L} belongs (see the class comment), about object
     * {@code o} (null: unknown) made or {@code resized}; returns its source and leaves the
     * symbol's address and the line in {@link #locAddr} and {@link #locLine}.
     */
    private int locate(LuaThread L, Object o, boolean resized) {
        int depth = L == null ? 0 : L.calls.depth();
        if (depth == 0) return MemprofWriter.INTERNAL;
        Activation ci = L.calls.at(depth);
        if (ci.isLua() && o != null) {                  // made by an instruction of ci
            locAddr = symbol(ci.closure.p, true);
            locLine = Math.max(0, ci.closure.p.line(site.pc(L, ci, o, resized)));
            return MemprofWriter.LFUNC;
        }
        if (!ci.isLua() && depth > 1 && L.calls.at(depth - 1).isLua()) ci = L.calls.at(depth - 1);
        if (ci.isLua()) {                               // a builtin's work: its caller's line
            locAddr = symbol(ci.closure.p, true);
            locLine = Math.max(0, Traceback.currentLine(ci));
            return MemprofWriter.LFUNC;
        }
        locAddr = symbol(ci.builtin == null ? "?" : ci.builtin.name);
        return MemprofWriter.CFUNC;
    }

    // ---------------------------------------------------------------- the runtime's feed

    /** From the runtime's allocation sites (see {@link MemoryAccount.Listener}). */
    @Override
    public void made(Object o, long bytes) {
        if (busy) return;
        busy = true;
        try {
            live.drain(this::died);
            if (o instanceof LuaThread) threads.put((LuaThread) o, Boolean.TRUE);
            long addr = newAddress();
            live.add(o, addr, bytes);
            alloc(runningThread(), o, false, addr, bytes);
        } finally {
            busy = false;
        }
    }

    /**
     * From the runtime's allocation sites: a table's part or a coroutine's stack resized (see
     * {@link MemoryAccount.Listener#resized}). A part made is an ALLOC, one resized a REALLOC
     * in place, one dropped a FREE, as LuaJIT's allocator sees a table's parts; an object made
     * before the profile gets an address here.
     */
    @Override
    public void resized(Object o, int part, long oldBytes, long newBytes) {
        if (busy) return;
        busy = true;
        try {
            live.drain(this::died);
            LiveObjects.Entry e = live.find(o);
            if (e == null) e = live.add(o, newAddress(), 0);
            LuaThread L = runningThread();
            if (part < 0) {
                realloc(L, o, e.addr, oldBytes, e.addr, newBytes);
                e.size = newBytes;
                return;
            }
            if (e.partAddr == null) {
                e.partAddr = new long[2];
                e.partSize = new long[2];
            }
            long addr = e.partAddr[part];
            if (oldBytes == 0 || addr == 0) addr = newAddress();
            if (oldBytes == 0) {
                alloc(L, o, true, addr, newBytes);
            } else if (newBytes != 0) {
                realloc(L, o, addr, oldBytes, addr, newBytes);
            } else {
                w.header(MemprofWriter.FREE, locate(L, o, true), locAddr, locLine);
                w.uleb(addr);
                w.uleb(oldBytes);
            }
            e.partAddr[part] = newBytes == 0 ? 0 : addr;
            e.partSize[part] = newBytes;
        } finally {
            busy = false;
        }
    }

    /**
     * From the runtime's collector after a full Lua-level collection: the JVM is asked to
     * collect too, so that the objects Lua found dead get their FREE events now.
     */
    @Override
    public void collected() {
        if (busy) return;
        busy = true;
        try {
            System.gc();
            live.sweep(this::died);
        } finally {
            busy = false;
        }
    }

    /** A followed object has died: the FREEs of its parts and itself, the collector's work (Lua: INTERNAL). */
    private void died(LiveObjects.Entry e) {
        for (int part = 0; e.partAddr != null && part < 2; part++) {
            if (e.partAddr[part] != 0) freed(e.partAddr[part], e.partSize[part]);
        }
        if (e.size != 0) freed(e.addr, e.size);
    }

    private void freed(long addr, long size) {
        w.header(MemprofWriter.FREE, MemprofWriter.INTERNAL, 0, 0);
        w.uleb(addr);
        w.uleb(size);
    }

    /**
     * The coroutine of the runtime running now, or null: the last one found if it still runs,
     * else the main thread or another one met so far (a coroutine switch costs one search).
     */
    private LuaThread runningThread() {
        LuaThread t = lastRunning.get();
        if (t != null && t.status() == LuaThread.RUNNING) return t;
        GlobalState G = runtime.get();
        t = G == null ? null : G.mainThread;
        if (t == null || t.status() != LuaThread.RUNNING) {
            t = null;
            for (LuaThread c : threads.keySet()) {
                if (c != null && c.status() == LuaThread.RUNNING) t = c;
            }
        }
        if (t != null) lastRunning = new WeakReference<>(t);
        return t;
    }

    // ---------------------------------------------------------------- symbols

    /** The address of {@code p}, writing its symbol first if it has none yet. */
    private long symbol(Proto p, boolean inStream) {
        Long a = protos.get(p);
        if (a != null) return a;
        long addr = nextAddress++;
        protos.put(p, addr);
        byte[] chunk = p.source == null ? "=?".getBytes(StandardCharsets.ISO_8859_1) : p.source.bytes();
        w.symLua(inStream, addr, chunk, p.lineDefined);
        return addr;
    }

    /** The address of the builtin named {@code name}, writing its symbol first if it has none yet. */
    private long symbol(String name) {
        Long a = builtins.get(name);
        if (a != null) return a;
        long addr = nextAddress++;
        builtins.put(name, addr);
        w.symC(true, addr, name.getBytes(StandardCharsets.UTF_8));
        return addr;
    }

    /**
     * A chunk compiled while profiling: its prototypes' symbols go into the stream at once,
     * each followed by its ALLOC (at its symbol's address, as LuaJIT's prototype is both).
     */
    private Proto loaded(Proto p) {
        long addr = symbol(p, true);
        if (!busy) {
            busy = true;
            try {
                live.add(p, addr, protoBytes(p));
                alloc(runningThread(), null, false, addr, protoBytes(p));
            } finally {
                busy = false;
            }
        }
        if (p.p != null) for (Proto q : p.p) loaded(q);
        return p;
    }

    /**
     * A prototype's size for the profiler (the size model has none: a marking counts closures,
     * not their prototypes): its object, code and line information, constants (a reference
     * and a long each), nested prototypes, upvalue and local descriptions.
     */
    static long protoBytes(Proto p) {
        return 96 + 4L * p.code.length + (p.lineInfo == null ? 0 : 4L * p.lineInfo.length)
                + (p.k == null ? 0 : 12L * p.k.length) + (p.p == null ? 0 : 4L * p.p.length)
                + (p.upvalues == null ? 0 : 24L * p.upvalues.length) + (p.locVars == null ? 0 : 24L * p.locVars.length);
    }

    /**
     * The prototypes of every Lua function reachable from the runtime's roots (registry,
     * globals, the basic types' metatables), nested ones included: what the leading symtab
     * lists (LuaJIT walks its list of all objects; ours are on the JVM's heap).
     */
    static Iterable<Proto> reachablePrototypes(GlobalState G, Map<LuaThread, Boolean> threads) {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        Map<Proto, Boolean> protos = new LinkedHashMap<>();   // identity: Proto keeps Object's equals
        ArrayDeque<Object> todo = new ArrayDeque<>();
        todo.add(G.registry);
        todo.add(G.globals);
        todo.add(G.mainThread);
        for (LuaTable mt : G.typeMetatables) if (mt != null) todo.add(mt);
        while (!todo.isEmpty()) {
            Object o = todo.poll();
            if (seen.put(o, Boolean.TRUE) != null) continue;
            if (o instanceof LuaTable) {
                LuaTable t = (LuaTable) o;
                if (t.metatable != null) todo.add(t.metatable);
                t.forEach((kr, kn, vr, vn) -> {
                    push(todo, kr);
                    push(todo, vr);
                });
            } else if (o instanceof LuaClosure) {
                LuaClosure c = (LuaClosure) o;
                addProto(protos, c.p);
                for (UpVal u : c.upvals) if (u != null) push(todo, u.ref());
            } else if (o instanceof LuaThread) {
                LuaThread t = (LuaThread) o;
                threads.put(t, Boolean.TRUE);
                for (int i = 0; i < t.top(); i++) push(todo, t.ref(i));
                for (int d = 1; d <= t.calls.depth(); d++) push(todo, t.calls.at(d).closure);
            } else if (o instanceof LuaUserdata) {
                LuaUserdata u = (LuaUserdata) o;
                if (u.metatable != null) todo.add(u.metatable);
            }
        }
        return protos.keySet();
    }

    private static void push(ArrayDeque<Object> todo, Object v) {
        if (v instanceof LuaTable || v instanceof LuaClosure || v instanceof LuaThread || v instanceof LuaUserdata) {
            todo.add(v);
        }
    }

    private static void addProto(Map<Proto, Boolean> protos, Proto p) {
        if (protos.put(p, Boolean.TRUE) != null) return;
        if (p.p != null) for (Proto q : p.p) addProto(protos, q);
    }
}
