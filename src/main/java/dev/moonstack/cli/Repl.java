package dev.moonstack.cli;

import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.vm.LuaOps;
import dev.moonstack.vm.LuaThread;

/**
 * The interactive loop (Lua: lua.c doREPL, loadline, addreturn, multiline, l_print): reads a
 * line, tries it as an expression to print ("return " .. line .. ";"), else as a statement,
 * reading more lines while the chunk is incomplete. Errors are shown without the program
 * name; Ctrl-C at a prompt abandons the chunk being typed, and while a statement runs it
 * interrupts the statement.
 */
final class Repl {
    private final Main main;
    private LineInput input;

    Repl(Main main) { this.main = main; }

    void run() {
        LuaThread L = Runtimes.mainThread(main.lua());
        input = LineInput.open(main.out());
        CtrlC saved = main.ctrlC(), editors = input.ctrlC(L);
        if (editors != null) main.setCtrlC(editors);
        main.setInteractive(true);
        try {
            loop(L);
        } finally {
            main.setInteractive(false);
            main.setCtrlC(saved);
            input.close();
        }
        main.out().println();                      // Lua: lua_writeline
        main.out().flush();
    }

    private void loop(LuaThread L) {
        for (;;) {
            LuaClosure f;
            try {
                String line = pushline(true);
                if (line == null) return;
                f = loadline(line);
            } catch (LineInput.Abandoned e) {
                main.out().println();              // the next prompt on a line of its own
                continue;
            }
            if (f == null) continue;
            int base = L.top();
            L.push(f, 0);
            if (main.docall(base, -1) && L.top() > base) print(L, base);
            L.setTop(base);
        }
    }

    /** Lua: get_prompt. _PROMPT or _PROMPT2 through tostring (luaL_tolstring), or the default. */
    private String prompt(boolean first) {
        LuaThread L = Runtimes.mainThread(main.lua());
        int top = L.top();
        L.pushNil();
        try {
            Runtimes.state(main.lua()).globals.get(LuaString.of(first ? "_PROMPT" : "_PROMPT2"), 0, L.stack.refs, L.stack.nums, top);
            if (L.ref(top) == null) return first ? "> " : ">> ";
            return LuaOps.tostring(L, L.ref(top), L.num(top)).toString();
        } finally {
            L.setTop(top);
        }
    }

    /** Lua: pushline. A line without its newline; "=expr" on a first line means "return expr". */
    private String pushline(boolean first) {
        main.out().flush();
        String line = input.read(prompt(first));
        if (line != null && first && line.startsWith("=")) line = "return " + line.substring(1);  // Lua 5.1 habit
        return line;
    }

    /** Lua: loadline. An expression first, then a statement, reading more lines while incomplete. */
    private LuaClosure loadline(String line) {
        LuaClosure f = addreturn(line);
        return f != null ? f : multiline(line);
    }

    /** Lua: addreturn. "return line;" if it compiles; the line goes to the history. */
    private LuaClosure addreturn(String line) {
        try {
            LuaClosure f = Runtimes.loadClosure(main.lua(), "return " + line + ";", "=stdin");
            if (!line.isEmpty()) input.save(line);
            return f;
        } catch (LuaError e) {
            return null;
        }
    }

    /** Lua: multiline. Adds lines while the chunk ends in an error at {@code <eof>}. */
    private LuaClosure multiline(String chunk) {
        for (;;) {
            try {
                LuaClosure f = Runtimes.loadClosure(main.lua(), chunk, "=stdin");
                input.save(chunk);
                return f;
            } catch (LuaError e) {
                String more = incomplete(e) ? pushline(false) : null;
                if (more == null) {
                    input.save(chunk);
                    main.report(e);
                    return null;
                }
                chunk = chunk + "\n" + more;
            }
        }
    }

    /** Lua: incomplete. A syntax error at the end of the chunk: more lines may complete it. */
    private static boolean incomplete(LuaError e) {
        return !e.uncatchable && e.getMessage().endsWith("<eof>");
    }

    /** Lua: l_print. Calls the global print with the results. */
    private void print(LuaThread L, int base) {
        int n = L.top() - base;
        int f = L.top();
        L.push(Runtimes.state(main.lua()).globals.getRef(LuaString.of("print"), 0), 0);
        for (int i = 0; i < n; i++) L.pushValue(base + i);
        LuaError e = L.pcall(f, 0, null);
        if (e != null) main.report(LuaError.plain("error calling 'print' (" + e.getMessage() + ")"));
    }
}
