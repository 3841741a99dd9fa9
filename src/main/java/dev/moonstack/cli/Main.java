package dev.moonstack.cli;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.prof.Memprof;
import dev.moonstack.prof.MemprofReport;
import dev.moonstack.prof.Profiles;
import dev.moonstack.prof.SamplingProfiler;
import dev.moonstack.jit.Jit;
import dev.moonstack.jit.JitLib;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.LuaOps;
import dev.moonstack.vm.LuaThread;
import dev.moonstack.vm.Traceback;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The stand-alone interpreter, behaving as the reference {@code lua} command (Lua 5.4 manual
 * §7, lua.c): {@code moonstack [options] [script [args]]} with {@code -e}, {@code -l},
 * {@code -i}, {@code -v}, {@code -E}, {@code -W}, {@code -} and {@code --}, plus
 * {@code --list} to print chunks' bytecode as {@code luac -l -l} does and {@code --no-compat}
 * to turn Lua 5.3 compatibility off, and {@code --dap} / {@code --debug-port} to run the debug
 * adapter (docs/debugging.md).
 */
public final class Main {
    /** The program name when no launcher gives one (Lua: LUA_PROGNAME). */
    static final String PROGNAME = "moonstack";
    /** Lua: LUA_COPYRIGHT, as print_version shows it; it ends with "PUC-Rio" as Lua's does. */
    static final String VERSION = "Moonstack 0.1 (Lua 5.4)  Copyright (C) 2026 Moonstack authors;"
            + " Lua (C) 1994-2025 Lua.org, PUC-Rio";

