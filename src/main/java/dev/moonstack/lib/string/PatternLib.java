package dev.moonstack.lib.string;

import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.LuaType;
import dev.moonstack.value.NumTag;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.Coerce;
import dev.moonstack.vm.Interrupts;
import dev.moonstack.vm.LuaOps;
import dev.moonstack.vm.LuaThread;

/**
 * The pattern-matching functions of the string library (Lua: lstrlib.c str_find_aux, gmatch,
 * str_gsub): argument handling, anchors and captures on top of {@link MatchState}.
 */
public final class PatternLib {
    private PatternLib() {}

    public static void open(LuaTable string) {
        string.setStr(LuaString.of("find"), Builtin.of("string.find", (L, b, n) -> findAux(L, b, n, true)), 0);
        string.setStr(LuaString.of("match"), Builtin.of("string.match", (L, b, n) -> findAux(L, b, n, false)), 0);
        string.setStr(LuaString.of("gmatch"), Builtin.of("string.gmatch", PatternLib::gmatch), 0);
        string.setStr(LuaString.of("gsub"), Builtin.of("string.gsub", PatternLib::gsub), 0);
    }

    /** Lua: posrelatI. */
    private static long startPos(long pos, long len) {
        if (pos > 0) return pos;
        if (pos == 0 || pos < -len) return 1;
        return len + pos + 1;
    }

    /** Pushes the captures of the match [s, e) (Lua: push_captures); returns how many. */
    private static int pushCaptures(LuaThread L, MatchState ms, byte[] src, int s, int e, boolean wholeIfNone) {
        int n = ms.captureCount(wholeIfNone);
        L.stack.ensure(L.top() + n);
        for (int i = 0; i < n; i++) pushCapture(L, ms, src, i, s, e);
        return n;
    }

    /** Lua: push_onecapture. */
    private static void pushCapture(LuaThread L, MatchState ms, byte[] src, int i, int s, int e) {
        int len = ms.oneCaptureLength(i, s, e);
        int start = ms.oneCaptureStart(i, s);
        if (len == MatchState.CAP_POSITION) L.pushInteger(start + 1L);
        else L.pushString(LuaString.copyOf(src, start, len));
    }

    /** Lua: str_find_aux. string.find and string.match. */
    static int findAux(LuaThread L, int base, int nargs, boolean find) {
        LuaString s = Args.checkString(L, base, nargs, 1);
        LuaString p = Args.checkString(L, base, nargs, 2);
        long ls = s.length();
        long init = startPos(Args.optInteger(L, base, nargs, 3, 1), ls) - 1;
        if (init > ls) {
            L.pushNil();
            return 1;
        }
        byte[] sb = s.bytes(), pb = p.bytes();
        if (find && ((nargs >= 4 && LuaOps.isTruthy(L.ref(base + 3))) || !MatchState.hasSpecials(pb, pb.length))) {
            int at = plainFind(L, sb, (int) init, pb);
            if (at >= 0) {
                L.pushInteger(at + 1L);
                L.pushInteger(at + (long) pb.length);
                return 2;
            }
        } else {
            boolean anchor = pb.length > 0 && pb[0] == '^';
            MatchState ms = new MatchState(sb, sb.length, pb, pb.length).stoppedBy(L.interrupts());
            int s1 = (int) init;
            do {
                ms.reset();
                int e = ms.match(s1, anchor ? 1 : 0);
                if (e >= 0) {
                    if (!find) return pushCaptures(L, ms, sb, s1, e, true);
                    L.pushInteger(s1 + 1L);
                    L.pushInteger(e);
                    return pushCaptures(L, ms, sb, s1, e, false) + 2;
                }
            } while (s1++ < sb.length && !anchor);
        }
        L.pushNil();
        return 1;
    }

    /**
     * Lua: lmemfind, over windows of {@link Interrupts#POLL_BYTES} start positions with a
     * poll of the host's stop between them (a plain search of megabytes takes a while).
     */
    private static int plainFind(LuaThread L, byte[] s, int from, byte[] p) {
        for (int start = from; ; start += Interrupts.POLL_BYTES) {
            int end = (int) Math.min(s.length, (long) start + Interrupts.POLL_BYTES + p.length - 1);
            int at = MatchState.memFind(s, start, end, p, p.length);
            if (at >= 0 || end >= s.length) return at;
            L.interrupts().poll(Interrupts.POLL_BYTES);
        }
    }

