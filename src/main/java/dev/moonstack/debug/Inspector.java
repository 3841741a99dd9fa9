package dev.moonstack.debug;

import dev.moonstack.lib.Loading;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.Proto;
import dev.moonstack.value.UpVal;
import dev.moonstack.vm.Activation;
import dev.moonstack.vm.DebugInfo;
import dev.moonstack.vm.Interrupts;
import dev.moonstack.vm.LuaThread;
import dev.moonstack.vm.Traceback;
import dev.moonstack.vm.ValueStack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What can be looked at during one stop: threads, frames (activations of the call stacks),
 * scopes, variables and evaluations in a frame. Frame and variable references are valid until
 * the script resumes. All work runs on the script's thread ({@link Debugger#onScriptThread});
 * names and lines come from the same code as Lua's tracebacks ({@link Traceback},
 * {@link DebugInfo}).
 */
public final class Inspector {
    /** Instructions an evaluation may run before it is stopped. */
    static final long EVAL_BUDGET = 1_000_000;

    public record ThreadInfo(int id, String name, String status) {}

    public record FrameInfo(int id, String name, String source, int line, boolean tailCall, boolean java, int depth) {}

    public record ScopeInfo(String name, int variablesReference) {}

    /**
     * A variable as shown; a table's children are counted for paging (DAP indexedVariables and
     * namedVariables): {@code indexed} the keys 1 to its border, {@code named} the rest (and the
     * metatable entry).
     */
    public record Variable(String name, String value, String type, int variablesReference, int indexed, int named) {
        public Variable(String name, String value, String type, int variablesReference) { this(name, value, type, variablesReference, 0, 0); }
    }

    /** An evaluation's outcome: the values shown, the first as a reference if it is a table, or the error. */
    public record Result(String value, String type, int variablesReference, String error, boolean truthy) {}

    private record FrameRef(LuaThread co, int depth) {}

    private record ScopeRef(FrameRef frame, String kind) {}

    private final Debugger dbg;
    /** The coroutine that stopped, on which evaluations run. */
    private final LuaThread running;
    private final List<FrameRef> frames = new ArrayList<>();
    private final List<Object> handles = new ArrayList<>();
    private final Map<Object, Integer> tableRefs = new IdentityHashMap<>();

    Inspector(Debugger dbg, LuaThread running) {
        this.dbg = dbg;
        this.running = running;
    }

    // ------------------------------------------------------------------ threads and frames

    /** Every live coroutine, the main thread first. */
    public List<ThreadInfo> threads() {
        return dbg.onScriptThread(() -> {
            List<ThreadInfo> out = new ArrayList<>();
            for (LuaThread t : dbg.liveThreads(running)) out.add(new ThreadInfo(dbg.threadId(t), threadName(t), t.statusName()));
            return out;
        });
    }

    private String threadName(LuaThread t) {
        if (t.isMain()) return "main";
        Object body = t.calls.depth() >= 1 ? DebugInfo.function(t, t.calls.at(1)) : t.ref(1);
        String what = body instanceof LuaClosure
                ? "function <" + dev.moonstack.value.ChunkId.of(((LuaClosure) body).p.source) + ":" + ((LuaClosure) body).p.lineDefined + ">"
                : "?";
        return "coroutine " + dbg.threadId(t) + " " + what;
    }

    /** The frames of thread {@code threadId}, innermost first: {@code count} of them from {@code start} (count 0: all). */
    public List<FrameInfo> stackTrace(int threadId, int start, int count) {
        return dbg.onScriptThread(() -> {
            LuaThread co = thread(threadId);
            List<FrameInfo> out = new ArrayList<>();
            int top = co.calls.depth();
            int end = count <= 0 ? top : Math.min(top, start + count);
            for (int l = start; l < end; l++) out.add(frameInfo(co, co.calls.at(top - l)));
            return out;
        });
    }

    /** How many frames thread {@code threadId} has. */
    public int frameCount(int threadId) { return dbg.onScriptThread(() -> thread(threadId).calls.depth()); }

