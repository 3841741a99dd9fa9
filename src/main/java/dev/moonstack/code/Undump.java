package dev.moonstack.code;

import dev.moonstack.value.LocVar;
import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.Proto;
import dev.moonstack.value.UpvalDesc;

import static dev.moonstack.code.Dump.*;

/**
 * Reads a binary chunk back into a prototype (Lua: lundump.c, luaU_undump), then checks its
 * code (Lua's hook for that, luai_verifycode, is empty; see {@link CodeCheck}). Any input is
 * safe: a malformed chunk raises Lua's error, never another exception; declared sizes are
 * weighed against the bytes left before anything is allocated for them.
 */
public final class Undump {
    /** Nesting of functions accepted (Lua: LUAI_MAXCCALLS, which bounds what the parser can nest). */
    static final int MAXNESTING = 200;
    private static final LuaString UNKNOWN_SOURCE = LuaString.of("=?");
    private static final LuaString UNNAMED = LuaString.of("?");

    private final byte[] in;
    private int pos;
    /** The chunk name as lundump names it in messages. */
    private final LuaString name;

    private Undump(byte[] in, LuaString name) {
        this.in = in;
        this.name = name;
    }

    /**
     * The main function of binary chunk {@code chunk}; {@code chunkName} (as given to load)
     * only names the chunk in error messages: "name: bad binary format (why)", where "@x" and
     * "=x" give "x" and a name starting with the signature's first byte "binary string".
     * A function dumped stripped has "=?" as source.
     */
    public static Proto undump(byte[] chunk, LuaString chunkName) {
        Undump s = new Undump(chunk, messageName(chunkName));
        if (chunk.length > 0 && chunk[0] != SIGNATURE[0]) throw s.error("not a binary chunk");
        s.pos = Math.min(1, chunk.length);
        s.header();
        s.loadByte();   // upvalues of the main closure; we take the prototype's count
        Proto main = s.function(null, 0);
        CodeCheck.check(main, s);
        return main;
    }

    /** Lua: the naming at the start of luaU_undump (the name is a C string). */
    private static LuaString messageName(LuaString chunkName) {
        if (chunkName == null) return LuaString.of("?");
        byte[] b = chunkName.bytes();
        int len = 0;
        while (len < b.length && b[len] != 0) len++;
        if (len > 0 && (b[0] == '@' || b[0] == '=')) return LuaString.copyOf(b, 1, len - 1);
        if (len > 0 && b[0] == SIGNATURE[0]) return LuaString.of("binary string");
        return LuaString.copyOf(b, 0, len);
    }

    /** Lua: error in lundump.c. */
    LuaError error(String why) {
        LuaBuffer b = new LuaBuffer(name.length() + why.length() + 24);
        b.append(name).append(": bad binary format (").append(why).append(")");
        return new LuaError(b.toLuaString(), 0);
    }

    private LuaError truncated() { return error("truncated chunk"); }

    private int remaining() { return in.length - pos; }

    // ---------------------------------------------------------------- primitives

    private int loadByte() {
        if (pos >= in.length) throw truncated();
        return in[pos++] & 0xFF;
    }

    /** Lua: loadUnsigned. Fails once the value no longer fits in {@code limit} (unsigned). */
    private long loadUnsigned(long limit) {
        long x = 0;
        long lim = limit >>> 7;
        int b;
        do {
            b = loadByte();
            if (Long.compareUnsigned(x, lim) >= 0) throw error("integer overflow");
            x = (x << 7) | (b & 0x7f);
        } while ((b & 0x80) == 0);
        return x;
    }

    /** Lua: loadSize (limit MAX_SIZET). */
    private long loadSize() { return loadUnsigned(-1L); }

    /** Lua: loadInt (limit INT_MAX). */
    private int loadInt() { return (int) loadUnsigned(Integer.MAX_VALUE); }

    /** A count of items taking at least {@code minBytes} each: the capacity worth allocating. */
    private int capacity(int n, int minBytes) { return Math.min(n, remaining() / minBytes); }