    private final PrintStream out;
    private final PrintStream err;
    /**
     * Lua: progname. argv[0] of lua.c: the launcher passes the command as it was typed
     * ({@code -Dmoonstack.progname}); null while the REPL runs (errors without prefix).
     */
    private String progname;
    /** The name at arg[-n], which a script may run again (main.lua does). */
    private final String invokedAs;
    private Lua lua;
    private CtrlC ctrlC = CtrlC.NONE;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        String p = System.getProperty("moonstack.progname", "");
        this.invokedAs = p.isEmpty() ? PROGNAME : p;
        this.progname = invokedAs;
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && (args[0].equals("--dap") || args[0].startsWith("--debug-port"))) {
            debugAdapter(args);
            return;
        }
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        int[] status = {1};          // stays 1 if the thread dies of a Java error (a bug, or a check mode)
        // A generous Java stack: Lua recursion does not use it, but builtins re-entering Lua do.
        Thread t = new Thread(null, () -> status[0] = new Main(out, err).run(args), "moonstack-main", 1L << 28);
        t.start();
        t.join();
        out.flush();
        System.exit(status[0]);
    }

    /**
     * {@code moonstack --dap} (DAP on stdin/stdout) and {@code moonstack --debug-port N [--no-wait]
     * script} (DAP on 127.0.0.1:N): handed to the DAP server, which is optional, so its absence
     * is a message rather than a Java error.
     */
    private static void debugAdapter(String[] args) {
        try {
            dev.moonstack.dap.DapMain.main(args);
        } catch (NoClassDefFoundError e) {
            System.err.println(PROGNAME + ": " + args[0] + " needs org.eclipse.lsp4j.debug on the class path (lib/ beside the launcher)");
            System.exit(1);
        }
    }

    /** Runs the command line; returns the exit status (Lua: main and pmain). */
    int run(String[] argv) {
        Options o;
        try {
            o = Options.parse(argv);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        if (o.list != null) return Luac.listing(o.list, out, err, invokedAs);
        if (o.memprofReport != null) return memprofReport(o.memprofReport);
        String bad = checkProfiling(o);
        if (bad != null) {
            err.println(invokedAs + ": " + bad);
            return 1;
        }
        if (o.version) printVersion();             // as lua.c: before the libraries open
        lua = Lua.builder().stdout(out).stderr(err).ignoreEnvironment(o.ignoreEnv)
                .exitHandler(System::exit).build();     // as lua.c: os.exit ends the process
        if (!o.compat) lua.setCompat53(false);
        if (o.warnings) Runtimes.state(lua).warnings = true;
        Runtimes.state(lua).gc.setGenerational(true);     // as lua.c: "GC in generational mode"
        checkMode(Runtimes.mainThread(lua), System.getProperty("moonstack.check", ""));
        if (o.jitOn != null || o.jitHotcall >= 0 || o.jitHotloop >= 0) jit(o);
        ctrlC = CtrlC.signals(Runtimes.mainThread(lua));
        int status = pmain(argv, o);
        lua.close();                 // as lua.c's lua_close: the remaining finalizers run
        return status;
    }

    /**
     * Runs the program inside a builtin, as lua.c's pmain (so tracebacks end in "[C]: in ?"),
     * protected: an error outside every docall (a _PROMPT whose __tostring fails) is reported.
     */
    private int pmain(String[] argv, Options o) {
        int[] status = {1};
        LuaThread L = Runtimes.mainThread(lua);
        int f = L.top();
        L.push(Builtin.of("pmain", (L1, b, n) -> {
            status[0] = runMain(argv, o);
            return 0;
        }), 0);
        LuaError e = L.pcall(f, 0, null);
        if (e != null) {
            report(e);
            return 1;
        }
        return status[0];
    }

    /**
     * The checking modes of the test suite, for any script: {@code -Dmoonstack.check=torture}
     * (the value stack is reallocated at every growth check), {@code every-instruction} (the
     * interrupt countdown is 1) or {@code invariants} (the stack invariants are checked before
     * every instruction; a violation stops the program with a Java AssertionError),
     * {@code compiled} (the compiled tier on, compiling every function at its first call), or
     * {@code interpreter} (the compiled tier off: every function interpreted).
     */
    static void checkMode(LuaThread L, String mode) {
        switch (mode) {
            case "": return;
            case "torture": L.setStackTorture(true); return;
            case "every-instruction": L.interrupts().setEveryInstruction(true); return;
            case "invariants": L.interrupts().setCheckInvariants(true); return;
            case "compiled":                        // the compiled tier on, every function at its first call
                Jit.of(L.G).setThreshold(0);
                Jit.of(L.G).setOn(L, true);
                return;
            case "interpreter": L.setTierOn(false); return;
            default: throw new IllegalArgumentException("unknown moonstack.check mode '" + mode + "'");
        }
    }

    private int runMain(String[] argv, Options o) {
        try {
            createArgTable(argv, o.scriptIndex);
            if (!o.ignoreEnv && !handleInit()) return 1;
            if (!runArgs(argv, o)) return 1;
            if (o.scriptIndex >= 0 && !runProfiled(argv, o)) return 1;
            if (o.interactive) {
                new Repl(this).run();
            } else if (o.scriptIndex < 0 && !o.hasExec && !o.version) {   // no active option
                if (Terminals.stdinIsTty()) {
                    printVersion();
                    new Repl(this).run();
                } else if (!doFile(null)) {
                    return 1;
                }
            }
            return 0;
        } finally {
            out.flush();
        }
    }

    /** -jon, -joff, -jv, -jdump, -Ohotcall=n, -Ohotloop=n: the compiled tier, and the global 'jit' as in LuaJIT. */
    private void jit(Options o) {
        Jit j = Jit.of(Runtimes.state(lua));
        JitLib.setGlobal(Runtimes.state(lua));
        if (o.jitHotcall >= 0) j.setThreshold(o.jitHotcall);
        if (o.jitHotloop >= 0) j.setHotloop(o.jitHotloop);
        if (o.jitVerbose) j.setVerbose(err);
        if (o.jitDump) j.setDump(Runtimes.state(lua).stdout);     // in order with the script's output
        j.setOn(Runtimes.mainThread(lua), o.jitOn == null || o.jitOn);
    }

    /** Lua: print_usage. */
    private int usage(String badOption) {
        err.print(invokedAs + ": ");
        if (badOption.equals("--list") || badOption.equals("--memprof-report") || badOption.equals("--profile-out")
                || badOption.equals("--memprof") || badOption.equals("--memprof-stacks") || (badOption.length() == 2 && "el".indexOf(badOption.charAt(1)) >= 0)) {
            err.println("'" + badOption + "' needs argument");
        } else {
            err.println("unrecognized option '" + badOption + "'");
        }
        err.println("usage: " + invokedAs + " [options] [script [args]]\n"
                + "Available options are:\n"
                + "  -e stat   execute string 'stat'\n"
                + "  -i        enter interactive mode after executing 'script'\n"
                + "  -l mod    require library 'mod' into global 'mod'\n"
                + "  -l g=mod  require library 'mod' into global 'g'\n"
                + "  -v        show version information\n"
                + "  -E        ignore environment variables\n"
                + "  -W        turn warnings on\n"
                + "  --        stop handling options\n"
                + "  -         stop handling options and execute stdin\n"
                + "  -jon, -joff     turn the compiled tier on, off (the default: on)\n"
                + "  -jv             log compilations and aborts (the tier on)\n"
                + "  -jdump          print each compiled function's JVM code with its Lua code\n"
                + "  -Ohotcall=n     compile a function at its n-th call (100)\n"
                + "  -Ohotloop=n     compile a function whose loops ran n countdown windows (2)\n"
                + "  --no-compat     turn Lua 5.3 compatibility off (math.pow & co., __le from __lt)\n"
                + "  --list f ...    list the bytecode of files f ... (as luac -l -l)\n"
                + "  --profile[=interval] --profile-out f  sample the script's stacks into f\n"
                + "                  (.collapsed, .txt, .speedscope.json, .svg; interval e.g. 1ms, 250us)\n"
                + "  --memprof f     profile the script's allocations into f (misc.memprof's format)\n"
                + "  --memprof-stacks f  with --memprof: also the allocating stacks, weighted by bytes,\n"
                + "                  into f (.collapsed, .txt, .speedscope.json, .svg)\n"
                + "  --memprof-report [--leak-only] [--human-readable] f  print the report of memprof file f");
        return 1;
    }

    /** Lua: print_version. */
    void printVersion() {
        out.println(VERSION);
        out.flush();
    }

    /** Lua: createargtable. arg[0] is the script, negative indices the interpreter's options. */
    private void createArgTable(String[] argv, int script) {
        LuaTable arg = new LuaTable();
        int zero = script >= 0 ? script : -1;          // no script: arg[0] is the interpreter
        arg.setInt(-zero - 1, LuaString.of(invokedAs), 0);
        for (int i = 0; i < argv.length; i++) arg.setInt(i - zero, LuaString.of(argv[i]), 0);
        Runtimes.state(lua).globals.setStr(LuaString.of("arg"), arg, 0);
    }

    /** Lua: handle_luainit. LUA_INIT_5_4 or LUA_INIT: "@file" or a chunk of code. */
    private boolean handleInit() {
        String name = "LUA_INIT_5_4";
        String init = System.getenv(name);
        if (init == null) {
            name = "LUA_INIT";
            init = System.getenv(name);
        }
        if (init == null) return true;
        if (init.startsWith("@")) return doFile(init.substring(1));
        return doString(init, "=" + name);
    }

    /** Runs -e, -l and -W in order (Lua: runargs). */
    private boolean runArgs(String[] argv, Options o) {
        int end = o.scriptIndex >= 0 ? o.scriptIndex : argv.length;
        for (int i = 0; i < end; i++) {
            String a = argv[i];
            if (a.equals("--") || a.equals("-")) break;
            if (a.equals("--profile-out") || a.equals("--memprof") || a.equals("--memprof-stacks")) {      // and their file
                i++;
                continue;
            }
            if (a.startsWith("-e") || a.startsWith("-l")) {
                String extra = a.length() > 2 ? a.substring(2) : argv[++i];
                boolean ok = a.charAt(1) == 'e' ? doString(extra, "=(command line)") : doLibrary(extra);
                if (!ok) return false;
            }
        }
        return true;
    }

    /**
     * The profiling options' errors before anything runs: null, or the message. Sampling
     * needs {@code --profile-out} with a known extension; {@code --profile-out} alone samples
     * at the default interval.
     */
    private static String checkProfiling(Options o) {
        try {
            if (o.profile != null && o.profileOut == null) return "'--profile' needs '--profile-out FILE'";
            if (o.profileOut != null) {
                Profiles.parseInterval(o.profile);
                Profiles.format(Path.of(o.profileOut));
            }
            if (o.memprof != null) Path.of(o.memprof);
            if (o.memprofStacks != null && o.memprof == null) return "'--memprof-stacks' needs '--memprof FILE'";
            if (o.memprofStacks != null) Profiles.format(Path.of(o.memprofStacks));
            return null;
        } catch (IllegalArgumentException e) {     // InvalidPathException too
            return e.getMessage();
        }
    }

    /**
     * Runs the script under the profilers the command line asks for: {@code --memprof FILE}
     * (misc.memprof from the start to the end of the script) and {@code --profile-out}
     * (the sampling profiler; its file is written also when the script fails).
     */
    private boolean runProfiled(String[] argv, Options o) {
        if (o.memprof == null && o.profileOut == null) return runScript(argv, o.scriptIndex);
        Memprof m;
        try {
            m = o.memprof == null ? null : Memprof.start(Runtimes.state(lua), Path.of(o.memprof));
            if (m != null && o.memprofStacks != null) m.recordStacks();
        } catch (IOException | IllegalStateException e) {
            err.println(invokedAs + ": cannot start memprof: " + o.memprof + ": " + e.getMessage());
            return false;
        }
        SamplingProfiler sampler = o.profileOut == null ? null
                : SamplingProfiler.start(Runtimes.state(lua), Profiles.parseInterval(o.profile));
        java.util.function.IntConsumer exit = Runtimes.state(lua).exitHandler;
        Runtimes.state(lua).exitHandler = code -> {             // os.exit: the files are written first
            finishProfiles(o, m, sampler);
            exit.accept(code);
        };
        try {
            return runScript(argv, o.scriptIndex) & finishProfiles(o, m, sampler);
        } finally {
            finishProfiles(o, m, sampler);               // a Java error: still the files
            Runtimes.state(lua).exitHandler = exit;
        }
    }

    /** Stops the profilers of the command line, once, and writes their files; false on an error. */
    private boolean finishProfiles(Options o, Memprof m, SamplingProfiler sampler) {
        boolean ok = true;
        if (m != null && Memprof.running(Runtimes.state(lua)) == m) {     // the script may have stopped it
            try {
                m.stop();
            } catch (IOException e) {
                err.println(invokedAs + ": cannot write " + o.memprof + ": " + e.getMessage());
                ok = false;
            }
            if (o.memprofStacks != null) {
                try {
                    Profiles.write(m.allocationStacks(), Path.of(o.memprofStacks));
                } catch (IOException e) {
                    err.println(invokedAs + ": cannot write " + o.memprofStacks + ": " + e.getMessage());
                    ok = false;
                }
            }
        }
        if (sampler != null && sampler.isRunning()) {
            try {
                Profiles.write(sampler.stop(), Path.of(o.profileOut));
            } catch (IOException e) {
                err.println(invokedAs + ": cannot write " + o.profileOut + ": " + e.getMessage());
                ok = false;
            }
        }
        return ok;
    }

    /**
     * {@code --memprof-report [--leak-only] [--human-readable] FILE}: prints the report of a
     * memprof file as Tarantool's parser (tools/memprof.lua) prints it.
     */
    private int memprofReport(List<String> args) {
        boolean leakOnly = false, human = false;
        String file = null;
        for (String a : args) {
            if (a.equals("--leak-only")) leakOnly = true;
            else if (a.equals("--human-readable")) human = true;
            else if (file == null && !a.startsWith("--")) file = a;
            else return usage(a);
        }
        if (file == null) return usage("--memprof-report");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(file));
        } catch (IOException | IllegalArgumentException e) {
            err.println(invokedAs + ": cannot open " + file);
            return 1;
        }
        try {
            MemprofReport.parse(bytes).print(out, leakOnly, human);
            return 0;
        } catch (IllegalArgumentException e) {
            String part = e.getMessage().startsWith("symtab:") ? "symtab" : "profile data";
            err.println(invokedAs + ": Failed to parse " + part + " from " + file + ".\n\t"
                    + e.getMessage().substring(e.getMessage().indexOf(':') + 1));
            return 1;
        } catch (IOException e) {
            return 1;
        } finally {
            out.flush();
        }
    }

    /** Lua: dolibrary. "-l mod" or "-l g=mod": global g (or mod) := require(mod). */
    private boolean doLibrary(String spec) {
        int eq = spec.indexOf('=');
        String global = eq >= 0 ? spec.substring(0, eq) : spec;
        String mod = eq >= 0 ? spec.substring(eq + 1) : spec;
        LuaThread L = Runtimes.mainThread(lua);
        int f = L.top();
        L.push(Runtimes.state(lua).globals.getRef(LuaString.of("require"), 0), 0);
        L.pushString(mod);
        if (!docall(f, 1)) return false;
        Runtimes.state(lua).globals.setStr(LuaString.of(global), L.ref(f), L.num(f));
        L.setTop(f);
        return true;
    }

    /** Lua: handle_script. Runs the script with the script arguments. */
    private boolean runScript(String[] argv, int script) {
        String fname = argv[script];
        if (fname.equals("-") && (script == 0 || !argv[script - 1].equals("--"))) fname = null;
        LuaClosure f;
        try {
            f = Runtimes.loadFileClosure(lua, fname);
        } catch (LuaError e) {
            return report(e);
        }
        LuaThread L = Runtimes.mainThread(lua);
        int base = L.top();
        L.push(f, 0);
        pushArgs(L);
        return docall(base, -1);
    }

    /**
     * Lua: pushargs. The script's arguments are read from the global {@code arg} as it is
     * now (-e code may have changed it); an error here ends the program without traceback.
     */
    private void pushArgs(LuaThread L) {
        int t = L.top();
        L.push(Runtimes.state(lua).globals.getRef(LuaString.of("arg"), 0), 0);
        if (!(L.ref(t) instanceof LuaTable)) throw LuaError.plain("'arg' is not a table");
        long n = LuaOps.len(L, t);
        LuaTable arg = (LuaTable) L.ref(t);
        L.checkStack((int) Math.min(n + 3, Integer.MAX_VALUE), "too many arguments to script");
        L.setTop(t);
        for (long i = 1; i <= n; i++) {
            int slot = L.top();
            L.pushNil();
            arg.getInt(i, L.stack.refs, L.stack.nums, slot);
        }
    }

    boolean doFile(String name) {
        try {
            return dochunk(Runtimes.loadFileClosure(lua, name));
        } catch (LuaError e) {
            return report(e);
        }
    }

    boolean doString(String code, String chunkName) {
        try {
            return dochunk(Runtimes.loadClosure(lua, code, chunkName));
        } catch (LuaError e) {
            return report(e);
        }
    }

    private boolean dochunk(LuaClosure f) {
        LuaThread L = Runtimes.mainThread(lua);
        int base = L.top();
        L.push(f, 0);
        boolean ok = docall(base, 0);
        L.setTop(base);
        return ok;
    }

    /**
     * Lua: docall with msghandler. Calls the function at {@code base} (arguments above it),
     * Ctrl-C armed meanwhile (setsignal(SIGINT, laction)); on error prints the message and
     * the traceback taken at the error point.
     */
    boolean docall(int base, int nResults) {
        LuaThread L = Runtimes.mainThread(lua);
        LuaError e;
        ctrlC.arm();
        try {
            e = L.pcall(base, nResults, error -> withTraceback(L, error));
        } finally {
            ctrlC.disarm();
        }
        if (e == null) return true;
        return report(e);
    }

    /**
     * The message handler of docall: runs lua.c's msghandler as a builtin at the error point,
     * so that it is a frame of its own ("[C]: in ?") as in Lua, where a __tostring method
     * looking up the stack (debug.getinfo(4) in main.lua) counts it.
     */
    LuaError withTraceback(LuaThread L, LuaError e) {
        return withTraceback(L, e, 0);
    }

    /** As Lua, an error in the handler goes to the handler again, at its own error point. */
    private LuaError withTraceback(LuaThread L, LuaError e, int depth) {
        if (e.uncatchable && ctrlC.takeFired()) e = LuaError.plain(interruptedMessage(L));
        if (depth > LuaThread.MAX_CCALLS) return LuaError.plain("error in error handling");
        int at = Math.max(L.top(), L.currentActivation().top);    // above the live registers
        L.setTop(at);
        L.push(MSGHANDLER, 0);
        L.push(e.ref, e.num);
        try {
            L.call(at, 1);
        } catch (LuaError again) {
            return again.uncatchable || again.skipHandler ? again : withTraceback(L, again, depth + 1);
        }
        LuaError r = new LuaError(L.ref(at), L.num(at));
        L.setTop(at);
        return r;
    }

    /**
     * Lua: msghandler. The error becomes its message followed by the traceback taken from the
     * error point; an object whose {@code __tostring} gives a string becomes that string,
     * without traceback.
     */
    static final Builtin MSGHANDLER = Builtin.of("?", (L, base, nargs) -> {
        Object v = L.ref(base);
        long vn = L.num(base);
        String msg;
        if (v instanceof LuaString || v instanceof NumTag) {
            msg = LuaOps.tostring(L, v, vn).toString();
        } else {
            Object tm = LuaOps.metaField(L, v, LuaString.of("__tostring"));
            if (tm != null) {                           // Lua: luaL_callmeta
                int f = L.top();
                L.push(tm, 0);
                L.push(v, vn);
                L.call(f, 1);
                if (L.ref(f) instanceof LuaString) return 1;
                L.setTop(f);
            }
            msg = "(error object is a " + dev.moonstack.value.LuaType.nameOf(v) + " value)";
        }
        L.pushString(Traceback.of(L, msg, 1));
        return 1;
    });

    /**
     * Lua: lstop, luaL_error(L, "interrupted!") from a hook: positioned at level 1, the caller
     * of the running function. The runtime's interrupt is its own "interrupted" stop, which
     * the CLI shows as lua does.
     */
    private static String interruptedMessage(LuaThread L) {
        return Traceback.where(L, 1) + "interrupted!";
    }

    /** Lua: report / l_message. Prints the error to standard error; always false. */
    boolean report(LuaError e) {
        out.flush();
        String text = e.traceback != null ? e.traceback : e.getMessage();
        err.print((progname != null ? progname + ": " : "") + text + "\n");
        err.flush();
        return false;
    }

    /** Lua: doREPL's progname = NULL, so that errors in interactive mode have no prefix. */
    void setInteractive(boolean on) { progname = on ? null : invokedAs; }

    /** Replaces how Ctrl-C reaches running code (the line editor takes over the signal). */
    void setCtrlC(CtrlC c) { ctrlC = c; }

    CtrlC ctrlC() { return ctrlC; }

    Lua lua() { return lua; }

    PrintStream out() { return out; }

    PrintStream err() { return err; }
}
