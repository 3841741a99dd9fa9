package dev.moonstack.lib;

import dev.moonstack.code.Undump;
import dev.moonstack.value.ChunkId;
import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.Proto;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaOps;
import dev.moonstack.vm.LuaThread;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;

/**
 * Loading chunks: {@code load}, {@code loadfile}, {@code dofile} (Lua: lbaselib.c luaB_load,
 * lauxlib.c luaL_loadfilex, luaL_loadbufferx) and the same services for the CLI and hosts.
 */
public final class Loading {
    private Loading() {}

    /** First byte of a binary chunk (Lua: LUA_SIGNATURE[0]). */
    static final int SIGNATURE = 0x1b;

    static void open(LuaTable g) {
        Lib.fn(g, null, "load", Loading::load);
        Lib.fn(g, null, "loadfile", Loading::loadfile);
        Lib.fn(g, null, "dofile", Loading::dofile);
    }

    /**
     * Lua: luaL_loadbufferx + lua_load. Compiles {@code chunk}, or loads it if it is a binary
     * chunk (one starting with ESC), into a closure whose first upvalue is the global table
     * and whose other upvalues are fresh; syntax errors, malformed binary chunks and mode
     * violations throw a LuaError whose message is what {@code load} returns.
     */
    public static LuaClosure loadChunk(GlobalState G, byte[] chunk, LuaString chunkName, String mode) {
        chunkName = cString(chunkName);
        boolean binary = chunk.length > 0 && (chunk[0] & 0xFF) == SIGNATURE;
        String kind = binary ? "binary" : "text";
        if (mode.indexOf(kind.charAt(0)) < 0) {
            throw LuaError.plain("attempt to load a " + kind + " chunk (mode is '" + mode + "')");
        }
        Proto p;
        if (binary) {
            p = Undump.undump(chunk, chunkName);
        } else {
            try {
                p = G.loader.compile(chunk, chunkName);
            } catch (StackOverflowError e) {        // a host thread with a small stack: the parser's
                throw new LuaError(new LuaBuffer().append(ChunkId.ofBytes(chunkName))   // own limit of
                        .append(": stack overflow (Java stack) in the parser").toLuaString(), 0);   // 200 levels was not reached
            }
        }
        return LuaOps.newMainClosure(p, G.globals);
    }

    /** A chunk name as Lua keeps it: a C string, up to its first zero byte. */
    private static LuaString cString(LuaString s) {
        byte[] b = s.bytes();
        for (int i = 0; i < b.length; i++) if (b[i] == 0) return LuaString.copyOf(b, 0, i);
        return s;
    }

    /**
     * Lua: luaL_loadfilex. Reads a file (stdin when {@code path} is null), skipping a first
     * line that starts with '#' (keeping line numbers) and a UTF-8 byte order mark.
     */
    public static LuaClosure loadFile(GlobalState G, String path, String mode) {
        if (path != null) path = SystemCalls.cName(path);     // as C's fopen and "@%s" see it
        String name = path == null ? "=stdin" : "@" + path;
        byte[] bytes;
        try {
            bytes = path == null ? readAll(System.in) : Files.readAllBytes(SystemCalls.path(path));
        } catch (IOException e) {
            throw LuaError.plain("cannot " + (isOpenError(e, path) ? "open " : "read ") + path + ": " + SystemCalls.strerror(e));
        }
        return loadChunk(G, skipPrefix(bytes), LuaString.of(name), mode);
    }

    private static boolean isOpenError(IOException e, String path) {
        return !(path != null && !path.isEmpty() && Files.isDirectory(Paths.get(path)));
    }

    private static byte[] readAll(InputStream in) throws IOException { return in.readAllBytes(); }

