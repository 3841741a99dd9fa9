package dev.moonstack.lib;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;

/**
 * An open file of the io library (Lua: luaL_Stream over a C FILE): a regular file with one
 * buffer for both reading and writing and a position, a standard stream, or a pipe to a
 * process (io.popen), with C's buffering modes.
 *
 * <p>Files buffer their writes here, except standard output: it writes straight into the
 * runtime's stdout stream, whose buffer print and the command line share, and its mode decides
 * when that stream is flushed. Writes
 * and flushes hold the file's lock, because the JVM's exit hook and the cleaner of a dropped
 * runtime flush from other threads ({@link OpenFiles}).
 */
final class LuaFile {
    /** Buffering modes (Lua: setvbuf "no", "full", "line"; C: _IONBF, _IOFBF, _IOLBF). */
    static final int NO = 0, FULL = 1, LINE = 2;

    /** C's strerror(EBADF), for reads and writes a stream's mode does not allow. */
    static final String BAD_FD = "Bad file descriptor";
    /** C's strerror(ESPIPE), for seeking on a stream that is not a regular file. */
    static final String ILLEGAL_SEEK = "Illegal seek";
    /** C's EISDIR, which every read of a directory opened for reading fails with. */
    static final int EISDIR = 21;

    private static final int BUFFER_SIZE = 8192;

    private final RandomAccessFile raf;
    private final InputStream in;
    private final OutputStream out;
    /** The child of io.popen, waited for when the file is closed; null for other files. */
    final Process process;
    final boolean standard;
    final boolean readable, writable, append;
    volatile boolean closed;
    int bufferMode;
    /** The runtime's open files, which this file leaves when closed; null until registered. */
    OpenFiles owner;

    private byte[] rbuf;
    private int rpos, rlen;
    private final byte[] wbuf;
    private int wlen;

    private LuaFile(RandomAccessFile raf, InputStream in, OutputStream out, Process process, boolean standard,
                    boolean readable, boolean writable, boolean append, int bufferMode, boolean ownBuffer) {
        this.raf = raf;
        this.in = in;
        this.out = out;
        this.process = process;
        this.standard = standard;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
        this.bufferMode = bufferMode;
        this.wbuf = writable && ownBuffer ? new byte[BUFFER_SIZE] : null;
    }

    /** A regular file (Lua: io.open, io.tmpfile), fully buffered as C's files are. */
    LuaFile(RandomAccessFile raf, boolean readable, boolean writable, boolean append) {
        this(raf, null, null, null, false, readable, writable, append, FULL, true);
    }

    /** Standard input or standard error. */
    static LuaFile standard(InputStream in, OutputStream out, int bufferMode) {
        return new LuaFile(null, in, out, null, true, in != null, out != null, false, bufferMode, true);
    }

    /** Standard output: {@code out} is the buffer, shared with print and the command line. */
    static LuaFile stdout(OutputStream out, int bufferMode) {
        return new LuaFile(null, null, out, null, true, false, true, false, bufferMode, false);
    }

    /**
     * A directory opened for reading: C's fopen succeeds on one and each read then fails with
     * EISDIR, where Java refuses the open.
     */
    static LuaFile directory() {
        InputStream refuses = new InputStream() {
            @Override public int read() throws IOException { throw new IOException("Is a directory"); }
        };
        return new LuaFile(null, refuses, null, null, false, true, false, false, FULL, true);
    }

    /** The parent's end of io.popen's pipe: reading the child's output, or writing its input. */
    static LuaFile pipe(Process p, InputStream in, OutputStream out) {
        boolean read = in != null;
        return new LuaFile(null, in, out, p, false, read, !read, false, FULL, true);
    }

    /** Next byte, or -1 at end of file. */
    int read() throws IOException {
        if (rpos == rlen && !fill()) return -1;
        return rbuf[rpos++] & 0xFF;
    }

    /** Next byte without consuming it, or -1. */
    int peek() throws IOException {
        if (rpos == rlen && !fill()) return -1;
        return rbuf[rpos] & 0xFF;
    }