    private int loadInt32() {
        if (remaining() < 4) throw truncated();
        int x = (in[pos] & 0xFF) | (in[pos + 1] & 0xFF) << 8 | (in[pos + 2] & 0xFF) << 16 | in[pos + 3] << 24;
        pos += 4;
        return x;
    }

    private long loadInt64() {
        if (remaining() < 8) throw truncated();
        long lo = loadInt32() & 0xFFFFFFFFL;
        return lo | (long) loadInt32() << 32;
    }

    /** Lua: loadStringN. Null for the absent string. */
    private LuaString loadStringN() {
        long size = loadSize();
        if (size == 0) return null;
        long len = size - 1;
        if (Long.compareUnsigned(len, remaining()) > 0) throw truncated();
        LuaString s = LuaString.copyOf(in, pos, (int) len);
        pos += (int) len;
        return s;
    }

    /** Lua: checkliteral. */
    private void checkLiteral(byte[] lit, String msg) {
        if (remaining() < lit.length) throw truncated();
        for (int i = 0; i < lit.length; i++) {
            if (in[pos + i] != lit[i]) {
                pos += lit.length;
                throw error(msg);
            }
        }
        pos += lit.length;
    }

    /** Lua: checkHeader (the first byte of the signature is already read). */
    private void header() {
        checkLiteral(java.util.Arrays.copyOfRange(SIGNATURE, 1, SIGNATURE.length), "not a binary chunk");
        if (loadByte() != VERSION) throw error("version mismatch");
        if (loadByte() != FORMAT) throw error("format mismatch");
        checkLiteral(DATA, "corrupted chunk");
        if (loadByte() != INSTRUCTION_SIZE) throw error("Instruction size mismatch");
        if (loadByte() != INTEGER_SIZE) throw error("lua_Integer size mismatch");
        if (loadByte() != NUMBER_SIZE) throw error("lua_Number size mismatch");
        if (loadInt64() != LUAC_INT) throw error("integer format mismatch");
        if (Double.longBitsToDouble(loadInt64()) != LUAC_NUM) throw error("float format mismatch");
    }

    // ---------------------------------------------------------------- functions

    /** Lua: loadFunction; a function without source takes its parent's. */
    private Proto function(LuaString psource, int depth) {
        if (depth >= MAXNESTING) throw error("too many nested functions");
        Proto f = new Proto();
        f.source = loadStringN();
        if (f.source == null) f.source = psource != null ? psource : UNKNOWN_SOURCE;
        f.lineDefined = loadInt();
        f.lastLineDefined = loadInt();
        f.setNumParams(loadByte());
        f.isVararg = loadByte() != 0;
        f.maxStackSize = loadByte();
        code(f);
        constants(f);
        upvalues(f);
        int n = loadInt();
        f.p = new Proto[capacity(n, 14)];   // the smallest function takes 14 bytes
        for (int i = 0; i < n; i++) {
            Proto c = function(f.source, depth + 1);
            if (i >= f.p.length) throw truncated();
            f.p[i] = c;
        }
        debug(f);
        return f;
    }

    /** Lua: loadCode. */
    private void code(Proto f) {
        int n = loadInt();
        if ((long) n * INSTRUCTION_SIZE > remaining()) throw truncated();
        f.code = new int[n];
        for (int i = 0; i < n; i++) f.code[i] = loadInt32();
    }

    /**
     * Lua: loadConstants. An unknown tag gives nil and reads nothing, as in Lua (where it
     * fails only an assertion).
     */
    private void constants(Proto f) {
        int n = loadInt();
        int cap = capacity(n, 1);
        Object[] k = new Object[cap];
        long[] kn = new long[cap];
        for (int i = 0; i < n; i++) {
            int t = loadByte();
            if (i >= cap) throw truncated();
            switch (t) {
                case VFALSE: k[i] = Boolean.FALSE; break;
                case VTRUE: k[i] = Boolean.TRUE; break;
                case VNUMFLT: k[i] = NumTag.FLT; kn[i] = loadInt64(); break;
                case VNUMINT: k[i] = NumTag.INT; kn[i] = loadInt64(); break;
                case VSHRSTR: case VLNGSTR: {
                    LuaString s = loadStringN();
                    if (s == null) throw error("bad format for constant string");
                    k[i] = s;
                    break;
                }
                default: k[i] = null; break;
            }
        }
        f.k = k;
        f.kn = kn;
    }

