package dev.moonstack.lib.string;

import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaString;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only reference driver of string.find/match/gmatch/gsub over {@link MatchState},
 * following lstrlib's str_find_aux, gmatch_aux and str_gsub (string replacements only).
 * Lua values come back as Java objects: null for nil, Long for integers, LuaString for strings.
 */
final class PatternDriver {
    private PatternDriver() {}

    /** Lua: posrelatI, a 1-based start position clipped to [1, len + 1]. */
    static long posrelatI(long pos, int len) {
        if (pos > 0) return pos;
        if (pos == 0 || pos < -(long) len) return 1;
        return len + pos + 1;
    }

    static List<Object> find(LuaString s, LuaString p, long init, boolean plain) {
        return findAux(s, p, init, plain, true);
    }

    static List<Object> match(LuaString s, LuaString p, long init) {
        return findAux(s, p, init, false, false);
    }

    /** Lua: str_find_aux. */
    private static List<Object> findAux(LuaString s, LuaString p, long init, boolean plain, boolean find) {
        byte[] sb = s.bytes(), pb = p.bytes();
        int ls = sb.length, lp = pb.length;
        long start = posrelatI(init, ls) - 1;
        List<Object> out = new ArrayList<>();
        if (start > ls) {
            out.add(null);
            return out;
        }
        if (find && (plain || !MatchState.hasSpecials(pb, lp))) {
            int at = MatchState.memFind(sb, (int) start, ls, pb, lp);
            if (at >= 0) {
                out.add((long) at + 1);
                out.add((long) at + lp);
                return out;
            }
        } else {
            boolean anchor = lp > 0 && pb[0] == '^';
            int p0 = anchor ? 1 : 0;
            MatchState ms = new MatchState(sb, ls, pb, lp);
            int s1 = (int) start;
            do {
                ms.reset();
                int e = ms.match(s1, p0);
                if (e >= 0) {
                    if (find) {
                        out.add((long) s1 + 1);
                        out.add((long) e);
                        addCaptures(out, ms, sb, s1, e, false);
                    } else {
                        addCaptures(out, ms, sb, s1, e, true);
                    }
                    return out;
                }
            } while (s1++ < ls && !anchor);
        }
        out.add(null);
        return out;
    }

    /** Lua: push_captures. */
    private static void addCaptures(List<Object> out, MatchState ms, byte[] src, int s, int e, boolean whole) {
        int n = ms.captureCount(whole);
        for (int i = 0; i < n; i++) {
            int len = ms.oneCaptureLength(i, s, e);
            int start = ms.oneCaptureStart(i, s);
            if (len == MatchState.CAP_POSITION) out.add((long) start + 1);
            else out.add(LuaString.copyOf(src, start, len));
        }
    }

    /** All results of a gmatch loop; each element holds one iteration's values (Lua: gmatch_aux). */
    static List<List<Object>> gmatch(LuaString s, LuaString p, long init) {
        byte[] sb = s.bytes(), pb = p.bytes();
        int ls = sb.length;
        long start = posrelatI(init, ls) - 1;
        if (start > ls) start = ls + 1;
        MatchState ms = new MatchState(sb, ls, pb, pb.length);
        List<List<Object>> all = new ArrayList<>();
        int src = (int) start, lastmatch = -1;
        for (;;) {
            boolean found = false;
            for (; src <= ls; src++) {
                ms.reset();
                int e = ms.match(src, 0);
                if (e >= 0 && e != lastmatch) {
                    List<Object> vals = new ArrayList<>();
                    addCaptures(vals, ms, sb, src, e, true);
                    all.add(vals);
                    src = lastmatch = e;
                    found = true;
                    break;
                }
            }
            if (!found) return all;
        }
    }

    /** string.gsub with a string replacement; returns {result, count} (Lua: str_gsub). */
    static List<Object> gsub(LuaString s, LuaString p, LuaString repl, long maxN) {
        byte[] sb = s.bytes(), pb = p.bytes(), rb = repl.bytes();
        int ls = sb.length, lp = pb.length;
        boolean anchor = lp > 0 && pb[0] == '^';
        int p0 = anchor ? 1 : 0;
        MatchState ms = new MatchState(sb, ls, pb, lp);
        LuaBuffer b = new LuaBuffer();
        int src = 0, lastmatch = -1;
        long n = 0;
        while (n < maxN) {
            ms.reset();
            int e = ms.match(src, p0);
            if (e >= 0 && e != lastmatch) {
                n++;
                ms.addString(b, rb, rb.length, src, e);
                src = lastmatch = e;
            } else if (src < ls) {
                b.append(sb[src++]);
            } else {
                break;
            }
            if (anchor) break;
        }
        b.append(sb, src, ls - src);
        List<Object> out = new ArrayList<>();
        out.add(b.toLuaString());
        out.add(n);
        return out;
    }

    /** Serializes values as the Lua harness does: n, i<int>, s<hex bytes>, space-separated. */
    static String ser(List<Object> vals) {
        StringBuilder sb = new StringBuilder();
        for (Object v : vals) {
            if (sb.length() > 0) sb.append(' ');
            if (v == null) {
                sb.append('n');
            } else if (v instanceof Long) {
                sb.append('i').append(v);
            } else {
                sb.append('s');
                LuaString str = (LuaString) v;
                for (int i = 0; i < str.length(); i++) sb.append(String.format("%02x", str.charAt(i)));
            }
        }
        return sb.toString();
    }

    static String serAll(List<List<Object>> iterations) {
        StringBuilder sb = new StringBuilder("[");
        for (List<Object> it : iterations) sb.append(ser(it)).append(';');
        return sb.append(']').toString();
    }
}
