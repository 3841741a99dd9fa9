package dev.moonstack.lib;

import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaNumber;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.NumTag;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Interrupts;
import dev.moonstack.vm.LuaThread;
import java.io.IOException;

/** The read formats of the io library (Lua: liolib.c read_line, read_number, read_chars, read_all). */
final class IoRead {
    private IoRead() {}

    /** Lua: L_MAXLENNUM, the longest numeral read_number accepts. */
    private static final int MAX_NUMERAL = 200;

    /** Reads one format (argument {@code arg}); pushes its result; false on failure. */
    static boolean one(LuaThread L, int base, int nargs, LuaFile f, int arg) throws IOException {
        Object v = L.ref(base + arg - 1);
        if (v instanceof NumTag) {
            long count = Args.checkInteger(L, base, nargs, arg);
            return count == 0 ? testEof(L, f) : readChars(L, f, count);
        }
        LuaString p = Args.checkString(L, base, nargs, arg);
        int i = p.length() > 0 && p.charAt(0) == '*' ? 1 : 0;
        int c = i < p.length() ? p.charAt(i) : 0;
        switch (c) {
            case 'n': return readNumber(L, f);
            case 'l': return readLine(L, f, true);
            case 'L': return readLine(L, f, false);
            case 'a':
                readAll(L, f);
                return true;
            default:
                throw Args.argError(L, arg, "invalid format");
        }
    }

    /**
     * Appends byte {@code c}, polling the host's stop every {@link Interrupts#POLL_BYTES}
     * bytes: a file may never end (/dev/zero, a pipe), and a read would otherwise run until
     * the string is too large, deaf to an interrupt.
     */
    private static void append(LuaThread L, LuaBuffer b, int c) {
        b.append(c);
        if ((b.length() & (Interrupts.POLL_BYTES - 1)) == 0) L.interrupts().poll(Interrupts.POLL_BYTES);
    }

    private static boolean testEof(LuaThread L, LuaFile f) throws IOException {
        boolean more = f.peek() >= 0;
        L.pushString(LuaString.EMPTY);
        return more;
    }

    private static boolean readChars(LuaThread L, LuaFile f, long n) throws IOException {
        LuaBuffer b = new LuaBuffer((int) Math.min(n, 1 << 16));
        int c;
        while (n-- > 0 && (c = f.read()) >= 0) append(L, b, c);
        L.pushString(b.toLuaString());
        return b.length() > 0;
    }

    /** Lua: read_line. {@code chop} drops the newline ("l"), else keeps it ("L"). */
    static boolean readLine(LuaThread L, LuaFile f, boolean chop) throws IOException {
        LuaBuffer b = new LuaBuffer();
        int c;
        while ((c = f.read()) >= 0 && c != '\n') append(L, b, c);
        if (c == '\n' && !chop) b.append(c);
        L.pushString(b.toLuaString());
        return c == '\n' || b.length() > 0;
    }

    private static void readAll(LuaThread L, LuaFile f) throws IOException {
        LuaBuffer b = new LuaBuffer(8192);
        int c;
        while ((c = f.read()) >= 0) append(L, b, c);
        L.pushString(b.toLuaString());
    }

    /** Lua: read_number. Reads the longest prefix that can be a numeral, then converts it. */
    private static boolean readNumber(LuaThread L, LuaFile f) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c = f.peek();
        while (c == ' ' || (c >= '\t' && c <= '\r')) {
            f.read();
            c = f.peek();
        }
        int count = 0;
        boolean hex = false;
        if (accept(f, sb, "-+")) { /* optional sign */ }
        if (accept(f, sb, "0")) {
            if (accept(f, sb, "xX")) hex = true; else count = 1;
        }
        count += digits(f, sb, hex);
        if (accept(f, sb, ".")) count += digits(f, sb, hex);
        if (count > 0 && accept(f, sb, hex ? "pP" : "eE")) {
            accept(f, sb, "-+");
            digits(f, sb, false);
        }
        byte[] text = sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        long[] out = new long[1];
        NumTag t = sb.length() <= MAX_NUMERAL ? LuaNumber.str2number(text, 0, text.length, out) : null;
        if (t == null) {
            L.pushNil();
            return false;
        }
        L.push(t, out[0]);
        return true;
    }

    private static boolean accept(LuaFile f, StringBuilder sb, String set) throws IOException {
        int c = f.peek();
        if (c < 0 || set.indexOf(c) < 0 || sb.length() > MAX_NUMERAL) return false;
        sb.append((char) f.read());
        return true;
    }

    private static int digits(LuaFile f, StringBuilder sb, boolean hex) throws IOException {
        int n = 0;
        for (int c = f.peek(); c >= 0 && (Character.isDigit(c) || (hex && "abcdefABCDEF".indexOf(c) >= 0))
                && sb.length() <= MAX_NUMERAL; c = f.peek()) {
            sb.append((char) f.read());
            n++;
        }
        return n;
    }
}