    private FrameInfo frameInfo(LuaThread co, Activation ci) {
        frames.add(new FrameRef(co, ci.depth));
        String src = ci.isLua() ? dbg.sourceName(ci.closure.p.source.toString()) : "=[C]";
        return new FrameInfo(frames.size(), Traceback.functionName(co, ci), src, Traceback.currentLine(ci),
                (ci.flags & Activation.TAIL) != 0, !ci.isLua(), ci.depth);
    }

    private LuaThread thread(int id) {
        for (LuaThread t : dbg.liveThreads(running)) if (dbg.threadId(t) == id) return t;
        throw new IllegalArgumentException("no thread " + id);
    }

    private FrameRef frame(int id) {
        if (id < 1 || id > frames.size()) throw new IllegalArgumentException("no frame " + id);
        return frames.get(id - 1);
    }

    // ------------------------------------------------------------------ scopes and variables

    /** Locals, Varargs (if any), Upvalues (if any) and Globals of a frame. */
    public List<ScopeInfo> scopes(int frameId) {
        return dbg.onScriptThread(() -> {
            FrameRef f = frame(frameId);
            Activation ci = f.co.calls.at(f.depth);
            List<ScopeInfo> out = new ArrayList<>();
            out.add(new ScopeInfo("Locals", handle(new ScopeRef(f, "Locals"))));
            if (ci.isLua() && ci.closure.p.isVararg && ci.nExtraArgs > 0) out.add(new ScopeInfo("Varargs", handle(new ScopeRef(f, "Varargs"))));
            if (ci.isLua() && ci.closure.upvals.length > 0) out.add(new ScopeInfo("Upvalues", handle(new ScopeRef(f, "Upvalues"))));
            out.add(new ScopeInfo("Globals", handle(new ScopeRef(f, "Globals"))));
            return out;
        });
    }

    /** The children of a scope or a table, {@code count} from {@code start} (count 0: all). */
    public List<Variable> variables(int ref, int start, int count) { return variables(ref, null, start, count); }

    /**
     * As above; for a table, {@code filter} "indexed" pages through the keys 1 to its border
     * ({@code start} 0 is key 1), "named" through the other children (DAP variables' filter).
     */
    public List<Variable> variables(int ref, String filter, int start, int count) {
        return dbg.onScriptThread(() -> {
            if (ref < 1 || ref > handles.size()) throw new IllegalArgumentException("no variables " + ref);
            Object h = handles.get(ref - 1);
            if (h instanceof LuaTable t && "indexed".equals(filter)) return indexedVariables(t, start, count);
            List<Variable> all = h instanceof ScopeRef ? scopeVariables((ScopeRef) h) : tableVariables((LuaTable) h);
            if (h instanceof LuaTable t && "named".equals(filter)) all.removeIf(v -> isIndex(v.name(), t.length()));
            int end = count <= 0 ? all.size() : Math.min(all.size(), start + count);
            return new ArrayList<>(all.subList(Math.min(start, end), end));
        });
    }

    public List<Variable> variables(int ref) { return variables(ref, 0, 0); }

    private int handle(Object h) {
        handles.add(h);
        return handles.size();
    }

    private int tableRef(Object v) {
        if (!(v instanceof LuaTable)) return 0;
        Integer r = tableRefs.get(v);
        if (r == null) tableRefs.put(v, r = handle(v));
        return r;
    }

    private Variable variable(String name, Object ref, long num) {
        if (!(ref instanceof LuaTable t)) return new Variable(name, Display.of(ref, num), Display.type(ref), tableRef(ref));
        long border = t.length();
        int named = t.metatable != null ? 1 : 0;
        Object[] r = new Object[2];
        long[] n = new long[2];
        while (t.next(r[0], n[0], r, n, 0)) {
            if (!(r[0] == NumTag.INT && n[0] >= 1 && n[0] <= border)) named++;
        }
        int indexed = (int) Math.min(border, Integer.MAX_VALUE);
        return new Variable(name, Display.of(ref, num), Display.type(ref), tableRef(ref), indexed, named);
    }

    /** The children t[start + 1] .. t[start + count] (to the border when count is 0), raw. */
    private List<Variable> indexedVariables(LuaTable t, int start, int count) {
        long end = count <= 0 ? t.length() : Math.min(t.length(), (long) start + count);
        List<Variable> out = new ArrayList<>();
        Object[] r = new Object[1];
        long[] n = new long[1];
        for (long i = start + 1L; i <= end; i++) {
            t.getInt(i, r, n, 0);
            out.add(variable("[" + i + "]", r[0], n[0]));
        }
        return out;
    }