    /**
     * Reads more input. As glibc's underflow, reading a line-buffered or unbuffered stream
     * (stdin on a terminal) first flushes standard output when that is line-buffered, so a
     * prompt written with io.write shows before the program waits for the answer.
     */
    private boolean fill() throws IOException {
        if (!readable) throw new IOException(BAD_FD);
        if (rbuf == null) rbuf = new byte[BUFFER_SIZE];
        flushWrites();
        if (bufferMode != FULL && owner != null) owner.flushLineBufferedStdout();
        int n = raf != null ? raf.read(rbuf, 0, rbuf.length) : in.read(rbuf, 0, rbuf.length);
        rpos = 0;
        rlen = Math.max(n, 0);
        return n > 0;
    }

    /** Lua: g_write's fwrite. Buffers by the file's mode. */
    void write(byte[] b, int off, int n) throws IOException {
        if (!writable) throw new IOException(BAD_FD);     // as C's fwrite on a stream opened "r"
        if (wbuf == null) {
            writeThrough(b, off, n);
            return;
        }
        synchronized (this) {
            if (raf != null) {
                dropReadAhead();
                if (append) {
                    flushWrites();
                    raf.seek(raf.length());
                }
            }
            int upTo = bufferMode == LINE ? lastNewline(b, off, n) + 1 : 0;
            if (upTo > 0) {                          // glibc: through the last newline, then flush
                buffer(b, off, upTo);
                flush();
            }
            buffer(b, off + upTo, n - upTo);
            if (bufferMode == NO) flush();
        }
    }

    /** Standard output: its stream buffers, the mode says when that is flushed. */
    private void writeThrough(byte[] b, int off, int n) throws IOException {
        int upTo = bufferMode == LINE ? lastNewline(b, off, n) + 1 : 0;
        if (upTo > 0) {
            out.write(b, off, upTo);
            out.flush();
        }
        out.write(b, off + upTo, n - upTo);
        if (bufferMode == NO) out.flush();
    }

    /** Index from {@code off} of the last newline in the range, or -1. */
    private static int lastNewline(byte[] b, int off, int n) {
        for (int i = off + n - 1; i >= off; i--) if (b[i] == '\n') return i - off;
        return -1;
    }

    private void buffer(byte[] b, int off, int n) throws IOException {
        if (n > wbuf.length - wlen) flushWrites();
        if (n > wbuf.length) {
            rawWrite(b, off, n);
            return;
        }
        System.arraycopy(b, off, wbuf, wlen, n);
        wlen += n;
    }

    /** Gives unread buffered input back to the file position, so writes land in place. */
    private void dropReadAhead() throws IOException {
        if (rpos < rlen && raf != null) raf.seek(raf.getFilePointer() - (rlen - rpos));
        rpos = rlen = 0;
    }

    private void rawWrite(byte[] b, int off, int n) throws IOException {
        if (raf != null) raf.write(b, off, n); else out.write(b, off, n);
    }

    private synchronized void flushWrites() throws IOException {
        if (wlen > 0) {
            int n = wlen;
            wlen = 0;
            rawWrite(wbuf, 0, n);
        }
    }

    /** Lua: f_flush, C's fflush: what is buffered here, then the stream's own buffer. */
    void flush() throws IOException {
        flushWrites();
        if (out != null) out.flush();
    }

    /**
     * Lua: f_setvbuf. As glibc with no buffer given, the size is not used, and only switching
     * to "no" writes out what is buffered; the other modes apply from the next write.
     */
    void setBufferMode(int mode) throws IOException {
        bufferMode = mode;
        if (mode == NO) flush();
    }

    /** Lua: f_seek. Returns the new position from the start. */
    long seek(int whence, long offset) throws IOException {
        if (raf == null) throw new IOException(ILLEGAL_SEEK);
        flushWrites();
        long cur = raf.getFilePointer() - (rlen - rpos);
        rpos = rlen = 0;
        long pos = whence == 0 ? offset : whence == 1 ? cur + offset : raf.length() + offset;
        if (pos < 0) throw new IOException("Invalid argument");
        raf.seek(pos);
        return pos;
    }

    /**
     * Flushes and closes (C's fclose; the process of a pipe is waited for by the caller, see
     * {@link Shell#waitFor}). A standard stream is only flushed: it stays open for the host.
     */
    void close() throws IOException {
        if (closed) return;
        closed = true;
        if (owner != null) owner.remove(this);
        try {
            flush();
        } finally {
            closeStreams();
        }
    }

    private void closeStreams() throws IOException {
        if (raf != null) raf.close();
        if (standard) return;
        try {
            if (out != null) out.close();
        } finally {
            if (in != null) in.close();
        }
    }
}
