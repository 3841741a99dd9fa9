package dev.moonstack.cli;

/** The command line of the interpreter, read as lua.c's collectargs reads it. */
final class Options {
    /** Index in argv of the script ("-" for stdin), or -1 when there is none. */
    int scriptIndex = -1;
    boolean interactive, version, ignoreEnv, warnings, hasExec;
    /** File to list instead of running (--list). */
    String list;

    /** Throws IllegalArgumentException with the offending option. */
    static Options parse(String[] argv) {
        Options o = new Options();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--list") && i + 1 < argv.length) {
                o.list = argv[i + 1];
                return o;
            }
            if (!a.startsWith("-")) {
                o.scriptIndex = i;
                return o;
            }
            if (a.equals("-")) {
                o.scriptIndex = i;
                return o;
            }
            if (a.equals("--")) {
                o.scriptIndex = i + 1 < argv.length ? i + 1 : -1;
                return o;
            }
            i = option(o, argv, i);
        }
        return o;
    }

    /** One option at argv[i]; returns the index of its last word. */
    private static int option(Options o, String[] argv, int i) {
        String a = argv[i];
        switch (a.charAt(1)) {
            case 'E': o.ignoreEnv = single(a, o.ignoreEnv); return i;
            case 'W': o.warnings = single(a, o.warnings); return i;
            case 'i':
                o.interactive = single(a, o.interactive);
                o.version = true;
                return i;
            case 'v': o.version = single(a, o.version); return i;
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

    private static boolean single(String a, boolean unused) {
        if (a.length() != 2) throw new IllegalArgumentException(a);
        return true;
    }
}
