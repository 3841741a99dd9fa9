package dev.moonstack.lib;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.LuaUserdata;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.TM;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.Coerce;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaOps;
import dev.moonstack.vm.LuaThread;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;

/**
 * The io library (Lua: liolib.c): files are full userdata holding a {@link LuaFile}, with
 * the methods close, flush, lines, read, seek, setvbuf, write and the metamethods
 * {@code __close}, {@code __gc}, {@code __tostring}; the default input and output live in the
 * registry. Every open file is also known to the runtime's {@link OpenFiles}, which flushes it at
 * every way out. {@code io.popen} runs {@code /bin/sh -c} through {@link Shell}.
 */
public final class IoLib {
    private IoLib() {}

    private static final LuaString INPUT = LuaString.of("_IO_input"), OUTPUT = LuaString.of("_IO_output");
    private static final LuaString FILE_MT = LuaString.of("FILE*");

    public static void open(GlobalState G) {
        LuaTable mt = new LuaTable();
        LuaTable methods = new LuaTable();
        Lib.fn(methods, null, "close", IoLib::fileClose);
        Lib.fn(methods, null, "flush", IoLib::fileFlush);
        Lib.fn(methods, null, "lines", (L, b, n) -> lines(L, b, n, tofile(L, b, n), false));
        Lib.fn(methods, null, "read", (L, b, n) -> read(L, b, n, tofile(L, b, n), 2));
        Lib.fn(methods, null, "seek", IoLib::seek);
        Lib.fn(methods, null, "setvbuf", IoLib::setvbuf);
        Lib.fn(methods, null, "write", (L, b, n) -> write(L, b, n, tofile(L, b, n), b, 2));
        mt.setStr(TM.key(TM.INDEX), methods, 0);
        mt.setStr(LuaString.of("__name"), FILE_MT, 0);
        Builtin gc = Builtin.of("__gc", IoLib::gc);
        mt.setStr(TM.key(TM.GC), gc, 0);
        mt.setStr(TM.key(TM.CLOSE), gc, 0);
        mt.setStr(LuaString.of("__tostring"), Builtin.of("__tostring", IoLib::tostring), 0);
        G.registry.setStr(FILE_MT, mt, 0);

        LuaTable io = new LuaTable();
        Lib.fn(io, "io", "write", (L, b, n) -> write(L, b, n, defaultFile(L, OUTPUT, "output"), -1, 1));
        Lib.fn(io, "io", "read", (L, b, n) -> read(L, b, n, defaultFile(L, INPUT, "input"), 1));
        Lib.fn(io, "io", "lines", IoLib::ioLines);
        Lib.fn(io, "io", "open", IoLib::open);
        Lib.fn(io, "io", "close", IoLib::ioClose);
        Lib.fn(io, "io", "flush", (L, b, n) -> result(L, flush(defaultFile(L, OUTPUT, "output")), null));
        Lib.fn(io, "io", "input", (L, b, n) -> redirect(L, b, n, INPUT, "r"));
        Lib.fn(io, "io", "output", (L, b, n) -> redirect(L, b, n, OUTPUT, "w"));
        Lib.fn(io, "io", "type", IoLib::type);
        Lib.fn(io, "io", "tmpfile", IoLib::tmpfile);
        Lib.fn(io, "io", "popen", IoLib::popen);
        OpenFiles files = OpenFiles.create(G);
        LuaUserdata in = newFile(G, files.stdin);
        LuaUserdata out = newFile(G, files.stdout);
        LuaUserdata err = newFile(G, files.stderr);
        io.setStr(LuaString.of("stdin"), in, 0);
        io.setStr(LuaString.of("stdout"), out, 0);
        io.setStr(LuaString.of("stderr"), err, 0);
        G.registry.setStr(INPUT, in, 0);
        G.registry.setStr(OUTPUT, out, 0);
        Lib.register(G, "io", io);
    }

    /**
     * C's fflush(NULL) for a runtime: every open file and standard output (for os.exit and
     * {@code Lua.flush}). Does nothing if the runtime has no io library.
     */
    public static void flushAll(GlobalState G) {
        OpenFiles files = OpenFiles.of(G);
        if (files != null) files.flushAll();
    }

    /** Closes every file the runtime still has open and flushes the standard ones (for {@code Lua.close}). */
    public static void closeAll(GlobalState G) {
        OpenFiles files = OpenFiles.of(G);
        if (files != null) files.closeAll();
    }

