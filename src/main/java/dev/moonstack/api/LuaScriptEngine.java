package dev.moonstack.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.script.AbstractScriptEngine;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.Invocable;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptException;
import javax.script.SimpleBindings;

/**
 * Moonstack as a javax.script engine: one {@link Lua} runtime ({@link Profile#TRUSTED},
 * os.exit disabled) per engine. {@code eval} maps the context's bindings to globals: before
 * the script runs, every binding of the global then the engine scope becomes a global
 * (converted as {@link Lua} describes); afterwards the engine scope receives the values of
 * its keys and of the globals the script created. The script's value is the chunk's first
 * result. {@code print} and {@code io.write} go to the context's writer, {@code io.stderr} to its error writer. Errors become {@link ScriptException}s
 * whose message is Lua's and whose cause is the {@link LuaException}.
 */
public final class LuaScriptEngine extends AbstractScriptEngine implements Invocable, Compilable {
    private final ScriptEngineFactory factory;
    private final Lua lua;
    private Writer writer;

    LuaScriptEngine(ScriptEngineFactory factory) {
        this.factory = factory;
        this.lua = Lua.builder().stdout(new WriterStream(false)).stderr(new WriterStream(true)).build();
    }

    /**
     * The runtime behind the engine, for what javax.script does not cover.
     *
     * @return the engine's own {@link Lua}, shared by all its evaluations
     */
    public Lua lua() { return lua; }

    @Override
    public Object eval(String script, ScriptContext context) throws ScriptException {
        return compile(script).eval(context);
    }

    @Override
    public Object eval(Reader reader, ScriptContext context) throws ScriptException {
        return eval(read(reader), context);
    }

    @Override
    public CompiledScript compile(String script) throws ScriptException {
        LuaFunction chunk;
        try {
            chunk = lua.load(script, "=" + scriptName());
        } catch (LuaException e) {
            throw scriptException(e);
        }
        return new CompiledScript() {
            @Override
            public Object eval(ScriptContext context) throws ScriptException {
                return run(chunk, context);
            }

            @Override
            public ScriptEngine getEngine() { return LuaScriptEngine.this; }
        };
    }

    @Override
    public CompiledScript compile(Reader reader) throws ScriptException { return compile(read(reader)); }

    private Object run(LuaFunction chunk, ScriptContext context) throws ScriptException {
        LuaTable g = lua.globals();
        Set<Object> before = new HashSet<>(g.toMap().keySet());
        for (int scope : new int[] {ScriptContext.GLOBAL_SCOPE, ScriptContext.ENGINE_SCOPE}) {
            Bindings b = context.getBindings(scope);
            if (b != null) for (Map.Entry<String, Object> e : b.entrySet()) set(g, e.getKey(), e.getValue());
        }
        writer = context.getWriter();
        try {
            Object[] r = lua.call(chunk);
            Bindings engine = context.getBindings(ScriptContext.ENGINE_SCOPE);
            for (Map.Entry<Object, Object> e : g.toMap().entrySet()) {
                if (e.getKey() instanceof String && (engine.containsKey(e.getKey()) || !before.contains(e.getKey()))) {
                    engine.put((String) e.getKey(), e.getValue());
                }
            }
            return r.length > 0 ? r[0] : null;
        } catch (LuaException e) {
            throw scriptException(e);
        } finally {
            writer = null;
        }
    }

    /** A binding as a global; a Java value Lua cannot hold is skipped (javax.script puts its own entries there). */
    private static void set(LuaTable g, String name, Object value) {
        try {
            g.set(name, value);
        } catch (IllegalArgumentException unconvertible) {
            // e.g. "javax.script.filename" bound to a String is fine; a host object is not (yet)
        }
    }

    @Override
    public Object invokeFunction(String name, Object... args) throws ScriptException, NoSuchMethodException {
        Object f = lua.getGlobal(name);
        if (!(f instanceof LuaFunction)) throw new NoSuchMethodException("no global function '" + name + "'");
        return first(f, args);
    }

    @Override
    public Object invokeMethod(Object thiz, String name, Object... args) throws ScriptException, NoSuchMethodException {
        if (!(thiz instanceof LuaTable)) throw new IllegalArgumentException("a LuaTable expected as the object");
        Object f = ((LuaTable) thiz).get(name);
        if (!(f instanceof LuaFunction)) throw new NoSuchMethodException("no method '" + name + "'");
        Object[] all = new Object[args.length + 1];
        all[0] = thiz;
        System.arraycopy(args, 0, all, 1, args.length);
        return first(f, all);
    }

    private Object first(Object f, Object[] args) throws ScriptException {
        try {
            Object[] r = lua.call(f, args);
            return r.length > 0 ? r[0] : null;
        } catch (LuaException e) {
            throw scriptException(e);
        }
    }

    @Override
    public <T> T getInterface(Class<T> type) { return proxy(null, type); }

    @Override
    public <T> T getInterface(Object thiz, Class<T> type) {
        if (!(thiz instanceof LuaTable)) throw new IllegalArgumentException("a LuaTable expected as the object");
        return proxy((LuaTable) thiz, type);
    }

    /** An implementation of {@code type} whose methods call the global (or {@code thiz}'s) functions of the same names. */
    private <T> T proxy(LuaTable thiz, Class<T> type) {
        if (!type.isInterface()) throw new IllegalArgumentException(type.getName() + " is not an interface");
        return Callbacks.implement(lua, type, false,
                (m, args) -> thiz == null ? invokeFunction(m.getName(), args) : invokeMethod(thiz, m.getName(), args));
    }

    @Override
    public Bindings createBindings() { return new SimpleBindings(); }

    @Override
    public ScriptEngineFactory getFactory() { return factory; }

    private String scriptName() {
        Object n = get(ScriptEngine.FILENAME);
        return n == null ? "script" : n.toString();
    }

    private ScriptException scriptException(LuaException e) {
        ScriptException s = new ScriptException(e.getMessage());
        s.initCause(e);
        return s;
    }

    private static String read(Reader reader) throws ScriptException {
        try {
            StringBuilder b = new StringBuilder();
            char[] buf = new char[8192];
            for (int n; (n = reader.read(buf)) > 0; ) b.append(buf, 0, n);
            return b.toString();
        } catch (IOException e) {
            throw new ScriptException(e);
        }
    }

    /** The runtime's output, decoded as UTF-8 into the writer of the running context at each flush. */
    private final class WriterStream extends OutputStream {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private final boolean error;

        WriterStream(boolean error) { this.error = error; }

        @Override
        public void write(int b) { bytes.write(b); }

        @Override
        public void write(byte[] b, int off, int len) { bytes.write(b, off, len); }

        @Override
        public void flush() throws IOException {
            Writer w = error ? context.getErrorWriter() : writer != null ? writer : context.getWriter();
            if (bytes.size() == 0 || w == null) return;
            w.write(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
            bytes.reset();
            w.flush();
        }
    }
}
