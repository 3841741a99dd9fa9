package dev.moonstack.debug;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A runtime with the debugger attached, for the debugger tests: scripts run on a thread of
 * their own, and the stops, breakpoint changes and ends ("end [results]" or "error message")
 * are queued for the test to wait on.
 */
final class DebugHarness {
    final Lua lua;
    final Debugger dbg;
    final BlockingQueue<StopEvent> stops = new LinkedBlockingQueue<>();
    final BlockingQueue<Breakpoint> changes = new LinkedBlockingQueue<>();
    final BlockingQueue<String> ends = new LinkedBlockingQueue<>();

    /** A trusted runtime whose output is dropped. */
    DebugHarness() {
        this(new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream()));
    }

    DebugHarness(Lua lua) {
        this.lua = lua;
        dbg = Debugger.attach(lua);
        dbg.setListener(new DebugListener() {
            @Override public void onStop(StopEvent e) { stops.add(e); }

            @Override public void onBreakpointChanged(Breakpoint bp) { changes.add(bp); }
        });
    }

    /** Runs {@code script} as the chunk "@t.lua" on a thread of its own. */
    void start(String script) { run(() -> Runtimes.callRaw(lua, Runtimes.loadClosure(lua, script, "@t.lua"))); }

    /** Runs {@code body} on a thread of its own; its results or error go to {@link #ends}. */
    void run(Supplier<Object[]> body) {
        Thread t = new Thread(() -> {
            try {
                ends.add("end " + Arrays.toString(body.get()));
            } catch (RuntimeException e) {
                ends.add("error " + e.getMessage());
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** The next stop, within 10 seconds. */
    StopEvent nextStop() throws InterruptedException {
        StopEvent e = stops.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no stop");
        return e;
    }

    /** The id of the top frame of the stopped coroutine of {@code s}, for evaluation and scopes. */
    int topFrame(StopEvent s) { return dbg.inspector().stackTrace(s.threadId, 0, 1).get(0).id(); }

    /** Lets the stopped script run on and checks that it ends without an error. */
    void continueToTheEnd() throws InterruptedException {
        dbg.continueRun();
        String e = end();
        assertTrue(e.startsWith("end"), e);
    }

    /** How the running script ended, within 10 seconds. */
    String end() throws InterruptedException {
        String e = ends.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "the script did not end");
        return e;
    }
}
