package dev.moonstack.lib;

import dev.moonstack.value.LuaError;
import dev.moonstack.vm.LuaThread;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;

/**
 * Shell commands for os.execute and io.popen (Lua: system, popen, pclose and
 * luaL_execresult): {@code /bin/sh -c command}, with the streams that are not piped
 * inherited from the JVM as a C child inherits them, and the status reported as lua5.4
 * reports it.
 */
final class Shell {
    private Shell() {}

    /** The first status Java reports for a child killed by a signal (0x80 + signal number). */
    private static final int SIGNALED = 128;
    /** Signals 1 to 31 (the standard ones); statuses above them are plain exit statuses. */
    private static final int LAST_SIGNAL = 31;

    /** Starts {@code /bin/sh -c command}; its standard error is the JVM's. */
    static Process start(String command, Redirect in, Redirect out) throws IOException {
        return new ProcessBuilder("/bin/sh", "-c", command)
                .redirectInput(in).redirectOutput(out).redirectError(Redirect.INHERIT).start();
    }

    /**
     * Starts {@code command} for io.popen's "r" mode and returns the stream of its output. The
     * output goes through a named pipe, not through the pipe of java.lang.Process: the JDK
     * drains and closes that one as soon as the shell exits, and what the shell's background
     * children write later is lost, where C's popen reads until every writer has closed. Falls
     * back to the Process pipe where there is no mkfifo. (Stack effect: none.)
     */
    static java.io.InputStream startReading(String command, Process[] started) throws IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("moonstack-popen");
        java.io.File fifo = dir.resolve("out").toFile();
        try {
            if (!makeFifo(fifo)) {
                started[0] = start(command, Redirect.INHERIT, Redirect.PIPE);
                return started[0].getInputStream();
            }
            // Opened for reading and writing, a FIFO does not block: it lets the child's end
            // open without waiting, and our reading end after it; then only the children write.
            try (java.io.RandomAccessFile holder = new java.io.RandomAccessFile(fifo, "rw")) {
                started[0] = start(command, Redirect.INHERIT, Redirect.to(fifo));
                return new java.io.FileInputStream(fifo);
            }
        } finally {
            fifo.delete();                  // the open ends stay valid
            dir.toFile().delete();
        }
    }

    private static boolean makeFifo(java.io.File path) {
        try {
            Process p = new ProcessBuilder("mkfifo", "-m", "600", path.getPath())
                    .redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How often a wait for a child looks at the runtime's stop, in milliseconds. */
    private static final long POLL_MS = 5;
    /** A wait of {@link #POLL_MS} is charged as 65,536 instructions (Interrupts.poll), a fraction of what the interpreter runs in that time. */
    private static final long WAIT_WORK = 65_536L * dev.moonstack.vm.Interrupts.WORK_PER_INSTRUCTION;

    /**
     * Waits for the child's status. A stop of the runtime (a host's interrupt) kills the
     * child and goes on as the stop; an interrupt of the waiting Java thread kills it too and
     * becomes a Lua error, so that a host can stop a script blocked on a command.
     */
    static int waitFor(LuaThread L, Process p) {
        try {
            while (!p.waitFor(POLL_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                try {
                    L.interrupts().poll(WAIT_WORK);     // a wait is work: a budget ends it too
                } catch (RuntimeException stop) {       // the stop, or a requested error
                    p.destroyForcibly();
                    throw stop;
                }
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw LuaError.rt("interrupted while waiting for a command");
        }
    }

    /**
     * Lua: luaL_execresult. true or nil, then "exit" and the exit status, or "signal" and the
     * signal that killed the shell. Java reports a death by signal n as 128 + n, which an
     * {@code exit 128+n} also gives; 129 to 159 are read as signals 1 to 31 (see
     * docs/embedding-io.md), every other status as an exit status.
     */
    static int pushStatus(LuaThread L, int status) {
        boolean signal = status > SIGNALED && status <= SIGNALED + LAST_SIGNAL;
        if (status == 0) L.pushBoolean(true); else L.pushNil();
        L.pushString(signal ? "signal" : "exit");
        L.pushInteger(signal ? status - SIGNALED : status);
        return 3;
    }
}
