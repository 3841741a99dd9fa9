package dev.moonstack.dap;

import org.eclipse.lsp4j.debug.*;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parts of issue 12's DAP list the session tests leave out: frames and big tables paged
 * (startFrame/levels/totalFrames, indexedVariables/namedVariables with filter, start and count),
 * the clipboard context, %q display, terminate, a client that leaves in the middle of a step,
 * and malformed messages on the wire. Expected values come from the scripts and lua5.4.
 */
class DapProtocolTest {
    private final DapClient dap = new DapClient();

    /** Connects a client, launches {@code main.lua} with a breakpoint at {@code line} (0: none). */
    private IDebugProtocolServer launch(Path dir, String script, int line) throws Exception {
        Path file = dir.resolve("main.lua");
        Files.writeString(file, script);
        IDebugProtocolServer s = dap.start();
        s.initialize(new InitializeRequestArguments()).get(10, TimeUnit.SECONDS);
        dap.expect("initialized");
        s.launch(Map.of("program", "main.lua", "cwd", dir.toString())).get(10, TimeUnit.SECONDS);
        if (line > 0) DapClient.setBreakpoint(s, file, line);
        s.configurationDone(new ConfigurationDoneArguments()).get(10, TimeUnit.SECONDS);
        return s;
    }

    @AfterEach
    void close() throws Exception {
        dap.close();
    }

    private static StackFrame[] frames(IDebugProtocolServer s, int start, int levels, int[] total) throws Exception {
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        st.setStartFrame(start);
        st.setLevels(levels);
        StackTraceResponse r = s.stackTrace(st).get(10, TimeUnit.SECONDS);
        total[0] = r.getTotalFrames();
        return r.getStackFrames();
    }

    private static Variable[] variables(IDebugProtocolServer s, int ref, VariablesArgumentsFilter filter, Integer start, Integer count) throws Exception {
        VariablesArguments va = new VariablesArguments();
        va.setVariablesReference(ref);
        va.setFilter(filter);
        va.setStart(start);
        va.setCount(count);
        return s.variables(va).get(10, TimeUnit.SECONDS).getVariables();
    }

    private static String evaluate(IDebugProtocolServer s, int frame, String expr, String context) throws Exception {
        EvaluateArguments ev = new EvaluateArguments();
        ev.setExpression(expr);
        ev.setFrameId(frame);
        ev.setContext(context);
        return s.evaluate(ev).get(10, TimeUnit.SECONDS).getResult();
    }

    @Test
    void framesAndBigTablesArePagedAndTheClipboardContextEvaluates(@TempDir Path dir) throws Exception {
        IDebugProtocolServer s = launch(dir, """
                local big = {}
                for i = 1, 250 do big[i] = i * 2 end
                big.name = "big"
                setmetatable(big, {})
                local function down(n)
                  if n == 0 then
                    return big
                  end
                  return (down(n - 1))
                end
                down(4)
                """, 7);
        assertEquals("breakpoint", dap.next(StoppedEventArguments.class).getReason());
        int[] total = new int[1];
        StackFrame[] page = frames(s, 2, 3, total);
        assertEquals(6, total[0], "five calls of down and the main chunk");
        assertEquals(3, page.length);
        // lua5.4's traceback: the recursive calls are "upvalue 'down'", the first "local 'down'"
        assertEquals(Arrays.asList("upvalue 'down'", "upvalue 'down'", "local 'down'"), Arrays.stream(page).map(StackFrame::getName).toList());
        assertEquals(9, page[0].getLine());
        page = frames(s, 4, 10, total);
        assertEquals(Arrays.asList("local 'down'", "main chunk"), Arrays.stream(page).map(StackFrame::getName).toList());
        assertEquals(11, page[1].getLine());

        int top = frames(s, 0, 1, total)[0].getId();
        ScopesArguments sa = new ScopesArguments();
        sa.setFrameId(top);
        Scope upvalues = Arrays.stream(s.scopes(sa).get(10, TimeUnit.SECONDS).getScopes())
                .filter(sc -> sc.getName().equals("Upvalues")).findFirst().orElseThrow();
        Variable big = Arrays.stream(variables(s, upvalues.getVariablesReference(), null, null, null))
                .filter(v -> v.getName().equals("big")).findFirst().orElseThrow();
        assertEquals(250, big.getIndexedVariables());
        assertEquals(2, big.getNamedVariables(), "name and the metatable");
        Variable[] slice = variables(s, big.getVariablesReference(), VariablesArgumentsFilter.INDEXED, 100, 3);
        assertEquals(Arrays.asList("[101]=202", "[102]=204", "[103]=206"),
                Arrays.stream(slice).map(v -> v.getName() + "=" + v.getValue()).toList());
        Variable[] named = variables(s, big.getVariablesReference(), VariablesArgumentsFilter.NAMED, null, null);
        assertEquals(Arrays.asList("(metatable)", "name"), Arrays.stream(named).map(Variable::getName).sorted().toList());
        assertEquals(252, variables(s, big.getVariablesReference(), null, null, null).length, "unfiltered: every child");

        assertEquals("250", evaluate(s, top, "#big", "clipboard"));
        assertEquals("\"big\"", evaluate(s, top, "big.name", "clipboard"));
        // string.format("%q", "a\rb\0001\t") in lua5.4: "a\13b\0001\9"
        assertEquals("\"a\\13b\\0001\\9\"", evaluate(s, top, "'a\\rb\\0001\\t'", "repl"));
        assertEquals("1.0", evaluate(s, top, "1.0", "watch"));
        s.continue_(new ContinueArguments()).get(10, TimeUnit.SECONDS);
        dap.expect("terminated");
    }

