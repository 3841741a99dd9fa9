package dev.moonstack.lib;

import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.value.NumTag;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.LuaThread;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** {@code os.date} (Lua: os_date) with C99's strftime conversions in the C locale. */
final class OsDate {
    private OsDate() {}

    /** Lua: LUA_STRFTIMEOPTIONS for C99: plain conversions, then E- and O-modified ones. */
    private static final String PLAIN = "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%";
    private static final String WITH_E = "cCxXyY";
    private static final String WITH_O = "deHImMSuUVwWy";

    static int date(LuaThread L, int base, int nargs) {
        LuaString fmt = Args.optString(L, base, nargs, 1, LuaString.of("%c"));
        long t = Args.isNoneOrNil(L, base, nargs, 2) ? System.currentTimeMillis() / 1000
                : Args.checkInteger(L, base, nargs, 2);
        byte[] s = fmt.bytes();
        int i = 0;
        ZoneId zone = ZoneId.systemDefault();
        if (s.length > 0 && s[0] == '!') {
            zone = ZoneOffset.UTC;
            i = 1;
        }
        ZonedDateTime z;
        try {
            z = Instant.ofEpochSecond(t).atZone(zone);
        } catch (java.time.DateTimeException e) {
            throw LuaError.rt("date result cannot be represented in this installation");
        }
        if (s.length - i == 2 && s[i] == '*' && s[i + 1] == 't') {
            LuaTable tab = new LuaTable(0, 9);
            L.push(tab, 0);
            setAllFields(L, tab, z);
            return 1;
        }
        LuaBuffer out = new LuaBuffer();
        while (i < s.length) {
            if (s[i] != '%') {
                out.append(s[i++]);
                continue;
            }
            i++;
            int mod = 0;
            if (i < s.length && (s[i] == 'E' || s[i] == 'O')) mod = s[i++];
            int c = i < s.length ? s[i] & 0xFF : 0;
            String allowed = mod == 'E' ? WITH_E : mod == 'O' ? WITH_O : PLAIN;
            if (c == 0 || allowed.indexOf(c) < 0) {
                String conv = (mod != 0 ? String.valueOf((char) mod) : "") + (c == 0 ? "" : String.valueOf((char) c));
                throw Args.argError(L, 1, "invalid conversion specifier '%" + conv + "'");
            }
            i++;
            out.append(conversion(c, z));
        }
        L.pushString(out.toLuaString());
        return 1;
    }

    private static String two(int v) { return v < 10 ? "0" + v : Integer.toString(v); }

    private static String conversion(int c, ZonedDateTime z) {
        switch (c) {
            case 'a': return z.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US);
            case 'A': return z.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
            case 'b': case 'h': return z.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
            case 'B': return z.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
            case 'c': return conversion('a', z) + " " + conversion('b', z) + " " + conversion('e', z) + " "
                    + conversion('T', z) + " " + z.getYear();
            case 'C': return two(Math.floorDiv(z.getYear(), 100));
            case 'd': return two(z.getDayOfMonth());
            case 'D': case 'x': return conversion('m', z) + "/" + conversion('d', z) + "/" + conversion('y', z);
            case 'e': return (z.getDayOfMonth() < 10 ? " " : "") + z.getDayOfMonth();
            case 'F': return z.getYear() + "-" + conversion('m', z) + "-" + conversion('d', z);
            case 'g': return two(Math.floorMod(z.get(IsoFields.WEEK_BASED_YEAR), 100));
            case 'G': return Integer.toString(z.get(IsoFields.WEEK_BASED_YEAR));
            case 'H': return two(z.getHour());
            case 'I': return two(z.getHour() % 12 == 0 ? 12 : z.getHour() % 12);
            case 'j': return String.format("%03d", z.getDayOfYear());
            case 'm': return two(z.getMonthValue());
            case 'M': return two(z.getMinute());
            case 'n': return "\n";
            case 'p': return z.getHour() < 12 ? "AM" : "PM";
            case 'r': return conversion('I', z) + ":" + conversion('M', z) + ":" + conversion('S', z) + " " + conversion('p', z);
            case 'R': return conversion('H', z) + ":" + conversion('M', z);
            case 'S': return two(z.getSecond());
            case 't': return "\t";
            case 'T': case 'X': return conversion('H', z) + ":" + conversion('M', z) + ":" + conversion('S', z);
            case 'u': return Integer.toString(z.getDayOfWeek().getValue());
            case 'U': return two((z.getDayOfYear() + 6 - z.getDayOfWeek().getValue() % 7) / 7);
            case 'V': return two(z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'w': return Integer.toString(z.getDayOfWeek().getValue() % 7);
            case 'W': return two((z.getDayOfYear() + 6 - (z.getDayOfWeek().getValue() + 6) % 7) / 7);
            case 'y': return two(Math.floorMod(z.getYear(), 100));
            case 'Y': return Integer.toString(z.getYear());
            case 'z': {
                int off = z.getOffset().getTotalSeconds() / 60;
                return (off < 0 ? "-" : "+") + two(Math.abs(off) / 60) + two(Math.abs(off) % 60);
            }
            case 'Z': return z.getZone().getDisplayName(TextStyle.SHORT, Locale.US).equals("Z") ? "UTC"
                    : java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.US).format(z);
            default: return "%";
        }
    }

    /** Lua: setallfields. Fills a date table from a date. */
    static void setAllFields(LuaThread L, LuaTable t, ZonedDateTime z) {
        set(t, "year", z.getYear());
        set(t, "month", z.getMonthValue());
        set(t, "day", z.getDayOfMonth());
        set(t, "hour", z.getHour());
        set(t, "min", z.getMinute());
        set(t, "sec", z.getSecond());
        set(t, "yday", z.getDayOfYear());
        set(t, "wday", z.getDayOfWeek().getValue() % 7 + 1);
        boolean dst = z.getZone().getRules().isDaylightSavings(z.toInstant());
        t.setStr(LuaString.of("isdst"), dst ? Boolean.TRUE : Boolean.FALSE, 0);
    }

    private static void set(LuaTable t, String k, long v) { t.setStr(LuaString.of(k), NumTag.INT, v); }
}