    /** Whether a child's name is "[i]" for an integer key 1 <= i <= border. */
    private static boolean isIndex(String name, long border) {
        if (!name.startsWith("[") || !name.endsWith("]")) return false;
        try {
            long i = Long.parseLong(name.substring(1, name.length() - 1));
            return i >= 1 && i <= border;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private List<Variable> scopeVariables(ScopeRef s) {
        LuaThread co = s.frame.co;
        Activation ci = co.calls.at(s.frame.depth);
        List<Variable> out = new ArrayList<>();
        int[] slot = new int[1];
        switch (s.kind) {
            case "Locals" -> {
                for (int n = 1; ; n++) {
                    String name = DebugInfo.findLocal(co, ci, n, slot);
                    if (name == null) break;
                    if (!name.startsWith("(")) out.add(variable(name, co.ref(slot[0]), co.num(slot[0])));
                }
            }
            case "Varargs" -> {
                for (int n = -1; DebugInfo.findLocal(co, ci, n, slot) != null; n--) {
                    out.add(variable("[" + -n + "]", co.ref(slot[0]), co.num(slot[0])));
                }
            }
            case "Upvalues" -> {
                Proto p = ci.closure.p;
                UpVal[] u = ci.closure.upvals;
                for (int i = 0; i < u.length; i++) {
                    LuaString nm = i < p.upvalues.length ? p.upvalues[i].name : null;
                    out.add(variable(nm == null ? "?" : nm.toString(), u[i].ref(), u[i].num()));
                }
            }
            default -> out.addAll(tableVariables(env(co, ci)));
        }
        return out;
    }

    /** The frame's _ENV: its upvalue or local of that name, else the globals. */
    private static LuaTable env(LuaThread co, Activation ci) {
        if (ci.isLua()) {
            for (Binding b : bindings(co, ci).values()) {
                if (b.name.equals("_ENV") && b.ref(co) instanceof LuaTable) return (LuaTable) b.ref(co);
            }
        }
        return co.G.globals;
    }

    /** A table's fields, without metamethods: its metatable first, then the pairs as next finds them. */
    private List<Variable> tableVariables(LuaTable t) {
        List<Variable> out = new ArrayList<>();
        if (t.metatable != null) out.add(variable("(metatable)", t.metatable, 0));
        Object[] r = new Object[2];
        long[] n = new long[2];
        while (t.next(r[0], n[0], r, n, 0)) {
            String key = r[0] instanceof LuaString && isName(r[0].toString()) ? r[0].toString() : "[" + Display.of(r[0], n[0]) + "]";
            out.add(variable(key, r[1], n[1]));
        }
        return out;
    }

    // ------------------------------------------------------------------ setVariable

    /**
     * Assigns the value of Lua expression {@code expr} to the child {@code name} of scope or
     * table {@code ref} (a local, a vararg, an upvalue, a global, a table field; a table field
     * with raw access) and returns it as now shown. The expression is evaluated in the frame of
     * the scope; for a table, in the frame that stopped.
     */
    public Variable setVariable(int ref, String name, String expr) {
        return dbg.onScriptThread(() -> {
            String no = dbg.canRun();
            if (no != null) throw new IllegalStateException(no);
            if (ref < 1 || ref > handles.size()) throw new IllegalArgumentException("no variables " + ref);
            Object h = handles.get(ref - 1);
            FrameRef f = h instanceof ScopeRef ? ((ScopeRef) h).frame : null;
            LuaThread co = f == null ? running : f.co;
            Activation ci = f == null ? running.currentActivation() : co.calls.at(f.depth);
            Object[] v = valueOf(co, ci, expr);
            if (h instanceof ScopeRef) assignInScope((ScopeRef) h, name, v[0], (Long) v[1]);
            else assignField((LuaTable) h, co, ci, name, v[0], (Long) v[1]);
            return variable(name, v[0], (Long) v[1]);
        });
    }

    /** The first value of expression {@code expr} in {@code ci}, as {ref, num}; its error as an exception. */
    private Object[] valueOf(LuaThread co, Activation ci, String expr) {
        Result r = evaluateIn(running, co, ci, "return " + expr);
        if (r.error() != null) throw new IllegalArgumentException(r.error().startsWith("syntax: ") ? r.error().substring(8) : r.error());
        return new Object[] {lastTable, lastNum};
    }

    private void assignInScope(ScopeRef s, String name, Object ref, long num) {
        LuaThread co = s.frame.co;
        Activation ci = co.calls.at(s.frame.depth);
        int[] slot = new int[1];
        switch (s.kind) {
            case "Locals" -> {
                int found = -1;                           // the last of that name is the one in scope
                for (int n = 1; ; n++) {
                    String nm = DebugInfo.findLocal(co, ci, n, slot);
                    if (nm == null) break;
                    if (nm.equals(name)) found = slot[0];
                }
                if (found < 0) throw new IllegalArgumentException("no local '" + name + "'");
                co.set(found, ref, num);
            }
            case "Varargs" -> {
                int n = name.matches("\\[\\d+\\]") ? Integer.parseInt(name.substring(1, name.length() - 1)) : 0;
                if (n < 1 || DebugInfo.findLocal(co, ci, -n, slot) == null) throw new IllegalArgumentException("no vararg " + name);
                co.set(slot[0], ref, num);
            }
            case "Upvalues" -> {
                Proto p = ci.closure.p;
                for (int i = 0; i < ci.closure.upvals.length; i++) {
                    LuaString nm = i < p.upvalues.length ? p.upvalues[i].name : null;
                    if (nm != null && nm.toString().equals(name)) {
                        ci.closure.upvals[i].set(ref, num);
                        return;
                    }
                }
                throw new IllegalArgumentException("no upvalue '" + name + "'");
            }
            default -> assignField(env(co, ci), co, ci, name, ref, num);
        }
    }

    /** A raw assignment to the field a variables view shows as {@code name}: a name, or "[key]" with key a Lua expression. */
    private void assignField(LuaTable t, LuaThread co, Activation ci, String name, Object ref, long num) {
        Object[] key;
        if (isName(name)) key = new Object[] {LuaString.of(name), 0L};
        else if (name.startsWith("[") && name.endsWith("]")) key = valueOf(co, ci, name.substring(1, name.length() - 1));
        else throw new IllegalArgumentException("'" + name + "' cannot be assigned");
        if (key[0] == null) throw new IllegalArgumentException("index is nil");
        try {
            t.rawset(key[0], (Long) key[1], ref, num);
        } catch (LuaError e) {
            throw new IllegalArgumentException(message(e));
        }
    }

    // ------------------------------------------------------------------ evaluation

    /**
     * A hover: the value of a name path ({@code a}, {@code a.b.c}) looked up without running
     * anything: the frame's locals and upvalues, then its _ENV, then raw fields.
     */
    public Result hover(int frameId, String expr) {
        return dbg.onScriptThread(() -> {
            String e = expr.trim();
            if (!e.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
                return new Result(null, null, 0, "hover shows names only", false);
            }
            String[] names = e.split("\\.");
            LuaThread co = frameId == 0 ? running : frame(frameId).co;
            Activation ci = frameId == 0 ? co.currentActivation() : frameAt(frameId);
            Binding b = bindings(co, ci).get(names[0]);
            Object[] r = new Object[1];
            long[] n = new long[1];
            if (b != null) {
                r[0] = b.ref(co);
                n[0] = b.num(co);
            } else {
                env(co, ci).get(LuaString.of(names[0]), 0, r, n, 0);
            }
            for (int i = 1; i < names.length; i++) {
                if (!(r[0] instanceof LuaTable)) return new Result(null, null, 0, "'" + names[i - 1] + "' is not a table", false);
                ((LuaTable) r[0]).get(LuaString.of(names[i]), 0, r, n, 0);     // raw: no __index
            }
            Variable v = variable(e, r[0], n[0]);
            return new Result(v.value(), v.type(), v.variablesReference(), null, r[0] != null && r[0] != Boolean.FALSE);
        });
    }

    /**
     * Evaluates an expression, or runs a statement, in the scope of frame {@code frameId}
     * (0: the globals): its locals and upvalues can be read and assigned.
     */
    public Result evaluate(int frameId, String expr) {
        return dbg.onScriptThread(() -> {
            String no = dbg.canRun();
            if (no != null) return new Result(null, null, 0, no, false);
            Result r = frameId == 0 ? evaluateIn(running, running, null, "return " + expr)
                    : evaluateIn(running, frame(frameId).co, frameAt(frameId), "return " + expr);
            if (r.error() != null && r.error().startsWith("syntax: ")) {
                r = frameId == 0 ? evaluateIn(running, running, null, expr) : evaluateIn(running, frame(frameId).co, frameAt(frameId), expr);
            }
            if (r.error() != null && r.error().startsWith("syntax: ")) r = new Result(null, null, 0, r.error().substring(8), false);
            if (r.error() == null && r.variablesReference() < 0) {
                r = new Result(r.value(), r.type(), tableRef(lastTable), null, r.truthy());
            }
            return r;
        });
    }

    private Activation frameAt(int id) {
        FrameRef f = frame(id);
        return f.co.calls.at(f.depth);
    }

    /** The value the last evaluation returned first (for its reference, and for setVariable). Script thread only. */
    private static Object lastTable;
    private static long lastNum;

    /** A name a frame's evaluation can see: a local's stack slot or an upvalue. */
    private record Binding(String name, int slot, UpVal upval) {
        Object ref(LuaThread co) { return upval != null ? upval.ref() : co.ref(slot); }

        long num(LuaThread co) { return upval != null ? upval.num() : co.num(slot); }

        void set(LuaThread co, Object ref, long num) {
            if (upval != null) upval.set(ref, num);
            else co.set(slot, ref, num);
        }
    }

    /** The names visible in {@code ci}: upvalues, then locals, a later local hiding an earlier one of the same name. */
    private static Map<String, Binding> bindings(LuaThread co, Activation ci) {
        Map<String, Binding> out = new LinkedHashMap<>();
        if (ci == null || !ci.isLua()) return out;
        Proto p = ci.closure.p;
        for (int i = 0; i < ci.closure.upvals.length && i < p.upvalues.length; i++) {
            LuaString nm = p.upvalues[i].name;
            if (nm != null && isName(nm.toString())) out.put(nm.toString(), new Binding(nm.toString(), -1, ci.closure.upvals[i]));
        }
        int[] slot = new int[1];
        for (int n = 1; ; n++) {
            String name = DebugInfo.findLocal(co, ci, n, slot);
            if (name == null) break;
            if (!isName(name)) continue;
            out.remove(name);
            out.put(name, new Binding(name, slot[0], null));
        }
        return out;
    }

    /**
     * Runs {@code body} on coroutine {@code L} (the stopped one) in the scope of activation
     * {@code ci} of {@code co}: compiled as a function whose enclosing locals are the frame's
     * names, with their values; afterwards the values of those locals are written back, so that
     * assignments reach the frame. Runs under {@link #EVAL_BUDGET}; errors come back as messages,
     * a syntax error prefixed "syntax: ".
     */
    static Result evaluateIn(LuaThread L, LuaThread co, Activation ci, String body) {
        return evaluateIn(L, co, ci, body, null);
    }

    /**
     * As above; a breakpoint's condition keeps its compiled chunk in {@code bp} for as long as
     * the frame's names stay the same, so that a condition in a hot function is compiled once.
     */
    static Result evaluateIn(LuaThread L, LuaThread co, Activation ci, String body, Breakpoint bp) {
        Map<String, Binding> b = bindings(co, ci);
        String names = String.join(", ", b.keySet());
        String text = (names.isEmpty() ? "" : "local " + names + " = ...\n")
                + "return function() " + body + "\nend, function() return " + names + " end";
        LuaClosure chunk;
        if (bp != null && text.equals(bp.compiledText)) {
            chunk = bp.compiled;
        } else {
            try {
                chunk = Loading.loadChunk(L.G, text.getBytes(StandardCharsets.UTF_8), LuaString.of("=(eval)"), "t");
            } catch (LuaError e) {
                return new Result(null, null, 0, "syntax: " + message(e), false);
            }
            if (bp != null) {
                bp.compiledText = text;
                bp.compiled = chunk;
            }
        }
        ValueStack s = L.stack;
        Activation cur = L.currentActivation();
        int savedTop = s.top, savedCiTop = cur.top;
        if (cur.isLua() && s.top < cur.top) s.top = cur.top;
        s.ensure(s.top + b.size() + ValueStack.MIN_FREE);
        if (cur.top < s.top + b.size() + ValueStack.MIN_FREE) cur.top = s.top + b.size() + ValueStack.MIN_FREE;
        try {
            return run(L, co, chunk, b);
        } finally {
            cur.top = savedCiTop;
            s.top = savedTop;
        }
    }

    private static Result run(LuaThread L, LuaThread co, LuaClosure chunk, Map<String, Binding> b) {
        int f = L.top();
        L.push(chunk, 0);
        for (Binding x : b.values()) L.push(x.ref(co), x.num(co));
        LuaError e = budgeted(L, f, 2);
        if (e != null) return new Result(null, null, 0, message(e), false);
        Object fn = L.ref(f), getter = L.ref(f + 1);
        L.stack.top = f;
        L.push(fn, 0);
        e = budgeted(L, f, -1);
        if (e != null) return new Result(null, null, 0, message(e), false);
        StringBuilder shown = new StringBuilder();
        Object first = null;
        boolean truthy = false;
        for (int i = f; i < L.top(); i++) {
            if (i > f) shown.append(", ");
            shown.append(Display.of(L.ref(i), L.num(i)));
            if (i == f) {
                first = L.ref(i);
                truthy = first != null && first != Boolean.FALSE;
            }
        }
        Result r = new Result(L.top() == f ? "nil" : shown.toString(), Display.type(first),
                first instanceof LuaTable ? -1 : 0, null, truthy);
        lastTable = first;
        lastNum = L.top() == f ? 0 : L.num(f);
        writeBack(L, co, getter, b, L.top());
        return r;
    }

    /** Reads the evaluation's locals back through {@code getter} and stores them into the frame. */
    private static void writeBack(LuaThread L, LuaThread co, Object getter, Map<String, Binding> b, int at) {
        if (b.isEmpty()) return;
        L.stack.top = at;
        L.push(getter, 0);
        if (budgeted(L, at, b.size()) != null) return;
        int i = at;
        for (Binding x : b.values()) {
            x.set(co, L.ref(i), L.num(i));
            i++;
        }
    }

    /** A protected call under the evaluation budget; the budget's stop ends only the evaluation. */
    private static LuaError budgeted(LuaThread L, int f, int nResults) {
        Interrupts it = L.G.interrupts;
        long saved = it.budgetLeft();
        it.setBudget(EVAL_BUDGET);
        try {
            LuaError e = L.pcall(f, nResults, null);
            if (e != null && e.uncatchable) it.clearInterrupt();
            return e;
        } catch (LuaError stop) {
            it.clearInterrupt();
            L.stack.top = f;
            return stop;
        } finally {
            it.setBudget(saved == Long.MAX_VALUE ? 0 : Math.max(saved, 1));
        }
    }

    static String message(LuaError e) {
        return e.ref instanceof LuaString ? e.ref.toString() : e.getMessage();
    }

    /** A logpoint's message with each {expr} replaced by its value (strings as they are). */
    static String interpolate(LuaThread L, Activation ci, String msg) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < msg.length()) {
            int open = msg.indexOf('{', i), close = open < 0 ? -1 : msg.indexOf('}', open);
            if (open < 0 || close < 0) {
                out.append(msg, i, msg.length());
                break;
            }
            out.append(msg, i, open);
            Result r = evaluateIn(L, L, ci, "return tostring(" + msg.substring(open + 1, close) + ")");
            out.append(r.error() != null ? "{" + r.error() + "}" : unquote(r.value()));
            i = close + 1;
        }
        return out.toString();
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static final Set<String> KEYWORDS = Set.of("and", "break", "do", "else", "elseif", "end", "false",
            "for", "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then",
            "true", "until", "while");

    static boolean isName(String s) {
        return s.matches("[A-Za-z_][A-Za-z0-9_]*") && !KEYWORDS.contains(s);
    }
}