    /** Lua: loadUpvalues (names come with the debug information). */
    private void upvalues(Proto f) {
        int n = loadInt();
        if ((long) n * 3 > remaining()) throw truncated();
        f.upvalues = new UpvalDesc[n];
        for (int i = 0; i < n; i++) {
            boolean inStack = loadByte() != 0;
            int idx = loadByte();
            f.upvalues[i] = new UpvalDesc(null, inStack, idx, loadByte());
        }
    }

    /**
     * The highest line a loaded function may have: string.dump writes lines as absolute
     * numbers (Proto keeps no relative form), and larger ones would not load again. Lua keeps
     * the corrupt bytes as they are; negative or wrapped lines are refused here instead.
     */
    private static final int MAX_LINE = ((Integer.MAX_VALUE >>> 7) - 1) << 7 | 0x7f;

    /** Lua: loadDebug. */
    private void debug(Proto f) {
        int n = loadInt();
        if (n > remaining()) throw truncated();
        byte[] rel = java.util.Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        int nabs = loadInt();
        int cap = capacity(nabs, 2);
        int[] absPc = new int[cap], absLine = new int[cap];
        for (int i = 0; i < nabs; i++) {
            int pc = loadInt(), line = loadInt();
            if (i >= cap) throw truncated();
            absPc[i] = pc;
            absLine[i] = line;
        }
        f.lineInfo = n == 0 ? null : lines(rel, absPc, absLine, Math.min(nabs, cap), f.lineDefined);
        if (f.lineInfo != null) {
            for (int line : f.lineInfo) if (line < 0 || line > MAX_LINE) throw error("line out of range");
        }
        locVars(f);
        n = loadInt();
        if (n != 0) {   // all the names or none (Lua 5.4.8)
            for (int i = 0; i < f.upvalues.length; i++) {
                UpvalDesc u = f.upvalues[i];
                f.upvalues[i] = new UpvalDesc(loadStringN(), u.inStack, u.index, u.kind);
            }
        }
    }

    /** The local variables; a nameless one (which Lua could not describe) is named "?". */
    private void locVars(Proto f) {
        int n = loadInt();
        LocVar[] vars = new LocVar[capacity(n, 3)];
        for (int i = 0; i < n; i++) {
            LuaString vname = loadStringN();
            int start = loadInt(), end = loadInt();
            if (i >= vars.length) throw truncated();
            vars[i] = new LocVar(vname == null ? UNNAMED : vname, start, end);
        }
        f.locVars = vars;
    }

    /**
     * Absolute lines from Lua's form (Lua: luaG_getfuncline for every pc): the line of the
     * last absolute entry at or before pc, plus the differences after it. Prefix sums keep
     * this linear whatever the entries are.
     */
    static int[] lines(byte[] rel, int[] absPc, int[] absLine, int nabs, int lineDefined) {
        int n = rel.length;
        long[] sum = new long[n + 1];   // sum[pc + 1] = rel[0] + ... + rel[pc]
        for (int pc = 0; pc < n; pc++) sum[pc + 1] = sum[pc] + rel[pc];
        int[] lines = new int[n];
        int a = 0;
        for (int pc = 0; pc < n; pc++) {
            while (a < nabs && absPc[a] <= pc) a++;
            long basePc = a == 0 ? -1 : absPc[a - 1];
            long baseLine = a == 0 ? lineDefined : absLine[a - 1];
            long line = baseLine + sum[pc + 1] - sum[(int) basePc + 1];
            lines[pc] = line < 0 || line > Integer.MAX_VALUE ? -1 : (int) line;
        }
        return lines;
    }
}
