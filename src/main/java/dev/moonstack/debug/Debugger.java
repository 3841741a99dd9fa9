package dev.moonstack.debug;

import dev.moonstack.api.Lua;
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
 * breakpoint line, and those a step takes part in. The debugger sets {@link Hooks#MASK_DEBUG} on
 * every coroutine only while it has something to watch; see docs/execution.md, "The debugger".
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
    /** Main prototypes of the chunks loaded since attaching, by source, and their text. */
    private final Map<String, List<Proto>> loaded = new ConcurrentHashMap<>();
    private final Map<String, byte[]> texts = new ConcurrentHashMap<>();
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
    /** Whether MASK_DEBUG is on in every coroutine. Script thread only. */
    private boolean maskOn;
    /** Line memory per coroutine (Lua: L->oldpc, kept apart from the line hook's). Script thread only. */
    private final Map<LuaThread, LineState> lines = new WeakHashMap<>();
    /** Inside a stop, an evaluation or a condition: the debugger does not look at instructions. */
    private boolean busy;

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
    }

    /** Attaches a debugger to {@code lua}, on the thread that runs it, while no script runs. */
    public static Debugger attach(Lua lua) { return attach(lua.state()); }

    public static Debugger attach(GlobalState G) {
        if (G.debugHook != null) throw new IllegalStateException("a debugger is already attached");
        Debugger d = new Debugger(G);
        ChunkLoader inner = d.originalLoader;
        G.loader = (source, name) -> d.chunkLoaded(inner.compile(source, name), source);
        G.debugHook = d;
        return d;
    }

    /** Detaches: breakpoints and steps go, the runtime runs at full speed, a stop continues. */
    public void detach() {
        reset();
        if (maskOn) setMask(false, null);             // no debugger is left to take a deferred update
        updateWanted = false;
        G.interrupts.requestPause(false);
        G.loader = originalLoader;
        G.debugHook = null;
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
        if (stopped) resume(null);
        else maskChanged();
    }

    public void setListener(DebugListener l) { listener = l; }

    /**
     * How chunk names map to the source names of breakpoints, stops and frames: a DAP client
     * names files by absolute path, a script run from a directory loads "@rel/file.lua", so the
     * adapter maps "@rel/file.lua" to "@/dir/rel/file.lua". Identity by default. Set it before
     * scripts load.
     */
    public void setSourceNames(java.util.function.UnaryOperator<String> f) { sourceNames = f; }

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
        for (Breakpoint bp : bps) bind(bp);
        reindex();
        return bps;
    }

    /**
     * Replaces the function breakpoints (made by {@link Breakpoint#function}); each is verified
     * when its name is a path of names. Any thread.
     */
    public List<Breakpoint> setFunctionBreakpoints(List<Breakpoint> bps) {
        for (Breakpoint bp : bps) bp.verified = bp.function.matches("[A-Za-z_][A-Za-z0-9_]*([.:][A-Za-z_][A-Za-z0-9_]*)*");
        functions = List.copyOf(bps);
        maskChanged();
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

    /** The text of a chunk loaded from source text, by its chunk name (DAP's source request). */
    public byte[] sourceText(String source) { return texts.get(source); }

    /** The chunk names loaded since attaching. */
    public List<String> loadedSources() { return new ArrayList<>(loaded.keySet()); }

    private Proto chunkLoaded(Proto main, byte[] text) {
        String chunk = main.source == null ? "=?" : main.source.toString();
        if (chunk.equals("=(eval)")) return main;         // the debugger's own evaluations
        String source = sourceName(chunk);
        loaded.computeIfAbsent(source, k -> new CopyOnWriteArrayList<>()).add(main);
        texts.put(source, text);
        List<Breakpoint> bps = bySource.get(source);
        if (bps != null) {
            for (Breakpoint bp : bps) {
                if (bind(bp)) notifyChanged(bp);
            }
            reindex();
        }
        return main;
    }

    /**
     * Binds {@code bp} to the first line at or after its line that has code, in the chunks of
     * its source loaded so far or, while none is, in the file the source names compiled now
     * (not run), so that a client sees its breakpoints placed before the script starts. Returns
     * true if that changed.
     */
    private boolean bind(Breakpoint bp) {
        List<Proto> mains = loaded.get(bp.source);
        if (mains == null) mains = preview(bp.source);
        int best = Integer.MAX_VALUE;
        if (mains != null) for (Proto m : mains) best = Math.min(best, firstLineFrom(m, bp.requestedLine));
        boolean verified = best != Integer.MAX_VALUE;
        int line = verified ? best : bp.requestedLine;
        boolean changed = verified != bp.verified || line != bp.line;
        bp.verified = verified;
        bp.line = line;
        return changed;
    }

    /** The main function of file chunk {@code source} ("@path") compiled from disk, or null (no such file, a syntax error). */
    private List<Proto> preview(String source) {
        if (!source.startsWith("@")) return null;
        try {
            byte[] text = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(source.substring(1)));
            return List.of(originalLoader.compile(text, LuaString.of(source)));
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** The smallest line at or after {@code from} with an instruction in {@code p} or its nested functions. */
    private static int firstLineFrom(Proto p, int from) {
        int best = Integer.MAX_VALUE;
        for (int pc = firstInstruction(p); pc < p.code.length; pc++) {
            int l = p.line(pc);
            if (l >= from && l < best) best = l;
        }
        for (Proto c : p.p) best = Math.min(best, firstLineFrom(c, from));
        return best;
    }

    /** Rebuilds the index of bound breakpoints, and has the mask follow it. */
    private synchronized void reindex() {
        Map<Proto, Map<Integer, Breakpoint>> idx = new IdentityHashMap<>();
        for (List<Breakpoint> bps : bySource.values()) {
            for (Breakpoint bp : bps) {
                List<Proto> mains = loaded.get(bp.source);
                if (!bp.verified || mains == null) continue;
                for (Proto m : mains) addToIndex(idx, m, bp);
            }
        }
        index = idx;
        maskChanged();
    }

    private static void addToIndex(Map<Proto, Map<Integer, Breakpoint>> idx, Proto p, Breakpoint bp) {
        for (int pc = firstInstruction(p); pc < p.code.length; pc++) {
            if (p.line(pc) == bp.line) {
                idx.computeIfAbsent(p, k -> new java.util.HashMap<>()).putIfAbsent(bp.line, bp);
                break;
            }
        }
        for (Proto c : p.p) addToIndex(idx, c, bp);
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

    private boolean maskWanted() {
        return !index.isEmpty() || step != null || !functions.isEmpty();   // exception filters need no mask
    }

    /**
     * The set of things to watch changed: on the script thread (a stop, a chunk load, a
     * host that is not running a script) the mask follows now; from another thread while a
     * script runs, at the next slow-path visit, which the pause flag brings within a window.
     */
    private void maskChanged() {
        if (maskWanted() == maskOn) return;
        Thread t = G.interrupts.runningThread();
        if (t == null || t == Thread.currentThread()) {
            setMask(maskWanted(), null);
        } else {
            updateWanted = true;
            G.interrupts.requestPause(true);
        }
    }

    /** Sets or clears MASK_DEBUG on every coroutine (found by {@link ThreadWalk}). */
    private void setMask(boolean on, LuaThread running) {
        for (LuaThread co : ThreadWalk.all(G, running)) Hooks.setDebug(co, on);
        maskOn = on;
    }

    // ------------------------------------------------------------------ the interrupt path

    @Override public boolean checked(LuaThread L) { return isChecked(L, L.currentActivation()); }

    @Override public void landed(LuaThread L, Activation ci) {
        if (isChecked(L, ci)) Hooks.forceService(L);
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
        Proto p = ci.closure.p;
        int npci = ci.savedPc - 1;
        if (npci < firstInstruction(p)) return;        // VARARGPREP: no line starts there
        boolean newLine = lines.computeIfAbsent(L, k -> new LineState()).advance(ci, npci);
        StopEvent.Reason pause = pauseWanted;
        if (pause != null) {
            pauseWanted = null;
            stop(L, ci, pause, null, null);
            return;
        }
        Step st = step;
        if (st != null && stepDone(st, L, ci, newLine)) {
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
                at.isLua() ? Traceback.currentLine(at) : -1, Traceback.functionName(L, ci), ci.depth, bp, text);
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
        StepKind k = resumeWith;
        if (k != null) step = new Step(k, L, ci.depth);
        if (maskWanted() != maskOn) setMask(maskWanted(), L);
    }

    /** Whether the script is stopped. */
    public boolean isStopped() { return stopped; }

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

        /**
         * Whether the instruction at {@code npci} of {@code ci} starts a new line (Lua:
         * luaG_traceexec's changedline): a backward jump, another line, or a function's entry.
         * Landing in an activation seen last elsewhere (after a return or a resume) counts from
         * the instruction before, the call, as Lua's rethook sets oldpc.
         */
        boolean advance(Activation ci, int npci) {
            Proto p = ci.closure.p;
            if (ci != this.ci || ci.closure != this.closure) {
                lastPc = npci <= firstInstruction(p) ? -1 : npci - 1;
            }
            boolean nl = lastPc < 0 || npci <= lastPc || p.line(npci) != p.line(lastPc);
            this.ci = ci;
            this.closure = ci.closure;
            this.lastPc = npci;
            return nl;
        }
    }
}
