package dev.moonstack.debug;

import dev.moonstack.value.LuaString;
import dev.moonstack.value.Proto;
import dev.moonstack.vm.ChunkLoader;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The chunks a debugger has seen loaded (held weakly) and the binding of line breakpoints to
 * their functions: each breakpoint at the first line at or after the requested one that has
 * code, in the chunk of its source loaded last (a host's reload moves it), or in the file the
 * source names, compiled without running it, while none is loaded.
 */
final class Chunks {
    /** The loader of the runtime before the debugger wrapped it: compiles files for a preview. */
    private final ChunkLoader compiler;
    /** The chunks loaded since attaching, in load order (a chunk reloaded by a host is there again, later). */
    private final List<Chunk> loaded = new CopyOnWriteArrayList<>();

    Chunks(ChunkLoader compiler) {
        this.compiler = compiler;
    }

    /**
     * A chunk loaded since attaching: its name, text, source name (as the debugger's source names
     * map it now) and functions, held weakly: a host that loads chunks all the time (a game's
     * frame loop, code made at run time) must not keep them alive because a debugger listens.
     * Only the file chunk loaded last under each name is held ({@link #keep}), so that a
     * breakpoint in a file whose functions are not referenced yet stays bound.
     */
    private static final class Chunk {
        final String name;
        final byte[] text;
        volatile String source;
        private final List<WeakReference<Proto>> protos = new ArrayList<>();
        /** The main function, while this is the last file chunk ("@...") of its name; else null. */
        volatile Proto keep;

        Chunk(String name, Proto main, byte[] text, String source) {
            this.name = name;
            this.text = text;
            this.source = source;
            this.keep = name.startsWith("@") ? main : null;
            for (Proto p : all(main, new ArrayList<>())) protos.add(new WeakReference<>(p));
        }

        /** Its functions still alive (the main one first while it is). */
        List<Proto> live() {
            List<Proto> out = new ArrayList<>();
            for (WeakReference<Proto> r : protos) {
                Proto p = r.get();
                if (p != null) out.add(p);
            }
            return out;
        }

        boolean dead() {
            for (WeakReference<Proto> r : protos) if (r.get() != null) return false;
            return true;
        }
    }

    /** {@code p} and its nested functions, depth first, added to {@code out}. */
    private static List<Proto> all(Proto p, List<Proto> out) {
        out.add(p);
        for (Proto c : p.p) all(c, out);
        return out;
    }

    /** Records a chunk just compiled, and forgets those whose functions are all gone. */
    void add(String name, Proto main, byte[] text, String source) {
        for (Chunk c : loaded) if (c.name.equals(name)) c.keep = null;
        loaded.removeIf(Chunk::dead);
        loaded.add(new Chunk(name, main, text, source));
    }

    /** The source names change (a client's source roots): each chunk gets its new one. */
    void rename(UnaryOperator<String> sourceNames) {
        for (Chunk c : loaded) c.source = sourceNames.apply(c.name);
    }

    /** The text of the chunk with source name {@code source} loaded last, or null. */
    byte[] text(String source) {
        List<Chunk> cs = chunks(source);
        return cs.isEmpty() ? null : cs.get(cs.size() - 1).text;
    }

    /** The source names of the chunks loaded since attaching, each once. */
    List<String> sources() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (Chunk c : loaded) names.add(c.source);
        return new ArrayList<>(names);
    }

    /** The chunks loaded with source name {@code source}, in load order. */
    private List<Chunk> chunks(String source) {
        List<Chunk> out = new ArrayList<>();
        for (Chunk c : loaded) if (c.source.equals(source)) out.add(c);
        return out;
    }

    /**
     * Binds {@code bp} to the first line at or after its line that has code, in the chunk of its
     * source loaded last (a host that reloads a chunk gets its breakpoints moved to the new text)
     * or, while none is, in the file the source names compiled now (not run), so that a client
     * sees its breakpoints placed before the script starts. Returns true if that changed.
     */
    boolean bind(Breakpoint bp) {
        List<Chunk> cs = chunks(bp.source);
        List<Proto> last = List.of();
        for (int i = cs.size() - 1; i >= 0 && last.isEmpty(); i--) last = cs.get(i).live();
        if (last.isEmpty()) {
            Proto file = preview(bp.source);
            if (file != null) last = all(file, new ArrayList<>());
        }
        int best = firstLineFrom(last, bp.requestedLine);
        boolean verified = best != Integer.MAX_VALUE;
        int line = verified ? best : bp.requestedLine;
        boolean changed = verified != bp.verified || line != bp.line;
        bp.verified = verified;
        bp.line = line;
        return changed;
    }

    /** The main function of file chunk {@code source} ("@path") compiled from disk, or null (no such file, a syntax error). */
    private Proto preview(String source) {
        if (!source.startsWith("@")) return null;
        try {
            byte[] text = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(source.substring(1)));
            return compiler.compile(text, LuaString.of(source));
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** The smallest line at or after {@code from} with an instruction in one of {@code ps} (MAX_VALUE: none). */
    private static int firstLineFrom(List<Proto> ps, int from) {
        int best = Integer.MAX_VALUE;
        for (Proto p : ps) {
            for (int pc = Debugger.firstInstruction(p); pc < p.code.length; pc++) {
                int l = p.line(pc);
                if (l >= from && l < best) best = l;
            }
        }
        return best;
    }

    /**
     * Adds {@code bp} to {@code idx} for the functions of every chunk of its source still alive,
     * each chunk at its own first line with code (so that the functions of a chunk loaded before a
     * reload keep their lines).
     */
    void index(Breakpoint bp, Map<Proto, Map<Integer, Breakpoint>> idx) {
        for (Chunk c : chunks(bp.source)) {
            List<Proto> ps = c.live();
            int line = firstLineFrom(ps, bp.requestedLine);
            if (line != Integer.MAX_VALUE) for (Proto p : ps) addToIndex(idx, p, bp, line);
        }
    }

    private static void addToIndex(Map<Proto, Map<Integer, Breakpoint>> idx, Proto p, Breakpoint bp, int line) {
        for (int pc = Debugger.firstInstruction(p); pc < p.code.length; pc++) {
            if (p.line(pc) == line) {
                idx.computeIfAbsent(p, k -> new java.util.HashMap<>()).putIfAbsent(line, bp);
                break;
            }
        }
    }
}
