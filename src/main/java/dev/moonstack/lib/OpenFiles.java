package dev.moonstack.lib;

import dev.moonstack.vm.GlobalState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files one runtime has open, and the flushing that C's {@code exit} does for every open
 * FILE: nothing written is lost at os.exit, at {@code Lua.close}, when the JVM exits (a
 * shutdown hook), or when a host drops the runtime (a {@link Cleaner}: the files of an
 * unreachable runtime are flushed and closed). Also the C defaults of the standard streams:
 * stdout line-buffered on a terminal and fully buffered otherwise, stderr unbuffered.
 *
 * <p>Nothing here refers to the runtime itself, so that the runtime can become unreachable
 * while the exit hook still knows its files.
 */
final class OpenFiles implements Runnable {
    private static final Map<GlobalState, OpenFiles> BY_RUNTIME = Collections.synchronizedMap(new WeakHashMap<>());
    /** Every runtime's files until the runtime is dropped; the exit hook flushes them all. */
    private static final Set<OpenFiles> LIVE = ConcurrentHashMap.newKeySet();
    private static final Cleaner CLEANER = Cleaner.create();
    private static final boolean STDIN_TTY = isTerminal(0), STDOUT_TTY = isTerminal(1);

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(OpenFiles::atJvmExit, "moonstack-exit-flush"));
        } catch (IllegalStateException alreadyExiting) {
            // a runtime created while the JVM shuts down: there is no later exit to flush at
        }
    }

    /** The files not yet closed, oldest first (guarded by this). */
    private final Set<LuaFile> files = new LinkedHashSet<>();
    final LuaFile stdin, stdout, stderr;

    private OpenFiles(InputStream in, OutputStream out, OutputStream err) {
        stdin = LuaFile.standard(in, null, STDIN_TTY ? LuaFile.LINE : LuaFile.FULL);
        stdout = LuaFile.stdout(out, STDOUT_TTY ? LuaFile.LINE : LuaFile.FULL);
        stderr = LuaFile.standard(null, err, LuaFile.NO);
        for (LuaFile f : new LuaFile[] {stdin, stdout, stderr}) add(f);
    }

    /** The open files of a new runtime, with its standard streams, flushed at every way out. */
    static OpenFiles create(GlobalState G) {
        OpenFiles o = new OpenFiles(System.in, G.stdout, G.stderr);
        BY_RUNTIME.put(G, o);
        LIVE.add(o);
        CLEANER.register(G, o);
        return o;
    }

    /** The open files of a runtime, or null if its io library was never opened. */
    static OpenFiles of(GlobalState G) { return BY_RUNTIME.get(G); }

    synchronized void add(LuaFile f) {
        f.owner = this;
        files.add(f);
    }

    synchronized void remove(LuaFile f) { files.remove(f); }

    private synchronized LuaFile[] snapshot() { return files.toArray(new LuaFile[0]); }

    /** C's fflush(NULL): every open file, standard output included. Failures are skipped. */
    void flushAll() {
        for (LuaFile f : snapshot()) {
            try {
                if (!f.closed && f.writable) f.flush();
            } catch (IOException ignored) {
                // as fflush(NULL): a file that cannot be written does not stop the others
            }
        }
    }

    /**
     * Closes every file but the standard ones, which are flushed (for {@code Lua.close} and a
     * dropped runtime). Children of io.popen are not waited for: they go on by themselves.
     */
    void closeAll() {
        for (LuaFile f : snapshot()) {
            try {
                if (f.standard) f.flush(); else f.close();
            } catch (IOException ignored) {
                // the runtime is going away; one file's failure must not keep the others open
            }
        }
    }

    /** glibc's underflow: reading a line-buffered or unbuffered stream flushes a line-buffered stdout. */
    void flushLineBufferedStdout() throws IOException {
        if (stdout.bufferMode == LuaFile.LINE) stdout.flush();
    }

    /** The cleaning action of a dropped runtime. */
    @Override
    public void run() {
        LIVE.remove(this);
        closeAll();
    }

    /** The shutdown hook: as C's exit, flush every open file of every runtime. */
    private static void atJvmExit() {
        for (OpenFiles o : LIVE) o.flushAll();
    }

    /**
     * C's isatty for the process's standard streams: where /proc/self/fd says the descriptor
     * goes; without /proc, Java's console test (stdin and stdout both terminals).
     */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
