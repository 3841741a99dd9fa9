package dev.moonstack.dap;

import org.eclipse.lsp4j.debug.*;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The client side of the DAP tests: lsp4j's client recording the events it gets, and a
 * {@link DapServer} serving one connection on a loopback socket, on a thread of its own.
 */
final class DapClient implements AutoCloseable {
    /**
     * The events in order of arrival: "initialized" and "terminated" as strings, stopped,
     * output and exited events as lsp4j's arguments.
     */
    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    /** The output events' text by category, kept as they arrive. */
    final Map<String, StringBuffer> output = new ConcurrentHashMap<>();
    private ServerSocket listener;
    private java.lang.Thread server;
    private Socket socket;

    private final IDebugProtocolClient client = new IDebugProtocolClient() {
        @Override public void initialized() { events.add("initialized"); }

        @Override public void stopped(StoppedEventArguments args) { events.add(args); }

        @Override public void output(OutputEventArguments args) {
            output.computeIfAbsent(args.getCategory(), k -> new StringBuffer()).append(args.getOutput());
            events.add(args);
        }

        @Override public void exited(ExitedEventArguments args) { events.add(args); }

        @Override public void terminated(TerminatedEventArguments args) { events.add("terminated"); }
    };

    /** Starts a server on a loopback socket and opens a raw connection to it (no client yet). */
    Socket open() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server = new java.lang.Thread(() -> {
            try (Socket c = listener.accept()) {
                DapServer.serve(c.getInputStream(), c.getOutputStream());
            } catch (Exception ignored) {
                // the client closed the connection
            }
        });
        server.setDaemon(true);
        server.start();
        socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        return socket;
    }

    /** Starts a server of its own ({@link #open}) and connects the client to it. */
    IDebugProtocolServer start() throws IOException {
        return attach(open());
    }

    /** Connects the client to a server already listening on {@code port} (a host's DapListener). */
    IDebugProtocolServer connect(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        return attach(socket);
    }

    private IDebugProtocolServer attach(Socket s) throws IOException {
        Launcher<IDebugProtocolServer> launcher = DSPLauncher.createClientLauncher(client, s.getInputStream(), s.getOutputStream());
        launcher.startListening();
        return launcher.getRemoteProxy();
    }

    /** The thread serving the connection of {@link #open}. */
    java.lang.Thread server() { return server; }

    /** Closes the connection, so that the server's session ends. */
    void disconnect() throws IOException {
        if (socket != null) socket.close();
    }

    @Override
    public void close() throws IOException {
        disconnect();
        if (listener != null) listener.close();
    }

    /** The next event of type {@code type}, skipping others (output, exited, breakpoint changes). */
    @SuppressWarnings("unchecked")
    <T> T next(Class<T> type) throws InterruptedException {
        for (;;) {
            Object e = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(e, "no " + type.getSimpleName());
            if (type.isInstance(e)) return (T) e;
        }
    }

    /** Waits for the event {@code event} ("initialized", "terminated"), skipping others. */
    void expect(String event) throws InterruptedException {
        for (;;) {
            Object e = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(e, "no " + event);
            if (event.equals(e)) return;
        }
    }

    /** Sets one breakpoint, at {@code line} of {@code file}, and returns what the server placed. */
    static Breakpoint setBreakpoint(IDebugProtocolServer s, Path file, int line) throws Exception {
        SetBreakpointsArguments sb = new SetBreakpointsArguments();
        Source src = new Source();
        src.setPath(file.toString());
        sb.setSource(src);
        SourceBreakpoint bp = new SourceBreakpoint();
        bp.setLine(line);
        sb.setBreakpoints(new SourceBreakpoint[] {bp});
        return s.setBreakpoints(sb).get(10, TimeUnit.SECONDS).getBreakpoints()[0];
    }
}
