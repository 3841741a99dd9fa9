package dev.moonstack.lib;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;

/**
 * An open file of the io library (Lua: luaL_Stream over a C FILE): a regular file with one
 * buffer for both reading and writing and a position, or one of the standard streams.
 * Buffered output is flushed on flush, seek, read, close, and at exit by the owner.
 */
final class LuaFile {
    /** Buffering modes (Lua: setvbuf "no", "full", "line"). */
    static final int NO = 0, FULL = 1, LINE = 2;

    private final RandomAccessFile raf;
    private final InputStream in;
    private final OutputStream out;
    final boolean standard;
    final boolean readable, writable, append;
    boolean closed;
    int bufferMode = FULL;

    private final byte[] rbuf = new byte[8192];
    private int rpos, rlen;
    private final byte[] wbuf = new byte[8192];
    private int wlen;

    LuaFile(RandomAccessFile raf, boolean readable, boolean writable, boolean append) {
        this.raf = raf;
        this.in = null;
        this.out = null;
        this.standard = false;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
    }

    LuaFile(InputStream in, OutputStream out) {
        this.raf = null;
        this.in = in;
        this.out = out;
        this.standard = true;
        this.readable = in != null;
        this.writable = out != null;
        this.append = false;
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

    /** C's strerror(EBADF), for reads and writes a stream's mode does not allow. */
    static final String BAD_FD = "Bad file descriptor";

    private boolean fill() throws IOException {
        if (!readable) throw new IOException(BAD_FD);
        flushWrites();
        int n = raf != null ? raf.read(rbuf, 0, rbuf.length) : in.read(rbuf, 0, rbuf.length);
        rpos = 0;
        rlen = Math.max(n, 0);
        return n > 0;
    }

    void write(byte[] b, int off, int n) throws IOException {
        if (!writable) throw new IOException(BAD_FD);     // as C's fwrite on a stream opened "r"
        if (standard) {                    // the stream buffers; print shares it, so keep order
            out.write(b, off, n);
            if (bufferMode == NO || (bufferMode == LINE && contains(b, off, n, '\n'))) out.flush();
            return;
        }
        dropReadAhead();
        if (raf != null && append) {
            flushWrites();
            raf.seek(raf.length());
        }
        if (bufferMode == NO || n > wbuf.length) {
            flushWrites();
            rawWrite(b, off, n);
            return;
        }
        if (wlen + n > wbuf.length) flushWrites();
        System.arraycopy(b, off, wbuf, wlen, n);
        wlen += n;
        if (bufferMode == LINE) {
            for (int i = off; i < off + n; i++) {
                if (b[i] == '\n') {
                    flushWrites();
                    break;
                }
            }
        }
    }

    private static boolean contains(byte[] b, int off, int n, int c) {
        for (int i = off; i < off + n; i++) if (b[i] == c) return true;
        return false;
    }

    private void rawWrite(byte[] b, int off, int n) throws IOException {
        if (raf != null) raf.write(b, off, n); else out.write(b, off, n);
    }

    /** Gives unread buffered input back to the file position, so writes land in place. */
    private void dropReadAhead() throws IOException {
        if (rpos < rlen && raf != null) raf.seek(raf.getFilePointer() - (rlen - rpos));
        rpos = rlen = 0;
    }

    private void flushWrites() throws IOException {
        if (wlen > 0) {
            int n = wlen;
            wlen = 0;
            rawWrite(wbuf, 0, n);
        }
    }

    void flush() throws IOException {
        flushWrites();
        if (out != null) out.flush();
    }

    /** Lua: f_seek. Returns the new position from the start. */
    long seek(int whence, long offset) throws IOException {
        if (raf == null) throw new IOException("Illegal seek");
        flushWrites();
        long cur = raf.getFilePointer() - (rlen - rpos);
        rpos = rlen = 0;
        long pos = whence == 0 ? offset : whence == 1 ? cur + offset : raf.length() + offset;
        if (pos < 0) throw new IOException("Invalid argument");
        raf.seek(pos);
        return pos;
    }

    void close() throws IOException {
        flush();
        closed = true;
        if (raf != null) raf.close();
        else if (!standard && in != null) in.close();
    }
}