    @Test
    void terminateEndsAnEndlessScript(@TempDir Path dir) throws Exception {
        IDebugProtocolServer s = launch(dir, "local i = 0\nwhile true do i = i + 1 end\n", 0);
        s.terminate(new TerminateArguments()).get(10, TimeUnit.SECONDS);
        dap.expect("terminated");
    }

    @Test
    void aClientThatLeavesInTheMiddleOfAStepEndsTheSession(@TempDir Path dir) throws Exception {
        IDebugProtocolServer s = launch(dir, """
                local function spin(n)
                  local x = 0
                  for i = 1, n do x = x + i end
                  return x
                end
                local r = spin(10)
                while true do r = spin(r % 100) end
                """, 6);
        dap.next(StoppedEventArguments.class);
        s.stepIn(new StepInArguments()).get(10, TimeUnit.SECONDS);
        s.disconnect(new DisconnectArguments()).get(10, TimeUnit.SECONDS);
        dap.disconnect();
        dap.server().join(10_000);
        assertFalse(dap.server().isAlive(), "the server ended with the session, the launched script with it");
    }

    /** Reads one DAP message (Content-Length framing) from {@code in}. */
    private static String readMessage(InputStream in) throws Exception {
        StringBuilder header = new StringBuilder();
        while (!header.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) return null;
            header.append((char) c);
        }
        int len = 0;
        for (String h : header.toString().split("\r\n")) {
            if (h.startsWith("Content-Length:")) len = Integer.parseInt(h.substring(15).trim());
        }
        return new String(in.readNBytes(len), StandardCharsets.UTF_8);
    }

    private static void send(OutputStream out, String json) throws Exception {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
    }

    @Test
    void malformedMessagesGetErrorsAndTheSessionGoesOn() throws Exception {
        Socket socket = dap.open();
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        send(out, "{not json");
        send(out, "{\"seq\":2,\"type\":\"request\",\"command\":\"noSuchCommand\",\"arguments\":{}}");
        send(out, "{\"seq\":3,\"type\":\"request\",\"command\":\"stackTrace\",\"arguments\":{\"threadId\":\"x\"}}");
        send(out, "{\"seq\":4,\"type\":\"request\",\"command\":\"initialize\",\"arguments\":{\"adapterID\":\"moonstack\"}}");
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        boolean initialized = false;
        for (int n = 0; n < 10 && !initialized; n++) {
            String m = readMessage(in);
            assertNotNull(m, "the server closed the stream: " + seen);
            seen.writeBytes((m + "\n").getBytes(StandardCharsets.UTF_8));
            initialized = m.contains("\"request_seq\":4") && m.contains("\"success\":true");
        }
        String all = seen.toString(StandardCharsets.UTF_8);
        assertTrue(initialized, all);
        assertTrue(all.contains("\"request_seq\":2") && all.contains("\"success\":false"), "an unknown command is an error response: " + all);
        assertFalse(all.contains("\tat ") || all.contains("Exception:") && all.contains(".java:"), "no Java stack trace on the wire: " + all);
    }
}
