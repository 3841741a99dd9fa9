package dev.moonstack.dap;

import org.eclipse.lsp4j.debug.*;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole DAP session through lsp4j's client side, over a loopback socket. */
class DapSessionTest {
    private final DapClient dap = new DapClient();

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
        IDebugProtocolServer s = dap.start();

        Capabilities caps = s.initialize(new InitializeRequestArguments()).get(10, TimeUnit.SECONDS);
        assertTrue(caps.getSupportsConfigurationDoneRequest());
        dap.expect("initialized");
        s.launch(Map.of("program", "main.lua", "cwd", dir.toString())).get(10, TimeUnit.SECONDS);
        DapClient.setBreakpoint(s, script, 4);
        s.configurationDone(new ConfigurationDoneArguments()).get(10, TimeUnit.SECONDS);

        StoppedEventArguments stop = dap.next(StoppedEventArguments.class);
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
        stop = dap.next(StoppedEventArguments.class);
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
        dap.next(StoppedEventArguments.class);
        trace = s.stackTrace(st).get(10, TimeUnit.SECONDS);
        assertEquals(2, trace.getStackFrames()[0].getLine());
        assertEquals("local 'sq'", trace.getStackFrames()[0].getName());
        assertEquals(2, trace.getTotalFrames());

        s.continue_(new ContinueArguments()).get(10, TimeUnit.SECONDS);
        OutputEventArguments out = dap.next(OutputEventArguments.class);
        assertEquals("stdout", out.getCategory());
        assertEquals("b=9\n", out.getOutput());
        dap.expect("terminated");
        s.disconnect(new DisconnectArguments()).get(10, TimeUnit.SECONDS);
        dap.close();
    }
}
