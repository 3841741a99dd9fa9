package dev.moonstack.prof;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report of a memprof file, as Tarantool's parser prints it ({@code tools/memprof.lua}
 * with memprof/parse.lua, process.lua, humanize.lua and utils/symtab.lua): allocations,
 * reallocations and deallocations per location, then the heap summary and the aliases of
 * chunks named by their source text. {@code moonstack --memprof-report} runs it.
 *
 * <p>Records with as many events (or bytes held) come in the reference parser's hash order,
 * which is unspecified; here they come in the order of their location.
 */
public final class MemprofReport {
    /** One source location's events of one kind (Lua: new_event). */
    static final class Event {
        final String loc;
        long num, alloc, free;
        /** The locations whose objects these events resized or freed, by location id. */
        final Map<String, Primary> primary = new LinkedHashMap<>();

        Event(String loc) { this.loc = loc; }
    }

    /** What events of one location did to objects allocated at another (Lua: link_to_previous). */
    static final class Primary {
        final String loc;
        long allocated, freed, count;

        Primary(String loc) { this.loc = loc; }
    }

    /** A live object (Lua: new_heap_chunk). */
    private static final class Chunk {
        final long size;
        final String id, loc;

        Chunk(long size, String id, String loc) {
            this.size = size;
            this.id = id;
            this.loc = loc;
        }
    }

    /** Per location of the heap summary (Lua: form_heap_delta's records). */
    static final class Delta {
        long dbytes, nalloc, nfree;
    }

    final Map<String, Event> allocs = new HashMap<>(), reallocs = new HashMap<>(), frees = new HashMap<>();
    private final Map<Long, Chunk> heap = new HashMap<>();
    private final Map<Long, String[]> lfunc = new HashMap<>();      // address -> {source, linedefined}
    private final TreeMap<Long, String> cfunc = new TreeMap<>();
    /** Sources with line breaks, in the order met, and their aliases "function_alias_N". */
    final Map<String, String> aliases = new LinkedHashMap<>();

    private final byte[] b;
    private int pos;

    private MemprofReport(byte[] file) {
        this.b = file;
    }

    /**
     * Parses a memprof file.
     *
     * @throws IllegalArgumentException with the reference parser's message for a bad file,
     *         prefixed "symtab:" or "events:" by the part that failed
     */
    public static MemprofReport parse(byte[] file) {
        MemprofReport r = new MemprofReport(file);
        try {
            r.symtab();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("symtab:" + message(e), e);
        }
        try {
            r.events();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("events:" + message(e), e);
        }
        return r;
    }

    private static String message(RuntimeException e) {
        return e instanceof IndexOutOfBoundsException ? "unexpected end of file" : e.getMessage();
    }

    // ---------------------------------------------------------------- reading

    private int octet() {
        if (pos >= b.length) throw new IndexOutOfBoundsException();
        return b[pos++] & 0xff;
    }

    private long uleb() {
        long v = 0;
        int shift = 0, o;
        do {
            o = octet();
            if (shift < 64) v |= (long) (o & 0x7f) << shift;
            shift += 7;
        } while ((o & 0x80) != 0);
        return v;
    }

    private String string() {
        long n = uleb();
        if (n > b.length - pos) throw new IndexOutOfBoundsException();
        String s = new String(b, pos, (int) n, StandardCharsets.ISO_8859_1);
        pos += (int) n;
        return s;
    }

    private void prologue(char kind, String what) {
        if (b.length - pos < 7) throw new IndexOutOfBoundsException();
        String magic = new String(b, pos, 3, StandardCharsets.ISO_8859_1);
        int version = b[pos + 3] & 0xff;
        pos += 7;
        if (!magic.equals("lj" + kind)) throw new IllegalArgumentException("Bad " + what + " prologue: " + magic);
        if (version != MemprofWriter.VERSION) {
            throw new IllegalArgumentException(what + " version mismatch: the tool expects "
                    + MemprofWriter.VERSION + ", but your data is " + version);
        }
    }

    /** Lua: symtab.parse. */
    private void symtab() {
        prologue('s', "LuaJIT symbol table format");
        while (pos < b.length) {
            int header = octet();
            if ((header & MemprofWriter.FINAL) != 0) return;
            int type = header & 3;
            if (type == 0) symLua();
            else if (type == 1) cfunc.put(uleb(), string());
            else if (type == 2) { uleb(); uleb(); uleb(); }        // a trace: never ours
        }
    }

