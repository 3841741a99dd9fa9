package dev.moonstack.api;

import java.util.List;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;

/**
 * The javax.script (JSR-223) factory of Moonstack, registered in
 * META-INF/services/javax.script.ScriptEngineFactory: {@code new ScriptEngineManager()
 * .getEngineByName("lua")} (or "moonstack", or the extension "lua") gives a
 * {@link LuaScriptEngine}. An engine is not safe for concurrent use ("THREADING" is null).
 */
public final class LuaScriptEngineFactory implements ScriptEngineFactory {
    /** A factory; javax.script's ServiceLoader makes it. */
    public LuaScriptEngineFactory() {}

    @Override public String getEngineName() { return "Moonstack"; }

    @Override public String getEngineVersion() { return "0.1"; }

    @Override public List<String> getExtensions() { return List.of("lua"); }

    @Override public List<String> getMimeTypes() { return List.of("text/x-lua", "application/x-lua"); }

    @Override public List<String> getNames() { return List.of("lua", "moonstack", "Lua", "Moonstack"); }

    @Override public String getLanguageName() { return "lua"; }

    @Override public String getLanguageVersion() { return "5.4"; }

    @Override
    public Object getParameter(String key) {
        switch (key) {
            case ScriptEngine.ENGINE: return getEngineName();
            case ScriptEngine.ENGINE_VERSION: return getEngineVersion();
            case ScriptEngine.NAME: return "lua";
            case ScriptEngine.LANGUAGE: return getLanguageName();
            case ScriptEngine.LANGUAGE_VERSION: return getLanguageVersion();
            default: return null;                   // "THREADING" too: not thread-safe
        }
    }

    /** {@code obj:m(a, b)}, Lua's method call. */
    @Override
    public String getMethodCallSyntax(String obj, String m, String... args) {
        return obj + ":" + m + "(" + String.join(", ", args) + ")";
    }

    /** {@code print("text")}, the string as a Lua long-bracket-free literal. */
    @Override
    public String getOutputStatement(String toDisplay) {
        StringBuilder b = new StringBuilder("print(\"");
        for (char c : toDisplay.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c == '\n') b.append("\\n");
            else b.append(c);
        }
        return b.append("\")").toString();
    }

    @Override
    public String getProgram(String... statements) { return String.join("\n", statements); }

    @Override
    public ScriptEngine getScriptEngine() { return new LuaScriptEngine(this); }
}
