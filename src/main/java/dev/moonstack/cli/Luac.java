package dev.moonstack.cli;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.code.Disassembler;
import dev.moonstack.code.Dump;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.Proto;
import dev.moonstack.value.UpvalDesc;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The compiler command {@code moonstackc}, behaving as the reference {@code luac} (Lua: luac.c):
 * {@code moonstackc [options] [filenames]} with {@code -l} (twice for a full listing),
 * {@code -o name}, {@code -p}, {@code -s}, {@code -v}, {@code --} and {@code -}. Several files
 * are combined into one chunk that runs them in order, as luac does. The output is the binary
 * chunk format of string.dump.
 */
public final class Luac {
    /** Lua: PROGNAME and Output of luac.c. */
    static final String PROGNAME = "moonstackc", OUTPUT = "luac.out";

    private final PrintStream out, err;
    private final String progname;
    private int listing;
    private boolean dumping = true, stripping;
    private String output = OUTPUT;

    /** Thrown to leave with a status after a message (Lua: exit in usage and fatal). */
    private static final class Exit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Exit(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    Luac(PrintStream out, PrintStream err, String progname) {
        this.out = out;
        this.err = err;
        this.progname = progname;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        String p = System.getProperty("moonstack.progname", "");
        int status = new Luac(out, err, p.isEmpty() ? PROGNAME : p).run(args);
        out.flush();
        System.exit(status);
    }

    /** The interpreter's {@code --list f ...}: {@code luac -l -l -p f ...} under that program's name. */
    static int listing(List<String> files, PrintStream out, PrintStream err, String progname) {
        String[] args = new String[files.size() + 4];
        args[0] = "-l";
        args[1] = "-l";
        args[2] = "-p";
        args[3] = "--";
        for (int i = 0; i < files.size(); i++) args[i + 4] = files.get(i);
        int status = new Luac(out, err, progname).run(args);
        out.flush();
        return status;
    }

    /** Lua: main and pmain of luac.c. Returns the exit status. */
    int run(String[] argv) {
        try {
            int first = doargs(argv);
            if (first >= argv.length) usage("no input files given");
            Lua lua = new Lua(out, err, true);
            Proto f = combine(lua, load(lua, argv, first));
            if (listing > 0) out.print(Disassembler.list(f, listing > 1));
            out.flush();
            if (dumping) dump(f);
            return 0;
        } catch (Exit e) {
            out.flush();
            return e.status;
        } catch (LuaError e) {
            return fatal(e.getMessage());
        }
    }

    /**
     * Lua: doargs. Returns the index of the first file. With no file, {@code -l} or {@code -p}
     * works on luac.out, as luac does.
     */
    private int doargs(String[] argv) {
        int version = 0, i;
        for (i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("-")) break;                 // end of options; keep it
            if (a.equals("--")) {                          // end of options; skip it
                ++i;
                if (version > 0) ++version;
                break;
            }
            if (a.equals("-")) break;                      // end of options; use stdin
            switch (a) {
                case "-l": ++listing; break;
                case "-o": i = outputOption(argv, i); break;
                case "-p": dumping = false; break;
                case "-s": stripping = true; break;
                case "-v": ++version; break;
                default: usage(a);
            }
        }
        return endOfArgs(argv, i, version);
    }

    /** "-o name"; "-o -" is standard output. Returns the index of the name. */
    private int outputOption(String[] argv, int i) {
        output = ++i < argv.length ? argv[i] : null;
        if (output == null || output.isEmpty() || (output.startsWith("-") && output.length() > 1)) {
            usage("'-o' needs argument");
        }
        if (output.equals("-")) output = null;
        return i;
    }

    /** The end of doargs: luac.out when -l or -p has no file, then the version. */
    private int endOfArgs(String[] argv, int i, int version) {
        int first = i;
        if (i == argv.length && (listing > 0 || !dumping)) {
            dumping = false;
            first = -1;                                    // luac.out, see load
        }
        if (version > 0) {
            out.println(Main.VERSION);
            if (version == argv.length) throw new Exit(0);   // only -v options
        }
        return first;
    }

    /** Lua: the loadfile loop of pmain. Index -1 stands for luac.out; "-" is standard input. */
    private static Proto[] load(Lua lua, String[] argv, int first) {
        if (first < 0) return new Proto[] {Runtimes.loadFileClosure(lua, OUTPUT).p};
        Proto[] protos = new Proto[argv.length - first];
        for (int i = first; i < argv.length; i++) {
            protos[i - first] = Runtimes.loadFileClosure(lua, argv[i].equals("-") ? null : argv[i]).p;
        }
        return protos;
    }

    /**
     * Lua: combine. One file is its own chunk; several become the functions of a main chunk
     * that calls each in turn, their _ENV taken from that chunk's.
     */
    private static Proto combine(Lua lua, Proto[] files) {
        if (files.length == 1) return files[0];
        LuaClosure main = Runtimes.loadClosure(lua, "(function()end)();\n".repeat(files.length), "=(" + PROGNAME + ")");
        Proto f = main.p;
        for (int i = 0; i < files.length; i++) {
            Proto p = files[i];
            if (p.upvalues != null && p.upvalues.length > 0) {
                UpvalDesc u = p.upvalues[0];
                p.upvalues[0] = new UpvalDesc(u.name, false, u.index, u.kind);
            }
            f.p[i] = p;
        }
        return f;
    }

    /** Lua: the dump of pmain (luaU_dump through writer), to the output file or stdout. */
    private void dump(Proto f) {
        byte[] chunk = Dump.dump(f, stripping);
        if (output == null) {
            out.write(chunk, 0, chunk.length);
            out.flush();
            return;
        }
        try (OutputStream o = new FileOutputStream(output)) {
            o.write(chunk);
        } catch (IOException e) {
            cannot("open", e);
        }
    }

    /** Lua: usage. */
    private void usage(String message) {
        if (message.startsWith("-")) err.println(progname + ": unrecognized option '" + message + "'");
        else err.println(progname + ": " + message);
        err.print("usage: " + progname + " [options] [filenames]\n"
                + "Available options are:\n"
                + "  -l       list (use -l -l for full listing)\n"
                + "  -o name  output to file 'name' (default is \"" + OUTPUT + "\")\n"
                + "  -p       parse only\n"
                + "  -s       strip debug information\n"
                + "  -v       show version information\n"
                + "  --       stop handling options\n"
                + "  -        stop handling options and process stdin\n");
        throw new Exit(1);
    }

    /** Lua: fatal. */
    private int fatal(String message) {
        out.flush();
        err.println(progname + ": " + message);
        return 1;
    }

    /** Lua: cannot. "cannot open out: No such file or directory". */
    private void cannot(String what, IOException e) {
        String reason = e.getMessage() != null && e.getMessage().contains("(") ?
                e.getMessage().substring(e.getMessage().lastIndexOf('(') + 1).replace(")", "") : String.valueOf(e.getMessage());
        out.flush();
        err.println(progname + ": cannot " + what + " " + output + ": " + reason);
        throw new Exit(1);
    }
}
