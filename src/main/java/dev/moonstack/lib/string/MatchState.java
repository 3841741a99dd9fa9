package dev.moonstack.lib.string;

import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaError;
import java.util.Arrays;

/**
 * The Lua 5.4 pattern matcher over byte strings: one subject, one pattern and the captures of
 * the current match attempt (Lua: MatchState and the matching half of lstrlib.c).
 *
 * <p>Positions are 0-based byte indices; a match of pattern position {@code p} at subject
 * position {@code s} ends at the index {@link #match} returns. Character classes use the C
 * locale, so bytes 0x80..0xFF belong to no class. The subject and the pattern are read as if
 * a NUL byte followed each, as C's terminated strings do, because Lua's matcher peeks there.
 *
 * <p>Java recursion is bounded by {@link #MAXCCALLS} nested {@code match} calls, each at most
 * three small frames deep (match, matchItem, maxExpand); tail positions loop instead of
 * recursing (lstrlib's {@code goto init}), so even 200 levels fit a stack of a few hundred KB.
 */
public final class MatchState {
    /** Maximum number of captures in a pattern (Lua: LUA_MAXCAPTURES). */
    public static final int MAXCAPTURES = 32;
    /** Maximum nesting of the matcher before "pattern too complex" (Lua: MAXCCALLS). */
    public static final int MAXCCALLS = 200;
    /** Capture length of a capture still open (Lua: CAP_UNFINISHED). */
    public static final int CAP_UNFINISHED = -1;
    /** Capture length of a position capture {@code ()} (Lua: CAP_POSITION). */
    public static final int CAP_POSITION = -2;

    private static final int L_ESC = '%';

