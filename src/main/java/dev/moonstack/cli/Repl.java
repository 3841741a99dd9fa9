package dev.moonstack.cli;

import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.vm.LuaThread;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The interactive loop (Lua: lua.c doREPL, loadline, multiline, l_print): reads a line, tries
 * it as an expression to print ("return " .. line), else as a statement, reading more lines
 * while the chunk is incomplete.
 */
final class Repl {
    private final Main main;
    private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    Repl(Main main) { this.main = main; }

    void run() {
        LuaThread L = main.lua().mainThread();
        for (;;) {
            String line = read(prompt("_PROMPT", "> "));
            if (line == null) break;
            LuaClosure f = compile(line);
            if (f == null) continue;
            int base = L.top();
            L.push(f, 0);
            if (main.docall(base, -1) && L.top() > base) print(L, base);
            L.setTop(base);
        }
        main.out().println();
        main.out().flush();
    }

    private String prompt(String global, String def) {
        Object p = main.lua().state().globals.getRef(LuaString.of(global), 0);
        return p instanceof LuaString ? p.toString() : def;
    }

    private String read(String prompt) {
        main.out().print(prompt);
        main.out().flush();
        try {
            String line = in.readLine();
            if (line != null && line.startsWith("=")) line = "return " + line.substring(1);  // Lua 5.1 habit
            return line;
        } catch (IOException e) {
            return null;
        }
    }

    /** Lua: loadline. An expression first, then a statement, then more lines while incomplete. */
    private LuaClosure compile(String line) {
        try {
            return main.lua().load("return " + line, "=stdin");
        } catch (LuaError ignored) {
            // not an expression: try it as a statement
        }
        String chunk = line;
        for (;;) {
            try {
                return main.lua().load(chunk, "=stdin");
            } catch (LuaError e) {
                if (!e.getMessage().endsWith("<eof>")) {
                    main.report(e);
                    return null;
                }
                String more = read(prompt("_PROMPT2", ">> "));
                if (more == null) {
                    main.report(e);
                    return null;
                }
                chunk = chunk + "\n" + more;
            }
        }
    }

    /** Lua: l_print. Calls the global print with the results. */
    private void print(LuaThread L, int base) {
        int n = L.top() - base;
        int f = L.top();
        L.push(main.lua().state().globals.getRef(LuaString.of("print"), 0), 0);
        for (int i = 0; i < n; i++) L.pushValue(base + i);
        LuaError e = L.pcall(f, 0, null);
        if (e != null) main.report(LuaError.plain("error calling 'print' (" + e.getMessage() + ")"));
    }
}
