package dev.moonstack.dap;

import org.eclipse.lsp4j.debug.*;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole DAP session through lsp4j's client side, over a loopback socket. */
class DapSessionTest {
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    private final IDebugProtocolClient client = new IDebugProtocolClient() {
        @Override public void initialized() { events.add("initialized"); }

        @Override public void stopped(StoppedEventArguments args) { events.add(args); }

        @Override public void output(OutputEventArguments args) { events.add(args); }

        @Override public void terminated(TerminatedEventArguments args) { events.add("terminated"); }
    };

    /** The next event of type {@code type}, skipping others (exited, breakpoint changes). */
    @SuppressWarnings("unchecked")
    private <T> T next(Class<T> type) throws InterruptedException {
        for (;;) {
            Object e = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(e, "no " + type.getSimpleName());
            if (type.isInstance(e)) return (T) e;
        }
    }

    private void expect(String event) throws InterruptedException {
        for (;;) {
            Object e = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(e, "no " + event);
            if (event.equals(e)) return;
        }
    }

    @Test
    void launchBreakStepInspectAndRunToTheEnd(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("main.lua");
        Files.writeString(script, """
                local function sq(x)
                  return x * x
                end
                local a = 3
                local b = sq(a)
                print("b=" .. b)
                """);
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        java.lang.Thread server = new java.lang.Thread(() -> {
            try (Socket c = listener.accept()) {
                DapServer.serve(c.getInputStream(), c.getOutputStream());
            } catch (Exception ignored) {
                // the client closed the connection
            }
        });
        server.setDaemon(true);
        server.start();
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        Launcher<IDebugProtocolServer> launcher = DSPLauncher.createClientLauncher(client, socket.getInputStream(), socket.getOutputStream());
        launcher.startListening();
        IDebugProtocolServer s = launcher.getRemoteProxy();

        Capabilities caps = s.initialize(new InitializeRequestArguments()).get(10, TimeUnit.SECONDS);
        assertTrue(caps.getSupportsConfigurationDoneRequest());
        expect("initialized");
        s.launch(Map.of("program", "main.lua", "cwd", dir.toString())).get(10, TimeUnit.SECONDS);
        SetBreakpointsArguments sb = new SetBreakpointsArguments();
        Source src = new Source();
        src.setPath(script.toString());
        sb.setSource(src);
        SourceBreakpoint bp = new SourceBreakpoint();
        bp.setLine(4);
        sb.setBreakpoints(new SourceBreakpoint[] {bp});
        s.setBreakpoints(sb).get(10, TimeUnit.SECONDS);
        s.configurationDone(new ConfigurationDoneArguments()).get(10, TimeUnit.SECONDS);

        StoppedEventArguments stop = next(StoppedEventArguments.class);
        assertEquals("breakpoint", stop.getReason());
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(stop.getThreadId());
        StackTraceResponse trace = s.stackTrace(st).get(10, TimeUnit.SECONDS);
        StackFrame top = trace.getStackFrames()[0];
        assertEquals("main chunk", top.getName());
        assertEquals(4, top.getLine());
        assertEquals(script.toString(), top.getSource().getPath());
        ScopesArguments sa = new ScopesArguments();
        sa.setFrameId(top.getId());
        Scope locals = s.scopes(sa).get(10, TimeUnit.SECONDS).getScopes()[0];
        assertEquals("Locals", locals.getName());
        VariablesArguments va = new VariablesArguments();
        va.setVariablesReference(locals.getVariablesReference());
        Variable[] vars = s.variables(va).get(10, TimeUnit.SECONDS).getVariables();
        assertEquals("sq", vars[0].getName());
        assertEquals(1, vars.length, "a is not in scope before line 4 runs");

        s.next(new NextArguments()).get(10, TimeUnit.SECONDS);
        stop = next(StoppedEventArguments.class);
        assertEquals("step", stop.getReason());
        top = s.stackTrace(st).get(10, TimeUnit.SECONDS).getStackFrames()[0];
        assertEquals(5, top.getLine());
        EvaluateArguments ev = new EvaluateArguments();
        ev.setExpression("a * 2");
        ev.setFrameId(top.getId());
        assertEquals("6", s.evaluate(ev).get(10, TimeUnit.SECONDS).getResult());
        ev.setExpression("a +");
        ExecutionException bad = assertThrows(ExecutionException.class, () -> s.evaluate(ev).get(10, TimeUnit.SECONDS));
        assertTrue(bad.getCause().getMessage().contains("syntax error near"), bad.getCause().getMessage());

        s.stepIn(new StepInArguments()).get(10, TimeUnit.SECONDS);
        next(StoppedEventArguments.class);
        trace = s.stackTrace(st).get(10, TimeUnit.SECONDS);
        assertEquals(2, trace.getStackFrames()[0].getLine());
        assertEquals("local 'sq'", trace.getStackFrames()[0].getName());
        assertEquals(2, trace.getTotalFrames());

        s.continue_(new ContinueArguments()).get(10, TimeUnit.SECONDS);
        OutputEventArguments out = next(OutputEventArguments.class);
        assertEquals("stdout", out.getCategory());
        assertEquals("b=9\n", out.getOutput());
        expect("terminated");
        s.disconnect(new DisconnectArguments()).get(10, TimeUnit.SECONDS);
        socket.close();
        listener.close();
    }
}
