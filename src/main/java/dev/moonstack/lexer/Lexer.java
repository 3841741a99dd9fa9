package dev.moonstack.lexer;

import dev.moonstack.value.ChunkId;
import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaNumber;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.NumTag;

import java.util.HashMap;

/**
 * The scanner: turns a chunk's bytes into tokens, one look-ahead at most (Lua: llex.c,
 * LexState). Line bookkeeping ({@link #linenumber}, {@link #lastline}) follows llex exactly,
 * because the code generator takes its line information from it.
 */
public final class Lexer {
    private static final int EOZ = -1;

    private final byte[] src;
    private int pos;          // index of the byte after 'current'
    private int current;      // current byte (Lua: ls->current), or EOZ
    /** Line the scanner stands on (Lua: linenumber). */
    public int linenumber = 1;
    /** Line of the last token consumed (Lua: lastline). */
    public int lastline = 1;
    public final LuaString source;
    private final LuaString chunkId;

    /** Current token (Lua: ls->t) and its semantic value. */
    public int token;
    public LuaString sval;
    public long ival;
    public double fval;
    // look-ahead token (Lua: ls->lookahead); EOS means none
    private int laToken = Token.EOS;
    private LuaString laSval;
    private long laIval;
    private double laFval;
    // semantic value of the token being scanned
    private LuaString semS;
    private long semI;
    private double semF;

    /**
     * One entry per call of {@link #next} (index 0 is the state before the first): lastline
     * and linenumber after the call, and where the scan of the token made current began.
     * The parser records indices ("marks"); the compiler turns them back into lines and,
     * for the errors it raises, into the "near" part of the message.
     */
    private int[] markLast = new int[256], markLine = new int[256], markStart = new int[256];
    private int nmarks;
    private int laStart;

    /** Token text being scanned (Lua: ls->buff); also what "near" quotes in messages. */
    private byte[] buff = new byte[64];
    private int blen;
    private final long[] numOut = new long[1];
    /** Interned names and strings (Lua: the scanner table 'h'). */
    private final HashMap<LuaString, LuaString> strings = new HashMap<>();
    private static final HashMap<LuaString, Integer> RESERVED = new HashMap<>();

    static {
        for (int i = 0; i < Token.NUM_RESERVED; i++) {
            RESERVED.put(LuaString.of(Token.spelling(Token.FIRST_RESERVED + i)), Token.FIRST_RESERVED + i);
        }
    }

    /** Called every {@link #POLL_TOKENS} tokens (the host's stop, see {@link #pollEvery}), or null. */
    private Runnable poll;
    private int tokensLeft = POLL_TOKENS;
    /** Tokens between two polls: a few hundred microseconds of compiling. */
    public static final int POLL_TOKENS = 1 << 12;

    /**
     * Calls {@code poll} every {@link #POLL_TOKENS} tokens, so that compiling megabytes of
     * source sees a host's stop (it may throw; the compile then ends with that error).
     */
    public void pollEvery(Runnable poll) { this.poll = poll; }

    public Lexer(byte[] src, LuaString source) {
        this.src = src;
        this.source = source;
        this.chunkId = ChunkId.ofBytes(source);
        this.token = 0;
        nextChar();
        markLast[0] = 1;
        markLine[0] = 1;
    }

    /** Offset of the byte in 'current'. */
    private int offset() { return current == EOZ ? src.length : pos - 1; }

    /** The mark of the present state: the number of tokens consumed so far. */
    public int mark() { return nmarks; }

    /** Lua's lastline at mark {@code m}. */
    public int lastlineAt(int m) { return markLast[m]; }

    /** "chunk:line: msg near tok" as lparser would raise it at mark {@code m}. */
    public LuaError errorAt(int m, String msg) {
        Lexer again = new Lexer(src, source);
        again.pos = markStart[m];
        again.nextChar();
        int tok = again.llex();
        again.linenumber = markLine[m];
        return again.lexError(msg, tok);
    }

    // ---------------------------------------------------------------- characters

    private void nextChar() {
        current = pos < src.length ? src[pos++] & 0xFF : EOZ;
    }

    private void save(int c) {
        if (blen == buff.length) buff = java.util.Arrays.copyOf(buff, blen * 2);
        buff[blen++] = (byte) c;
    }

    private void saveAndNext() {
        save(current);
        nextChar();
    }

    private boolean currIsNewline() { return current == '\n' || current == '\r'; }