    /** Lua: parse_sym_lfunc. A source with a line break gets an alias. */
    private void symLua() {
        long addr = uleb();
        String chunk = string();
        long line = uleb();
        if (chunk.indexOf('\n') >= 0 && !aliases.containsKey(chunk)) {
            aliases.put(chunk, "function_alias_" + (aliases.size() + 1));
        }
        lfunc.put(addr, new String[] {chunk, Long.toString(line)});
    }

    /** Lua: memprof.parse. */
    private void events() {
        prologue('m', "memprof event format");
        while (true) {
            int h = octet();
            if (h == MemprofWriter.FINAL) return;
            if (h > (4 << 2) + MemprofWriter.REALLOC) throw new IllegalArgumentException("Bad ev_header " + h);
            int kind = h & 3, source = h & (7 << 2);
            if (kind == MemprofWriter.SYMTAB) {
                if (source == MemprofWriter.LFUNC) symLua();
                else if (source == MemprofWriter.CFUNC) cfunc.put(uleb(), string());
                else if (source == (4 << 2)) { uleb(); uleb(); uleb(); }
                continue;
            }
            String[] loc = location(source);
            if (kind == MemprofWriter.ALLOC) alloc(loc);
            else if (kind == MemprofWriter.FREE) free(loc);
            else realloc(loc);
        }
    }

    /** Lua: parse_location; {id, demangled}. */
    private String[] location(int source) {
        long addr = 0, line = 0, trace = 0;
        if (source == MemprofWriter.CFUNC) {
            addr = uleb();
        } else if (source == MemprofWriter.LFUNC) {
            addr = uleb();
            line = uleb();
        } else if (source == (4 << 2)) {
            trace = uleb();
        } else if (source != MemprofWriter.INTERNAL) {
            throw new IllegalArgumentException("Unknown asource " + source);
        }
        String id = "f" + hex(addr) + "l" + line + "t" + trace + "g";
        return new String[] {id, trace != 0 ? "TRACE [" + trace + "]" : demangle(addr, line)};
    }

    /** C's %#x: 0 is "0". */
    private static String hex(long v) { return v == 0 ? "0" : "0x" + Long.toHexString(v); }

    /** Lua: symtab.demangle. */
    private String demangle(long addr, long line) {
        if (addr == 0) return "INTERNAL";
        String[] f = lfunc.get(addr);
        if (f != null) return aliases.getOrDefault(f[0], f[0]) + ":" + line;
        Map.Entry<Long, String> c = cfunc.floorEntry(addr);
        if (c != null) return c.getValue() + ":" + hex(c.getKey());
        return "CFUNC " + hex(addr);
    }

    private Event event(Map<String, Event> events, String[] loc) {
        Event e = events.computeIfAbsent(loc[0], k -> new Event(loc[1]));
        e.num++;
        return e;
    }

    private void alloc(String[] loc) {
        long naddr = uleb(), nsize = uleb();
        event(allocs, loc).alloc += nsize;
        heap.put(naddr, new Chunk(nsize, loc[0], loc[1]));
    }

    private void realloc(String[] loc) {
        long oaddr = uleb(), osize = uleb(), naddr = uleb(), nsize = uleb();
        Event e = event(reallocs, loc);
        e.free += osize;
        e.alloc += nsize;
        linkToPrevious(heap.remove(oaddr), e, nsize);
        heap.put(naddr, new Chunk(nsize, loc[0], loc[1]));
    }

    private void free(String[] loc) {
        long oaddr = uleb(), osize = uleb();
        Event e = event(frees, loc);
        e.free += osize;
        linkToPrevious(heap.remove(oaddr), e, 0);
    }

    /** Lua: link_to_previous. An object allocated before the profile started has no chunk. */
    private static void linkToPrevious(Chunk c, Event e, long nsize) {
        if (c == null) return;
        Primary p = e.primary.computeIfAbsent(c.id, k -> new Primary(c.loc));
        p.allocated += nsize;
        p.freed += c.size;
        p.count++;
    }

    // ---------------------------------------------------------------- the report

