package dev.moonstack.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@code require} finds modules through the host (set with
 * {@link Lua.Builder#modules}): classpath resources, a directory of any
 * {@link java.nio.file.FileSystem} (the default one, a zip file, an in-memory one), a map, or
 * any callback. It becomes {@code package.searchers[2]}, right after {@code package.preload}
 * (in {@link Profile#SANDBOX} it is the only searcher after preload), so a host module wins over
 * files on {@code package.path}.
 *
 * <p>A module {@code a.b} is looked up by its name; the factories below map it to the
 * relative path {@code a/b.lua}. Its chunk is compiled as text (binary chunks only under
 * {@link Profile#TRUSTED}) with the chunk name {@link #chunkName}, and called as
 * {@code require} calls a Lua file's chunk: with the module name and the chunk name.
 * A search that fails adds "no host module 'a.b'" to require's message.
 */
@FunctionalInterface
public interface ModuleSource {
    /**
     * The source text of module {@code name}, or null if this source has none.
     *
     * @param name the module name as given to {@code require}, such as {@code "a.b"}
     * @return the module's source text, or null when this source has no such module
     * @throws IOException if the module exists but cannot be read (require raises an error
     *     carrying the exception's message)
     */
    String find(String name) throws IOException;

    /**
     * The chunk name the module's code gets in messages and tracebacks: "@a/b.lua" for {@code a.b}.
     *
     * @param name the module name as given to {@code require}
     * @return the chunk name, with Lua's leading '@' (or '=') marking how it is shown
     */
    default String chunkName(String name) { return "@" + path(name); }

    /**
     * Modules as resources {@code prefix/a/b.lua} of a class loader ({@code prefix} may be empty).
     *
     * @param loader the class loader whose resources hold the modules
     * @param prefix the resource folder, with or without a trailing '/'; empty for the root
     * @return the source; a name with a separator or an empty segment finds nothing
     */
    static ModuleSource classpath(ClassLoader loader, String prefix) {
        String dir = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        return name -> {
            if (!plain(name)) return null;
            try (InputStream in = loader.getResourceAsStream(dir + path(name))) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        };
    }

    /**
     * Modules as files {@code root/a/b.lua}, read at each {@code require} (so a module removed
     * from {@code package.loaded} is read afresh: see docs/embedding.md, hot reloading).
     * {@code root} may belong to any file system.
     *
     * @param root the directory holding the modules
     * @return the source; a name that could leave {@code root} ("..", separators) finds nothing
     */
    static ModuleSource directory(Path root) {
        return name -> {
            if (!plain(name)) return null;
            Path file = root.resolve(path(name));
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        };
    }

    /**
     * Modules from a map of module name to source text (read at each lookup).
     *
     * @param sources module names, such as {@code "a.b"}, to source text; not copied, so later
     *        changes to the map are seen
     * @return the source
     */
    static ModuleSource of(Map<String, String> sources) {
        return sources::get;
    }

    /** A name that cannot leave the root: no separators, no empty segment ("..", ".a"). */
    private static boolean plain(String name) {
        return !name.isEmpty() && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf(':') < 0
                && !name.startsWith(".") && !name.endsWith(".") && !name.contains("..");
    }

    /** "a.b" as the relative path "a/b.lua" (Lua: the '.' to directory separator of searchpath). */
    private static String path(String name) { return name.replace('.', '/') + ".lua"; }
}
