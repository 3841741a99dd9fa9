package dev.moonstack.jit;

import static dev.moonstack.code.OpCode.OP_CALL;

import dev.moonstack.code.Instr;
import dev.moonstack.value.ChunkId;
import dev.moonstack.value.Proto;
import dev.moonstack.vm.Activation;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaThread;
import dev.moonstack.vm.Tier;
import dev.moonstack.vm.Traceback;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;

/**
 * The compiled tier of one runtime (LuaJIT: the JIT compiler's state in jit_State): the hot
 * counter of each function, when to compile, the global and per-function switches, and the
 * {@code -jv} log. The executor asks it at every call and re-entry ({@link #body}).
 */
public final class Jit implements Tier.Hook {
    public static final String VERSION = "Moonstack JIT 0.1";
    /** Calls before a function is compiled, unless set ({@code -Ohotcall=n}, {@code jit.opt.start}). */
    public static final int DEFAULT_THRESHOLD = 100;

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    /** A function's state, kept in {@link Proto#tier} (LuaJIT: the hotcount and the prototype's flags). */
    static final class Fn {
        int calls;
        Tier.Body body;
        /** Re-entry points of the body: pc 0 and the instruction after each CALL. */
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
    private int generation;
    private int compiled;
    /** The {@code jit} library's table, once opened (see {@link JitLib}). */
    Object library;
    /** Test mode: leave compiled code at random polls and re-entries (see {@link #setDeoptChaos}). */
    private java.util.Random chaos;
    /** Where {@code -jv} logs, or null. */
    private PrintStream verbose;

    private Jit(GlobalState G) {
        this.G = G;
    }

    /** The tier of {@code G}, installed (off) on first use. */
    public static Jit of(GlobalState G) {
        if (G.tier instanceof Jit) return (Jit) G.tier;
        Jit j = new Jit(G);
        G.tier = j;
        return j;
    }

    /** Turns the tier on or off (jit.on(), jit.off(), -joff) for the running coroutine and those to come. */
    public void setOn(LuaThread L, boolean on) {
        L.setTierOn(on);
    }

    /** Calls before compiling; 0 compiles every function at its first call. */
    public void setThreshold(int calls) { threshold = Math.max(calls, 0); }

    public int threshold() { return threshold; }

    /** Logs compilations and aborts to {@code out} ({@code -jv}), or stops with null. */
    public void setVerbose(PrintStream out) { verbose = out; }

    /**
     * Test mode: with a seed, a third of the polls and of the entries of compiled bodies,
     * chosen at random, hand the activation to the interpreter instead, so that the two tiers
     * take over from each other at arbitrary instructions; null turns it off.
     */
    public void setDeoptChaos(Long seed) { chaos = seed == null ? null : new java.util.Random(seed); }

    @Override
    public boolean goOn() { return chaos == null || chaos.nextInt(3) != 0; }

    /** Forgets every compiled body and hot count (jit.flush()); running bodies finish their run. */
    public void flush() { generation++; }

    /** jit.on(f) / jit.off(f): allows or forbids compiling {@code p}; off also drops its body. */
    public void setOn(Proto p, boolean on) {
        Fn f = state(p);
        f.off = !on;
        f.body = null;
        f.abort = null;
        f.calls = 0;
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
        Fn f = state(p);
        if (f.body != null) {
            if (chaos != null && chaos.nextInt(3) == 0) return null;
            return pc == 0 || pc < f.entries.length && f.entries[pc] ? f.body : null;
        }
        if (pc != 0 || f.off || f.abort != null || ++f.calls <= threshold) return null;
        compile(L, ci, p, f);
        return f.body;
    }

    private void compile(LuaThread L, Activation ci, Proto p, Fn f) {
        String where = ChunkId.of(p.source) + ":" + p.lineDefined;
        try {
            Tier.Body b = Compiler.compile(p, LOOKUP);
            boolean[] entries = new boolean[p.code.length + 1];
            entries[0] = true;
            for (int j = 0; j < p.code.length; j++) if (Instr.op(p.code[j]) == OP_CALL) entries[j + 1] = true;
            f.entries = entries;
            f.body = b;
            if (verbose != null) verbose.println("[COMPILE " + (++compiled) + " " + where + " '" + nameOf(L, ci) + "']");
        } catch (Compiler.Abort e) {
            f.abort = e.getMessage();
            if (verbose != null) verbose.println("[ABORT " + where + " -- " + f.abort + "]");
        }
        if (verbose != null) verbose.flush();
    }

    /** The name the caller used ("fib" of "function 'fib'"), or "?". */
    private static String nameOf(LuaThread L, Activation ci) {
        String s = Traceback.functionName(L, ci);
        int q = s.indexOf('\'');
        return q >= 0 && s.endsWith("'") && s.length() > q + 1 ? s.substring(q + 1, s.length() - 1) : "?";
    }
}