    static boolean isAlpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
    static boolean isDigit(int c) { return c >= '0' && c <= '9'; }
    static boolean isAlnum(int c) { return isAlpha(c) || isDigit(c); }
    static boolean isXDigit(int c) { return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
    static boolean isSpace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

    private static int hexValue(int c) { return isDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10; }

    /** Lua: inclinenumber. */
    private void incLineNumber() {
        int old = current;
        nextChar();
        if (currIsNewline() && current != old) nextChar();
        if (++linenumber >= Integer.MAX_VALUE) throw lexError("chunk has too many lines", 0);
    }

    // ---------------------------------------------------------------- errors

    /** "chunk:line: msg near tok" (Lua: lexerror); token 0 omits the "near" part. */
    public LuaError lexError(String msg, int tok) {
        LuaBuffer b = new LuaBuffer(msg.length() + 40);
        b.append(chunkId).append(":").append(Integer.toString(linenumber)).append(": ").append(msg);
        if (tok != 0) {
            b.append(" near ");
            if (tok == Token.NAME || tok == Token.STRING || tok == Token.FLT || tok == Token.INT) {
                b.append('\'').append(buff, 0, blen).append('\'');
            } else {
                b.append(Token.toStr(tok));
            }
        }
        return new LuaError(b.toLuaString(), 0);
    }

    /** An error near the current token (Lua: luaX_syntaxerror). */
    public LuaError syntaxError(String msg) { return lexError(msg, token); }

    /** An error without "near" part (Lua: luaK_semerror). */
    public LuaError semError(String msg) { return lexError(msg, 0); }

    // ---------------------------------------------------------------- tokens

    /** Lua: luaX_next. */
    public void next() {
        if (--tokensLeft == 0) {
            tokensLeft = POLL_TOKENS;
            if (poll != null) poll.run();
        }
        lastline = linenumber;
        int start;
        if (laToken != Token.EOS) {
            token = laToken;
            sval = laSval;
            ival = laIval;
            fval = laFval;
            laToken = Token.EOS;
            start = laStart;
        } else {
            start = offset();
            token = llex();
            sval = semS;
            ival = semI;
            fval = semF;
        }
        if (++nmarks == markLast.length) {
            markLast = java.util.Arrays.copyOf(markLast, nmarks * 2);
            markLine = java.util.Arrays.copyOf(markLine, nmarks * 2);
            markStart = java.util.Arrays.copyOf(markStart, nmarks * 2);
        }
        markLast[nmarks] = lastline;
        markLine[nmarks] = linenumber;
        markStart[nmarks] = start;
    }

    /** Lua: luaX_lookahead. */
    public int lookahead() {
        laStart = offset();
        laToken = llex();
        laSval = semS;
        laIval = semI;
        laFval = semF;
        return laToken;
    }

    private LuaString newString(byte[] b, int off, int len) {
        LuaString s = LuaString.copyOf(b, off, len);
        LuaString old = strings.putIfAbsent(s, s);
        return old != null ? old : s;
    }

    private int llex() {
        blen = 0;
        for (;;) {
            switch (current) {
                case '\n': case '\r':
                    incLineNumber();
                    break;
                case ' ': case '\f': case '\t': case 0x0B:
                    nextChar();
                    break;
                case '-': {
                    nextChar();
                    if (current != '-') return '-';
                    nextChar();
                    if (current == '[') {
                        int sep = skipSep();
                        blen = 0;
                        if (sep >= 2) {
                            readLongString(false, sep);
                            blen = 0;
                            break;
                        }
                    }
                    while (!currIsNewline() && current != EOZ) nextChar();
                    break;
                }
                case '[': {
                    int sep = skipSep();
                    if (sep >= 2) {
                        readLongString(true, sep);
                        return Token.STRING;
                    } else if (sep == 0) {
                        throw lexError("invalid long string delimiter", Token.STRING);
                    }
                    return '[';
                }
                case '=':
                    nextChar();
                    return checkNext1('=') ? Token.EQ : '=';
                case '<':
                    nextChar();
                    if (checkNext1('=')) return Token.LE;
                    return checkNext1('<') ? Token.SHL : '<';
                case '>':
                    nextChar();
                    if (checkNext1('=')) return Token.GE;
                    return checkNext1('>') ? Token.SHR : '>';
                case '/':
                    nextChar();
                    return checkNext1('/') ? Token.IDIV : '/';
                case '~':
                    nextChar();
                    return checkNext1('=') ? Token.NE : '~';
                case ':':
                    nextChar();
                    return checkNext1(':') ? Token.DBCOLON : ':';
                case '"': case '\'':
                    readString(current);
                    return Token.STRING;
                case '.':
                    saveAndNext();
                    if (checkNext1('.')) return checkNext1('.') ? Token.DOTS : Token.CONCAT;
                    if (!isDigit(current)) return '.';
                    return readNumeral();
                case '0': case '1': case '2': case '3': case '4':
                case '5': case '6': case '7': case '8': case '9':
                    return readNumeral();
                case EOZ:
                    return Token.EOS;
                default: {
                    if (isAlpha(current)) {
                        do { saveAndNext(); } while (isAlnum(current));
                        LuaString ts = newString(buff, 0, blen);
                        semS = ts;
                        Integer r = RESERVED.get(ts);
                        return r != null ? r : Token.NAME;
                    }
                    int c = current;
                    nextChar();
                    return c;
                }
            }
        }
    }

    private boolean checkNext1(int c) {
        if (current == c) {
            nextChar();
            return true;
        }
        return false;
    }

    private boolean checkNext2(char c1, char c2) {
        if (current == c1 || current == c2) {
            saveAndNext();
            return true;
        }
        return false;
    }

    /** Lua: read_numeral. */
    private int readNumeral() {
        char e1 = 'E', e2 = 'e';
        int first = current;
        saveAndNext();
        if (first == '0' && checkNext2('x', 'X')) {
            e1 = 'P';
            e2 = 'p';
        }
        for (;;) {
            if (checkNext2(e1, e2)) checkNext2('-', '+');
            else if (isXDigit(current) || current == '.') saveAndNext();
            else break;
        }
        if (isAlpha(current)) saveAndNext();
        NumTag tag = LuaNumber.str2number(buff, 0, blen, numOut);
        if (tag == null) throw lexError("malformed number", Token.FLT);
        if (tag == NumTag.INT) {
            semI = numOut[0];
            return Token.INT;
        }
        semF = Double.longBitsToDouble(numOut[0]);
        return Token.FLT;
    }

    /** Lua: skip_sep. Returns level+2 for a well-formed bracket, 1 for a lone bracket, 0 otherwise. */
    private int skipSep() {
        int count = 0;
        int s = current;
        saveAndNext();
        while (current == '=') {
            saveAndNext();
            count++;
        }
        return current == s ? count + 2 : count == 0 ? 1 : 0;
    }

    /** Lua: read_long_string; {@code keep} is false for comments. */
    private void readLongString(boolean keep, int sep) {
        int line = linenumber;
        saveAndNext();
        if (currIsNewline()) incLineNumber();
        for (;;) {
            switch (current) {
                case EOZ: {
                    String what = keep ? "string" : "comment";
                    throw lexError("unfinished long " + what + " (starting at line " + line + ")", Token.EOS);
                }
                case ']':
                    if (skipSep() == sep) {
                        saveAndNext();
                        if (keep) semS = newString(buff, sep, blen - 2 * sep);
                        return;
                    }
                    break;
                case '\n': case '\r':
                    save('\n');
                    incLineNumber();
                    if (!keep) blen = 0;
                    break;
                default:
                    if (keep) saveAndNext();
                    else nextChar();
            }
        }
    }

    private void escCheck(boolean c, String msg) {
        if (!c) {
            if (current != EOZ) saveAndNext();
            throw lexError(msg, Token.STRING);
        }
    }

    private int getHexa() {
        saveAndNext();
        escCheck(isXDigit(current), "hexadecimal digit expected");
        return hexValue(current);
    }

    private int readHexaEsc() {
        int r = getHexa();
        r = (r << 4) + getHexa();
        blen -= 2;
        return r;
    }

    private long readUtf8Esc() {
        int i = 4;
        saveAndNext();
        escCheck(current == '{', "missing '{'");
        long r = getHexa();
        for (;;) {
            saveAndNext();
            if (!isXDigit(current)) break;
            i++;
            escCheck(r <= (0x7FFFFFFFL >>> 4), "UTF-8 value too large");
            r = (r << 4) + hexValue(current);
        }
        escCheck(current == '}', "missing '}'");
        nextChar();
        blen -= i;
        return r;
    }

    /** Lua: luaO_utf8esc, writing the bytes straight into the buffer. */
    private void utf8Esc() {
        long x = readUtf8Esc();
        if (x < 0x80) {
            save((int) x);
            return;
        }
        byte[] tmp = new byte[8];
        int n = 1;
        int mfb = 0x3f;
        do {
            tmp[8 - n++] = (byte) (0x80 | (x & 0x3f));
            x >>= 6;
            mfb >>= 1;
        } while (x > mfb);
        tmp[8 - n] = (byte) ((~mfb << 1) | x);
        for (int k = 8 - n; k < 8; k++) save(tmp[k]);
    }

    private int readDecEsc() {
        int i, r = 0;
        for (i = 0; i < 3 && isDigit(current); i++) {
            r = 10 * r + current - '0';
            saveAndNext();
        }
        escCheck(r <= 255, "decimal escape too large");
        blen -= i;
        return r;
    }

    /** Lua: read_string. */
    private void readString(int del) {
        saveAndNext();
        while (current != del) {
            switch (current) {
                case EOZ:
                    throw lexError("unfinished string", Token.EOS);
                case '\n': case '\r':
                    throw lexError("unfinished string", Token.STRING);
                case '\\':
                    readEscape();
                    break;
                default:
                    saveAndNext();
            }
        }
        saveAndNext();
        semS = newString(buff, 1, blen - 2);
    }

    private void readEscape() {
        int c;
        saveAndNext();   // keep '\\' for error messages
        switch (current) {
            case 'a': c = 7; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'v': c = 0x0B; break;
            case 'x': c = readHexaEsc(); break;
            case 'u':
                utf8Esc();
                return;
            case '\n': case '\r':
                incLineNumber();
                blen--;
                save('\n');
                return;
            case '\\': case '"': case '\'':
                c = current;
                break;
            case EOZ:
                return;   // raises "unfinished string" in the caller's loop
            case 'z': {
                blen--;
                nextChar();
                while (isSpace(current)) {
                    if (currIsNewline()) incLineNumber();
                    else nextChar();
                }
                return;
            }
            default: {
                escCheck(isDigit(current), "invalid escape sequence");
                c = readDecEsc();
                blen--;
                save(c);
                return;
            }
        }
        nextChar();
        blen--;
        save(c);
    }
}