    /**
     * Lua: skipcomment and its use in luaL_loadfilex. Drops a UTF-8 BOM and turns a first
     * line starting with '#' into "\n", or drops it if a binary chunk follows.
     */
    public static byte[] skipPrefix(byte[] b) {
        int i = 0;
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) i = 3;
        if (i < b.length && b[i] == '#') {
            while (i < b.length && b[i] != '\n') i++;
            if (i < b.length) i++;
            if (i < b.length && (b[i] & 0xFF) == SIGNATURE) return java.util.Arrays.copyOfRange(b, i, b.length);
            byte[] out = new byte[b.length - i + 1];
            out[0] = '\n';
            System.arraycopy(b, i, out, 1, b.length - i);
            return out;
        }
        return i == 0 ? b : java.util.Arrays.copyOfRange(b, i, b.length);
    }

    /** Lua: luaB_load. load(chunk [, chunkname [, mode [, env]]]). */
    static int load(LuaThread L, int base, int nargs) {
        Object chunk = nargs >= 1 ? L.ref(base) : null;
        String mode = Args.optString(L, base, nargs, 3, LuaString.of("bt")).toString();
        byte[] text;
        LuaString name;
        if (chunk instanceof LuaString) {
            text = ((LuaString) chunk).bytes();
            name = Args.optString(L, base, nargs, 2, (LuaString) chunk);
        } else {
            name = Args.optString(L, base, nargs, 2, LuaString.of("=(load)"));
            Args.checkFunction(L, base, nargs, 1);
            try {
                text = readPieces(L, base);
            } catch (LuaError e) {
                return fail(L, e);
            }
        }
        try {
            LuaClosure f = loadChunk(L.G, text, name, mode);
            if (nargs >= 4) LuaOps.setFirstUpvalue(f, L.ref(base + 3), L.num(base + 3));
            L.push(f, 0);
            return 1;
        } catch (LuaError e) {
            return fail(L, e);
        }
    }

    /**
     * Lua: generic_reader. Calls the reader until it returns nil or an empty string; its
     * errors end the load (a protected call restores the stacks, as lua_load's does). As in
     * luaD_protectedparser, the message handler in force around load sees those errors.
     */
    private static byte[] readPieces(LuaThread L, int base) {
        LuaBuffer buf = new LuaBuffer();
        java.util.function.UnaryOperator<LuaError> handler = L.currentErrorHandler();
        for (;;) {
            int f = L.top();
            L.pushValue(base);
            LuaError e = L.pcall(f, 1, handler);
            if (e != null) throw e;
            Object piece = L.ref(f);
            L.setTop(f);
            if (piece == null) break;
            LuaString str = dev.moonstack.vm.Coerce.toStringCoerced(piece, L.num(f));   // numbers count
            if (str == null) throw LuaError.rt("reader function must return a string");
            if (str.length() == 0) break;
            buf.append(str);
        }
        return java.util.Arrays.copyOf(buf.array(), buf.length());
    }

    /** load's failure: nil and the message; errors no pcall may catch go on (interrupts). */
    private static int fail(LuaThread L, LuaError e) {
        if (e.uncatchable) throw e;
        L.pushNil();
        L.push(e.ref, e.num);
        return 2;
    }

    /** Lua: luaB_loadfile. loadfile([filename [, mode [, env]]]). */
    static int loadfile(LuaThread L, int base, int nargs) {
        LuaString fname = Args.optString(L, base, nargs, 1, null);
        String mode = Args.optString(L, base, nargs, 2, LuaString.of("bt")).toString();
        try {
            LuaClosure f = loadFile(L.G, fname == null ? null : fname.toString(), mode);
            if (nargs >= 3) LuaOps.setFirstUpvalue(f, L.ref(base + 2), L.num(base + 2));
            L.push(f, 0);
            return 1;
        } catch (LuaError e) {
            return fail(L, e);
        }
    }

    /** Lua: luaB_dofile. Runs the file and returns all its results; errors propagate. */
    static int dofile(LuaThread L, int base, int nargs) {
        LuaString fname = Args.optString(L, base, nargs, 1, null);
        LuaFunction f = loadFile(L.G, fname == null ? null : fname.toString(), "bt");
        int fi = L.top();
        L.push(f, 0);
        return L.callk(fi, -1, (L2, b, n) -> n);           // the chunk may yield (Lua: lua_callk)
    }
}
