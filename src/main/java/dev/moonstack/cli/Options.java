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
    /** The compiled tier, as LuaJIT's -j and -O: -jon, -joff, -jv (log), -Ohotcall=n; null: not given. */
    Boolean jitOn;
    boolean jitVerbose;
    int jitHotcall = -1;

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
                if (!longOption(o, argv, i)) return o;
                continue;
            }
            i = option(o, argv, i);
        }
        return o;
    }

    /** A Moonstack option at argv[i]; false when it takes the rest of the command line. */
    private static boolean longOption(Options o, String[] argv, int i) {
        switch (argv[i]) {
            case "--no-compat":
                o.compat = false;
                return true;
            case "--list":
                if (i + 1 >= argv.length) throw new IllegalArgumentException(argv[i]);
                o.list = Arrays.asList(argv).subList(i + 1, argv.length);
                return false;
            default:
                throw new IllegalArgumentException(argv[i]);
        }
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
                    default: throw new IllegalArgumentException(a);
                }
            case 'O':
                if (!a.startsWith("-Ohotcall=")) throw new IllegalArgumentException(a);
                try {
                    o.jitHotcall = Math.max(0, Integer.parseInt(a.substring(10)));
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
