package dev.moonstack.dap;

import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.api.Lua;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;

/**
 * The debug adapter's command lines: {@code moonstack --dap}, a Debug Adapter Protocol session
 * on stdin/stdout as VS Code starts adapters, and {@code moonstack --debug-port N [--no-wait]
 * script [args]}, which runs the script for a client on 127.0.0.1:N: after the client attaches,
 * or at once with {@code --no-wait}, clients then attaching and leaving as they like.
 */
public final class DapMain {
    private DapMain() {}

    public static void main(String[] args) {
        int status;
        try {
            status = args.length >= 1 && args[0].equals("--debug-port") ? debugPort(args) : stdio();
        } catch (Exception e) {
            System.err.println("moonstack: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    /** stdout carries only the protocol, so System.out is pointed at stderr first. */
    private static int stdio() throws Exception {
        FileOutputStream protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        DapServer.serve(new FileInputStream(FileDescriptor.in), protocol);
        return 0;
    }

    private static int debugPort(String[] args) throws Exception {
        int i = 1;
        int port = i < args.length ? parsePort(args[i++]) : usage();
        boolean wait = true;
        if (i < args.length && args[i].equals("--no-wait")) {
            wait = false;
            i++;
        }
        if (i >= args.length) return usage();
        String script = args[i];
        List<String> rest = Arrays.asList(args).subList(i + 1, args.length);
        return wait ? waitForClient(port, script, rest) : runListening(port, script, rest);
    }

    /** One session: the script runs when the client attaches, its output as output events. */
    private static int waitForClient(int port, String script, List<String> rest) throws Exception {
        try (ServerSocket ss = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            System.err.println("moonstack: waiting for a debugger on 127.0.0.1:" + ss.getLocalPort());
            try (Socket s = ss.accept()) {
                new DapServer(script, rest).serveOn(s.getInputStream(), s.getOutputStream());
            }
        }
        return 0;
    }

    /**
     * The script runs at once on this thread; clients attach and leave meanwhile. os.exit ends
     * the script (as an interrupt does) and the process with its status, after the listener
     * has closed.
     */
    private static int runListening(int port, String script, List<String> rest) throws Exception {
        Lua lua = new Lua();
        Integer[] exit = {null};
        Runtimes.state(lua).exitHandler = status -> {
            exit[0] = status;
            DapServer.endScript(lua);
        };
        try (DapListener l = DapListener.listen(lua, port)) {
            System.err.println("moonstack: debugger port 127.0.0.1:" + l.port());
            Runtimes.callRaw(lua, Runtimes.loadFileClosure(lua, script), rest.toArray());
            return 0;
        } catch (RuntimeException e) {
            if (exit[0] != null) return exit[0];
            System.err.println("moonstack: " + e.getMessage());
            return 1;
        } finally {
            lua.flush();
        }
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 0 && p < 65536) return p;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + s + "' is not a port number");
    }

    private static int usage() {
        throw new IllegalArgumentException("usage: moonstack --debug-port N [--no-wait] script [args]");
    }
}
