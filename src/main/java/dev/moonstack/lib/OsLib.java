package dev.moonstack.lib;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.vm.Args;
import dev.moonstack.vm.GlobalState;
import dev.moonstack.vm.LuaOps;
import dev.moonstack.vm.LuaThread;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The os library (Lua: loslib.c). Dates use the system time zone and the C locale;
 * {@code os.exit} goes through {@link GlobalState#exitHandler} so that hosts decide what
 * leaving means.
 */
public final class OsLib {
    private OsLib() {}

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void open(GlobalState G) {
        LuaTable os = new LuaTable();
        Lib.fn(os, "os", "clock", OsLib::clock);
        Lib.fn(os, "os", "time", OsLib::time);
        Lib.fn(os, "os", "date", OsDate::date);
        Lib.fn(os, "os", "difftime", (L, b, n) -> {
            L.pushNumber(Args.checkInteger(L, b, n, 1) - (double) Args.optInteger(L, b, n, 2, 0));
            return 1;
        });
        Lib.fn(os, "os", "getenv", OsLib::getenv);
        Lib.fn(os, "os", "exit", OsLib::exit);
        Lib.fn(os, "os", "remove", OsLib::remove);
        Lib.fn(os, "os", "rename", OsLib::rename);
        Lib.fn(os, "os", "tmpname", OsLib::tmpname);
        Lib.fn(os, "os", "setlocale", OsLib::setlocale);
        Lib.fn(os, "os", "execute", OsLib::execute);
        Lib.register(G, "os", os);
    }

    /** CPU time of the running thread, in seconds (Lua: os_clock, C's clock()). */
    static int clock(LuaThread L, int base, int nargs) {
        long ns = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
        L.pushNumber(ns / 1e9);
        return 1;
    }

    /** Lua: os_time. The current time, or the time of a date table (normalised, like mktime). */
    static int time(LuaThread L, int base, int nargs) {
        if (Args.isNoneOrNil(L, base, nargs, 1)) {
            L.pushInteger(System.currentTimeMillis() / 1000);
            return 1;
        }
        LuaTable t = Args.checkTable(L, base, nargs, 1);
        L.setTop(base + 1);
        long year = field(L, t, "year", -1, 1900), month = field(L, t, "month", -1, 1);   // as struct tm: month 0-based
        long day = field(L, t, "day", -1, 0), hour = field(L, t, "hour", 12, 0);
        long min = field(L, t, "min", 0, 0), sec = field(L, t, "sec", 0, 0);
        ZonedDateTime z;
        try {
            z = ZonedDateTime.of((int) (year + 1900), 1, 1, 0, 0, 0, 0, ZoneId.systemDefault())
                    .plusMonths(month).plusDays(day - 1).plusHours(hour).plusMinutes(min).plusSeconds(sec);
        } catch (java.time.DateTimeException e) {
            throw LuaError.rt("time result cannot be represented in this installation");
        }
        OsDate.setAllFields(L, t, z);
        L.pushInteger(z.toEpochSecond());
        return 1;
    }

    /** Lua: getfield. A date field as an integer, minus {@code delta}; {@code d} < 0: required. */
    private static long field(LuaThread L, LuaTable t, String key, long d, long delta) {
        int slot = L.top();
        L.pushNil();
        t.get(LuaString.of(key), 0, L.stack.refs, L.stack.nums, slot);
        Object v = L.ref(slot);
        long n = L.num(slot);
        L.setTop(slot);
        if (v == null) {
            if (d < 0) throw LuaError.rt("field '" + key + "' missing in date table");
            return d;
        }
        long[] out = new long[1];
        if (!dev.moonstack.vm.Coerce.toInteger(v, n, out)) throw LuaError.rt("field '" + key + "' is not an integer");
        n = out[0];
        if (!(n >= Integer.MIN_VALUE + delta && n - delta <= Integer.MAX_VALUE)) {
            throw LuaError.rt("field '" + key + "' is out-of-bound");
        }
        return n - delta;
    }

    static int getenv(LuaThread L, int base, int nargs) {
        String v = System.getenv(Args.checkString(L, base, nargs, 1).toString());
        if (v == null) L.pushNil(); else L.pushString(v);
        return 1;
    }

    /**
     * Lua: os_exit. With a true second argument closes the runtime first (pending to-be-closed
     * variables of the main coroutine, then every finalizer). Then, as C's exit, flushes every
     * open file and standard output, and hands the status to the exit handler.
     */
    static int exit(LuaThread L, int base, int nargs) {
        if (L.G.exitHandler == null) throw LuaError.rt("os.exit is disabled by the host");
        int status;
        Object v = nargs >= 1 ? L.ref(base) : null;
        if (v instanceof Boolean) status = v == Boolean.TRUE ? 0 : 1;
        else status = (int) Args.optInteger(L, base, nargs, 1, 0);
        if (nargs >= 2 && LuaOps.isTruthy(L.ref(base + 1))) L.G.gc.closeState(L);
        IoLib.flushAll(L.G);
        L.G.stdout.flush();
        L.G.stderr.flush();
        L.G.exitHandler.accept(status);
        return 0;
    }

    /** Lua: os_remove. C's remove(): a file or an empty directory; "name: reason" on failure. */
    static int remove(LuaThread L, int base, int nargs) {
        String name = SystemCalls.cName(Args.checkString(L, base, nargs, 1).toString());
        try {
            Files.delete(SystemCalls.path(name));
            return SystemCalls.fileResult(L, null, name);
        } catch (IOException e) {
            return SystemCalls.fileResult(L, e, name);
        }
    }

    /**
     * Lua: os_rename. C's rename(), which is rename(2): an atomic move (never a copy, nor the
     * replacement of a file by a directory that Files.move would make); the message names no file.
     */
    static int rename(LuaThread L, int base, int nargs) {
        String from = SystemCalls.cName(Args.checkString(L, base, nargs, 1).toString());
        String to = SystemCalls.cName(Args.checkString(L, base, nargs, 2).toString());
        try {
            Files.move(SystemCalls.path(from), SystemCalls.path(to), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return SystemCalls.fileResult(L, null, null);
        } catch (IOException e) {
            return SystemCalls.fileResult(L, e, null);
        }
    }

    /** Lua: os_tmpname. A new empty file named from Lua's template, created at once as mkstemp does. */
    static int tmpname(LuaThread L, int base, int nargs) {
        java.nio.file.Path dir = java.nio.file.Path.of(new File("/tmp").isDirectory() ? "/tmp" : System.getProperty("java.io.tmpdir"));
        for (int tries = 0; tries < 100; tries++) {
            java.nio.file.Path f = dir.resolve("lua_" + tmpSuffix());
            try {
                java.nio.file.Files.createFile(f);      // created at once, as mkstemp does: no race
                L.pushString(f.toString());
                return 1;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // another name
            } catch (IOException | UnsupportedOperationException e) {
                break;
            }
        }
        throw LuaError.rt("unable to generate a unique filename");
    }

    private static final String TMP_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** The six letters that replace mkstemp's XXXXXX (Lua: LUA_TMPNAMTEMPLATE "/tmp/lua_XXXXXX"). */
    private static String tmpSuffix() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        char[] c = new char[6];
        for (int i = 0; i < c.length; i++) c[i] = TMP_CHARS.charAt(r.nextInt(TMP_CHARS.length()));
        return new String(c);
    }

    /** Only the C locale exists here: queries and "C"/"" succeed, other locales fail. */
    static int setlocale(LuaThread L, int base, int nargs) {
        LuaString loc = Args.optString(L, base, nargs, 1, null);
        Args.checkOption(L, base, nargs, 2, "all",
                new String[] {"all", "collate", "ctype", "monetary", "numeric", "time"});
        if (loc == null || loc.length() == 0 || loc.toString().equals("C") || loc.toString().equals("POSIX")) {
            L.pushString("C");
        } else {
            L.pushNil();
        }
        return 1;
    }

    /**
     * Lua: os_execute. Runs {@code /bin/sh -c command} with the JVM's standard streams, as C's
     * system does: nothing buffered is flushed first (lua5.4 does not either); without a
     * command, tells whether a shell exists.
     */
    static int execute(LuaThread L, int base, int nargs) {
        LuaString cmd = Args.optString(L, base, nargs, 1, null);
        if (cmd == null) {
            L.pushBoolean(new File("/bin/sh").canExecute());
            return 1;
        }
        Process p;
        try {
            p = Shell.start(cmd.toString(), Redirect.INHERIT, Redirect.INHERIT);
        } catch (IOException e) {
            return SystemCalls.fileResult(L, e, null);
        }
        return Shell.pushStatus(L, Shell.waitFor(L, p));
    }
}
