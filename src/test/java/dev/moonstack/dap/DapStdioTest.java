package dev.moonstack.dap;

import org.eclipse.lsp4j.debug.*;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DapMain, the --dap entry, in a JVM of its own: the protocol on its stdin/stdout and nothing else there. */
class DapStdioTest {
    @Test
    void aSessionOverStdio(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hello.lua"), "io.write('hello ', 1.0, '\\n')\nprint(2 + 3)\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.moonstack.dap.DapMain")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        IDebugProtocolClient client = new IDebugProtocolClient() {
            @Override public void output(OutputEventArguments args) { events.add(args.getOutput()); }

            @Override public void terminated(TerminatedEventArguments args) { events.add("(terminated)"); }
        };
        try {
            Launcher<IDebugProtocolServer> l = DSPLauncher.createClientLauncher(client, p.getInputStream(), p.getOutputStream());
            l.startListening();
            IDebugProtocolServer s = l.getRemoteProxy();
            assertTrue(s.initialize(new InitializeRequestArguments()).get(20, TimeUnit.SECONDS).getSupportsTerminateRequest());
            s.launch(Map.of("program", "hello.lua", "cwd", dir.toString())).get(10, TimeUnit.SECONDS);
            s.configurationDone(new ConfigurationDoneArguments()).get(10, TimeUnit.SECONDS);
            StringBuilder out = new StringBuilder();
            for (;;) {
                Object e = events.poll(10, TimeUnit.SECONDS);
                assertNotNull(e, "no terminated event; output so far: " + out);
                if (e.equals("(terminated)")) break;
                out.append(e);
            }
            assertEquals("hello 1.0\n5\n", out.toString());
            s.disconnect(new DisconnectArguments()).get(10, TimeUnit.SECONDS);
            p.getOutputStream().close();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "DapMain did not exit at the end of its input");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
