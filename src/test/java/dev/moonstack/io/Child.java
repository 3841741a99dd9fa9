package dev.moonstack.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * Child processes for the I/O tests: the reference {@code lua5.4}, the Moonstack command line
 * and small Java hosts, each run in a JVM of its own (so that exits, shutdown hooks and pipes are
 * real), with bounded waits.
 */
final class Child {
    private Child() {}

    static final String LUA = System.getProperty("moonstack.lua", "lua5.4");
    private static final long WAIT_SECONDS = 120;
    private static Boolean luaAvailable;
    /** Readers of child pipes block: they get threads of their own, not the common pool's. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "child-pipe-reader");
        t.setDaemon(true);
        return t;
    });

    /** The outcome of a finished child: exit status, standard output and standard error. */
    record Result(int status, String out, String err) {}

    /** Skips the test (a JUnit assumption) when the reference interpreter is not installed. */
    static void requireLua() {
        Assumptions.assumeTrue(luaAvailable(), LUA + " is not installed: comparison skipped");
    }

    static synchronized boolean luaAvailable() {
        if (luaAvailable == null) {
            try {
                Process p = new ProcessBuilder(LUA, "-v").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                luaAvailable = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                luaAvailable = false;
            }
        }
        return luaAvailable;
    }

    static String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

    /** The Moonstack command line with {@code args}, in a JVM with the test class path. */
    static List<String> cli(String... args) {
        return javaMain(List.of(), "dev.moonstack.cli.Main", args);
    }

    /** A JVM running {@code mainClass} with the test class path, {@code jvmArgs} first. */
    static List<String> javaMain(List<String> jvmArgs, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The reference interpreter with {@code args}. */
    static List<String> lua(String... args) {
        List<String> cmd = new ArrayList<>(List.of(LUA));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static ProcessBuilder builder(List<String> cmd, Path cwd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().remove("LUA_INIT");
        pb.environment().remove("LUA_INIT_5_4");
        return pb;
    }

    /** Runs to the end with {@code stdin} as input (null: none); standard error apart. */
    static Result run(List<String> cmd, Path cwd, String stdin) throws IOException, InterruptedException {
        Process p = builder(cmd, cwd).start();
        CompletableFuture<String> err = drain(p.getErrorStream());
        return finish(p, stdin, err);
    }

    /** Runs to the end with standard error into the same pipe as standard output. */
    static Result runMerged(List<String> cmd, Path cwd, String stdin) throws IOException, InterruptedException {
        Process p = builder(cmd, cwd).redirectErrorStream(true).start();
        return finish(p, stdin, CompletableFuture.completedFuture(""));
    }

    private static Result finish(Process p, String stdin, CompletableFuture<String> err)
            throws IOException, InterruptedException {
        CompletableFuture<String> out = drain(p.getInputStream());
        try (var in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException endedWithoutReading) {
            // the child may end before it reads its input: then there is nobody to give it to
        }
        boolean ended = p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        assertTrue(ended, "the child did not end within " + WAIT_SECONDS + " s");
        return new Result(p.exitValue(), get(out), get(err));
    }

    /** Reads a stream to its end on another thread. */
    static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<" + e + ">";
            }
        }, READERS);
    }

    static <T> T get(CompletableFuture<T> f) throws InterruptedException {
        try {
            return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no result within " + WAIT_SECONDS + " s", e);
        }
    }

    /**
     * Reads {@code in} until what was read ends with {@code expected} (or the stream ends), on
     * another thread, waiting at most the test's bound; returns all that was read.
     */
    static String readUntil(InputStream in, String expected) throws InterruptedException {
        CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            try {
                int c;
                while (!seen.toString(StandardCharsets.UTF_8).endsWith(expected) && (c = in.read()) >= 0) seen.write(c);
            } catch (IOException e) {
                seen.writeBytes(("<" + e + ">").getBytes(StandardCharsets.UTF_8));
            }
            return seen.toString(StandardCharsets.UTF_8);
        }, READERS);
        return get(f);
    }
}
