package dev.moonstack.cli;

import dev.moonstack.vm.LuaThread;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the REPL gets its lines (Lua: lua_readline, lua_saveline and lua_initreadline of
 * lua.c): a line editor with history when JLine is on the class path and both standard
 * streams are terminals, else plain reads of standard input with the prompt on stdout.
 */
interface LineInput {
    /** Thrown by {@link #read} when the user abandons the line (Ctrl-C at the prompt). */
    final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() { super(null, null, false, false); }
    }

    /** Shows the prompt and reads one line, without its newline; null at the end of input. */
    String read(String prompt);

    /** Lua: lua_saveline. Keeps a complete chunk (maybe of several lines) in the history. */
    void save(String chunk);

    /** How Ctrl-C reaches statements while this input is in use; null keeps the CLI's own. */
    CtrlC ctrlC(LuaThread L);

    /** Writes the history out and gives the terminal back. */
    void close();

    /** The history file of the line editor: ~/.moonstack_history, $HOME first as readline's ~ is. */
    static Path historyFile() {
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"), ".moonstack_history");
    }

    /** The line editor if it can run here, else plain reads (Lua: lua_initreadline). */
    static LineInput open(PrintStream out) {
        if (Terminals.stdinIsTty() && Terminals.stdoutIsTty() && !"plain".equals(System.getProperty("moonstack.lineEditor"))) {
            try {   // by name: without JLine on the class path the CLI still runs
                Class<?> c = Class.forName("dev.moonstack.cli.JLineInput");
                return (LineInput) c.getDeclaredConstructor(Path.class).newInstance(historyFile());
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // no JLine, or no terminal it can drive: plain reads
            }
        }
        return new Plain(out);
    }

    /**
     * Lua: lua_readline, the prompt written and flushed first. When standard input is not a
     * terminal the line is echoed after the prompt, as readline does there (lua 5.4.8 loads
     * readline when it can, and main.lua's expected outputs include the echoed lines).
     */
    final class Plain implements LineInput {
        private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        private final PrintStream out;
        private final boolean echo = !Terminals.stdinIsTty();

        Plain(PrintStream out) { this.out = out; }

        @Override
        public String read(String prompt) {
            out.print(prompt);
            out.flush();
            try {
                String line = in.readLine();
                if (line != null && echo) out.println(line);
                return line;
            } catch (IOException e) {
                return null;
            }
        }

        @Override public void save(String chunk) { }

        @Override public CtrlC ctrlC(LuaThread L) { return null; }

        @Override public void close() { }
    }
}
