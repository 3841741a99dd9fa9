package dev.moonstack.dap;

import dev.moonstack.api.Lua;
import dev.moonstack.debug.Debugger;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Accepts DAP clients on a loopback port for a runtime that runs on, one client at a time: the
 * game host's way in ({@code moonstack --debug-port N --no-wait}, or a host's own call to
 * {@link #listen}). Clients attach and detach without restarting anything; between clients the
 * debugger watches nothing, so the runtime runs at full speed.
 */
public final class DapListener implements Closeable {
    private final ServerSocket socket;
    private final Lua lua;
    private final Debugger dbg;

    private DapListener(ServerSocket socket, Lua lua, Debugger dbg) {
        this.socket = socket;
        this.lua = lua;
        this.dbg = dbg;
    }

    /**
     * Attaches a debugger to {@code lua} (call it on the host's thread while no script runs)
     * and accepts clients on 127.0.0.1:{@code port} (0: any free port, see {@link #port}) on a
     * daemon thread.
     */
    public static DapListener listen(Lua lua, int port) throws IOException {
        ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        Debugger dbg = Debugger.attach(lua);
        java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
        dbg.setSourceNames(chunk -> DapServer.sourceName(cwd, chunk));
        DapListener l = new DapListener(s, lua, dbg);
        Thread t = new Thread(l::acceptClients, "dap listener " + s.getLocalPort());
        t.setDaemon(true);
        t.start();
        return l;
    }

    /** The port clients connect to. */
    public int port() { return socket.getLocalPort(); }

    /** The debugger the clients drive. */
    public Debugger debugger() { return dbg; }

    private void acceptClients() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                new DapServer(lua, dbg).serveOn(client.getInputStream(), client.getOutputStream());
            } catch (Exception e) {
                if (socket.isClosed()) return;
                dbg.reset();                            // a client that broke off: the next one starts clean
            }
        }
    }

    /** Stops accepting clients and detaches the debugger. */
    @Override public void close() throws IOException {
        socket.close();
        dbg.detach();
    }
}
