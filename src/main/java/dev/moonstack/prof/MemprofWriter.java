package dev.moonstack.prof;

import java.io.IOException;
import java.io.OutputStream;

/**
 * memprof's binary file, byte for byte as LuaJIT/Tarantool write it (lj_memprof.h and
 * lj_symtab.h, format version 3): a symbol table ({@code ljs}), then an event stream
 * ({@code ljm}) in the same file, every integer in ULEB128.
 *
 * <pre>
 * file     := symtab stream
 * symtab   := 'l' 'j' 's' 3 0 0 0  sym*  0x80
 * sym      := 0x00 addr chunk line        (a Lua function: chunk name, line defined)
 *           | 0x01 addr name              (a C function; here a builtin by name)
 * stream   := 'l' 'j' 'm' 3 0 0 0  event*  0x80
 * event    := header loc? [oaddr osize] [naddr nsize]   header = source | kind
 *           | 0x08 addr chunk line | 0x0C addr name   (symbols met while profiling)
 * kind     := 0 symtab | 1 alloc | 2 free | 3 realloc
 * source   := 0x04 internal | 0x08 Lua (loc = addr line) | 0x0C C (loc = addr)
 * </pre>
 *
 * Addresses are identities only (see {@link Memprof}); a string is its length and bytes. The
 * first write error is kept and every later write skipped, as LuaJIT's write buffer does
 * (Lua: lj_wbuf's STREAM_ERR_IO); {@link #error} reports it.
 */
final class MemprofWriter {
    static final int SYMTAB = 0, ALLOC = 1, FREE = 2, REALLOC = 3;
    static final int INTERNAL = 1 << 2, LFUNC = 2 << 2, CFUNC = 3 << 2;
    /** Ends the symbol table and the event stream (Lua: SYMTAB_FINAL, LJM_EPILOGUE_HEADER). */
    static final int FINAL = 0x80;
    static final int VERSION = 3;

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 14];
    private int n;
    private IOException error;

    MemprofWriter(OutputStream out) {
        this.out = out;
    }

    /** The file's start: the symtab prologue (Lua: ljs_header). Symbols may follow. */
    void beginSymtab() {
        prologue('s');
    }

    /** A Lua function in the leading symtab, or in the stream when {@code inStream}. */
    void symLua(boolean inStream, long addr, byte[] chunk, long lineDefined) {
        byte1(inStream ? SYMTAB | LFUNC : 0);
        uleb(addr);
        string(chunk);
        uleb(lineDefined);
    }

    /** A C function (a builtin, named), in the leading symtab or in the stream. */
    void symC(boolean inStream, long addr, byte[] name) {
        byte1(inStream ? SYMTAB | CFUNC : 1);
        uleb(addr);
        string(name);
    }

    /** Ends the symtab and starts the event stream (Lua: ljm_header). */
    void beginEvents() {
        byte1(FINAL);
        prologue('m');
    }

    /** An event's header and its location: INTERNAL needs none, C an address, Lua also a line. */
    void header(int kind, int source, long addr, long line) {
        byte1(kind | source);
        if (source == LFUNC) {
            uleb(addr);
            uleb(line);
        } else if (source == CFUNC) {
            uleb(addr);
        }
    }

    /** The epilogue; flushes. */
    void end() {
        byte1(FINAL);
        flush();
    }

    private void prologue(char kind) {
        byte1('l');
        byte1('j');
        byte1(kind);
        byte1(VERSION);
        byte1(0);
        byte1(0);
        byte1(0);
    }

    /** ULEB128: seven bits at a time, low first, the high bit set on all but the last byte. */
    void uleb(long v) {
        while (Long.compareUnsigned(v, 0x80) >= 0) {
            byte1((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        byte1((int) v);
    }

    private void string(byte[] s) {
        uleb(s.length);
        for (byte b : s) byte1(b);
    }

    private void byte1(int b) {
        if (n == buf.length) flush();
        buf[n++] = (byte) b;
    }

    void flush() {
        if (error == null && n > 0) {
            try {
                out.write(buf, 0, n);
                out.flush();
            } catch (IOException e) {
                error = e;
            }
        }
        n = 0;
    }

    /** The first write error, or null. */
    IOException error() { return error; }
}
