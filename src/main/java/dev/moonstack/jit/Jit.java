package dev.moonstack.jit;

import static dev.moonstack.code.OpCode.OP_FORLOOP;
import static dev.moonstack.code.OpCode.OP_JMP;
import static dev.moonstack.code.OpCode.OP_TFORLOOP;

import dev.moonstack.code.Instr;
import dev.moonstack.value.ChunkId;
import dev.moonstack.value.Proto;
import dev.moonstack.vm.Activation;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaThread;
import dev.moonstack.vm.Tier;
import dev.moonstack.vm.Traceback;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiled tier of one runtime (LuaJIT: the JIT compiler's state in jit_State): the hot
 * counter of each function, when to compile, the global and per-function switches, and the
 * {@code -jv} log. The executor asks it at every re-entry, and at every call of a function
 * whose body is not published in {@link Proto#compiled} ({@link #body}).
 */
public final class Jit implements Tier.Hook {
    public static final String VERSION = "Moonstack JIT 0.1";
    /** Calls before a function is compiled, unless set ({@code -Ohotcall=n}, {@code jit.opt.start}). */
    public static final int DEFAULT_THRESHOLD = 100;
    /**
     * Countdown windows ({@link dev.moonstack.vm.Interrupts}, 16,384 instructions) that end in
     * a function before it is compiled for its loops, unless set ({@code -Ohotloop=n}).
     */
    public static final int DEFAULT_HOTLOOP = 2;
    /** Instructions the executor serves one by one, looking for a loop head, before it gives up for a window. */
    private static final int SEEK = 4096;

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    /** A function's state, kept in {@link Proto#tier} (LuaJIT: the hotcount and the prototype's flags). */
    static final class Fn {
        int calls;
        /** Countdown windows that ended in the function while it ran interpreted (see {@link #loop}). */
        int loops;
        Tier.Body body;
        /** Re-entry points of the body ({@link Compiler#entries}). */
        boolean[] entries;
        /** Why it was not compiled, or null. */
        String abort;
        /** jit.off(f). */
        boolean off;
        /** The flush generation this state belongs to (see {@link #flush}). */
        int generation;
    }

    private final GlobalState G;
    private int threshold = DEFAULT_THRESHOLD;
    private int hotloop = DEFAULT_HOTLOOP;
    /** The function whose loop head the executor looks for (see {@link #loop}), or null. */
    private Proto seeking;
    private int seekLeft;
    /** Interpreted loops that went on compiled at a re-entry point (for tests). */
    int loopEntries;
    private int generation;
    private int compiled;
    /** The {@code jit} library's table, once opened (see {@link JitLib}). */
    Object library;
    /** Test mode: leave compiled code at random polls and re-entries (see {@link #setDeoptChaos}). */
    private java.util.Random chaos;
    /**
     * Why nothing can be compiled, or null: {@link #NO_ASM} once the compiler failed to load (a
     * host that left ASM, the library the compiler writes classes with, off its class path).
     */
    private String unavailable;
    static final String NO_ASM = "no ASM (org.objectweb.asm) on the class path";
    /** Where {@code -jv} logs, or null. */
    private PrintStream verbose;
    /** Where {@code -jdump} prints, or null. */
    private PrintStream dump;
    /**
     * The prototypes whose body is published in {@link Proto#compiled} (see {@link #publish}),
     * held weakly so that a prototype and its body's hidden class still unload together.
     */
    private final List<WeakReference<Proto>> published = new ArrayList<>();
    /** The size of {@link #published} at which its cleared references are dropped. */
    private int pruneAt = 64;

    private Jit(GlobalState G) {
        this.G = G;
    }

    /**
     * The tier of {@code G}, installed (off) if it was not, without the {@code jit} library:
     * what every runtime gets unless its host said no ({@code Lua.Builder.compiledTier}), so
     * that {@code require "jit"} fails as in lua5.4.
     */
    public static Jit install(GlobalState G) {
        if (G.tier instanceof Jit) return (Jit) G.tier;
        Jit j = new Jit(G);
        G.tier = j;
        return j;
    }

    /**
     * The tier of {@code G} as {@link #install}, for a host or command line that asks for it:
     * asking is what opens the {@code jit} library ({@code require "jit"}; see {@link JitLib}).
     */
    public static Jit of(GlobalState G) {
        Jit j = install(G);
        if (j.library == null) JitLib.open(G, j);
        return j;
    }

    /** Turns the tier on or off (jit.on(), jit.off(), -joff) for the running coroutine and those to come. */
    public void setOn(LuaThread L, boolean on) {
        L.setTierOn(on);
        if (!on) seek(L, null);
    }

    /** Calls before compiling; 0 compiles every function at its first call (and its loops at their first window). */
    public void setThreshold(int calls) {
        threshold = Math.max(calls, 0);
        if (threshold == 0) hotloop = 0;
    }

    public int threshold() { return threshold; }

    /** Countdown windows that end in a function before it is compiled for its loops. */
    public void setHotloop(int windows) { hotloop = Math.max(windows, 0); }

    public int hotloop() { return hotloop; }

    /** Logs compilations and aborts to {@code out} ({@code -jv}), or stops with null. */
    public void setVerbose(PrintStream out) { verbose = out; }

    /**
     * Prints each function compiled from now on to {@code out} ({@code -jdump}): its JVM code
     * with its Lua instructions and source lines ({@link Listing}); null stops.
     */
    public void setDump(PrintStream out) { dump = out; }

    /**
     * Test mode: with a seed, a third of the polls and of the entries of compiled bodies,
     * chosen at random, hand the activation to the interpreter instead, so that the two tiers
     * take over from each other at arbitrary instructions; null turns it off.
     */
    public void setDeoptChaos(Long seed) {
        chaos = seed == null ? null : new java.util.Random(seed);
        if (chaos != null) unpublish();           // every entry asks body(), which chooses
    }

    @Override
    public boolean goOn() { return chaos == null || chaos.nextInt(3) != 0; }

    /** Forgets every compiled body and hot count (jit.flush()); running bodies finish their run. */
    public void flush() {
        generation++;
        seeking = null;
        unpublish();
    }

    /** jit.on(f) / jit.off(f): allows or forbids compiling {@code p}; off also drops its body. */
    public void setOn(Proto p, boolean on) {
        Fn f = state(p);
        f.off = !on;
        f.body = null;
        p.compiled = null;
        f.abort = null;
        f.calls = 0;
        f.loops = 0;
    }

    /** Whether {@code p} has a compiled body now. */
    public boolean isCompiled(Proto p) {
        return p.tier instanceof Fn && ((Fn) p.tier).body != null && ((Fn) p.tier).generation == generation;
    }

    /** Why {@code p} was not compiled, or null. */
    public String abortReason(Proto p) {
        return p.tier instanceof Fn && ((Fn) p.tier).generation == generation ? ((Fn) p.tier).abort : null;
    }

    private Fn state(Proto p) {
        Object o = p.tier;
        Fn f;
        if (o instanceof Fn) {
            f = (Fn) o;
            if (f.generation == generation) return f;
            boolean off = f.off;
            p.tier = f = new Fn();
            f.off = off;
        } else {
            p.tier = f = new Fn();
        }
        f.generation = generation;
        return f;
    }

    @Override
    public Tier.Body body(LuaThread L, Activation ci, int pc) {
        Proto p = ci.closure.p;
        if (p.checked()) return null;             // the debugger checks it: interpreted
        Fn f = state(p);
        if (f.body != null) {
            if (chaos != null && chaos.nextInt(3) == 0) return null;
            return pc == 0 || pc < f.entries.length && f.entries[pc] ? f.body : null;
        }
        if (pc != 0 || f.off || f.abort != null || ++f.calls <= threshold) return null;
        compile(L, ci, p, f, p.lineDefined, nameOf(L, ci));
        return f.body;
    }

    /**
     * A window of the countdown ended in interpreted activation {@code ci} before instruction
     * {@code pc}. The interpreter has no code of its own at backward jumps (the dispatch loop
     * does not grow for the tier), so its one existing poll counts a function's loops: a
     * window that ends in a function counts one, and at {@link #hotloop} it is compiled. If
     * {@code pc} is a re-entry point of the body, the interpreter goes on there; if not, the
     * executor serves the next instructions one by one ({@link Tier#seek}) until the function
     * reaches one (a loop head, at most one iteration away), or gives up after {@link #SEEK}.
     */
    @Override
    public Tier.Body loop(LuaThread L, Activation ci, int pc) {
        Proto p = ci.closure.p;
        if (p.checked()) return null;             // the debugger checks it: interpreted
        if (seeking != null && p != seeking) {     // a callee of the loop: not counted
            if (--seekLeft <= 0) seek(L, null);
            return null;
        }
        Fn f = state(p);
        if (f.body == null) {
            if (f.off || f.abort != null || f.loops++ < hotloop) return null;
            compile(L, ci, p, f, p.line(loopHead(p, pc)), "loop");   // as LuaJIT's -jv: the loop's line
            if (f.body == null) return null;
        }
        if (pc < f.entries.length && f.entries[pc]) {
            seek(L, null);
            loopEntries++;
            return f.body;
        }
        if (seeking == null) {
            seek(L, p);
        } else if (--seekLeft <= 0) {
            seek(L, null);
        }
        return null;
    }

    /** The head of the innermost loop around {@code pc} (the target of a backward jump), or {@code pc}. */
    private static int loopHead(Proto p, int pc) {
        int head = -1;
        for (int j = pc; j < p.code.length; j++) {
            int i = p.code[j], op = Instr.op(i), t = Integer.MAX_VALUE;
            if (op == OP_FORLOOP || op == OP_TFORLOOP) t = j + 1 - Instr.bx(i);
            else if (op == OP_JMP && Instr.sj(i) < 0) t = j + 1 + Instr.sj(i);
            if (t <= pc && t > head) head = t;
        }
        return head < 0 ? pc : head;
    }

    /** Starts looking for a loop head of {@code p}, or stops with null. */
    private void seek(LuaThread L, Proto p) {
        seeking = p;
        seekLeft = SEEK;
        Tier.seek(L, p != null);
    }

    /** Compiles {@code p} (or records why not), and logs it with {@code -jv} as {@code [COMPILE n file:line what]}. */
    private void compile(LuaThread L, Activation ci, Proto p, Fn f, int line, String what) {
        String where = ChunkId.of(p.source) + ":" + line;
        if (unavailable != null) {
            f.abort = unavailable;
            return;
        }
        try {
            Compiler c = new Compiler(p, dump != null ? what : null);
            Tier.Body b = c.define(LOOKUP);
            f.entries = Compiler.entries(p);
            f.body = b;
            publish(p, b);
            compiled++;
            if (verbose != null) verbose.println("[COMPILE " + compiled + " " + where + " " + what + "]");
            if (dump != null) {
                dump.print(c.listing());
                dump.flush();
            }
        } catch (NoClassDefFoundError e) {        // ASM is not on the class path: all stays interpreted
            unavailable = f.abort = NO_ASM;
            if (verbose != null) verbose.println("[ABORT " + where + " -- " + f.abort + "]");
        } catch (Compiler.Abort e) {
            f.abort = e.getMessage();
            if (verbose != null) verbose.println("[ABORT " + where + " -- " + f.abort + "]");
        }
        if (verbose != null) verbose.flush();
    }

    /**
     * Lets calls of {@code p} enter body {@code b} with one field load ({@link Proto#compiled},
     * read by {@link Tier}), without asking {@link #body}: no hot count or flush generation is
     * needed once a body exists. Not in the deoptimization test mode, where entries choose.
     */
    private void publish(Proto p, Tier.Body b) {
        if (chaos != null) return;
        p.compiled = b;
        if (published.size() >= pruneAt) {
            published.removeIf(r -> r.get() == null);
            pruneAt = Math.max(64, 2 * published.size());
        }
        published.add(new WeakReference<>(p));
    }

    /** Clears every published body (a flush): calls ask {@link #body} again. */
    private void unpublish() {
        for (WeakReference<Proto> r : published) {
            Proto p = r.get();
            if (p != null) p.compiled = null;
        }
        published.clear();
        pruneAt = 64;
    }

    /**
     * How -jv names a function compiled for its calls: the name the caller used, quoted
     * ({@code 'fib'} of "function 'fib'"), "main chunk" for a chunk (called from Java), else
     * {@code '?'}.
     */
    private static String nameOf(LuaThread L, Activation ci) {
        String s = Traceback.functionName(L, ci);
        if (s.equals("main chunk")) return s;
        int q = s.indexOf('\'');
        return "'" + (q >= 0 && s.endsWith("'") && s.length() > q + 1 ? s.substring(q + 1, s.length() - 1) : "?") + "'";
    }
}
