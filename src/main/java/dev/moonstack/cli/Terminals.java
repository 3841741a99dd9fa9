package dev.moonstack.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the standard streams are terminals (Lua: lua_stdin_is_tty, C's isatty). */
final class Terminals {
    private Terminals() {}

    /**
     * isatty(0). Java has no isatty; on Linux the descriptor's link names the device, and a
     * terminal is /dev/pts/N or /dev/ttyX. Elsewhere, System.console(), which asks for a
     * terminal on both stdin and stdout.
     */
    static boolean stdinIsTty() {
        return isTty(0);
    }

    static boolean stdoutIsTty() {
        return isTty(1);
    }

    private static boolean isTty(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isDirectory(Path.of("/proc/self/fd"))) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
