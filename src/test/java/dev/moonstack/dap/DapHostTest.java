package dev.moonstack.dap;

import dev.moonstack.api.Lua;
import org.eclipse.lsp4j.debug.*;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host pieces through lsp4j's client side over a loopback socket: a game host that calls
 * {@code Debugger.cooperate} between frames, and a launch with {@code sourceRoots}, {@code env}
 * and a script that calls {@code os.exit}.
 */
class DapHostTest {
    private final DapClient dap = new DapClient();

    private static String evaluate(IDebugProtocolServer s, String expr) throws Exception {
        EvaluateArguments ev = new EvaluateArguments();
        ev.setExpression(expr);
        ev.setContext(EvaluateArgumentsContext.REPL);
        return s.evaluate(ev).get(10, TimeUnit.SECONDS).getResult();
    }

    @Test
    void aHostThatCooperatesServesRequestsAndPausesBetweenFrames() throws Exception {
        Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        DapListener listener = DapListener.listen(lua, 0);
        AtomicBoolean quit = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger hold = new java.util.concurrent.atomic.AtomicInteger();   // 1 asked, 2 holding
        java.lang.Thread host = new java.lang.Thread(() -> {                  // a game's frame loop; while held it only cooperates
            while (!quit.get()) {
                if (hold.get() == 0) lua.exec("frame = (frame or 0) + 1", "=frame");
                else hold.set(2);
                listener.debugger().cooperate();
                try {
                    java.lang.Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        host.setDaemon(true);
        host.start();
        try {
            IDebugProtocolServer s = dap.connect(listener.port());
            s.initialize(new InitializeRequestArguments()).get(10, TimeUnit.SECONDS);
            s.attach(Map.of()).get(10, TimeUnit.SECONDS);
            s.configurationDone(new ConfigurationDoneArguments()).get(10, TimeUnit.SECONDS);
            while (!listener.debugger().cooperating()) java.lang.Thread.sleep(1);
            assertEquals("true", evaluate(s, "frame > 0"), "served by cooperate while nothing is stopped");

            hold.set(1);                                  // between frames, so that the pause stops there
            while (hold.get() != 2) java.lang.Thread.sleep(1);
            s.pause(new PauseArguments()).get(10, TimeUnit.SECONDS);
            StoppedEventArguments stop = dap.next(StoppedEventArguments.class);
            assertEquals("pause", stop.getReason());
            assertEquals(1, stop.getThreadId());
            StackTraceArguments st = new StackTraceArguments();
            st.setThreadId(1);
            assertEquals(0, s.stackTrace(st).get(10, TimeUnit.SECONDS).getTotalFrames(), "between frames no Lua runs");
            assertEquals("nil", evaluate(s, "frame = -1000000"));
            s.continue_(new ContinueArguments()).get(10, TimeUnit.SECONDS);
            hold.set(0);
            String ran = "false";
            for (long until = System.nanoTime() + 10_000_000_000L; !ran.equals("true") && System.nanoTime() < until; ) {
                ran = evaluate(s, "frame > -1000000");
            }
            assertEquals("true", ran, "the host runs frames again");
            assertEquals("true", evaluate(s, "frame < 0"), "with the value set while paused");
            s.disconnect(new DisconnectArguments()).get(10, TimeUnit.SECONDS);
            assertTrue(host.isAlive(), "a client leaving does not end the game");
        } finally {
            quit.set(true);
            host.join(10_000);
            listener.close();
        }
        assertFalse(host.isAlive());
    }

    @Test
    void launchMapsSourceRootsSetsTheEnvironmentAndEndsOnOsExit(@TempDir Path dir) throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws/lib")).getParent();
        Path run = Files.createDirectories(dir.resolve("run"));
        String mod = "local M = {}\nfunction M.twice(x)\n  return x * 2\nend\nreturn M\n";
        Files.writeString(ws.resolve("lib/mod.lua"), mod);
        Files.writeString(run.resolve("main.lua"), "local M = load([[" + mod + "]], '@lib/mod.lua')()\n"
                + "print(os.getenv('MOON_DAP_VAR'), os.getenv('PATH') ~= nil, os.getenv('HOME'))\n"
                + "print(M.twice(21))\n"
                + "print(pcall(os.exit, 3))\n"
                + "print('not reached')\n");
        IDebugProtocolServer s = dap.start();
        s.initialize(new InitializeRequestArguments()).get(10, TimeUnit.SECONDS);
        Map<String, Object> env = new HashMap<>();
        env.put("MOON_DAP_VAR", "hello");
        env.put("HOME", "/nowhere");                       // (lsp4j's gson drops a null: the e2e test unsets)
        s.launch(Map.of("program", "main.lua", "cwd", run.toString(), "sourceRoots", List.of("../ws"), "env", env))
                .get(10, TimeUnit.SECONDS);
        Breakpoint placed = DapClient.setBreakpoint(s, ws.resolve("lib/mod.lua"), 3);
        assertTrue(placed.isVerified(), "the workspace's file compiles before the chunk loads");
        assertEquals(3, placed.getLine());
        s.configurationDone(new ConfigurationDoneArguments()).get(10, TimeUnit.SECONDS);

        StoppedEventArguments stop = dap.next(StoppedEventArguments.class);
        assertEquals("breakpoint", stop.getReason());
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(stop.getThreadId());
        StackFrame top = s.stackTrace(st).get(10, TimeUnit.SECONDS).getStackFrames()[0];
        assertEquals(ws.resolve("lib/mod.lua").toString(), top.getSource().getPath(), "chunk '@lib/mod.lua' is the workspace's file");
        assertEquals(3, top.getLine());
        s.continue_(new ContinueArguments()).get(10, TimeUnit.SECONDS);

        ExitedEventArguments exited = null;
        for (;;) {
            Object e = dap.events.poll(10, TimeUnit.SECONDS);
            assertNotNull(e, "no terminated event");
            if (e instanceof ExitedEventArguments x) exited = x;
            if ("terminated".equals(e)) break;
        }
        assertEquals("hello\ttrue\t/nowhere\n42\n", String.valueOf(dap.output.get("stdout")));
        assertNull(dap.output.get("stderr"), "os.exit is no error");
        assertNotNull(exited, "exited comes before terminated");
        assertEquals(3, exited.getExitCode());
        s.disconnect(new DisconnectArguments()).get(10, TimeUnit.SECONDS);
        dap.close();
    }

    @Test
    void sourceNamesMapChunkNamesOntoTheWorkspace(@TempDir Path dir) throws Exception {
        Path ws = dir.resolve("ws");
        Files.createDirectories(ws.resolve("lib"));
        Files.writeString(ws.resolve("lib/mod.lua"), "return 1\n");
        Path cwd = dir.resolve("run");
        List<Path> roots = List.of(dir.resolve("other"), ws);
        String inWs = "@" + ws.resolve("lib/mod.lua");
        assertEquals(inWs, DapServer.sourceName(cwd, roots, "@lib/mod.lua"), "relative: found in a root");
        assertEquals(inWs, DapServer.sourceName(cwd, roots, "@/build/game/lib/mod.lua"), "absolute elsewhere: by its tail");
        assertEquals("@" + cwd.resolve("lib/none.lua"), DapServer.sourceName(cwd, roots, "@lib/none.lua"), "in no root: cwd");
        assertEquals("@" + ws.resolve("lib/mod.lua"), DapServer.sourceName(cwd, List.of(), "@" + ws.resolve("lib/../lib/mod.lua")));
        assertEquals("=stdin", DapServer.sourceName(cwd, roots, "=stdin"));
    }
}
