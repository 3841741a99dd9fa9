package dev.moonstack.cli;

import dev.moonstack.vm.LuaThread;
import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The REPL's line editor on JLine 3 (Lua: the readline build of lua.c): editing, history kept
 * across sessions in a file, Ctrl-C abandoning the line, Ctrl-D ending the session. Only this
 * class names JLine, which the build ships beside the jar as an optional dependency.
 */
final class JLineInput implements LineInput {
    private final Terminal terminal;
    private final LineReader reader;

    JLineInput(Path history) throws IOException {
        // Signals go through the terminal: ignored at the prompt's edges, our handler while a
        // statement runs, JLine's own (abandon the line) while it reads.
        terminal = TerminalBuilder.builder().system(true).nativeSignals(true)
                .signalHandler(Terminal.SignalHandler.SIG_IGN).build();
        DefaultParser raw = new DefaultParser();
        raw.setEscapeChars(new char[0]);         // lines reach Lua as typed: no shell quoting
        raw.setQuoteChars(new char[0]);
        reader = LineReaderBuilder.builder().terminal(terminal).parser(raw)
                .variable(LineReader.HISTORY_FILE, history)
                .variable(LineReader.DISABLE_HISTORY, true)   // lua saves whole chunks: see save
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, ">> ")  // a recalled chunk's later lines
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)   // readline keeps every line
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, false)
                .build();
    }

    @Override
    public String read(String prompt) {
        try {
            return reader.readLine(prompt);
        } catch (UserInterruptException e) {
            throw new Abandoned();
        } catch (EndOfFileException e) {
            return null;
        }
    }

    /** Lua: lua_saveline (add_history). JLine adds only while its history is enabled. */
    @Override
    public void save(String chunk) {
        reader.setVariable(LineReader.DISABLE_HISTORY, false);
        try {
            reader.getHistory().add(chunk);
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, true);
        }
    }

    @Override
    public CtrlC ctrlC(LuaThread L) {
        return new CtrlC(L) {
            @Override
            void arm() {
                terminal.handle(Terminal.Signal.INT, s -> {
                    terminal.handle(Terminal.Signal.INT, Terminal.SignalHandler.SIG_DFL);   // as laction
                    interrupt();
                });
            }

            @Override
            void disarm() { terminal.handle(Terminal.Signal.INT, Terminal.SignalHandler.SIG_IGN); }
        };
    }

    @Override
    public void close() {
        try {
            reader.getHistory().save();
            terminal.close();
        } catch (IOException e) {
            // the history is lost for this session; nothing to report at exit
        }
    }
}