    private static LuaUserdata newFile(GlobalState G, LuaFile f) {
        LuaUserdata u = new LuaUserdata(f, 0);
        u.metatable = (LuaTable) G.registry.getRef(FILE_MT, 0);
        if (!f.standard) {
            OpenFiles.of(G).add(f);                        // flushed at exit even if never closed
            G.gc.checkFinalizer(u, u.metatable);           // an unreachable open file gets closed
        }
        return u;
    }

    /** Lua: tofile. The open file that is argument 1. */
    private static LuaFile tofile(LuaThread L, int base, int nargs) {
        LuaFile f = toLuaFile(L, base, nargs);
        if (f.closed) throw LuaError.rt("attempt to use a closed file");
        return f;
    }

    private static LuaFile toLuaFile(LuaThread L, int base, int nargs) {
        Object v = nargs >= 1 ? L.ref(base) : null;
        if (v instanceof LuaUserdata && ((LuaUserdata) v).payload instanceof LuaFile) {
            return (LuaFile) ((LuaUserdata) v).payload;
        }
        throw Args.typeError(L, 1, "FILE*", v);
    }

    /** The default input or output file (Lua: getiofile). */
    private static LuaFile defaultFile(LuaThread L, LuaString key, String what) {
        Object u = L.G.registry.getRef(key, 0);
        LuaFile f = (LuaFile) ((LuaUserdata) u).payload;
        if (f.closed) throw LuaError.rt("default " + what + " file is closed");
        return f;
    }

    /** Lua: luaL_fileresult. true, or nil, message, errno. */
    private static int result(LuaThread L, IOException e, String name) {
        return SystemCalls.fileResult(L, e, name);
    }

