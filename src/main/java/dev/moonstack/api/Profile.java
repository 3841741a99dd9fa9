package dev.moonstack.api;

import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.vm.Builtin;
import dev.moonstack.vm.GlobalState;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a runtime lets its scripts reach: which libraries open by default, and what is taken
 * out of them. Chosen with {@link Lua.Builder#profile}; {@link Lua.Builder#libraries} may
 * open fewer libraries (or, in {@link #SANDBOX}, more, still with the removals below).
 *
 * <p>Independently of the profile, {@code os.exit} never ends the host's JVM unless the host
 * opted in with {@link Lua.Builder#exitHandler}: it raises the error
 * "os.exit is disabled by the host" instead. Runtimes never share mutable state, whatever the
 * profile: each has its own globals, registry, {@code package.loaded} and string metatable.
 */
public enum Profile {
    /**
     * Everything: all of {@link Library} is opened as the stand-alone {@code lua} opens it,
     * with file, process and environment access, {@code debug}, {@code string.dump},
     * binary chunks and the file searchers of {@code require}. For scripts the host trusts
     * as much as its own code.
     */
    TRUSTED(EnumSet.allOf(Library.class)),

    /**
     * For scripts the host does not trust. Opens {@link Library#BASE}, {@link Library#STRING},
     * {@link Library#TABLE}, {@link Library#MATH}, {@link Library#UTF8},
     * {@link Library#COROUTINE} and {@link Library#OS} with only its clock functions, and
     * {@link Library#PACKAGE} when the host gives a {@link ModuleSource}. Taken out:
     * <ul>
     * <li>base: {@code dofile} and {@code loadfile}; {@code load} loads text only (a binary
     *     chunk can break the VM's invariants), as if its mode were {@code "t"};</li>
     * <li>string: {@code string.dump};</li>
     * <li>os: everything but {@code clock}, {@code time}, {@code date}, {@code difftime} and
     *     {@code exit} (which raises an error unless the host installed an exit handler);</li>
     * <li>package: {@code loadlib}, {@code searchpath}, {@code path}, {@code cpath} and the
     *     file searchers: {@code require} finds {@code package.preload} and the host's
     *     {@link ModuleSource} only;</li>
     * <li>io, if the host opens it: everything but {@code read}, {@code write}, {@code type}
     *     and the three standard files (no {@code open}, {@code popen}, {@code lines},
     *     {@code input}, {@code output}, {@code close}, {@code tmpfile});</li>
     * <li>{@link Library#DEBUG}, {@link Library#UJIT} and {@link Library#MISC} cannot be opened: the builder refuses them.</li>
     * </ul>
     * What remains cannot reach the file system, other processes, the environment or the
     * host's Java objects beyond what the host binds ({@link Lua#bind}); the builder refuses
     * reflection ({@link Lua.Builder#reflect}). It can still loop or allocate: bound it with
     * {@link Lua.Builder#instructionLimit} (and the host's interrupt).
     */
    SANDBOX(EnumSet.of(Library.BASE, Library.STRING, Library.TABLE, Library.MATH, Library.UTF8,
            Library.COROUTINE, Library.OS));

    final Set<Library> defaults;

    Profile(Set<Library> defaults) { this.defaults = defaults; }

    private static final String[] SANDBOX_OS = {"clock", "time", "date", "difftime", "exit"};
    private static final String[] SANDBOX_IO = {"read", "write", "type", "stdin", "stdout", "stderr"};

    /** Takes out of the opened libraries what this profile does not allow. */
    void restrict(GlobalState G) {
        if (this == TRUSTED) return;
        LuaTable g = G.globals;
        remove(g, "dofile", "loadfile");
        Object load = g.getStrRef(LuaString.of("load"));
        if (load instanceof Builtin) g.setStr(LuaString.of("load"), textOnly((Builtin) load), 0);
        remove(table(g, "string"), "dump");
        keepOnly(table(g, "os"), SANDBOX_OS);
        keepOnly(table(g, "io"), SANDBOX_IO);
        LuaTable pkg = table(g, "package");
        if (pkg != null) {
            remove(pkg, "loadlib", "searchpath", "path", "cpath");
            LuaTable searchers = table(pkg, "searchers");
            if (searchers != null) for (int i = 2; i <= 4; i++) searchers.setInt(i, null, 0);
        }
    }

    /**
     * load with its mode narrowed to text: the mode argument (3) loses its 'b', so a binary
     * chunk fails with load's own message ("attempt to load a binary chunk (mode is 't')").
     */
    private static Builtin textOnly(Builtin load) {
        return Builtin.of("load", (L, base, nargs) -> {
            Object mode = nargs >= 3 ? L.ref(base + 2) : null;
            String m = mode instanceof LuaString ? mode.toString().replace("b", "") : "t";
            for (; nargs < 3; nargs++) L.pushNil();
            L.set(base + 2, LuaString.of(m), 0);
            return load.call(L, base, nargs);
        });
    }

    private static LuaTable table(LuaTable t, String name) {
        Object v = t.getStrRef(LuaString.of(name));
        return v instanceof LuaTable ? (LuaTable) v : null;
    }

    private static void remove(LuaTable t, String... names) {
        if (t == null) return;
        for (String n : names) t.setStr(LuaString.of(n), null, 0);
    }

    /** Removes every key of {@code t} but the strings {@code kept}; a key is its (ref, num) pair. */
    static void keepOnly(LuaTable t, String[] kept) {
        if (t == null) return;
        java.util.List<Object> dropRefs = new java.util.ArrayList<>();
        java.util.List<Long> dropNums = new java.util.ArrayList<>();
        t.forEach((kr, kn, vr, vn) -> {
            if (!(kr instanceof LuaString) || !java.util.Arrays.asList(kept).contains(kr.toString())) {
                dropRefs.add(kr);
                dropNums.add(kn);
            }
        });
        for (int i = 0; i < dropRefs.size(); i++) t.rawset(dropRefs.get(i), dropNums.get(i), null, 0);
    }

    /** The builder's check: a sandbox never opens the libraries that reach the VM's internals, nor reflects. */
    static void checkAllowed(Profile p, Set<Library> libs, boolean reflection) {
        if (p == SANDBOX && (libs.contains(Library.DEBUG) || libs.contains(Library.UJIT) || libs.contains(Library.MISC))) {
            throw new IllegalArgumentException("the SANDBOX profile cannot open DEBUG, UJIT or MISC");
        }
        if (p == SANDBOX && reflection) throw new IllegalArgumentException("the SANDBOX profile cannot use reflection");
    }
}