    /** Lua: gmatch. An iterator over successive matches, from an optional init position. */
    static int gmatch(LuaThread L, int base, int nargs) {
        LuaString s = Args.checkString(L, base, nargs, 1);
        LuaString p = Args.checkString(L, base, nargs, 2);
        long ls = s.length();
        long init = startPos(Args.optInteger(L, base, nargs, 3, 1), ls) - 1;
        if (init > ls) init = ls + 1;
        byte[] sb = s.bytes(), pb = p.bytes();
        MatchState ms = new MatchState(sb, sb.length, pb, pb.length).stoppedBy(L.interrupts());
        int[] state = {(int) init, -1};                     // next start, end of last match
        L.push(new GmatchIterator(s, p, ms, state), 0);
        return 1;
    }

    /** Lua: gmatch_aux, a C closure over the subject, the pattern and the match state. */
    private static final class GmatchIterator extends Builtin {
        private final LuaString s, p;
        private final MatchState ms;
        private final int[] state;

        GmatchIterator(LuaString s, LuaString p, MatchState ms, int[] state) {
            super("gmatch_iterator", true);      // collectable, as Lua's C closure
            this.s = s;
            this.p = p;
            this.ms = ms;
            this.state = state;
        }

        @Override public int call(LuaThread L, int base, int nargs) { return gmatchStep(L, ms, s.bytes(), state); }

        @Override public int upvalueCount() { return 2; }

        @Override public Object upvalue(int i) { return i == 0 ? s : p; }
    }

    private static int gmatchStep(LuaThread L, MatchState ms, byte[] sb, int[] state) {
        for (int src = state[0]; src <= sb.length; src++) {
            ms.reset();
            int e = ms.match(src, 0);
            if (e >= 0 && e != state[1]) {
                state[0] = state[1] = e;
                return pushCaptures(L, ms, sb, src, e, true);
            }
        }
        state[0] = sb.length + 1;
        return 0;
    }

    /** Lua: str_gsub. gsub(s, pattern, repl [, n]). */
    static int gsub(LuaThread L, int base, int nargs) {
        LuaString s = Args.checkString(L, base, nargs, 1);
        LuaString p = Args.checkString(L, base, nargs, 2);
        byte[] src = s.bytes(), pb = p.bytes();
        Object repl = nargs >= 3 ? L.ref(base + 2) : null;
        int tr = LuaType.of(repl);
        long maxS = Args.optInteger(L, base, nargs, 4, src.length + 1L);
        if (!(repl instanceof NumTag || repl instanceof LuaString || repl instanceof LuaFunction
                || repl instanceof LuaTable)) {
            throw Args.typeError(L, 3, "string/function/table", nargs >= 3 ? repl : null);
        }
        LuaString replStr = repl instanceof NumTag || repl instanceof LuaString ? Args.checkString(L, base, nargs, 3) : null;
        boolean anchor = pb.length > 0 && pb[0] == '^';
        MatchState ms = new MatchState(src, src.length, pb, pb.length).stoppedBy(L.interrupts());
        LuaBuffer b = new LuaBuffer(src.length + 16);
        int pos = 0, lastMatch = -1;
        long n = 0;
        boolean changed = false;
        while (n < maxS) {
            ms.reset();
            int e = ms.match(pos, anchor ? 1 : 0);
            if (e >= 0 && e != lastMatch) {
                n++;
                changed |= addValue(L, base, ms, b, src, pos, e, tr, replStr);
                pos = lastMatch = e;
            } else if (pos < src.length) {
                b.append(src[pos++]);
            } else {
                break;
            }
            if (anchor) break;
        }
        if (!changed) {
            L.pushValue(base);
        } else {
            b.append(src, pos, src.length - pos);
            L.pushString(b.toLuaString());
        }
        L.pushInteger(n);
        return 2;
    }

    /** Lua: add_value. Appends the replacement for match [s, e); true if it changed anything. */
    private static boolean addValue(LuaThread L, int base, MatchState ms, LuaBuffer b, byte[] src, int s, int e,
                                    int tr, LuaString replStr) {
        int top = L.top();
        if (replStr != null) {
            ms.addString(b, replStr.bytes(), replStr.length(), s, e);
            return true;
        }
        if (tr == LuaType.FUNCTION) {
            L.pushValue(base + 2);
            pushCaptures(L, ms, src, s, e, true);
            L.call(top, 1);
        } else {
            int d = L.top();
            pushCapture(L, ms, src, 0, s, e);
            LuaOps.index(L, base + 2, L.ref(d), L.num(d), d);
        }
        Object v = L.ref(top);
        long vn = L.num(top);
        L.setTop(top);
        if (!LuaOps.isTruthy(v)) {
            b.append(src, s, e - s);
            return false;
        }
        LuaString str = Coerce.toStringCoerced(v, vn);
        if (str == null) throw LuaError.rt("invalid replacement value (a " + LuaType.nameOf(v) + ")");
        b.append(str);
        return true;
    }
}