    /** Lua: process.form_heap_delta. Net bytes, allocations and frees per location. */
    Map<String, Delta> heapDelta() {
        Map<String, Delta> d = new HashMap<>();
        for (Event e : allocs.values()) {
            if (e.alloc > 0) {
                Delta x = d.computeIfAbsent(e.loc, k -> new Delta());
                x.dbytes += e.alloc;
                x.nalloc += e.num;
            }
        }
        for (Map<String, Event> kind : List.of(reallocs, frees)) {
            for (Event e : kind.values()) {
                for (Primary p : e.primary.values()) {
                    Delta x = d.computeIfAbsent(p.loc, k -> new Delta());
                    if (p.allocated > 0) {
                        x.dbytes += p.allocated;
                        x.nalloc += p.count;
                    }
                    if (p.freed > 0) {
                        x.dbytes -= p.freed;
                        x.nfree += p.count;
                    }
                }
            }
        }
        return d;
    }

    /**
     * Writes the report as tools/memprof.lua prints it (Lua: dump), byte for byte: chunk
     * names are bytes, as Lua's strings are.
     */
    public void print(OutputStream out, boolean leakOnly, boolean humanReadable) throws IOException {
        out.write(text(leakOnly, humanReadable).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The report, one char per byte. */
    public String text(boolean leakOnly, boolean humanReadable) {
        StringBuilder out = new StringBuilder();
        report(out, leakOnly, humanReadable);
        return out.toString();
    }

    private void report(StringBuilder out, boolean leakOnly, boolean humanReadable) {
        if (!leakOnly) {
            section(out, "ALLOCATIONS", allocs, humanReadable);
            section(out, "REALLOCATIONS", reallocs, humanReadable);
            section(out, "DEALLOCATIONS", frees, humanReadable);
        }
        leaks(out, humanReadable);
        if (aliases.isEmpty()) return;
        out.append("ALIASES:\n");
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            out.append(a.getValue() + ":\n");
            int n = 1;
            for (String line : a.getKey().split("\n")) {
                if (!line.isEmpty()) out.append(n++ + "\t| " + line + "\n");
            }
            out.append("\n\n");
        }
    }

    /** Lua: humanize.render under its title, then an empty line. */
    private static void section(StringBuilder out, String title, Map<String, Event> events, boolean human) {
        out.append(title + "\n");
        List<Event> list = new ArrayList<>(events.values());
        list.sort(Comparator.comparingLong((Event e) -> -e.num).thenComparing(e -> e.loc));
        for (Event e : list) {
            out.append(e.loc + ": " + e.num + " events\t+" + bytes(e.alloc, human) + "\t-" + bytes(e.free, human) + "\n");
            if (e.primary.isEmpty()) continue;
            List<String> locs = new ArrayList<>();
            for (Primary p : e.primary.values()) locs.add(p.loc);
            locs.sort(null);
            out.append("\tOverrides:\n");
            for (String l : locs) out.append("\t\t" + l + "\n");
            out.append("\n");
        }
        out.append("\n");
    }

    /** Lua: humanize.leak_info. Locations still holding bytes, most first. */
    private void leaks(StringBuilder out, boolean human) {
        List<Map.Entry<String, Delta>> list = new ArrayList<>();
        for (Map.Entry<String, Delta> e : heapDelta().entrySet()) if (e.getValue().dbytes > 0) list.add(e);
        list.sort(Comparator.comparingLong((Map.Entry<String, Delta> e) -> -e.getValue().dbytes)
                .thenComparing(Map.Entry::getKey));
        out.append("HEAP SUMMARY:\n");
        for (Map.Entry<String, Delta> e : list) {
            Delta d = e.getValue();
            out.append(e.getKey() + " holds " + bytes(d.dbytes, human) + ": " + d.nalloc + " allocs, " + d.nfree + " frees\n");
        }
        out.append("\n");
    }

    /**
     * Lua: format_bytes and human_readable_bytes: "%d%s", or "%.2f%s" as the parser's LuaJIT
     * formats it: the exact binary value rounded half up (6.625 is "6.63"; glibc says "6.62").
     */
    static String bytes(long n, boolean human) {
        if (!human) return n + "B";
        String[] units = {"B", "KiB", "MiB", "GiB"};
        double v = n;
        int m = 0;
        while (v >= 1024 && m < units.length - 1) {
            v /= 1024;
            m++;
        }
        if (v == Math.floor(v)) return (long) v + units[m];
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_UP).toPlainString() + units[m];
    }
}
