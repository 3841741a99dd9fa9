package dev.moonstack.debug;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.code.Instr;
import dev.moonstack.code.OpCode;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.Proto;
import dev.moonstack.vm.Activation;
import dev.moonstack.vm.ChunkLoader;
import dev.moonstack.vm.DebugHook;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.Hooks;
import dev.moonstack.vm.LuaThread;
import dev.moonstack.vm.Traceback;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The debugger of one runtime: line, function and exception breakpoints, stepping, pause, stops
 * and the commands that end them, driven by the executor's interrupt slow path ({@link DebugHook}), in the manner of
 * Duktape's debugger (duk_debugger.c, duk__executor_interrupt and its "checked execution").
 *
 * <p>Only activations in checked mode see every instruction: those of functions with a
 * breakpoint line, and those a step takes part in. A function with a breakpoint is marked on its
 * prototype ({@link Proto#setChecked}), so that only its calls leave the executor's inline call
 * path; entering it (or returning into it) turns {@link Hooks#MASK_DEBUG} on for its coroutine
 * while it runs. Steps and function breakpoints set the mask on every coroutine. See
 * docs/execution.md, "The debugger".
 *
 * <p>A stop blocks the script's thread in {@link #stop}, which serves inspection requests
 * there (the runtime runs on one thread at a time) until a resume command arrives. Inspection
 * methods may be called from the listener or from any other thread while stopped.
 */
public final class Debugger implements DebugHook {
    /** What a step is: Duktape's step into / over / out, for coroutine {@code co} at call depth {@code depth}. */
    enum StepKind { IN, OVER, OUT }

    private record Step(StepKind kind, LuaThread co, int depth) {}

    private final GlobalState G;
    private final ChunkLoader originalLoader;
    private volatile DebugListener listener;
    /** Chunk name to the source name breakpoints and frames use (see {@link #setSourceNames}). */
    private volatile java.util.function.UnaryOperator<String> sourceNames = java.util.function.UnaryOperator.identity();

    /** Breakpoints by chunk source, as the client set them. */
    private final Map<String, List<Breakpoint>> bySource = new ConcurrentHashMap<>();
    /** The chunks loaded since attaching, and the binding of line breakpoints to their functions. */
    private final Chunks chunks;
    /** Bound breakpoints: prototype to line to breakpoint. Replaced whole (read without locks). */
    private volatile Map<Proto, Map<Integer, Breakpoint>> index = Map.of();
    /** Function breakpoints, matched on entry to Lua functions while there are any. */
    private volatile List<Breakpoint> functions = List.of();
    /** Exception breakpoint filters: errors no Lua handler catches, every error. */
    private volatile boolean breakUncaught, breakAll;
    /** The error last reported to {@link #raised}, so that a rethrow of the same one stops once. Script thread only. */
    private LuaError lastRaised;

    private volatile Step step;
    /** Set for the next instruction that reaches the slow path: stop (pause, entry), update the mask. */
    private volatile StopEvent.Reason pauseWanted;
    private volatile boolean updateWanted;
    /** Whether MASK_DEBUG is on in every coroutine (a step, function breakpoints); any thread may apply masks. */
    private volatile boolean maskOn;
    /** The prototypes marked checked ({@link Proto#setChecked}), to unmark when the index changes. */
    private java.util.Set<Proto> marked = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** Line memory per coroutine (Lua: L->oldpc, kept apart from the line hook's). Script thread only. */
    private final Map<LuaThread, LineState> lines = new WeakHashMap<>();
    /** Inside a stop, an evaluation or a condition: the debugger does not look at instructions. */
    private boolean busy;
    /** Stopped inside a builtin's poll ({@link #pauseInBuiltin}). Script thread only. */
    private boolean inBuiltin;
    /** The host calls {@link #cooperate}; requests for an idle runtime wait for it there. */
    private volatile boolean cooperating;
    private final LinkedBlockingQueue<Runnable> idleTasks = new LinkedBlockingQueue<>();
    /** Running an idle request inside {@link #cooperate}. Script thread only. */
    private volatile boolean serving;

    // the stop: set on the script thread, read by commands from others
    private volatile Thread scriptThread;
    private volatile boolean stopped;
    private volatile StepKind resumeWith;
    private volatile boolean resumeFree;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private volatile Inspector inspector;
    private final Map<LuaThread, Integer> threadIds = new WeakHashMap<>();
    private int nextThreadId = 1;

    private Debugger(GlobalState G) {
        this.G = G;
        this.originalLoader = G.loader;
        this.chunks = new Chunks(originalLoader);
    }

    /** Attaches a debugger to {@code lua}, on the thread that runs it, while no script runs. */
    public static Debugger attach(Lua lua) { return attach(Runtimes.state(lua)); }

    public static Debugger attach(GlobalState G) {
        if (G.debugHook != null) throw new IllegalStateException("a debugger is already attached");
        Debugger d = new Debugger(G);
        ChunkLoader inner = d.originalLoader;
        G.loader = (source, name) -> d.chunkLoaded(inner.compile(source, name), source);
        G.debugHook = d;
        G.interrupts.setPauseInBuiltin(d::pauseInBuiltin);
        return d;
    }

    /**
     * Detaches: breakpoints and steps go, the runtime runs at full speed, a stop continues. A
     * coroutine whose mask is still on then clears it at its next slow-path visit
     * (Interrupts.serve without a debugger).
     */
    public void detach() {
        G.debugHook = null;                           // first: a stop ending below sees it (see stop)
        G.interrupts.setPauseInBuiltin(null);
        G.loader = originalLoader;
        reset();
        updateWanted = false;
        G.interrupts.requestPause(false);
        if (G.interrupts.runningThread() == null) setMask(false, null);   // else as said above
    }

    /**
     * Forgets what a client asked for (a client left): breakpoints, steps and exception
     * filters go and a stop continues; the debugger stays attached for the next client. Any thread.
     */
    public void reset() {
        bySource.clear();
        index = Map.of();
        functions = List.of();
        breakUncaught = breakAll = false;
        step = null;
        pauseWanted = null;
        mark();
        if (stopped) resume(null);
        else maskChanged(false);
    }

    public void setListener(DebugListener l) { listener = l; }

    /**
     * How chunk names map to the source names of breakpoints, stops and frames: a DAP client
     * names files by absolute path, a script run from a directory loads "@rel/file.lua", so the
     * adapter maps "@rel/file.lua" to "@/dir/rel/file.lua". Identity by default. Set it before
     * scripts load.
     */
    public void setSourceNames(java.util.function.UnaryOperator<String> f) {
        sourceNames = f;
        chunks.rename(f);
        for (List<Breakpoint> bps : bySource.values()) for (Breakpoint bp : bps) if (chunks.bind(bp)) notifyChanged(bp);
        reindex(true);
    }

    /** The source name of chunk name {@code chunkName}. */
    public String sourceName(String chunkName) { return sourceNames.apply(chunkName); }

    public GlobalState state() { return G; }

    // ------------------------------------------------------------------ breakpoints

    /**
     * Replaces the breakpoints of chunk {@code source} (e.g. "@path/file.lua") and returns
     * them bound: verified, with the line moved to the next line with code, when a chunk with
     * that source is loaded; otherwise pending until one loads. Any thread.
     */
    public List<Breakpoint> setBreakpoints(String source, List<Breakpoint> bps) {
        if (bps.isEmpty()) bySource.remove(source); else bySource.put(source, new CopyOnWriteArrayList<>(bps));
        for (Breakpoint bp : bps) chunks.bind(bp);
        reindex(true);
        return bps;
    }

    /**
     * Replaces the function breakpoints (made by {@link Breakpoint#function}); each is verified
     * when its name is a path of names. Any thread.
     */
    public List<Breakpoint> setFunctionBreakpoints(List<Breakpoint> bps) {
        for (Breakpoint bp : bps) bp.verified = bp.function.matches("[A-Za-z_][A-Za-z0-9_]*([.:][A-Za-z_][A-Za-z0-9_]*)*");
        functions = List.copyOf(bps);
        maskChanged(false);
        return bps;
    }

    /**
     * The exception breakpoint filters: stop where an error is raised that no Lua handler
     * catches ({@code uncaught}), or where any error is raised ({@code all}). Any thread.
     */
    public void setExceptionBreakpoints(boolean uncaught, boolean all) {
        breakUncaught = uncaught;
        breakAll = all;
    }

    /** The text of the chunk with source name {@code source} loaded last (DAP's source request), or null. */
    public byte[] sourceText(String source) { return chunks.text(source); }

    /** The source names of the chunks loaded since attaching, each once. */
    public List<String> loadedSources() { return chunks.sources(); }

    private Proto chunkLoaded(Proto main, byte[] text) {
        String chunk = main.source == null ? "=?" : main.source.toString();
        if (chunk.equals("=(eval)")) return main;         // the debugger's own evaluations
        String source = sourceName(chunk);
        chunks.add(chunk, main, text, source);
        List<Breakpoint> bps = bySource.get(source);
        if (bps != null) {
            for (Breakpoint bp : bps) {
                if (chunks.bind(bp)) notifyChanged(bp);
            }
            reindex(false);                               // the new functions cannot be running yet
        }
        return main;
    }

    /**
     * Rebuilds the index of bound breakpoints (each chunk of a source at its own first line with
     * code, so that the functions of a chunk loaded before a reload keep theirs), marks its
     * functions checked, and has the masks follow. {@code running}: a function just marked may
     * have activations already, whose coroutines must be watched (not so for a chunk just loaded).
     */
    private synchronized void reindex(boolean running) {
        Map<Proto, Map<Integer, Breakpoint>> idx = new IdentityHashMap<>();
        for (List<Breakpoint> bps : bySource.values()) {
            for (Breakpoint bp : bps) if (bp.verified) chunks.index(bp, idx);
        }
        index = idx;
        mark();
        maskChanged(running && !idx.isEmpty());
    }

    /**
     * Marks the functions of the index checked and unmarks those that left it
     * ({@link Proto#setChecked}): only calls of marked functions leave the executor's inline
     * call path, and there {@link DebugHook#landed} is told.
     */
    private synchronized void mark() {
        Map<Proto, Map<Integer, Breakpoint>> idx = index;
        for (Proto p : marked) if (!idx.containsKey(p)) p.setChecked(false);
        java.util.Set<Proto> now = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Proto p : idx.keySet()) {
            p.setChecked(true);
            now.add(p);
        }
        marked = now;
    }

    /** Whether the first instruction of {@code p} is VARARGPREP, where no line starts (as Lua's hooks). */
    static int firstInstruction(Proto p) {
        return p.isVararg && p.code.length > 0 && Instr.op(p.code[0]) == OpCode.OP_VARARGPREP ? 1 : 0;
    }

    private void notifyChanged(Breakpoint bp) {
        DebugListener l = listener;
        if (l != null) l.onBreakpointChanged(bp);
    }

    // ------------------------------------------------------------------ the mask

    /** Whether every coroutine is watched: a step, or function breakpoints (exception filters need no mask). */
    private boolean maskWanted() {
        return step != null || !functions.isEmpty();
    }

    /**
     * What to watch changed: the masks follow, every coroutine's for a step or function
     * breakpoints and, with {@code arm}, those of coroutines whose stacks hold a function just
     * marked checked. While no script runs, now; on the script thread at the end of the stop (or
     * now, outside one); from another thread while a script runs, at the next slow-path visit,
     * which the pause flag brings within a window.
     */
    private void maskChanged(boolean arm) {
        if (!arm && maskWanted() == maskOn) return;
        Thread t = G.interrupts.runningThread();
        if (t == null || (t == Thread.currentThread() && !stopped)) {
            setMask(maskWanted(), null);
        } else {
            updateWanted = true;
            if (t != Thread.currentThread()) G.interrupts.requestPause(true);
        }
    }

    /**
     * Sets MASK_DEBUG on every coroutine (found by {@link ThreadWalk}) if {@code on}, else on
     * those whose stacks hold a checked activation, and clears it on the others.
     */
    private void setMask(boolean on, LuaThread running) {
        for (LuaThread co : ThreadWalk.all(G, running)) Hooks.setDebug(co, on || hasChecked(co));
        maskOn = on;
    }

    /** Whether the stack of {@code co} holds an activation of a function with a breakpoint (from the top: it is usually near). */
    private boolean hasChecked(LuaThread co) {
        Map<Proto, Map<Integer, Breakpoint>> idx = index;
        if (idx.isEmpty()) return false;
        for (int d = co.calls.depth(); d >= 1; d--) {
            Activation a = co.calls.at(d);
            if (a.isLua() && idx.containsKey(a.closure.p)) return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ the interrupt path

    @Override public boolean checked(LuaThread L) { return isChecked(L, L.currentActivation()); }

    /**
     * Control moved to {@code ci} without a service: a checked activation (a function with a
     * breakpoint, reached through the slow call path its prototype's mark forces, or a step's
     * part) has its coroutine watched and the countdown served before its next instruction.
     */
    @Override public void landed(LuaThread L, Activation ci) {
        if (!isChecked(L, ci)) return;
        Hooks.enterChecked(L);
        // a hook function (debug.sethook) is entered from that slow path (its loop starts by
        // serving) and returns into it (its reload follows the mask): a bump of the epoch would
        // make the hooked activation's loop serve its instruction again, and run its line hook again
        boolean hookEdge = (ci.flags & Activation.HOOKED) != 0
                || ci.depth > 1 && (L.calls.at(ci.depth - 1).flags & Activation.HOOKED) != 0;
        if (!hookEdge) Hooks.forceService(L);
    }

    /** Whether {@code ci} runs inside a hook function: below it, an activation is HOOKED (Lua: CIST_HOOKED). */
    private static boolean inHook(LuaThread L, Activation ci) {
        for (int d = ci.depth - 1; d > 0; d--) if ((L.calls.at(d).flags & Activation.HOOKED) != 0) return true;
        return false;
    }

    /** An exception breakpoint: stops at the error point if a filter asks for this error. */
    @Override public void raised(LuaThread L, LuaError e) {
        if (busy || e == lastRaised || !(breakAll || breakUncaught)) return;
        lastRaised = e;
        if (!breakAll && Hooks.caught(L)) return;
        stop(L, L.currentActivation(), StopEvent.Reason.EXCEPTION, null, Inspector.message(e));
    }

    /**
     * The function breakpoint of a Lua activation about to run its first instruction: the one
     * whose name path, looked up raw from the globals now, holds a closure of the same function.
     */
    private Breakpoint functionBreakpoint(Activation ci) {
        List<Breakpoint> fs = functions;
        if (fs.isEmpty() || !ci.isLua() || ci.savedPc > firstInstruction(ci.closure.p) + 1) return null;
        for (Breakpoint bp : fs) {
            Object f = bp.verified ? resolve(G.globals, bp.function) : null;
            if (f instanceof LuaClosure && ((LuaClosure) f).p == ci.closure.p) return bp;
        }
        return null;
    }

    /** The value a name path ("mod.f", "obj:m") reaches by raw lookups from {@code t}, or null. */
    private static Object resolve(LuaTable t, String path) {
        Object cur = t;
        for (String name : path.split("[.:]")) {
            if (!(cur instanceof LuaTable)) return null;
            cur = ((LuaTable) cur).getStrRef(LuaString.of(name));
        }
        return cur;
    }

    /** Checked mode (Duktape: checked execution): a function with a breakpoint, or a step's part. */
    private boolean isChecked(LuaThread L, Activation ci) {
        if (busy) return false;
        Step st = step;
        if (st != null) {
            if (st.kind == StepKind.IN) return true;
            if (L == st.co ? ci.depth <= st.depth : left(st.co)) return true;
        }
        return ci.isLua() && (index.containsKey(ci.closure.p) || functionBreakpoint(ci) != null);
    }

    /** Whether a stepping coroutine is no longer running or waiting for one it resumed. */
    private static boolean left(LuaThread co) {
        return co.status() == LuaThread.SUSPENDED || co.status() == LuaThread.DEAD;
    }

    @Override public void beforeInstruction(LuaThread L, Activation ci) {
        if (busy) return;
        scriptThread = Thread.currentThread();
        if (G.interrupts.pauseRequested()) {
            G.interrupts.requestPause(false);
            if (updateWanted) {
                updateWanted = false;
                setMask(maskWanted(), L);
            }
        }
        if (!maskOn && pauseWanted == null && !isChecked(L, ci)) {
            // an unchecked activation runs at full speed; a return into a checked one lands
            // (RETHOOK). The mask stays on inside a hook function, and while the script's own
            // call or line hook serves every instruction anyway: entering or leaving a hook
            // function must not turn it on again, which would make the hooked activation serve
            // its instruction, and run its hook, again (see landed)
            if (!inHook(L, ci) && (L.hookMask() & (Hooks.MASK_CALL | Hooks.MASK_LINE)) == 0) Hooks.leaveChecked(L);
            return;
        }
        Proto p = ci.closure.p;
        int npci = ci.savedPc - 1;
        if (npci < firstInstruction(p)) return;        // VARARGPREP: no line starts there
        LineState lineState = lines.computeIfAbsent(L, k -> new LineState());
        boolean newLine = lineState.advance(L, ci, npci);
        StopEvent.Reason pause = pauseWanted;
        if (pause != null) {
            pauseWanted = null;
            stop(L, ci, pause, null, null);
            return;
        }
        Step st = step;
        if (st != null && !lineState.inHook && stepDone(st, L, ci, newLine)) {   // a step never ends in a hook function
            stop(L, ci, StopEvent.Reason.STEP, null, null);
            return;
        }
        if (!newLine) return;
        Breakpoint bp = npci == firstInstruction(p) ? functionBreakpoint(ci) : null;
        if (bp == null) {
            Map<Integer, Breakpoint> m = index.get(p);
            bp = m == null ? null : m.get(p.line(npci));
        }
        if (bp != null) hit(L, ci, bp);
    }

    /**
     * Whether step {@code st} ends before this instruction: in the stepping coroutine, at a
     * new line at its depth (over), at any depth (in), or anywhere once its frame is gone;
     * elsewhere, once the stepping coroutine has yielded or ended (back in the resumer), or at a
     * new line for a step in (into a resumed coroutine).
     */
    private static boolean stepDone(Step st, LuaThread L, Activation ci, boolean newLine) {
        if (L != st.co) return left(st.co) || (st.kind == StepKind.IN && newLine);
        if (ci.depth < st.depth) return true;
        if (st.kind == StepKind.OUT) return false;
        return newLine && (ci.depth == st.depth || st.kind == StepKind.IN);
    }

    /** A breakpoint's line starts: condition, hit count, then a log message or a stop. */
    private void hit(LuaThread L, Activation ci, Breakpoint bp) {
        if (bp.condition != null) {
            busy = true;
            Inspector.Result r;
            try {
                r = Inspector.evaluateIn(L, L, ci, "return " + bp.condition, bp);
            } finally {
                busy = false;
            }
            if (r.error() != null) {
                output("breakpoint condition '" + bp.condition + "' failed: " + r.error() + "\n");
                return;
            }
            if (!r.truthy()) return;
        }
        bp.hits++;
        if (!bp.hitPasses(bp.hits)) return;
        if (bp.logMessage != null) {
            busy = true;
            try {
                output(Inspector.interpolate(L, ci, bp.logMessage) + "\n");
            } finally {
                busy = false;
            }
            return;
        }
        stop(L, ci, bp.function != null ? StopEvent.Reason.FUNCTION_BREAKPOINT : StopEvent.Reason.BREAKPOINT, bp, null);
    }

    private void output(String s) {
        DebugListener l = listener;
        if (l != null) l.onOutput(s);
    }

    // ------------------------------------------------------------------ stops and commands

    /**
     * The stop: reports it and serves requests on this, the script's, thread until a resume
     * command; then arms the step it asked for. {@code ci} may be a Java builtin's (an error
     * raised there); the stop's place is then that of the innermost Lua activation.
     */
    private void stop(LuaThread L, Activation ci, StopEvent.Reason reason, Breakpoint bp, String text) {
        step = null;
        busy = true;
        resumeWith = null;
        resumeFree = false;
        tasks.clear();
        inspector = new Inspector(this, L);
        Activation at = ci;
        while (!at.isLua() && at.depth > 0) at = L.calls.at(at.depth - 1);
        StopEvent ev = new StopEvent(reason, L, threadId(L), at.isLua() ? sourceName(at.closure.p.source.toString()) : "=[C]",
                at.isLua() ? Traceback.currentLine(at) : -1, ci.depth == 0 ? "host" : Traceback.functionName(L, ci), ci.depth, bp, text);
        stopped = true;
        try {
            DebugListener l = listener;
            if (l != null) l.onStop(ev);
            while (!resumeFree) {
                try {
                    tasks.take().run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;                            // the host wants its thread back: continue
                }
            }
        } finally {
            stopped = false;
            inspector = null;
            busy = false;
        }
        if (G.debugHook != this) {                    // detached meanwhile: no mask stays on
            setMask(false, L);
            return;
        }
        StepKind k = resumeWith;
        if (k != null) step = new Step(k, L, ci.depth);
        if (updateWanted || maskWanted() != maskOn) {
            updateWanted = false;
            setMask(maskWanted(), L);
        }
    }

    /** Whether the script is stopped. */
    public boolean isStopped() { return stopped; }

    /**
     * A long builtin polls while a pause is requested ({@link dev.moonstack.vm.Interrupts#poll}):
     * the pause stops inside it, the builtin the top frame, so that a pause takes effect within
     * a poll's work (milliseconds) even in a long {@code string.rep} or pattern match. During
     * such a stop nothing runs Lua ({@link #canRun}): the builtin is in the middle of its work.
     */
    private void pauseInBuiltin() {
        if (pauseWanted != StopEvent.Reason.PAUSE || busy || stopped) return;
        LuaThread L = null;
        for (LuaThread t : ThreadWalk.all(G, null)) if (t.status() == LuaThread.RUNNING) L = t;
        if (L == null) return;                        // not found: the next instruction stops
        pauseWanted = null;
        if (!updateWanted) G.interrupts.requestPause(false);
        scriptThread = Thread.currentThread();
        inBuiltin = true;
        try {
            stop(L, L.currentActivation(), StopEvent.Reason.PAUSE, null, null);
        } finally {
            inBuiltin = false;
        }
    }

    /** Whether evaluations may run Lua now: not while stopped inside a builtin's work. */
    String canRun() {
        return inBuiltin ? "paused inside a Java builtin: step or continue before evaluating" : null;
    }

    /**
     * Serves the debugger while no script runs (Duktape: duk_debugger_cooperate). A host whose
     * frame loop runs scripts calls it between them, on the runtime's thread: requests queued for
     * an idle runtime ({@link #whenIdle}) run here, and a pause requested meanwhile stops here,
     * on the main thread with no Lua frame (coroutines, globals and evaluations in the globals
     * can be inspected), until a resume command; a step in then stops at the first line the next
     * script runs. Returns at once with nothing to do; does nothing when called by a script.
     *
     * @throws IllegalStateException if a script runs on another thread
     */
    public void cooperate() {
        Thread me = Thread.currentThread(), owner = G.interrupts.runningThread();
        if (owner == me) return;
        if (owner != null) throw new IllegalStateException("a script runs on thread '" + owner.getName() + "'");
        scriptThread = me;
        cooperating = true;
        if (updateWanted) {                           // asked for while the last script ran
            updateWanted = false;
            setMask(maskWanted(), null);
        }
        for (Runnable r; (r = idleTasks.poll()) != null; ) r.run();
        if (pauseWanted == StopEvent.Reason.PAUSE && !busy) {     // (a stop on entry waits for the script)
            pauseWanted = null;
            G.interrupts.requestPause(false);
            stop(G.mainThread, G.mainThread.currentActivation(), StopEvent.Reason.PAUSE, null, null);
            if (step != null && step.kind != StepKind.IN) step = null;      // over or out of nothing
            if (maskWanted() != maskOn) setMask(maskWanted(), null);
        }
    }

    /** Whether the host has called {@link #cooperate}: requests can wait for it ({@link #whenIdle}). */
    public boolean cooperating() { return cooperating; }

    /**
     * Runs {@code task} on the runtime's thread at the host's next {@link #cooperate}, while no
     * script runs, with an {@link Inspector} of the main thread, and waits up to {@code millis}
     * for its result. Any thread but the runtime's.
     *
     * @throws IllegalStateException if the host did not cooperate within {@code millis}
     */
    public <T> T whenIdle(java.util.function.Function<Inspector, T> task, long millis) {
        FutureTask<T> f = new FutureTask<>(() -> {
            serving = busy = true;                    // breakpoints do not stop what it runs
            try {
                return task.apply(new Inspector(this, G.mainThread));
            } finally {
                serving = busy = false;
            }
        });
        idleTasks.add(f);
        try {
            return f.get(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            idleTasks.remove(f);
            throw new IllegalStateException("the host did not serve the request within " + millis + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    public void continueRun() { resume(null); }

    public void stepIn() { resume(StepKind.IN); }

    public void stepOver() { resume(StepKind.OVER); }

    public void stepOut() { resume(StepKind.OUT); }

    /** Ends the stop; {@code kind} is the step to arm, or null to run freely. Any thread. */
    private void resume(StepKind kind) {
        if (!stopped) throw new IllegalStateException("not stopped");
        resumeWith = kind;
        resumeFree = true;
        tasks.add(() -> {});                        // wakes the stop's loop
    }

    /** Stops at the next instruction that reaches the slow path (within one countdown window). Any thread. */
    public void pause() { requestStop(StopEvent.Reason.PAUSE); }

    /** Stops at the first instruction the script runs (DAP's stopOnEntry). */
    public void stopOnEntry() { requestStop(StopEvent.Reason.ENTRY); }

    private void requestStop(StopEvent.Reason r) {
        if (stopped && !resumeFree) return;            // already stopped (a resume on its way still pauses)
        pauseWanted = r;
        G.interrupts.requestPause(true);
    }

    // ------------------------------------------------------------------ inspection

    /** The id a coroutine has as a thread of the debugger (the main thread is 1). */
    public synchronized int threadId(LuaThread co) {
        if (co == G.mainThread) return 1;
        return threadIds.computeIfAbsent(co, k -> ++nextThreadId);
    }

    /**
     * Runs {@code task} on the stopped script's thread and returns its result: directly when
     * called there (from the listener), else handed to the stop's loop and waited for.
     *
     * @throws IllegalStateException if the script is not stopped
     */
    <T> T onScriptThread(Callable<T> task) {
        if (serving && Thread.currentThread() == scriptThread) {      // an idle request (cooperate)
            try {
                return task.call();
            } catch (Exception e) {
                if (e instanceof RuntimeException) throw (RuntimeException) e;
                throw new IllegalStateException(e);
            }
        }
        if (!stopped) throw new IllegalStateException("not stopped");
        try {
            if (Thread.currentThread() == scriptThread) return task.call();
            FutureTask<T> f = new FutureTask<>(task);
            tasks.add(f);
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) throw (RuntimeException) c;
            throw new IllegalStateException(c);
        } catch (Exception e) {
            if (e instanceof RuntimeException) throw (RuntimeException) e;
            throw new IllegalStateException(e);
        }
    }

    /** The inspection of the current stop. */
    public Inspector inspector() {
        Inspector i = inspector;
        if (i == null) throw new IllegalStateException("not stopped");
        return i;
    }

    /** Every live coroutine, the main thread first. Script thread, while stopped. */
    List<LuaThread> liveThreads(LuaThread running) {
        List<LuaThread> all = new ArrayList<>();
        for (LuaThread t : ThreadWalk.all(G, running)) if (t.status() != LuaThread.DEAD) all.add(t);
        return all;
    }

    /** Per coroutine: which instruction the debugger saw last, to tell when a new line starts. */
    private static final class LineState {
        private Activation ci;
        private Object closure;
        private int lastPc = -1;
        /** Whether {@link #ci} runs inside a hook function (below it, an activation is HOOKED). */
        boolean inHook;

        /**
         * Whether the instruction at {@code npci} of {@code ci} starts a new line (Lua:
         * luaG_traceexec's changedline): a backward jump, another line, or a function's entry.
         * Landing in an activation seen last elsewhere (after a return or a resume) counts from
         * the instruction before, the call, as Lua's rethook sets oldpc.
         */
        boolean advance(LuaThread L, Activation ci, int npci) {
            Proto p = ci.closure.p;
            if (ci != this.ci || ci.closure != this.closure) {
                lastPc = npci <= firstInstruction(p) ? -1 : npci - 1;
                inHook = inHook(L, ci);                 // looked for once per change of activation
            }
            boolean nl = lastPc < 0 || npci <= lastPc || p.line(npci) != p.line(lastPc);
            this.ci = ci;
            this.closure = ci.closure;
            this.lastPc = npci;
            return nl;
        }
    }
}
