package dev.moonstack.dap;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.debug.Breakpoint;
import dev.moonstack.debug.DebugListener;
import dev.moonstack.debug.Debugger;
import dev.moonstack.debug.Inspector;
import dev.moonstack.debug.StopEvent;
import org.eclipse.lsp4j.debug.*;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import dev.moonstack.lib.Loading;
import dev.moonstack.value.ChunkId;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A Debug Adapter Protocol server for one launched script, on lsp4j's debug bindings: it
 * translates DAP requests into calls on {@link Debugger} and {@link Inspector}, and the
 * debugger's stops and output into DAP events. Errors become error responses with a message,
 * never a Java stack trace on the protocol stream.
 */
public final class DapServer implements IDebugProtocolServer {
    private volatile IDebugProtocolClient client;
    private volatile Lua lua;
    private volatile Debugger dbg;
    /** Chunk names of sources without a file, by source reference - 1. */
    private final List<String> sourceRefs = new ArrayList<>();
    /** Whether the exception filter "all" is on (exceptionInfo's break mode). */
    private volatile boolean breakAll;
    /** The message of the last exception stop (exceptionInfo). */
    private volatile String lastException;
    /** The script as the launch names it (its chunk name is "@" and that, as lua.c gives), and the file. */
    private volatile String programName;
    private volatile Path program;
    private volatile List<String> scriptArgs = List.of();
    /** The directory relative chunk names are resolved against (the launch's cwd). */
    private volatile Path cwd = Path.of("").toAbsolutePath();
    /** The launch's or attach's {@code sourceRoots}: workspace directories where chunk names are looked for first. */
    private volatile List<Path> sourceRoots = List.of();
    /** The launch's {@code env}: what os.getenv sees instead of the adapter's environment (a null value: unset). */
    private volatile Map<String, String> env = Map.of();
    /** The status os.exit ended the script with, or null. */
    private volatile Integer exitStatus;
    private volatile boolean stopOnEntry, configured, launched, started;
    /** A runtime made elsewhere, whose script runs already or later (attach); not ended by a disconnect. */
    private final boolean attached;
    /** The script a command line named (--debug-port): run by attach as by launch. */
    private final String presetProgram;
    private final java.util.concurrent.ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        java.lang.Thread t = new java.lang.Thread(r, "dap events");
        t.setDaemon(true);
        return t;
    });

    /** A server for --dap: the client's launch names the script. */
    public DapServer() { this(null, List.of()); }

    /**
     * A server for {@code --debug-port N script}: the script is run when the client attaches (or
     * launches), with {@code args}, relative to the process's working directory.
     */
    public DapServer(String program, List<String> args) {
        this.attached = false;
        this.presetProgram = program;
        this.scriptArgs = List.copyOf(args);
    }

    /**
     * A server for a runtime made elsewhere ({@link DapListener}): {@code dbg} is attached to
     * {@code lua}, whose script runs already or will; the client attaches, and leaving it
     * resets the debugger without stopping the script.
     */
    public DapServer(Lua lua, Debugger dbg) {
        this.attached = true;
        this.presetProgram = null;
        this.lua = lua;
        this.dbg = dbg;
        this.started = true;
    }

    /** Serves one session on {@code in}/{@code out} (stdin/stdout for --dap); returns when the client goes. */
    public static void serve(InputStream in, OutputStream out) throws Exception { new DapServer().serveOn(in, out); }

    /** Serves one session of this server on {@code in}/{@code out}; returns when the client goes. */
    public void serveOn(InputStream in, OutputStream out) throws Exception {
        Launcher<IDebugProtocolClient> launcher = DSPLauncher.createServerLauncher(this, in, out);
        client = launcher.getRemoteProxy();
        try {
            launcher.startListening().get();
        } finally {
            if (attached) dbg.reset();              // the client went: the script runs on freely
        }
    }

    /** For tests and embedders: connects the server to a client proxy made elsewhere. */
    public void connect(IDebugProtocolClient c) { client = c; }

    private static <T> CompletableFuture<T> failed(String msg) {
        CompletableFuture<T> f = new CompletableFuture<>();
        f.completeExceptionally(new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidRequest, msg, null)));
        return f;
    }

    /** Runs a request; an exception becomes an error response carrying only its message. */
    private static <T> CompletableFuture<T> answer(Supplier<T> body) {
        try {
            return CompletableFuture.completedFuture(body.get());
        } catch (RuntimeException e) {
            return failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    @Override public CompletableFuture<Capabilities> initialize(InitializeRequestArguments args) {
        Capabilities c = new Capabilities();
        c.setSupportsConfigurationDoneRequest(true);
        c.setSupportsConditionalBreakpoints(true);
        c.setSupportsHitConditionalBreakpoints(true);
        c.setSupportsLogPoints(true);
        c.setSupportsEvaluateForHovers(true);
        c.setSupportsTerminateRequest(true);
        c.setSupportsSetVariable(true);
        c.setSupportsFunctionBreakpoints(true);
        c.setSupportsExceptionInfoRequest(true);
        c.setSupportsLoadedSourcesRequest(true);
        c.setExceptionBreakpointFilters(new ExceptionBreakpointsFilter[] {
            filter("uncaught", "Uncaught Errors", "errors that no pcall, xpcall or coroutine.resume catches"),
            filter("all", "All Errors", "every error, also those pcall and xpcall catch")});
        c.setSupportsDelayedStackTraceLoading(true);
        // the runtime and its debugger exist from now on, so that breakpoints set before the
        // launch are placed (and verified) at once
        if (!attached) {
            lua = new Lua(new OutputEvents(this, "stdout"), new OutputEvents(this, "stderr"));
            Runtimes.state(lua).exitHandler = this::exit;
            dbg = Debugger.attach(lua);
        }
        dbg.setListener(new Listener());
        if (!attached) dbg.setSourceNames(this::sourceName);
        events.submit(() -> client.initialized());      // after the response (tooling notes, A1)
        return CompletableFuture.completedFuture(c);
    }

    private static ExceptionBreakpointsFilter filter(String id, String label, String description) {
        ExceptionBreakpointsFilter f = new ExceptionBreakpointsFilter();
        f.setFilter(id);
        f.setLabel(label);
        f.setDescription(description);
        f.setDefault_(false);
        return f;
    }

    /** Attaches to the runtime served, or starts the script a command line named. */
    @Override public CompletableFuture<Void> attach(Map<String, Object> args) {
        if (args == null) args = Map.of();                 // lsp4j gives null for "arguments": {}
        if (dbg == null) return failed("attach before initialize");
        try {
            sourceRoots(args.get("sourceRoots"));
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage());
        }
        if (presetProgram != null) {
            try {
                environment(args.get("env"));
            } catch (IllegalArgumentException e) {
                return failed(e.getMessage());
            }
            programName = presetProgram;
            program = cwd.resolve(presetProgram).normalize();
            stopOnEntry = Boolean.TRUE.equals(args.get("stopOnEntry"));
            launched = true;
            startIfReady();
        } else if (!attached) {
            return failed("nothing runs to attach to: use launch");
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override public CompletableFuture<Void> launch(Map<String, Object> args) {
        if (args == null) args = Map.of();
        if (attached) return failed("this adapter serves a script that runs already: use attach");
        if (presetProgram != null) return attach(args);
        Object prog = args.get("program");
        if (!(prog instanceof String)) return failed("launch needs a 'program'");
        cwd = Path.of(args.get("cwd") instanceof String s ? s : ".").toAbsolutePath().normalize();
        programName = (String) prog;
        program = cwd.resolve(programName).normalize();
        if (args.get("args") instanceof List<?> l) scriptArgs = l.stream().map(String::valueOf).toList();
        stopOnEntry = Boolean.TRUE.equals(args.get("stopOnEntry"));
        if (dbg == null) return failed("launch before initialize");
        try {
            sourceRoots(args.get("sourceRoots"));
            environment(args.get("env"));
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage());
        }
        launched = true;
        startIfReady();
        return CompletableFuture.completedFuture(null);
    }

    @Override public CompletableFuture<Void> configurationDone(ConfigurationDoneArguments args) {
        configured = true;
        startIfReady();
        return CompletableFuture.completedFuture(null);
    }

    private synchronized void startIfReady() {
        if (!launched || !configured || started) return;
        started = true;
        if (stopOnEntry) dbg.stopOnEntry();
        java.lang.Thread t = new java.lang.Thread(this::runScript, "moonstack script");
        t.setDaemon(true);
        t.start();
    }

    private void runScript() {
        int code = 0;
        try {
            Runtimes.callRaw(lua, loadProgram(), scriptArgs.toArray());
        } catch (RuntimeException e) {
            code = 1;
            if (exitStatus != null) code = exitStatus;        // os.exit: no error to report
            else output("stderr", "moonstack: " + e.getMessage() + "\n");
        } finally {
            lua.flush();
        }
        ExitedEventArguments ex = new ExitedEventArguments();
        ex.setExitCode(code);
        client.exited(ex);
        client.terminated(new TerminatedEventArguments());
    }

    /**
     * The script as lua.c loads it (chunk name "@" and the path as given, a first "#" line
     * skipped), with the global {@code arg} holding the script name at 0 and its arguments.
     */
    private Object loadProgram() {
        byte[] text;
        try {
            text = Files.readAllBytes(program);
        } catch (IOException e) {
            throw LuaError.plain("cannot open " + programName);
        }
        LuaTable arg = new LuaTable();
        arg.setInt(0, LuaString.of(programName), 0);
        for (int i = 0; i < scriptArgs.size(); i++) arg.setInt(i + 1, LuaString.of(scriptArgs.get(i)), 0);
        Runtimes.state(lua).globals.setStr(LuaString.of("arg"), arg, 0);
        return Runtimes.loadClosure(lua, Loading.skipPrefix(text), "@" + programName);
    }

    /**
     * os.exit under the adapter (the runtime's exit handler): the script ends as an interrupt ends
     * it (an uncatchable stop that no pcall or {@code __close} method outlives, the output flushed
     * already), and {@link #runScript} reports the status with the exited and terminated events;
     * the adapter itself goes on, so that the client gets them.
     */
    private void exit(int status) {
        exitStatus = status;
        endScript(lua);
    }

    /** Ends the script running in {@code lua} from inside it, as an interrupt does (see {@link #exit}). */
    static void endScript(Lua lua) {
        Runtimes.state(lua).interrupts.requestInterrupt();
        Runtimes.state(lua).interrupts.poll(0);
    }

    /** A chunk name as the client names its file (see {@link #sourceName(Path, List, String)}). */
    private String sourceName(String chunk) { return sourceName(cwd, sourceRoots, chunk); }

    /** Chunk name "@rel" as "@" and the absolute path of rel in {@code dir}; other names as they are. */
    static String sourceName(Path dir, String chunk) { return sourceName(dir, List.of(), chunk); }

    /**
     * The source name of a chunk as the client names its file. A file chunk "@p" is looked for
     * in each of {@code roots} (the workspace's directories) in turn: p itself when it is relative,
     * and its tails ("b/c.lua", then "c.lua" for "/build/a/b/c.lua") when p is absolute and no
     * such file exists, so that a game's chunk names map onto the workspace's copies. The first
     * file found is the name; without one, p resolved against {@code dir}. Other names stay as
     * they are (their text comes through the source request).
     */
    static String sourceName(Path dir, List<Path> roots, String chunk) {
        if (!chunk.startsWith("@")) return chunk;
        Path p;
        try {
            p = Path.of(chunk.substring(1));
        } catch (java.nio.file.InvalidPathException e) {
            return chunk;
        }
        if (!roots.isEmpty() && !(p.isAbsolute() && Files.exists(p))) {
            for (Path root : roots) {
                for (int i = p.isAbsolute() ? 0 : -1; i < p.getNameCount(); i++) {
                    Path tail = i < 0 ? p : p.subpath(i, p.getNameCount());
                    if (Files.isRegularFile(root.resolve(tail))) return "@" + root.resolve(tail).normalize();
                    if (!p.isAbsolute()) break;
                }
            }
        }
        return "@" + dir.resolve(p).normalize();
    }

    /** Takes the {@code sourceRoots} argument (a list of directories, relative ones to cwd) and remaps the chunks. */
    private void sourceRoots(Object arg) {
        if (arg == null) return;
        if (!(arg instanceof List<?> l)) throw new IllegalArgumentException("'sourceRoots' must be a list of directories");
        List<Path> roots = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof String d)) throw new IllegalArgumentException("'sourceRoots' must be a list of directories");
            roots.add(cwd.resolve(d).toAbsolutePath().normalize());
        }
        sourceRoots = List.copyOf(roots);
        Path dir = cwd;
        List<Path> rs = sourceRoots;
        dbg.setSourceNames(chunk -> sourceName(dir, rs, chunk));
    }

    /**
     * Takes the {@code env} argument: variables os.getenv sees in the script, over the adapter's
     * own (a null value unsets one). A JVM cannot change its own environment, so os.getenv of the
     * debuggee is replaced by one that looks here first.
     */
    private void environment(Object arg) {
        if (arg == null) return;
        if (!(arg instanceof Map<?, ?> m)) throw new IllegalArgumentException("'env' must be an object of strings");
        Map<String, String> vars = new java.util.HashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getValue() != null && !(e.getValue() instanceof String)) throw new IllegalArgumentException("'env' must be an object of strings");
            vars.put(String.valueOf(e.getKey()), (String) e.getValue());
        }
        env = vars;
        LuaTable os = Runtimes.state(lua).globals.getStrRef(LuaString.of("os")) instanceof LuaTable t ? t : null;
        if (os == null || !(os.getStrRef(LuaString.of("getenv")) instanceof dev.moonstack.vm.Builtin original)) return;
        os.setStr(LuaString.of("getenv"), dev.moonstack.vm.Builtin.of("getenv", (L, base, nargs) -> {
            Object name = nargs >= 1 ? L.ref(base) : null;
            if (name instanceof LuaString && env.containsKey(name.toString())) {
                String v = env.get(name.toString());
                if (v == null) L.pushNil(); else L.pushString(v);
                return 1;
            }
            return original.call(L, base, nargs);
        }), 0);
    }

    void output(String category, String text) {
        OutputEventArguments o = new OutputEventArguments();
        o.setCategory(category);
        o.setOutput(text);
        client.output(o);
    }

    @Override public CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments args) {
        return answer(() -> {
            String chunk = chunkName(args.getSource());
            List<Breakpoint> bps = new ArrayList<>();
            for (SourceBreakpoint sb : args.getBreakpoints() == null ? new SourceBreakpoint[0] : args.getBreakpoints()) {
                bps.add(new Breakpoint(chunk, sb.getLine(), sb.getCondition(), sb.getHitCondition(), sb.getLogMessage()));
            }
            debugger().setBreakpoints(chunk, bps);
            SetBreakpointsResponse r = new SetBreakpointsResponse();
            r.setBreakpoints(bps.stream().map(b -> dapBreakpoint(b, args.getSource())).toArray(org.eclipse.lsp4j.debug.Breakpoint[]::new));
            return r;
        });
    }

    private static org.eclipse.lsp4j.debug.Breakpoint dapBreakpoint(Breakpoint b, Source src) {
        org.eclipse.lsp4j.debug.Breakpoint d = new org.eclipse.lsp4j.debug.Breakpoint();
        d.setId(b.id);
        d.setVerified(b.verified());
        d.setLine(b.line());
        d.setSource(src);
        if (!b.verified()) d.setMessage("not loaded yet");
        return d;
    }

    /** The chunk name a file has when the script loads it: "@" and its absolute path. */
    private String chunkName(Source s) {
        if (s != null && s.getSourceReference() != null && s.getSourceReference() > 0) {
            int i = s.getSourceReference() - 1;
            if (i >= sourceRefs.size()) throw new IllegalArgumentException("no source " + s.getSourceReference());
            return sourceRefs.get(i);
        }
        if (s == null || s.getPath() == null) throw new IllegalArgumentException("a source path is needed");
        return "@" + Path.of(s.getPath()).toAbsolutePath().normalize();
    }

    /**
     * The client's view of a source name: a file ("@path") by its path; a chunk loaded from a
     * string ("=name", or the text) by a source reference whose text the source request gives.
     */
    private Source source(String name) {
        Source s = new Source();
        if (name.startsWith("@")) {
            s.setPath(name.substring(1));
            Path file = Path.of(name.substring(1)).getFileName();
            s.setName(file == null ? name.substring(1) : file.toString());
            return s;
        }
        synchronized (sourceRefs) {
            int i = sourceRefs.indexOf(name);
            if (i < 0) {
                sourceRefs.add(name);
                i = sourceRefs.size() - 1;
            }
            s.setSourceReference(i + 1);
        }
        s.setName(ChunkId.of(LuaString.of(name)));
        return s;
    }

    @Override public CompletableFuture<SourceResponse> source(SourceArguments args) {
        return answer(() -> {
            Source src = args.getSource() != null ? args.getSource() : new Source();
            if (src.getSourceReference() == null || src.getSourceReference() <= 0) src.setSourceReference(args.getSourceReference());
            byte[] text = debugger().sourceText(chunkName(src));
            if (text == null) throw new IllegalArgumentException("no text for this source");
            SourceResponse r = new SourceResponse();
            r.setContent(new String(text, StandardCharsets.UTF_8));
            return r;
        });
    }

    @Override public CompletableFuture<LoadedSourcesResponse> loadedSources(LoadedSourcesArguments args) {
        return answer(() -> {
            LoadedSourcesResponse r = new LoadedSourcesResponse();
            r.setSources(debugger().loadedSources().stream().map(this::source).toArray(Source[]::new));
            return r;
        });
    }

    @Override public CompletableFuture<SetFunctionBreakpointsResponse> setFunctionBreakpoints(SetFunctionBreakpointsArguments args) {
        return answer(() -> {
            List<Breakpoint> bps = new ArrayList<>();
            for (FunctionBreakpoint fb : args.getBreakpoints()) {
                bps.add(Breakpoint.function(fb.getName(), fb.getCondition(), fb.getHitCondition()));
            }
            debugger().setFunctionBreakpoints(bps);
            SetFunctionBreakpointsResponse r = new SetFunctionBreakpointsResponse();
            r.setBreakpoints(bps.stream().map(b -> {
                org.eclipse.lsp4j.debug.Breakpoint x = new org.eclipse.lsp4j.debug.Breakpoint();
                x.setId(b.id);
                x.setVerified(b.verified());
                if (!b.verified()) x.setMessage("not a name path such as f, mod.f or obj:m");
                return x;
            }).toArray(org.eclipse.lsp4j.debug.Breakpoint[]::new));
            return r;
        });
    }

    @Override public CompletableFuture<SetExceptionBreakpointsResponse> setExceptionBreakpoints(SetExceptionBreakpointsArguments args) {
        return answer(() -> {
            boolean uncaught = false, all = false;
            for (String f : args.getFilters()) {
                if (f.equals("uncaught")) uncaught = true;
                else if (f.equals("all")) all = true;
                else throw new IllegalArgumentException("unknown exception filter '" + f + "'");
            }
            breakAll = all;
            debugger().setExceptionBreakpoints(uncaught, all);
            return new SetExceptionBreakpointsResponse();
        });
    }

    @Override public CompletableFuture<ExceptionInfoResponse> exceptionInfo(ExceptionInfoArguments args) {
        return answer(() -> {
            stopped();
            String msg = lastException;
            if (msg == null) throw new IllegalStateException("not stopped at an error");
            ExceptionInfoResponse r = new ExceptionInfoResponse();
            r.setExceptionId("error");
            r.setDescription(msg);
            r.setBreakMode(breakAll ? ExceptionBreakMode.ALWAYS : ExceptionBreakMode.UNHANDLED);
            return r;
        });
    }

    @Override public CompletableFuture<ThreadsResponse> threads() {
        return answer(() -> {
            ThreadsResponse r = new ThreadsResponse();
            Debugger d = dbg;
            if (d == null || !d.isStopped()) {
                org.eclipse.lsp4j.debug.Thread main = new org.eclipse.lsp4j.debug.Thread();
                main.setId(1);
                main.setName("main");
                r.setThreads(new org.eclipse.lsp4j.debug.Thread[] {main});
                return r;
            }
            r.setThreads(d.inspector().threads().stream().map(t -> {
                org.eclipse.lsp4j.debug.Thread th = new org.eclipse.lsp4j.debug.Thread();
                th.setId(t.id());
                th.setName(t.name() + " (" + t.status() + ")");
                return th;
            }).toArray(org.eclipse.lsp4j.debug.Thread[]::new));
            return r;
        });
    }

    @Override public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        return answer(() -> {
            Inspector in = stopped();
            int start = args.getStartFrame() == null ? 0 : args.getStartFrame();
            int levels = args.getLevels() == null ? 0 : args.getLevels();
            StackTraceResponse r = new StackTraceResponse();
            r.setStackFrames(in.stackTrace(args.getThreadId(), start, levels).stream().map(this::frame).toArray(StackFrame[]::new));
            r.setTotalFrames(in.frameCount(args.getThreadId()));
            return r;
        });
    }

    private StackFrame frame(Inspector.FrameInfo f) {
        StackFrame sf = new StackFrame();
        sf.setId(f.id());
        sf.setName(f.name() + (f.tailCall() ? " (tail call)" : ""));
        sf.setLine(Math.max(f.line(), 0));
        sf.setColumn(0);
        if (!f.java()) sf.setSource(source(f.source()));
        if (f.java()) sf.setPresentationHint(StackFramePresentationHint.SUBTLE);
        return sf;
    }

    private Debugger debugger() {
        Debugger d = dbg;
        if (d == null) throw new IllegalStateException("initialize comes first");
        return d;
    }

    private Inspector stopped() {
        Debugger d = dbg;
        if (d == null || !d.isStopped()) throw new IllegalStateException("the script is not stopped");
        return d.inspector();
    }

    @Override public CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
        return answer(() -> {
            ScopesResponse r = new ScopesResponse();
            r.setScopes(stopped().scopes(args.getFrameId()).stream().map(s -> {
                Scope sc = new Scope();
                sc.setName(s.name());
                sc.setVariablesReference(s.variablesReference());
                sc.setExpensive(s.name().equals("Globals"));
                return sc;
            }).toArray(Scope[]::new));
            return r;
        });
    }

    @Override public CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
        return answer(() -> {
            int start = args.getStart() == null ? 0 : args.getStart(), count = args.getCount() == null ? 0 : args.getCount();
            VariablesResponse r = new VariablesResponse();
            String filter = args.getFilter() == null ? null : args.getFilter() == VariablesArgumentsFilter.INDEXED ? "indexed" : "named";
            r.setVariables(stopped().variables(args.getVariablesReference(), filter, start, count).stream().map(v -> {
                Variable dv = new Variable();
                dv.setName(v.name());
                dv.setValue(v.value());
                dv.setType(v.type());
                dv.setVariablesReference(v.variablesReference());
                if (v.indexed() > 0) {                  // a client pages big arrays (filter indexed)
                    dv.setIndexedVariables(v.indexed());
                    dv.setNamedVariables(v.named());
                }
                return dv;
            }).toArray(Variable[]::new));
            return r;
        });
    }

    @Override public CompletableFuture<SetVariableResponse> setVariable(SetVariableArguments args) {
        return answer(() -> {
            Inspector.Variable v = stopped().setVariable(args.getVariablesReference(), args.getName(), args.getValue());
            SetVariableResponse r = new SetVariableResponse();
            r.setValue(v.value());
            r.setType(v.type());
            r.setVariablesReference(v.variablesReference());
            return r;
        });
    }

    /** How long a request waits for a host's {@link Debugger#cooperate} while the script is not stopped. */
    static final long IDLE_WAIT_MS = 5_000;

    /**
     * Evaluates in a frame; a hover looks names up without running anything (no metamethods).
     * While nothing is stopped, a host that cooperates ({@link Debugger#cooperate}) evaluates in
     * the globals between its scripts (the result's tables are not expandable then).
     */
    @Override public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        return answer(() -> {
            int frame = args.getFrameId() == null ? 0 : args.getFrameId();
            boolean hover = EvaluateArgumentsContext.HOVER.equals(args.getContext());
            Debugger d = debugger();
            Inspector.Result res;
            if (!d.isStopped() && d.cooperating()) {
                res = d.whenIdle(in -> hover ? in.hover(0, args.getExpression()) : in.evaluate(0, args.getExpression()), IDLE_WAIT_MS);
                res = new Inspector.Result(res.value(), res.type(), 0, res.error(), res.truthy());
            } else {
                res = hover ? stopped().hover(frame, args.getExpression()) : stopped().evaluate(frame, args.getExpression());
            }
            if (res.error() != null) throw new IllegalArgumentException(res.error());
            EvaluateResponse r = new EvaluateResponse();
            r.setResult(res.value());
            r.setType(res.type());
            r.setVariablesReference(res.variablesReference());
            return r;
        });
    }

    @Override public CompletableFuture<ContinueResponse> continue_(ContinueArguments args) {
        return answer(() -> {
            running().continueRun();
            ContinueResponse r = new ContinueResponse();
            r.setAllThreadsContinued(true);
            return r;
        });
    }

    private Debugger running() {
        Debugger d = dbg;
        if (d == null || !d.isStopped()) throw new IllegalStateException("the script is not stopped");
        return d;
    }

    @Override public CompletableFuture<Void> next(NextArguments args) {
        return answer(() -> { running().stepOver(); return null; });
    }

    @Override public CompletableFuture<Void> stepIn(StepInArguments args) {
        return answer(() -> { running().stepIn(); return null; });
    }

    @Override public CompletableFuture<Void> stepOut(StepOutArguments args) {
        return answer(() -> { running().stepOut(); return null; });
    }

    @Override public CompletableFuture<Void> pause(PauseArguments args) {
        return answer(() -> {
            if (dbg == null) throw new IllegalStateException("nothing runs");
            dbg.pause();
            return null;
        });
    }

    /** Ends the session; the script ends too as {@code terminateDebuggee} asks (default: if launched here). */
    @Override public CompletableFuture<Void> disconnect(DisconnectArguments args) {
        Boolean t = args == null ? null : args.getTerminateDebuggee();
        return answer(() -> { end(t != null ? t : !attached); return null; });
    }

    @Override public CompletableFuture<Void> terminate(TerminateArguments args) {
        return answer(() -> { end(true); return null; });
    }

    /**
     * The client leaves: the debugger forgets its breakpoints (a stop continues) and, if
     * {@code terminate}, the script is stopped with Lua's interrupt; a runtime served for a
     * host stays attached for the next client.
     */
    private void end(boolean terminate) {
        Debugger d = dbg;
        if (d == null) return;
        if (attached) d.reset();
        else d.detach();
        if (terminate) Runtimes.state(lua).interrupts.requestInterrupt();
    }

    /** Stops become "stopped" events; logpoint messages, console output. */
    private final class Listener implements DebugListener {
        @Override public void onStop(StopEvent e) {
            lua.flush();
            StoppedEventArguments s = new StoppedEventArguments();
            lastException = e.reason == StopEvent.Reason.EXCEPTION ? e.text : null;
            s.setReason(switch (e.reason) {
                case BREAKPOINT -> StoppedEventArgumentsReason.BREAKPOINT;
                case FUNCTION_BREAKPOINT -> StoppedEventArgumentsReason.FUNCTION_BREAKPOINT;
                case STEP -> StoppedEventArgumentsReason.STEP;
                case PAUSE -> StoppedEventArgumentsReason.PAUSE;
                case ENTRY -> StoppedEventArgumentsReason.ENTRY;
                case EXCEPTION -> StoppedEventArgumentsReason.EXCEPTION;
            });
            s.setThreadId(e.threadId);
            if (e.text != null) {
                s.setDescription("error");
                s.setText(e.text);
            }
            s.setAllThreadsStopped(true);
            if (e.breakpoint != null) s.setHitBreakpointIds(new Integer[] {e.breakpoint.id});
            client.stopped(s);
        }

        @Override public void onOutput(String text) { output("console", text); }

        @Override public void onBreakpointChanged(Breakpoint bp) {
            BreakpointEventArguments b = new BreakpointEventArguments();
            b.setReason(BreakpointEventArgumentsReason.CHANGED);
            b.setBreakpoint(dapBreakpoint(bp, source(bp.source)));
            client.breakpoint(b);
        }
    }

    /** The script's stdout or stderr as output events, a line (or a flush) at a time. */
    private static final class OutputEvents extends OutputStream {
        private final DapServer server;
        private final String category;
        private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();

        OutputEvents(DapServer server, String category) {
            this.server = server;
            this.category = category;
        }

        @Override public synchronized void write(int b) {
            buf.write(b);
            if (b == '\n') flush();
        }

        @Override public synchronized void flush() {
            if (buf.size() == 0) return;
            server.output(category, buf.toString(StandardCharsets.UTF_8));
            buf.reset();
        }
    }
}
