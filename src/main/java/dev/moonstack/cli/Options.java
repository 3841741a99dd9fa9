package dev.moonstack.cli;

import java.util.Arrays;
import java.util.List;

/**
 * The command line of the interpreter, read as lua.c's collectargs reads it, plus the
 * Moonstack options, which are long ({@code --name}) and so never valid for lua.
 */
final class Options {
    /** Index in argv of the script ("-" for stdin), or -1 when there is none. */
    int scriptIndex = -1;
    boolean interactive, version, ignoreEnv, warnings, hasExec;
    /** Lua 5.3 compatibility (LUA_COMPAT_5_3); {@code --no-compat} turns it off. */
    boolean compat = true;
    /** Files to list instead of running (--list). */
    List<String> list;
    /** The arguments of --memprof-report ([--leak-only] [--human-readable] FILE), or null. */
    List<String> memprofReport;
    /** --profile[=interval]: the interval as given ("" for the default), or null when not sampling. */
    String profile;
    /** --profile-out FILE, --memprof FILE and --memprof-stacks FILE, or null. */
    String profileOut, memprof, memprofStacks;
    /** The compiled tier, as LuaJIT's -j and -O: -jon, -joff, -jv (log), -jdump, -Ohotcall=n, -Ohotloop=n; null: not given. */
    Boolean jitOn;
    boolean jitVerbose, jitDump;
    int jitHotcall = -1, jitHotloop = -1;

    /** Throws IllegalArgumentException with the offending option (Lua: collectargs). */
    static Options parse(String[] argv) {
        Options o = new Options();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("-") || a.equals("-")) {      // the script, or stdin
                o.scriptIndex = i;
                return o;
            }
            if (a.equals("--")) {
                o.scriptIndex = i + 1 < argv.length ? i + 1 : -1;
                return o;
            }
            if (a.startsWith("--")) {
                i = longOption(o, argv, i);
                if (i < 0) return o;
                continue;
            }
            i = option(o, argv, i);
        }
        return o;
    }

    /**
     * A Moonstack option at argv[i]; returns the index of its last word, or -1 when it takes
     * the rest of the command line.
     */
    private static int longOption(Options o, String[] argv, int i) {
        String a = argv[i];
        if (a.equals("--profile") || a.startsWith("--profile=")) {
            o.profile = a.length() > 9 ? a.substring(10) : "";
            return i;
        }
        switch (a) {
            case "--no-compat":
                o.compat = false;
                return i;
            case "--profile-out":
                o.profileOut = argument(argv, i);
                return i + 1;
            case "--memprof":
                o.memprof = argument(argv, i);
                return i + 1;
            case "--memprof-stacks":
                o.memprofStacks = argument(argv, i);
                return i + 1;
            case "--list":
            case "--memprof-report":
                if (i + 1 >= argv.length) throw new IllegalArgumentException(a);
                List<String> rest = Arrays.asList(argv).subList(i + 1, argv.length);
                if (a.equals("--list")) o.list = rest;
                else o.memprofReport = rest;
                return -1;
            default:
                throw new IllegalArgumentException(a);
        }
    }

    /** The word after option argv[i]. */
    private static String argument(String[] argv, int i) {
        if (i + 1 >= argv.length) throw new IllegalArgumentException(argv[i]);
        return argv[i + 1];
    }

    /** One option at argv[i]; returns the index of its last word. */
    private static int option(Options o, String[] argv, int i) {
        String a = argv[i];
        switch (a.charAt(1)) {
            case 'E': o.ignoreEnv = single(a); return i;
            case 'W': o.warnings = single(a); return i;
            case 'i':                                   // -i implies -v
                o.interactive = single(a);
                o.version = true;
                return i;
            case 'v': o.version = single(a); return i;
            case 'j':
                switch (a) {
                    case "-jon": o.jitOn = true; return i;
                    case "-joff": o.jitOn = false; return i;
                    case "-jv": o.jitOn = true; o.jitVerbose = true; return i;
                    case "-jdump": o.jitOn = true; o.jitDump = true; return i;
                    default: throw new IllegalArgumentException(a);
                }
            case 'O':
                if (!a.startsWith("-Ohotcall=") && !a.startsWith("-Ohotloop=")) throw new IllegalArgumentException(a);
                try {
                    int n = Math.max(0, Integer.parseInt(a.substring(10)));
                    if (a.startsWith("-Ohotcall=")) o.jitHotcall = n; else o.jitHotloop = n;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(a);
                }
                return i;
            case 'e':
            case 'l':
                if (a.charAt(1) == 'e') o.hasExec = true;
                if (a.length() > 2) return i;
                if (i + 1 >= argv.length || argv[i + 1].startsWith("-")) throw new IllegalArgumentException(a);
                return i + 1;
            default:
                throw new IllegalArgumentException(a);
        }
    }

    /** An option without extra characters ("-vv" is not -v). */
    private static boolean single(String a) {
        if (a.length() != 2) throw new IllegalArgumentException(a);
        return true;
    }
}