    // C-locale <ctype.h> classes as bits, indexed by byte value.
    private static final int ALPHA = 1, CNTRL = 2, DIGIT = 4, GRAPH = 8, LOWER = 16,
            PUNCT = 32, SPACE = 64, UPPER = 128, XDIGIT = 256, ZERO = 512;
    /** Class bits of each byte 0..255. */
    private static final short[] CTYPE = new short[256];
    /**
     * For each pattern byte after '%': the class bits it names (0 for none, i.e. a literal),
     * with {@link #COMPLEMENT} set for the upper-case letters.
     */
    private static final int[] CLASS_OF = new int[256];
    private static final int COMPLEMENT = 1 << 16;
    /** Bytes that make {@code string.find} use the matcher (Lua: SPECIALS). */
    private static final boolean[] SPECIAL = new boolean[256];
    /** Pattern bytes that always stand for themselves as an item. */
    private static final boolean[] PLAIN = new boolean[256];
    /** The repetition suffixes. */
    private static final boolean[] SUFFIX = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            int bits = 0;
            boolean upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
            boolean digit = c >= '0' && c <= '9';
            if (upper || lower) bits |= ALPHA;
            if (c < 32 || c == 127) bits |= CNTRL;
            if (digit) bits |= DIGIT;
            if (c > 32 && c < 127) bits |= GRAPH;
            if (lower) bits |= LOWER;
            if (c > 32 && c < 127 && !upper && !lower && !digit) bits |= PUNCT;
            if (c == ' ' || (c >= '\t' && c <= '\r')) bits |= SPACE;
            if (upper) bits |= UPPER;
            if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) bits |= XDIGIT;
            if (c == 0) bits |= ZERO;
            CTYPE[c] = (short) bits;
        }
        // 'z' (the NUL byte) is deprecated in the manual but still accepted by 5.4's lstrlib.
        String letters = "acdglpsuwxz";
        int[] masks = {ALPHA, CNTRL, DIGIT, GRAPH, LOWER, PUNCT, SPACE, UPPER, ALPHA | DIGIT, XDIGIT, ZERO};
        for (int i = 0; i < letters.length(); i++) {
            char l = letters.charAt(i);
            CLASS_OF[l] = masks[i];
            CLASS_OF[Character.toUpperCase(l)] = masks[i] | COMPLEMENT;
        }
        for (char c : "^$*+?.([%-".toCharArray()) SPECIAL[c] = true;
        Arrays.fill(PLAIN, true);
        for (char c : "()%[.$".toCharArray()) PLAIN[c] = false;
        for (char c : "*+-?".toCharArray()) SUFFIX[c] = true;
    }

    private final byte[] src;
    private final int srcEnd;
    private final byte[] pat;
    private final int patEnd;
    /** Remaining nesting allowance of {@link #match} (Lua: matchdepth). */
    private int matchdepth;
    /** The runtime's stop, polled every {@link #POLL_STEPS} calls of {@link #match}, or null. */
    private dev.moonstack.vm.Interrupts stops;
    /** Calls of {@link #match} left before the next poll: backtracking can take forever. */
    private int pollIn = POLL_STEPS;
    private static final int POLL_STEPS = 1 << 12;
    /** Number of captures opened so far (finished or not). */
    private int level;
    private final int[] capInit = new int[MAXCAPTURES];
    private final int[] capLen = new int[MAXCAPTURES];

    /** A matcher for {@code pat[0 .. patLen)} against {@code src[0 .. srcLen)} (Lua: prepstate). */
    public MatchState(byte[] src, int srcLen, byte[] pat, int patLen) {
        this.src = src;
        this.srcEnd = srcLen;
        this.pat = pat;
        this.patEnd = patLen;
        this.matchdepth = MAXCCALLS;
    }

    /** Makes the matcher poll {@code it}, so that a host's stop ends a runaway match. */
    public MatchState stoppedBy(dev.moonstack.vm.Interrupts it) {
        stops = it;
        return this;
    }

    /** Prepares for a new match attempt (Lua: reprepstate). */
    public void reset() {
        level = 0;
        matchdepth = MAXCCALLS;
    }

    // ---------------------------------------------------------------- captures

    /** Number of captures of the last successful match. */
    public int level() { return level; }

    public boolean isPositionCapture(int i) { return capLen[i] == CAP_POSITION; }

    /** Start (0-based subject index) of capture {@code i}. */
    public int captureStart(int i) { return capInit[i]; }

    /** Length of capture {@code i}, or {@link #CAP_POSITION} / {@link #CAP_UNFINISHED}. */
    public int captureLength(int i) { return capLen[i]; }

    /**
     * How many values a match yields (Lua: push_captures' nlevels): its captures, or the whole
     * match when there are none and {@code wholeIfNone} (string.match, gmatch; not find).
     */
    public int captureCount(boolean wholeIfNone) {
        return level == 0 && wholeIfNone ? 1 : level;
    }

    /**
     * Checks capture {@code i} (0-based) of the match {@code [s, e)} and returns its length,
     * or {@link #CAP_POSITION} when its value is the integer {@code oneCaptureStart(i, s) + 1}.
     * With no captures, capture 0 is the whole match (Lua: get_onecapture).
     */
    public int oneCaptureLength(int i, int s, int e) {
        if (i >= level) {
            if (i != 0) throw LuaError.rt("invalid capture index %" + (i + 1));
            return e - s;
        }
        int l = capLen[i];
        if (l == CAP_UNFINISHED) throw LuaError.rt("unfinished capture");
        return l;
    }

    /** Start of capture {@code i} of the match beginning at {@code s} (see oneCaptureLength). */
    public int oneCaptureStart(int i, int s) {
        return i >= level ? s : capInit[i];
    }

    /** Appends capture {@code i} of the match {@code [s, e)}: its bytes or its position. */
    public void appendOneCapture(LuaBuffer b, int i, int s, int e) {
        int len = oneCaptureLength(i, s, e);
        if (len == CAP_POSITION) b.append(Long.toString(capInit[i] + 1L));
        else b.append(src, oneCaptureStart(i, s), len);
    }

    /**
     * Appends the replacement string {@code news[0 .. l)} for the match {@code [s, e)},
     * expanding {@code %0}-{@code %9} and {@code %%} (Lua: add_s).
     */
    public void addString(LuaBuffer b, byte[] news, int l, int s, int e) {
        int from = 0;
        for (int i = 0; i < l; i++) {
            if (news[i] != L_ESC) continue;
            b.append(news, from, i - from);
            int c = ++i < l ? news[i] & 0xFF : 0;
            if (c == L_ESC) b.append(c);
            else if (c == '0') b.append(src, s, e - s);
            else if (c >= '1' && c <= '9') appendOneCapture(b, c - '1', s, e);
            else throw LuaError.rt("invalid use of '%' in replacement string");
            from = i + 1;
        }
        b.append(news, from, l - from);
    }

    private int checkCapture(int c) {
        int l = c - '1';
        if (l < 0 || l >= level || capLen[l] == CAP_UNFINISHED) {
            throw LuaError.rt("invalid capture index %" + (l + 1));
        }
        return l;
    }

    private int captureToClose() {
        for (int l = level - 1; l >= 0; l--) {
            if (capLen[l] == CAP_UNFINISHED) return l;
        }
        throw LuaError.rt("invalid pattern capture");
    }

    // ---------------------------------------------------------------- single items

    /** Pattern byte at {@code i}, or 0 at (or past) the end, like C's terminating NUL. */
    private int patAt(int i) { return i < patEnd ? pat[i] & 0xFF : 0; }

    /** Index just past the single-character class starting at {@code p} (Lua: classEnd). */
    private int classEnd(int p) {
        int c = pat[p++];
        if (c == L_ESC) {
            if (p >= patEnd) throw LuaError.rt("malformed pattern (ends with '%')");
            return p + 1;
        }
        if (c == '[') {
            if (patAt(p) == '^') p++;
            do {  // the first byte is always taken, so "[]]" is a set holding ']'
                if (p >= patEnd) throw LuaError.rt("malformed pattern (missing ']')");
                if (pat[p++] == L_ESC && p < patEnd) p++;
            } while (patAt(p) != ']');
            return p + 1;
        }
        return p;
    }

    /** Whether byte {@code c} is in class {@code %cl} (Lua: match_class). */
    private static boolean matchClass(int c, int cl) {
        int m = CLASS_OF[cl];
        if (m == 0) return c == cl;
        return ((CTYPE[c] & m) != 0) != ((m & COMPLEMENT) != 0);
    }

    /** Whether byte {@code c} is in the set {@code [...]} at {@code p}; {@code ec} is its ']'. */
    private boolean matchBracketClass(int c, int p, int ec) {
        boolean sig = true;
        if (pat[p + 1] == '^') {
            sig = false;
            p++;
        }
        while (++p < ec) {
            int pc = pat[p] & 0xFF;
            if (pc == L_ESC) {
                p++;
                if (matchClass(c, pat[p] & 0xFF)) return sig;
            } else if (pat[p + 1] == '-' && p + 2 < ec) {
                p += 2;
                if (pc <= c && c <= (pat[p] & 0xFF)) return sig;
            } else if (pc == c) {
                return sig;
            }
        }
        return !sig;
    }

    /** Whether the subject byte at {@code s} matches the class {@code [p, ep)} (Lua: singlematch). */
    private boolean singleMatch(int s, int p, int ep) {
        if (s >= srcEnd) return false;
        int c = src[s] & 0xFF;
        switch (pat[p]) {
            case '.': return true;
            case L_ESC: return matchClass(c, pat[p + 1] & 0xFF);
            case '[': return matchBracketClass(c, p, ep - 1);
            default: return (pat[p] & 0xFF) == c;
        }
    }

    // ---------------------------------------------------------------- the matcher

    /**
     * Matches the pattern from {@code p} against the subject from {@code s}; returns the end of
     * the match or -1. Captures are recorded as a side effect (Lua: match). Callers start each
     * attempt with {@link #reset}: an error leaves the depth counter spent, as in C.
     */
    public int match(int s, int p) {
        if (matchdepth-- == 0) throw LuaError.rt("pattern too complex");
        if (--pollIn == 0) {
            pollIn = POLL_STEPS;
            if (stops != null) stops.poll(POLL_STEPS);
        }
        while (p != patEnd) {
            int c = pat[p] & 0xFF;
            if (PLAIN[c] && !SUFFIX[patAt(p + 1)]) {  // a lone literal byte, the commonest item
                if (s >= srcEnd || (src[s] & 0xFF) != c) {
                    s = -1;
                    break;
                }
                s++;
                p++;
                continue;
            }
            if (c == '(') {
                s = patAt(p + 1) == ')' ? startCapture(s, p + 2, CAP_POSITION)
                        : startCapture(s, p + 1, CAP_UNFINISHED);
                break;
            } else if (c == ')') {
                s = endCapture(s, p + 1);
                break;
            } else if (c == '$' && p + 1 == patEnd) {
                if (s != srcEnd) s = -1;
                break;
            }
            s = c == L_ESC ? matchEscape(s, p) : matchItem(s, p);
            if (nextP == STOP) break;
            p = nextP;  // lstrlib's "goto init": the rest is matched by this same frame
        }
        matchdepth++;
        return s;
    }

    /**
     * Where {@link #match} goes on after a step: the pattern index of the rest, for the subject
     * index the step returned; or {@link #STOP} when that return value is the final answer
     * (-1, or the end of a match of the whole rest that the step made recursively).
     */
    private int nextP;
    private static final int STOP = -1;

    /** The {@code %b}, {@code %f} and {@code %0-9} items, or else a class item. */
    private int matchEscape(int s, int p) {
        int c = patAt(p + 1);
        if (c == 'b') {
            s = matchBalance(s, p + 2);
            nextP = s < 0 ? STOP : p + 4;
            return s;
        }
        if (c == 'f') {
            p += 2;
            if (patAt(p) != '[') throw LuaError.rt("missing '[' after '%f' in pattern");
            int ep = classEnd(p);
            int previous = s == 0 ? 0 : src[s - 1] & 0xFF;
            int current = s < srcEnd ? src[s] & 0xFF : 0;
            boolean ok = !matchBracketClass(previous, p, ep - 1)
                    && matchBracketClass(current, p, ep - 1);
            nextP = ok ? ep : STOP;
            return ok ? s : -1;
        }
        if (c >= '0' && c <= '9') {
            s = matchCapture(s, c);
            nextP = s < 0 ? STOP : p + 2;
            return s;
        }
        return matchItem(s, p);
    }

    /**
     * A single-character class with its optional suffix {@code * + - ?} at {@code p}. A plain
     * item, or an empty repetition, goes on at {@link #nextP}; a repetition recurses.
     */
    private int matchItem(int s, int p) {
        int ep = classEnd(p);
        int suffix = patAt(ep);
        if (!singleMatch(s, p, ep)) {
            boolean empty = suffix == '*' || suffix == '?' || suffix == '-';
            nextP = empty ? ep + 1 : STOP;
            return empty ? s : -1;
        }
        int res;
        switch (suffix) {
            case '?':
                res = match(s + 1, ep + 1);
                if (res < 0) {
                    nextP = ep + 1;
                    return s;
                }
                break;
            case '+': res = maxExpand(s + 1, p, ep); break;
            case '*': res = maxExpand(s, p, ep); break;
            case '-': res = minExpand(s, p, ep); break;
            default:
                nextP = ep;
                return s + 1;
        }
        nextP = STOP;
        return res;
    }

    /** Greedy repetition of {@code [p, ep)} from {@code s} (Lua: max_expand). */
    private int maxExpand(int s, int p, int ep) {
        int i = 0;
        if (pat[p] == '.') i = Math.max(srcEnd - s, 0);
        else while (singleMatch(s + i, p, ep)) i++;
        for (; i >= 0; i--) {
            int res = match(s + i, ep + 1);
            if (res >= 0) return res;
        }
        return -1;
    }

    /** Lazy repetition of {@code [p, ep)} from {@code s} (Lua: min_expand). */
    private int minExpand(int s, int p, int ep) {
        for (;;) {
            int res = match(s, ep + 1);
            if (res >= 0) return res;
            if (!singleMatch(s, p, ep)) return -1;
            s++;
        }
    }

    private int startCapture(int s, int p, int what) {
        int l = level;
        if (l >= MAXCAPTURES) throw LuaError.rt("too many captures");
        capInit[l] = s;
        capLen[l] = what;
        level = l + 1;
        int res = match(s, p);
        if (res < 0) level--;
        return res;
    }

    private int endCapture(int s, int p) {
        int l = captureToClose();
        capLen[l] = s - capInit[l];
        int res = match(s, p);
        if (res < 0) capLen[l] = CAP_UNFINISHED;
        return res;
    }

    /** The item {@code %bxy} at {@code s}; returns the end of the balanced run or -1. */
    private int matchBalance(int s, int p) {
        if (p >= patEnd - 1) throw LuaError.rt("malformed pattern (missing arguments to '%b')");
        if (s >= srcEnd || src[s] != pat[p]) return -1;
        byte b = pat[p], e = pat[p + 1];
        int cont = 1;
        while (++s < srcEnd) {
            byte c = src[s];
            if (c == e) {
                if (--cont == 0) return s + 1;
            } else if (c == b) {
                cont++;
            }
        }
        return -1;
    }

    /** The back-reference {@code %n} at {@code s} (Lua: match_capture). */
    private int matchCapture(int s, int c) {
        int l = checkCapture(c);
        int len = capLen[l];
        // A position capture has a negative length and never matches, as in C's size_t cast.
        if (len < 0 || srcEnd - s < len) return -1;
        int from = capInit[l];
        return Arrays.equals(src, from, from + len, src, s, s + len) ? s + len : -1;
    }

    // ---------------------------------------------------------------- plain search

    /** Whether {@code p[0 .. len)} holds a magic character (Lua: !nospecials). */
    public static boolean hasSpecials(byte[] p, int len) {
        for (int i = 0; i < len; i++) {
            if (SPECIAL[p[i] & 0xFF]) return true;
        }
        return false;
    }

    /**
     * The first index {@code >= from} where {@code p[0 .. pLen)} occurs in {@code s[0 .. sLen)},
     * or -1 (Lua: lmemfind). The empty string occurs at {@code from}; {@code from <= sLen}.
     */
    public static int memFind(byte[] s, int from, int sLen, byte[] p, int pLen) {
        if (pLen == 0) return from;
        byte first = p[0];
        int last = sLen - pLen;
        for (int i = from; i <= last; i++) {
            if (s[i] != first) continue;
            if (Arrays.equals(s, i + 1, i + pLen, p, 1, pLen)) return i;
        }
        return -1;
    }
}
