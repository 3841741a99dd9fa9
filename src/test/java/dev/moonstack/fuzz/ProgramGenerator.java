package dev.moonstack.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random terminating Lua programs for differential testing. A program is the fixed
 * {@link #PRELUDE} (edge values, a metatable kit with every metamethod, helpers) followed by
 * snippets, each grown from one seed of a jqwik list of longs, so that jqwik shrinks a failing
 * program by dropping snippets (and by changing seeds). Snippets share the locals declared by
 * the snippets before them.
 *
 * <p>What is generated is chosen so that lua5.4 and a correct runtime print the same thing:
 * no addresses (tables and functions are printed by the driver's {@code P}, never through
 * {@code tostring}), no iteration order of hash parts, no borders of tables with holes, no
 * {@code math.random} or clocks, no inconsistent sort comparators, no huge allocations. Every
 * loop is bounded, every recursion has a fixed depth.
 */
final class ProgramGenerator {
    /** Locals every program starts with; the driver adds the globals P, PC and S. */
    static final String PRELUDE = String.join("\n",
            "local zero, one, negz = 0, 1, -0.0",
            "local nan, inf, ninf = zero / zero, 1 / zero, -1 / zero",
            "local maxi, mini, big = math.maxinteger, math.mininteger, 2^63",
            "local s10, shex, sfl, sabc, semp = '10', '0x10', '1e2', 'abc', ''",
            "local function V(x) if type(x) == 'table' then return rawget(x, 'v') or 0 end return x end",
            "local mt = {}",
            "mt.__index = function(t, k) if type(k) == 'string' then return k .. '!' end return k end",
            "mt.__newindex = function(t, k, v) if k == 'bad' then error('no bad keys') end rawset(t, k, v) end",
            "mt.__add = function(a, b) return V(a) + V(b) end",
            "mt.__sub = function(a, b) return V(a) - V(b) end",
            "mt.__mul = function(a, b) return V(a) * V(b) end",
            "mt.__div = function(a, b) return V(a) / V(b) end",
            "mt.__mod = function(a, b) return V(a) % V(b) end",
            "mt.__idiv = function(a, b) return V(a) // V(b) end",
            "mt.__pow = function(a, b) return V(a) ^ V(b) end",
            "mt.__band = function(a, b) return V(a) & V(b) end",
            "mt.__shl = function(a, b) return V(a) << V(b) end",
            "mt.__unm = function(a) return -V(a) end",
            "mt.__bnot = function(a) return ~V(a) end",
            "mt.__eq = function(a, b) return V(a) == V(b) end",
            "mt.__lt = function(a, b) return V(a) < V(b) end",
            "mt.__le = function(a, b) return V(a) <= V(b) end",
            "mt.__concat = function(a, b) return 'cat(' .. S(V(a)) .. ',' .. S(V(b)) .. ')' end",
            "mt.__call = function(self, ...) return select('#', ...), ... end",
            "mt.__len = function(t) return V(t) * 2 end",
            "mt.__close = function(o, e) P('close', V(o), e) end",
            "local A = setmetatable({v = 3}, mt)",
            "local B = setmetatable({v = 5.5}, mt)",
            "local base = {w = 'base'}",
            "local C = setmetatable({}, {__index = base, __newindex = base})",
            "local seq, rec = {1, 2, 3, 4, 5}, {x = 1, y = 'two', [3] = 3.5}",
            "local function id(...) return ... end",
            "local function cnt(...) return select('#', ...) end",
            "local function closer(name, fail)",
            "  return setmetatable({}, {__close = function(o, e) P('close', name, e) if fail then error(fail, 0) end end})",
            "end",
            "");

    /** Lines in {@link #PRELUDE}, to map a program's line numbers to its snippets. */
    static final int PRELUDE_LINES = PRELUDE.split("\n", -1).length - 1;

    /** Programs as lists of snippet seeds (shrinkable by jqwik). */
    static Arbitrary<List<Long>> programs() {
        return Arbitraries.longs().list().ofMinSize(1).ofMaxSize(10);
    }

    /** The source text of the program grown from {@code seeds}. */
    static String source(List<Long> seeds) {
        ProgramGenerator g = new ProgramGenerator();
        StringBuilder out = new StringBuilder(PRELUDE);
        for (long seed : seeds) {
            g.r = new Random(seed);
            g.out = new StringBuilder();
            g.snippet();
            out.append(g.out).append('\n');
        }
        return out.toString();
    }

    private Random r;
    private StringBuilder out;
    /** Locals in scope that statements may read and assign (not loop counters). */
    private final List<String> locals = new ArrayList<>();
    private int names;
    /** Functions declared so far: name and number of fixed parameters. */
    private final List<String> functions = new ArrayList<>();

    private static final String[] NUMBERS = {
        "0", "1", "-1", "2", "3", "7", "10", "255", "-7", "100000", "zero", "one", "negz", "nan", "inf",
        "ninf", "maxi", "mini", "big", "0.5", "-0.0", "1.5", "-2.5", "1e308", "-1e308", "2^53", "2^63",
        "1e15", "0x7fffffffffffffff", "0xff", "3.0", "1e100", "math.pi", "(maxi + 1)", "(mini - 1)",
        "(-mini)", "(mini // -1)", "2^-1074", "0x10p-1", "1e-7", "123456789012", "-0x8000000000000000",
    };
    private static final String[] STRINGS = {
        "s10", "shex", "sfl", "sabc", "semp", "'5'", "' 3 '", "'-0'", "'0x1p4'", "'abc\\0def'", "'1e'",
        "'inf'", "'nan'", "'  0x10  '", "'9007199254740993'", "'1e400'", "'x'", "'hello world'",
        "'%d'", "\"a\\nb\"", "'\\u{48}\\65\\x6c'", "'10.0'", "'-9223372036854775808'", "'0x'",
    };
    private static final String[] OTHERS = {"A", "B", "C", "seq", "rec", "true", "false", "nil", "id", "base"};
    private static final String[] BINOPS = {
        "+", "-", "*", "/", "//", "%", "^", "..", "==", "~=", "<", "<=", ">", ">=", "and", "or", "&", "|",
        "~", "<<", ">>",
    };
    private static final String[] SAFE_STRING_OPS = {"..", "==", "~=", "<", "<=", ">", ">="};

    private <T> T pick(T[] a) { return a[r.nextInt(a.length)]; }

    private String fresh(String prefix) { return prefix + (++names); }

    // ---------------------------------------------------------------- expressions

    private String atom() {
        int k = r.nextInt(10);
        if (k < 4) return pick(NUMBERS);
        if (k < 6) return pick(STRINGS);
        if (k < 7) return pick(OTHERS);
        if (!locals.isEmpty()) return locals.get(r.nextInt(locals.size()));
        return pick(NUMBERS);
    }

    private String number() { return r.nextInt(4) == 0 && !locals.isEmpty() ? locals.get(r.nextInt(locals.size())) : pick(NUMBERS); }

    private String string() { return pick(STRINGS); }

    /** An expression of nesting at most {@code d}. */
    String expr(int d) {
        if (d <= 0 || r.nextInt(4) == 0) return atom();
        switch (r.nextInt(16)) {
            case 0: case 1: case 2: case 3: {
                String op = pick(BINOPS);    // a right operand of .. would merge into one CONCAT
                String left = op.equals("^") ? powBase() : expr(d - 1);
                return "(" + left + " " + op + " " + (op.equals("..") ? concatRight() : expr(d - 1)) + ")";
            }
            case 4: {
                String op = pick(BINOPS);
                String left = op.equals("^") ? powBase() : number();
                return "(" + left + " " + op + " " + (op.equals("..") ? concatRight() : number()) + ")";
            }
            case 5:
                return "(" + string() + " " + pick(SAFE_STRING_OPS) + " " + string() + ")";
            case 6:
                return unary(d);
            case 7: case 8:
                return call(d);
            case 9:
                return index(d);
            case 10:
                return "{" + expr(d - 1) + ", " + expr(d - 1) + ", k = " + expr(d - 1) + "}";
            case 11:
                return "(function(a, ...) return a, ... end)(" + expr(d - 1) + ", " + expr(d - 1) + ")";
            case 12:
                return metaOp(d);
            case 13:    // see REFERENCE_CONCAT_BUG: only operands without __concat in a chain
                return "(" + word() + " .. " + concatOperand() + " .. " + concatOperand() + ")";
            case 14:
                return functions.isEmpty() ? call(d) : callDeclared(d);
            default:
                return stringCall(d);
        }
    }

    /**
     * An operand for a concatenation of three or more values: a number or a string, never a
     * table with {@code __concat}. REFERENCE_CONCAT_BUG: lua5.4 (5.4.4) crashes or corrupts
     * values when a {@code __concat} metamethod, called while more operands of the same
     * concatenation are pending, makes the stack grow (luaV_concat keeps a stale pointer into
     * the stack): {@code 'a' .. B .. 1 .. 'c' .. B} with a {@code __concat} that calls a C
     * function segfaults. Metamethods are concatenated two operands at a time.
     */
    private String concatOperand() {
        switch (r.nextInt(3)) {
            case 0: return pick(NUMBERS);
            case 1: return string();
            default: return "(" + word() + " .. " + pick(NUMBERS) + ")";
        }
    }

    /** The left operand of {@code ^}. */
    private String powBase() {
        return pick(new String[] {"2", "-2", "0", "negz", "1.5", "-0.5", "10", "inf", "ninf", "nan", "maxi", "mini", "'3'", "s10", "A", "B", "1e308"});
    }

    /**
     * The right operand of a {@code ..}: a word or a number, never a concatenation (it would
     * merge with this one into one CONCAT, see REFERENCE_CONCAT_BUG) nor a table.
     */
    private String concatRight() { return r.nextBoolean() ? word() : pick(NUMBERS); }

    /** A string that is not a numeral. */
    private String word() {
        return pick(new String[] {"'abc'", "'x'", "'hello world'", "'%d'", "\"a\\nb\"", "'!'", "sabc"});
    }

    private String unary(int d) {
        switch (r.nextInt(4)) {
            case 0: return "-" + expr(d - 1);
            case 1: return "not " + expr(d - 1);
            case 2: return "~" + expr(d - 1);
            default: return "#" + pick(new String[] {"seq", "A", "B", "sabc", "semp", "'x\\0y'", "{1, 2, 3}", "('ab'):rep(3)", string()});
        }
    }

    private String call(int d) {
        String e = expr(d - 1), f = expr(d - 1);
        switch (r.nextInt(22)) {
            case 0: return "id(" + e + ", " + f + ")";
            case 1: return "cnt(" + e + ", " + f + ", nil)";
            case 2: return "math.tointeger(" + e + ")";
            case 3: return "math.type(" + e + ")";
            case 4: return "math.abs(" + e + ")";
            case 5: return "math.floor(" + e + ")";
            case 6: return "math.ceil(" + e + ")";
            case 7: return "math.fmod(" + e + ", " + f + ")";
            case 8: return "math.max(" + e + ", " + f + ")";
            case 9: return "math.min(" + e + ", " + f + ")";
            case 10: return "math.ult(" + e + ", " + f + ")";
            case 11: return "tonumber(" + e + ")";
            case 12: return "tonumber(" + string() + ", " + pick(new String[] {"2", "10", "16", "36", "37", "1", "8"}) + ")";
            case 13: return "select('#', " + e + ", " + f + ")";
            case 14: return "select(" + pick(new String[] {"1", "2", "-1", "-2", "3", "0", "-4", "1.0", "'2'"}) + ", 'a', " + e + ", 'c')";
            case 15: return "tostring(" + pick(NUMBERS) + ")";
            case 16: return "type(" + e + ")";
            case 17: return "rawequal(" + e + ", " + f + ")";
            case 18: return "(id(" + e + ", " + f + "))";
            case 19: return "A(" + e + ", " + f + ")";
            case 20: return "math.sqrt(" + e + ")";
            default: return "string.len(" + e + ")";
        }
    }

    private String callDeclared(int d) {
        String f = functions.get(r.nextInt(functions.size()));
        StringBuilder b = new StringBuilder(f).append("(");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) b.append(i > 0 ? ", " : "").append(expr(d - 1));
        return b.append(")").toString();
    }

    private String index(int d) {
        switch (r.nextInt(8)) {
            case 0: return "A.x";
            case 1: return "A[" + key(d) + "]";
            case 2: return "seq[" + key(d) + "]";
            case 3: return "rec.y";
            case 4: return "rec[" + key(d) + "]";
            case 5: return "(" + expr(d - 1) + ").v";
            case 6: return "C.w";
            default: return "B[" + pick(new String[] {"1", "'v'", "2.0", "nan", "true"}) + "]";
        }
    }

    /**
     * A key for indexing a table. REFERENCE_INDEX_JUMP_BUG: lua5.4.4 miscompiles an upvalue
     * table indexed by a comparison, {@code rec[(A < B)]}: the GETUPVAL of the table lands on
     * the path of only one outcome, so the other indexes whatever the register held (fixed in
     * later 5.4 releases; Moonstack's compiler has the fix). Keys that compile to jumps are
     * passed through {@code id}.
     */
    private String key(int d) {
        String k = expr(d - 1);
        boolean jumps = k.contains("<") || k.contains(">") || k.contains("=") || k.contains(" and ")
                || k.contains(" or ") || k.contains("not ");
        return jumps ? "id(" + k + ")" : k;
    }

    private String metaOp(int d) {
        String o = pick(new String[] {"A", "B"}), e = expr(d - 1);
        switch (r.nextInt(12)) {
            case 0: return "(" + o + " + " + e + ")";
            case 1: return "(" + e + " - " + o + ")";
            case 2: return "(" + o + " * " + e + " // " + o + ")";
            case 3: return "(" + o + " .. " + (r.nextBoolean() ? word() : pick(OTHERS)) + ")";
            case 4: return "((" + e + " .. " + o + ") .. 'z')";
            case 5: return "(" + o + " == " + e + ")";
            case 6: return "(A < B)";
            case 7: return "(" + o + " <= " + e + ")";
            case 8: return "(-" + o + ")";
            case 9: return "(#" + o + ")";
            case 10: return "(" + o + " % " + o + " ^ " + e + ")";
            default: return "(" + o + " & " + e + " << " + o + ")";
        }
    }

    private static final String[] PATTERNS = {
        "'%d+'", "'(%a+)'", "'^%s*(.-)%s*$'", "'[aeiou]'", "'%w+'", "'.'", "'(h)(e)'", "'%.'", "'[%d%.]+'",
        "'x*'", "'()'", "'l+'", "'%f[%w]%w+'", "'%bxy'", "'[^%s]+'", "'(o)'", "'%'", "'[a'", "'(()'",
    };
    private static final String[] SUBJECTS = {
        "'hello world'", "'  trim me  '", "'a1b22c333'", "'x.y.z'", "''", "'aaa'", "sabc", "s10", "'xAxy'",
    };
    private static final String[] FORMATS = {
        "'%d'", "'%5.2f'", "'%x'", "'%X'", "'%g'", "'%q'", "'%s|%s'", "'%10s'", "'%-5d|'", "'%.3s'",
        "'%o'", "'%e'", "'%c'", "'%i'", "'%%'", "'%.14g'", "'%a'", "'%5.1s'", "'%+d'", "'% d'", "'%#x'",
        "'%.0f'", "'%03d'", "'%u'", "'%z'", "'%10.4q'",
    };

    private String stringCall(int d) {
        String s = pick(SUBJECTS);
        switch (r.nextInt(10)) {
            case 0: return "string.format(" + pick(FORMATS) + ", " + (r.nextBoolean() ? pick(NUMBERS) : string()) + ", " + string() + ")";
            case 1: {   // an empty string repeated maxi times takes lua5.4 ages: it copies nothing maxi times
                String n = pick(new String[] {"0", "1", "3", "-1", "2.0", "maxi", "'2'"});
                return "(" + (n.equals("maxi") ? "'x'" : s) + "):rep(" + n + (r.nextBoolean() ? ", '-'" : "") + ")";
            }
            case 2: return "(" + s + "):sub(" + index() + ", " + index() + ")";
            case 3: return "(" + s + "):byte(" + index() + ", " + index() + ")";
            case 4: return "string.char(" + pick(new String[] {"72, 105", "", "256", "-1", "0, 255", "65.0", "'66'"}) + ")";
            case 5: return "(" + s + "):find(" + pick(PATTERNS) + (r.nextBoolean() ? ", " + index() : "") + ")";
            case 6: return "(" + s + "):match(" + pick(PATTERNS) + ")";
            case 7: return "(" + s + "):gsub(" + pick(PATTERNS) + ", " + pick(new String[] {"'<%0>'", "'%1'", "'%2'", "{}", "string.upper", "'%%'", "''", "'%'"}) + ")";
            case 8: return "(" + s + "):" + pick(new String[] {"upper", "lower", "reverse", "len"}) + "()";
            default: return "tostring(" + expr(d - 1) + " == " + expr(d - 1) + ")";
        }
    }

    private String index() {
        return pick(new String[] {"1", "2", "-1", "-3", "0", "3", "10", "-100", "maxi", "mini", "2.0", "'2'", "1.5"});
    }

    // ---------------------------------------------------------------- statements

    /** One snippet: a few statements at the program's top level. */
    private void snippet() {
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) stmt(2, false);
    }

    private void line(String s) { out.append(s).append('\n'); }

    /** A statement; {@code inLoop}: break is allowed. */
    private void stmt(int d, boolean inLoop) {
        int k = r.nextInt(d <= 0 ? 6 : 25);
        switch (k) {
            case 0: case 1: line("P(" + expr(3) + ", " + expr(2) + ")"); return;
            case 2: {
                String x = fresh("x");
                line("local " + x + " = " + expr(3));
                locals.add(x);
                return;
            }
            case 3:
                if (!locals.isEmpty()) line(locals.get(r.nextInt(locals.size())) + " = " + expr(3));
                else line("P(" + expr(2) + ")");
                return;
            case 4: line("P(" + stringCall(2) + ")"); return;
            case 5: line("PC(function() P(" + expr(3) + ") end)"); return;
            case 6: case 7: ifStmt(d, inLoop); return;
            case 8: numericFor(d); return;
            case 9: whileLoop(d); return;
            case 10: tbcBlock(d, inLoop); return;
            case 11: functionDef(d); return;
            case 12: closureCounter(); return;
            case 13: errors(d); return;
            case 14: gotoLoop(d); return;
            case 15: varargs(); return;
            case 16: tables(); return;
            case 17: genericFor(d); return;
            case 18: metaStmt(); return;
            case 19: line("PC(function() " + pick(new String[] {"A.bad = 1", "C.q = 2; P(base.q, rawget(C, 'q'))", "A[nil] = 1", "A[0/0] = 1", "rec[nan] = 1", "local t = {} t[nil] = 1"}) + " end)"); return;
            case 20: {
                line("PC(function()");
                block(d - 1, false);
                line("end)");
                return;
            }
            case 22: callShapes(); return;
            case 21:
                if (inLoop && r.nextBoolean()) line("if " + expr(1) + " then break end");
                else line("P(" + expr(2) + ")");
                return;
            default: line("P(" + expr(4) + ")");
        }
    }

    private void block(int d, boolean inLoop) {
        int saved = locals.size();
        int n = 1 + r.nextInt(2);
        for (int i = 0; i < n; i++) stmt(d, inLoop);
        while (locals.size() > saved) locals.remove(locals.size() - 1);
    }

    private void ifStmt(int d, boolean inLoop) {
        line("if " + expr(2) + " then");
        block(d - 1, inLoop);
        if (r.nextBoolean()) {
            line("elseif " + expr(2) + " then");
            block(d - 1, inLoop);
        }
        if (r.nextBoolean()) {
            line("else");
            block(d - 1, inLoop);
        }
        line("end");
    }

    private static final String[] RANGES = {
        "1, 3", "3, 1, -1", "maxi - 2, maxi", "mini, mini + 2", "1, 2, 0.5", "0.1, 0.35, 0.1", "1, 0",
        "1, 3, 0", "1.0, 3", "'1', 2", "1, 2, maxi", "maxi, maxi - 1, mini", "-3, -1", "1, 2.5", "3, 1",
        "1, nan", "2^53, 2^53 + 4, 2", "mini, mini, -1", "0, -0.0", "1, 3, 1.5",
    };

    private void numericFor(int d) {
        String i = fresh("i");
        line("for " + i + " = " + pick(RANGES) + " do");
        line("P(" + i + ")");
        locals.add(i);
        block(d - 1, true);
        locals.remove(i);
        line("end");
    }

    private void whileLoop(int d) {
        String n = fresh("n");
        line("local " + n + " = 0");
        if (r.nextBoolean()) {
            line("while " + n + " < 3 do");
            line(n + " = " + n + " + 1");
            block(d - 1, true);
            line("end");
        } else {
            line("repeat");
            line("local " + n + "x = " + n);
            line(n + " = " + n + " + 1");
            block(d - 1, true);
            line("until " + n + "x >= 2");
        }
    }

    private void tbcBlock(int d, boolean inLoop) {
        String c = fresh("c");
        String fail = r.nextInt(3) == 0 ? ", " + pick(new String[] {"'boom'", "42", "{}", "nil"}) : "";
        boolean wrap = r.nextBoolean();
        if (wrap) line("P(pcall(function()");
        else line("do");
        line("local " + c + " <close> = " + pick(new String[] {"closer('" + c + "'" + fail + ")", "A", "nil", "false", "closer('" + c + "b')"}));
        if (r.nextBoolean()) line("local " + c + "d <close> = closer('" + c + "d')");
        block(d - 1, false);    // REFERENCE_BREAK_CLOSE_BUG
        if (r.nextInt(3) == 0) line(pick(new String[] {"error('inner')", "error({code = 1})", "return 1, 2", "P(" + expr(2) + ")"}));
        line(wrap ? "end))" : "end");
    }

    private void functionDef(int d) {
        String f = fresh("f");
        int params = r.nextInt(3);
        boolean vararg = r.nextBoolean();
        StringBuilder sig = new StringBuilder();
        List<String> ps = new ArrayList<>();
        for (int i = 0; i < params; i++) {
            String p = fresh("p");
            ps.add(p);
            sig.append(i > 0 ? ", " : "").append(p);
        }
        if (vararg) sig.append(params > 0 ? ", ..." : "...");
        line("local function " + f + "(" + sig + ")");
        int saved = locals.size();
        locals.addAll(ps);
        block(d - 1, false);
        line("return " + expr(2) + (vararg ? ", ..." : "") + (r.nextBoolean() ? ", " + expr(1) : ""));
        while (locals.size() > saved) locals.remove(locals.size() - 1);
        line("end");
        functions.add(f);
        StringBuilder args = new StringBuilder();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) args.append(i > 0 ? ", " : "").append(r.nextInt(5) == 0 ? "nil" : expr(1));
        line("P(" + f + "(" + args + "))");
        if (r.nextBoolean()) line("P(select('#', " + f + "(" + args + ")), (" + f + "(" + args + ")))");
    }

    private void closureCounter() {
        String mk = fresh("mk"), g = fresh("g");
        line("local function " + mk + "(start)");
        line("  local c = start");
        line("  return function(d) c = c + d return c end, function() return c end");
        line("end");
        line("local " + g + ", " + g + "r = " + mk + "(" + number() + ")");
        line("PC(function() P(" + g + "(1), " + g + "(" + number() + "), " + g + "r()) end)");
        String fs = fresh("fs");
        line("local " + fs + " = {}");
        line("for j = 1, 3 do local k = j * 2 " + fs + "[j] = function() k = k + 1 return j, k end end");
        line("P(" + fs + "[1](), " + fs + "[1](), " + fs + "[3]())");
    }

    private void errors(int d) {
        String v = pick(new String[] {"'msg'", "42", "{code = 1}", "nil", "true", "A", "2.5", "print"});
        switch (r.nextInt(9)) {
            case 0: line("P(pcall(error, " + v + "))"); return;
            case 1: line("P(pcall(error, " + v + ", " + pick(new String[] {"0", "1", "2", "3"}) + "))"); return;
            case 2: line("P(select('#', pcall(error)))"); return;
            case 3: line("P(xpcall(function() error(" + v + ") end, function(m) return type(m) == 'string' and m .. '!' or m end))"); return;
            case 4: {
                String f = fresh("ef");
                line("local function " + f + "(lvl) error('at level ' .. lvl, lvl) end");
                line("P(pcall(function() " + f + "(" + pick(new String[] {"1", "2", "0", "3"}) + ") end))");
                return;
            }
            case 5: line("P(pcall(function() local x = " + expr(2) + " return x + " + expr(1) + ", x .. 'y', x.f, x() end))"); return;
            case 6: line("P(pcall(pcall, error, " + v + "))"); return;
            case 7: line("P(xpcall(" + pick(new String[] {"error", "id", "nil", "cnt"}) + ", function(m) return 'h:' .. S(m) end, " + v + "))"); return;
            default: line("P(pcall(setmetatable({}, {__call = function(_, a) error(a) end}), " + v + "))");
        }
    }

    private void gotoLoop(int d) {
        String k = fresh("k");
        switch (r.nextInt(3)) {
            case 0:
                line("do local " + k + " = 0 ::top" + k + ":: " + k + " = " + k + " + 1 if " + k + " < 3 then goto top" + k + " end P(" + k + ") end");
                return;
            case 1:
                line("for " + k + " = 1, 4 do");
                line("if " + k + " % 2 == 0 then goto cont" + k + " end");
                line("P(" + k + ", " + expr(1) + ")");
                line("::cont" + k + "::");
                line("end");
                return;
            default:
                line("do");
                line("local " + k + " = 1");
                line("goto skip" + k);
                line("P('skipped')");
                line("::skip" + k + "::");
                line("P(" + k + ")");
                line("end");
        }
    }

    /** Tail calls, bounded recursion, method calls, multiple assignment, many values at once. */
    private void callShapes() {
        String f = fresh("cs");
        switch (r.nextInt(6)) {
            case 0:
                line("local function " + f + "(n, acc, ...) if n == 0 then return acc, select('#', ...) end return " + f + "(n - 1, acc + n, n, ...) end");
                line("PC(function() P(" + f + "(" + pick(new String[] {"40", "0", "3", "'5'", "2.5"}) + ", " + number() + ")) end)");
                return;
            case 1:
                line("local function " + f + "(n) if n <= 0 then return " + expr(1) + " end local a, b = " + f + "(n - 1) return n, a, b end");
                line("PC(function() P(" + f + "(" + pick(new String[] {"150", "3", "0", "-1"}) + ")) end)");
                return;
            case 2:
                line("local " + f + " = setmetatable({n = 2}, {__index = {get = function(self, k) return self.n * k end, name = 'm'}})");
                line("PC(function() P(" + f + ":get(" + expr(1) + "), " + f + ".name, " + f + ":get(3), " + f + "['get'](" + f + ", 4)) end)");
                return;
            case 3: {
                String a = fresh("ma"), b = fresh("mb");
                line("local " + a + ", " + b + " = " + expr(1) + ", " + expr(1));
                line(a + ", " + b + " = " + b + ", " + a);
                line("local " + f + " = {} " + f + "[1], " + f + ".x, " + a + " = " + a + ", " + b + ", id(7, 8)");
                line("P(" + a + ", " + b + ", " + f + ")");
                return;
            }
            case 4:
                line("local " + f + " = {} for i = 1, 300 do " + f + "[i] = i * " + pick(new String[] {"1", "0.5", "-1", "maxi"}) + " end");
                line("P(select('#', table.unpack(" + f + ")), select(-1, table.unpack(" + f + ", 1, 250)), #table.concat(" + f + ", ','))");
                return;
            default:
                line("local " + f + " = ('ab'):rep(" + pick(new String[] {"100", "1000", "3"}) + ", '|')");
                line("P(#" + f + ", " + f + ":sub(-5), select('#', " + f + ":byte(1, -1)), (" + f + ":gsub('a', '%%%%')):sub(1, 9))");
        }
    }

    private void varargs() {
        String v = fresh("v");
        line("local function " + v + "(...)");
        line("  local a, b = ...");
        line("  return select('#', ...), a, b, select(" + pick(new String[] {"-1", "2", "1", "3"}) + ", ...)");
        line("end");
        line("PC(function() P(" + v + "(" + expr(1) + ", nil, " + expr(1) + ")) end)");
        line("PC(function() P(" + v + "()) end)");
        line("P(table.pack(" + expr(1) + ", nil).n, " + v + "(id(1, 2, 3)))");
        line("P(table.unpack({1, 2, 3}, " + pick(new String[] {"1", "2", "-1", "0", "3"}) + ", " + pick(new String[] {"3", "5", "1", "2"}) + "))");
    }

    private void tables() {
        String t = fresh("t");
        line("local " + t + " = {" + expr(1) + ", " + expr(1) + ", 3}");
        locals.add(t);
        switch (r.nextInt(6)) {
            case 0: line("PC(function() table.insert(" + t + ", " + expr(1) + ") P(" + t + ", table.remove(" + t + ")) end)"); return;
            case 1: line("PC(function() P(table.concat({1, 2.5, 'x', maxi}, " + pick(new String[] {"','", "''", "nil", "1"}) + ")) end)"); return;
            case 2: line("P(table.move({1, 2, 3}, 1, 3, " + pick(new String[] {"2", "1", "4", "0"}) + "))"); return;
            case 3: line("local s" + t + " = {5, 2, 8, -1, 3.5, 0} table.sort(s" + t + ") P(s" + t + ") table.sort(s" + t + ", function(a, b) return a > b end) P(s" + t + ")"); return;
            case 4: line(t + "[2^53] = 'f' " + t + "[1.0] = 'one' " + t + "[-0.0] = 'z' P(" + t + ", " + t + "[2^53 | 0])"); return;
            default: line("PC(function() P(rawlen(" + t + "), rawget(" + t + ", 1.0), next({}), select('#', table.unpack(" + t + ", 1, 3))) end)");
        }
    }

    private void genericFor(int d) {
        String k = fresh("k"), v = fresh("v");
        boolean closing = false;
        switch (r.nextInt(3)) {
            case 0: line("for " + k + ", " + v + " in ipairs({" + expr(1) + ", " + expr(1) + ", 'c'}) do"); break;
            case 1: line("for " + k + ", " + v + " in pairs(seq) do"); break;
            default:
                closing = true;
                line("for " + k + ", " + v + " in function(s, c) if c < 3 then return c + 1, s end end, 'st', 0, closer('" + k + "') do");
        }
        line("P(" + k + ", " + v + ")");
        block(d - 1, !closing);
        line("end");
    }

    /*
     * REFERENCE_BREAK_CLOSE_BUG: lua5.4.4 compiles a break out of a block that has both a
     * to-be-closed variable and a captured local below it into a CLOSE of the captured local's
     * level only, so the to-be-closed variable is closed late (at the next CLOSE or return)
     * instead of at the break (5.4.8 closes it at the break, as we do). No break leaves such
     * blocks in generated programs; the golden scripts test breaks out of closing blocks.
     */

    private void metaStmt() {
        switch (r.nextInt(6)) {
            case 0: line("PC(function() A.w = " + expr(1) + " P(rawget(A, 'w'), A.w, A.zz, A[1]) end)"); return;
            case 1: line("PC(function() P(A(" + expr(1) + ", nil), B()) end)"); return;
            case 2: line("PC(function() P(A == B, A ~= B, A < B, A <= B, B > A, A == setmetatable({v = 3}, mt)) end)"); return;
            case 3: line("PC(function() P(A .. B, 1 .. A, (A .. 'x') .. 2, ('a' .. 'b' .. 1) .. A, 'x' .. id(A .. 'c')) end)"); return;
            case 4: line("PC(function() P(#A, -A, ~A, A + 1, 1 - B, A * B, A / 2, A // B, A % 2, A ^ 2, A & 6, A << 1) end)"); return;
            default: line("PC(function() P(rawequal(A, A), rawlen({1, 2}), rawget(A, 'v'), getmetatable('').__index == string) end)");
        }
    }
}