    private static IOException flush(LuaFile f) {
        try {
            f.flush();
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /** Lua: l_checkmode. "r", "w" or "a", an optional "+", then any "b"s. */
    private static boolean validMode(String m) { return m.matches("[rwa]\\+?b*"); }

    /**
     * Lua: fopen. Opens the file of a C file name; null with {@code err[0]} set on failure. As
     * in C, a directory opens for reading ("r") and then fails each read with EISDIR, and "r+"
     * needs a file that exists and can be read.
     */
    private static LuaFile openFile(String name, String mode, IOException[] err) {
        boolean plus = mode.indexOf('+') >= 0;
        char m = mode.charAt(0);
        try {
            File file = SystemCalls.path(name, m != 'r').toFile();
            if (m == 'r') {
                RandomAccessFile read;
                try {
                    read = new RandomAccessFile(file, "r");
                } catch (FileNotFoundException e) {
                    if (!plus && SystemCalls.errno(e) == LuaFile.EISDIR) return LuaFile.directory();
                    throw e;
                }
                if (!plus) return new LuaFile(read, true, false, false);
                read.close();
            }
            RandomAccessFile raf = new RandomAccessFile(file, "rw");
            if (m == 'w') raf.setLength(0);
            if (m == 'a') raf.seek(raf.length());
            return new LuaFile(raf, plus, true, m == 'a');          // "r+", "w", "a", "w+", "a+"
        } catch (IOException e) {
            err[0] = e;
            return null;
        }
    }

    static int open(LuaThread L, int base, int nargs) {
        String name = SystemCalls.cName(Args.checkString(L, base, nargs, 1).toString());
        String mode = Args.optString(L, base, nargs, 2, LuaString.of("r")).toString();
        if (!validMode(mode)) throw Args.argError(L, 2, "invalid mode");
        IOException[] err = new IOException[1];
        LuaFile f = openFile(name, mode, err);
        if (f == null) return result(L, err[0], name);
        L.push(newFile(L.G, f), 0);
        return 1;
    }

    static int tmpfile(LuaThread L, int base, int nargs) {
        try {
            File t = File.createTempFile("lua", null);
            t.deleteOnExit();
            L.push(newFile(L.G, new LuaFile(new RandomAccessFile(t, "rw"), true, true, false)), 0);
            return 1;
        } catch (IOException e) {
            return result(L, e, null);
        }
    }

    /**
     * Lua: io_popen. {@code /bin/sh -c command} with a pipe to read its output ("r") or write
     * its input ("w"); its other streams are the JVM's. As lua5.4's l_popen, every open file is
     * flushed first (fflush(NULL)), so the child's output comes after what was written before.
     */
    static int popen(LuaThread L, int base, int nargs) {
        String command = Args.checkString(L, base, nargs, 1).toString();
        String mode = Args.optString(L, base, nargs, 2, LuaString.of("r")).toString();
        if (!mode.equals("r") && !mode.equals("w")) throw Args.argError(L, 2, "invalid mode");
        boolean read = mode.equals("r");
        flushAll(L.G);
        try {
            LuaFile f;
            if (read) {
                Process[] started = new Process[1];
                java.io.InputStream in = Shell.startReading(command, started);
                f = LuaFile.pipe(started[0], in, null);
            } else {
                Process p = Shell.start(command, Redirect.PIPE, Redirect.INHERIT);
                f = LuaFile.pipe(p, null, p.getOutputStream());
            }
            L.push(newFile(L.G, f), 0);
            return 1;
        } catch (IOException e) {
            return SystemCalls.fileResult(L, e, command);
        }
    }

    /**
     * Lua: aux_close. Standard files are not closed; closing a pipe waits for its command and
     * returns what os.execute returns (Lua: io_pclose).
     */
    private static int close(LuaThread L, LuaFile f) {
        if (f.standard) {
            L.pushNil();
            L.pushString("cannot close standard file");
            return 2;
        }
        IOException failure = null;
        try {
            f.close();
        } catch (IOException e) {
            failure = e;
        }
        if (f.process != null) return Shell.pushStatus(L, Shell.waitFor(L, f.process));
        return result(L, failure, null);
    }

    static int fileClose(LuaThread L, int base, int nargs) { return close(L, tofile(L, base, nargs)); }

    static int ioClose(LuaThread L, int base, int nargs) {
        if (nargs == 0 || L.ref(base) == null) return close(L, defaultFile(L, OUTPUT, "output"));
        return close(L, tofile(L, base, nargs));
    }

    /** Lua: f_flush. true, or nil, message, errno (luaL_fileresult), as io.flush. */
    static int fileFlush(LuaThread L, int base, int nargs) {
        return result(L, flush(tofile(L, base, nargs)), null);
    }

    /** Lua: io_gc. An open file is flushed and closed; a pipe's command is waited for. */
    static int gc(LuaThread L, int base, int nargs) {
        LuaFile f = toLuaFile(L, base, nargs);
        if (!f.closed && !f.standard) {
            try {
                f.close();
            } catch (IOException ignored) {
                // Lua: a finalizer's failure to close goes unreported
            }
            if (f.process != null) Shell.waitFor(L, f.process);
        }
        return 0;
    }

    static int tostring(LuaThread L, int base, int nargs) {
        LuaFile f = toLuaFile(L, base, nargs);
        L.pushString(f.closed ? "file (closed)" : "file (" + LuaOps.address(L.ref(base)) + ")");
        return 1;
    }

    static int type(LuaThread L, int base, int nargs) {
        Args.checkAny(L, nargs, 1);
        Object v = L.ref(base);
        if (v instanceof LuaUserdata && ((LuaUserdata) v).payload instanceof LuaFile) {
            L.pushString(((LuaFile) ((LuaUserdata) v).payload).closed ? "closed file" : "file");
        } else {
            L.pushNil();
        }
        return 1;
    }

    /** Lua: opencheckfile's error, for io.lines, io.input and io.output with a file name. */
    private static LuaError cannotOpen(String name, IOException e) {
        return LuaError.rt("cannot open file '" + name + "' (" + SystemCalls.strerror(e) + ")");
    }

    /** io.input / io.output: query or set the default file, by name or handle. */
    static int redirect(LuaThread L, int base, int nargs, LuaString key, String mode) {
        if (!Args.isNoneOrNil(L, base, nargs, 1)) {
            Object v = L.ref(base);
            if (v instanceof LuaString || v instanceof NumTag) {
                String name = SystemCalls.cName(Args.checkString(L, base, nargs, 1).toString());
                IOException[] err = new IOException[1];
                LuaFile f = openFile(name, mode, err);
                if (f == null) throw cannotOpen(name, err[0]);
                L.G.registry.setStr(key, newFile(L.G, f), 0);
            } else {
                tofile(L, base, nargs);
                L.G.registry.setStr(key, v, 0);
            }
        }
        L.push(L.G.registry.getRef(key, 0), 0);
        return 1;
    }

    /** Lua: g_write. Strings and numbers; returns the file, or nil, message, errno. */
    static int write(LuaThread L, int base, int nargs, LuaFile f, int fileSlot, int first) {
        IOException failure = null;
        for (int arg = first; arg <= nargs; arg++) {
            Object v = L.ref(base + arg - 1);
            LuaString s = v instanceof NumTag ? Coerce.numberToString(v, L.num(base + arg - 1))
                    : Args.checkString(L, base, nargs, arg);
            try {
                if (failure == null) f.write(s.bytes(), 0, s.length());
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) return result(L, failure, null);
        if (fileSlot >= 0) L.pushValue(fileSlot); else L.push(L.G.registry.getRef(OUTPUT, 0), 0);
        return 1;
    }

    static int seek(LuaThread L, int base, int nargs) {
        LuaFile f = tofile(L, base, nargs);
        int whence = Args.checkOption(L, base, nargs, 2, "cur", new String[] {"set", "cur", "end"});
        long offset = Args.optInteger(L, base, nargs, 3, 0);
        try {
            L.pushInteger(f.seek(whence, offset));
            return 1;
        } catch (IOException e) {
            return result(L, e, null);
        }
    }

    /** Lua: f_setvbuf. The size is checked and, as glibc does without a buffer, not used. */
    static int setvbuf(LuaThread L, int base, int nargs) {
        LuaFile f = tofile(L, base, nargs);
        int mode = Args.checkOption(L, base, nargs, 2, null, new String[] {"no", "full", "line"});
        Args.optInteger(L, base, nargs, 3, 8192);
        try {
            f.setBufferMode(mode);
            return result(L, null, null);
        } catch (IOException e) {
            return result(L, e, null);
        }
    }

    /** Lua: g_read. Reads with formats n, l, L, a or a byte count, from argument {@code first}. */
    static int read(LuaThread L, int base, int nargs, LuaFile f, int first) {
        int n = 0;
        boolean ok = true;
        try {
            if (nargs < first) {
                ok = IoRead.readLine(L, f, true);
                n = 1;
            }
            for (int arg = first; arg <= nargs && ok; arg++, n++) ok = IoRead.one(L, base, nargs, f, arg);
        } catch (IOException e) {
            return result(L, e, null);
        }
        if (!ok) {
            L.setTop(L.top() - 1);
            L.pushNil();
        }
        return n;
    }

    /** io.lines([filename, ...]): a file opened here is closed at its end. */
    static int ioLines(LuaThread L, int base, int nargs) {
        if (Args.isNoneOrNil(L, base, nargs, 1)) {
            if (nargs == 0) L.setTop(base + 1);
            L.set(base, L.G.registry.getRef(INPUT, 0), 0);
            return lines(L, base, Math.max(nargs, 1), tofile(L, base, 1), false);
        }
        String name = SystemCalls.cName(Args.checkString(L, base, nargs, 1).toString());
        IOException[] err = new IOException[1];
        LuaFile f = openFile(name, "r", err);
        if (f == null) throw cannotOpen(name, err[0]);
        L.set(base, newFile(L.G, f), 0);
        int n = lines(L, base, nargs, f, true);
        L.pushNil();
        L.pushNil();
        L.pushValue(base);                                 // the to-be-closed value of the for
        return n + 3;
    }

    /** Lua: aux_lines. An iterator reading with the given formats. */
    static int lines(LuaThread L, int base, int nargs, LuaFile f, boolean closeAtEof) {
        if (nargs - 1 > 250) throw Args.argError(L, 252, "too many arguments");
        Object file = L.ref(base);
        Object[] formats = new Object[Math.max(nargs - 1, 0)];
        long[] fnums = new long[formats.length];
        for (int i = 0; i < formats.length; i++) {
            formats[i] = L.ref(base + 1 + i);
            fnums[i] = L.num(base + 1 + i);
        }
        L.push(Builtin.closure("lines_iterator", (L2, b2, n2) -> readLineIter(L2, f, file, formats, fnums, closeAtEof),
                file, formats), 0);
        return 1;
    }

    private static int readLineIter(LuaThread L, LuaFile f, Object file, Object[] fmts, long[] fnums, boolean close) {
        if (f.closed) throw LuaError.rt("file is already closed");
        int base = L.top();
        L.push(file, 0);
        for (int i = 0; i < fmts.length; i++) L.push(fmts[i], fnums[i]);
        int n = read(L, base, fmts.length + 1, f, 2);
        if (LuaOps.isTruthy(L.ref(L.top() - n))) return n;
        if (n > 1 && L.ref(L.top() - n + 1) instanceof LuaString) {
            throw LuaError.rt(L.ref(L.top() - n + 1).toString());
        }
        if (close) {
            try {
                f.close();
            } catch (IOException ignored) {
                // the iteration is over either way
            }
        }
        return 0;
    }
}
