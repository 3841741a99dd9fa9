package dev.moonstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The package layering of docs/execution.md ("Packages and layering"), checked on the main
 * sources: every reference from one Moonstack package to another (an import, a static import
 * or a qualified name in code) must be allowed by {@link #ALLOWED}.
 */
class LayeringTest {
    static final Path MAIN = Path.of("src/main/java/dev/moonstack");

    /**
     * The packages each package may reference, below it in the layering. Comments and string
     * literals do not count: a Javadoc link upward is documentation, not a dependency. vm and lib
     * reach the compiler only through vm.ChunkLoader, which api installs, so that a host can
     * run precompiled chunks with its own loader and vm stays below compiler.
     */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            entry("value", Set.of()),
            entry("code", Set.of("value")),
            entry("lexer", Set.of("value")),
            entry("parser", Set.of("lexer", "value")),
            entry("compiler", Set.of("parser", "lexer", "code", "value")),
            entry("vm", Set.of("code", "value")),
            entry("jit", Set.of("vm", "code", "value")),
            entry("lib.string", Set.of("vm", "code", "value")),
            entry("lib", Set.of("lib.string", "vm", "code", "value")),
            entry("prof", Set.of("lib", "vm", "code", "value")),   // code: memprof reads instructions (AllocSite)
            entry("api", Set.of("prof", "jit", "lib", "lib.string", "vm", "compiler", "parser", "lexer", "code", "value")),
            entry("api.internal", Set.of("api", "vm", "value")),
            entry("cli", Set.of("dap", "api.internal", "api", "prof", "jit", "vm", "code", "value")),
            entry("debug", Set.of("api.internal", "api", "lib", "vm", "code", "value")),
            entry("dap", Set.of("debug", "api.internal", "api", "lib", "vm", "code", "value")));

    /**
     * The one reference against the layering, by class: api installs its implementation of
     * {@code api.internal.Runtimes.Access} into {@code Runtimes} when {@code Lua} is initialised
     * (as java.lang does into the JDK's SharedSecrets), so api names that class and no other of
     * api.internal. It is not a dependency: api.internal stays above api in the table.
     */
    static final Map<String, Set<String>> INSTALLS = Map.of("api", Set.of("api.internal.Runtimes"));

    /** A qualified name: the package is its leading lower-case segments, the rest is a class and members. */
    private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.moonstack((?:\\.[A-Za-z_$][\\w$]*)+)(\\.\\*)?");
    private static final Pattern PACKAGE_DECL = Pattern.compile("^\\s*package\\s+dev\\.moonstack\\.([\\w.]+)\\s*;", Pattern.MULTILINE);

    @Test
    void noReferencePointsTheWrongWay() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> files = mainSources();
        assertTrue(files.size() > 100, "found only " + files.size() + " main sources under " + MAIN.toAbsolutePath());
        for (Path file : files) violations.addAll(check(file));
        if (!violations.isEmpty()) {
            fail(violations.size() + " reference(s) against the layering (docs/execution.md, \"Packages and layering\"; "
                    + "table in LayeringTest.ALLOWED):\n  " + String.join("\n  ", violations));
        }
    }

    @Test
    void everyPackageIsInTheTableAndSaysWhatItOwns() throws IOException {
        Set<String> packages = new TreeSet<>();
        for (Path file : mainSources()) packages.add(packageOf(file));
        assertEquals(new TreeSet<>(ALLOWED.keySet()), packages, "the packages of the table against the main sources");
        for (String pkg : packages) {
            Path info = MAIN.resolve(pkg.replace('.', '/')).resolve("package-info.java");
            assertTrue(Files.isRegularFile(info), "no " + info);
        }
    }

    /** One-way: no package may reach itself through the table, so the layers are a partial order. */
    @Test
    void theTableHasNoCycle() {
        for (String start : ALLOWED.keySet()) {
            Set<String> seen = new HashSet<>();
            List<String> work = new ArrayList<>(ALLOWED.get(start));
            while (!work.isEmpty()) {
                String p = work.remove(work.size() - 1);
                assertTrue(ALLOWED.containsKey(p), start + " is allowed " + p + ", which is not in the table");
                if (p.equals(start)) fail(start + " can reach itself through the allowed dependencies");
                if (seen.add(p)) work.addAll(ALLOWED.get(p));
            }
        }
    }

    /** The check itself: imports, static imports and qualified names count; comments and strings do not. */
    @Test
    void theCheckSeesCodeReferencesOnly(@TempDir Path dir) throws IOException {
        assertEquals(List.of(
                "Probe.java:3: import static dev.moonstack.vm.LuaOps.*; (lexer may not depend on vm)",
                "Probe.java:4: import dev.moonstack.lib.string.*; (lexer may not depend on lib.string)",
                "Probe.java:9: dev.moonstack.code.OpCode.MOVE (lexer may not depend on code)"), probe(dir,
                "package dev.moonstack.lexer;",
                "import dev.moonstack.value.LuaString;",
                "import static dev.moonstack.vm.LuaOps.*;",
                "import dev.moonstack.lib.string.*;",
                "/** {@link dev.moonstack.vm.LuaThread} */",
                "class Probe {",
                "    // dev.moonstack.api.Lua",
                "    String s = \"dev.moonstack.cli.Main \\\" dev.moonstack.cli.Repl\";",
                "    char c = '\"'; Object o = dev.moonstack.code.OpCode.MOVE;",
                "    String t = \"\"\"",
                "        dev.moonstack.api.Coroutine\"\"\";",
                "}"));
    }

    /** api may name api.internal's Runtimes, to install its implementation, and nothing else there. */
    @Test
    void apiNamesOnlyTheAccessorItInstallsInto(@TempDir Path dir) throws IOException {
        assertEquals(List.of(
                "Probe.java:3: import dev.moonstack.api.internal.Other; (api may not depend on api.internal)",
                "Probe.java:4: import dev.moonstack.api.internal.*; (api may not depend on api.internal)"), probe(dir,
                "package dev.moonstack.api;",
                "import dev.moonstack.api.internal.Runtimes;",
                "import dev.moonstack.api.internal.Other;",
                "import dev.moonstack.api.internal.*;",
                "class Probe { Object a = dev.moonstack.api.internal.Runtimes.Access.class; }"));
    }

    /** The check of a file Probe.java of {@code lines}, written in {@code dir}; paths shown as "Probe.java". */
    private static List<String> probe(Path dir, String... lines) throws IOException {
        Path file = dir.resolve("Probe.java");
        Files.writeString(file, String.join("\n", lines));
        return check(file).stream().map(v -> v.replace(file.toString(), "Probe.java")).collect(Collectors.toList());
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    private static String packageOf(Path file) throws IOException {
        Matcher m = PACKAGE_DECL.matcher(Files.readString(file, StandardCharsets.UTF_8));
        if (!m.find()) throw new AssertionError(file + ": no package dev.moonstack.* declaration");
        return m.group(1);
    }

    /** The disallowed references of one file, as "path:line: reference (why)". */
    static List<String> check(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String from = packageOf(file);
        Set<String> allowed = ALLOWED.get(from);
        List<String> out = new ArrayList<>();
        if (allowed == null) {
            out.add(file + ": package " + from + " is not in the table");
            return out;
        }
        String code = blankCommentsAndLiterals(text);
        String[] original = text.split("\n", -1);
        Matcher m = QUALIFIED.matcher(code);
        while (m.find()) {
            String to = packageOfName(m.group(1).substring(1));
            if (to.equals(from) || allowed.contains(to) || installs(from, to, m.group(1).substring(1))) continue;
            int line = lineOf(code, m.start());
            String src = original[line - 1].trim();
            String shown = src.startsWith("import ") ? src : "dev.moonstack" + m.group(1) + (m.group(2) != null ? m.group(2) : "");
            out.add(file + ":" + line + ": " + shown + " (" + from + " may not depend on " + to + ")");
        }
        return out;
    }

    /** Whether the reference {@code name} from package {@code from} into {@code to} names a class {@link #INSTALLS} allows. */
    private static boolean installs(String from, String to, String name) {
        if (name.length() <= to.length()) return false;            // the package itself, a wildcard import
        String cls = to + "." + name.substring(to.length() + 1).split("\\.")[0];
        return INSTALLS.getOrDefault(from, Set.of()).contains(cls);
    }

    /** "lib.string.Pack.open" gives "lib.string": Java packages are lower case, classes are not. */
    private static String packageOfName(String name) {
        StringBuilder pkg = new StringBuilder();
        for (String seg : name.split("\\.")) {
            if (!Character.isLowerCase(seg.charAt(0))) break;
            if (pkg.length() > 0) pkg.append('.');
            pkg.append(seg);
        }
        return pkg.toString();
    }

    private static int lineOf(String s, int pos) {
        int line = 1;
        for (int i = 0; i < pos; i++) if (s.charAt(i) == '\n') line++;
        return line;
    }

    /**
     * The source with comments, string and character literals and text blocks replaced by
     * spaces, line breaks kept so that positions still give the right line.
     */
    static String blankCommentsAndLiterals(String s) {
        StringBuilder b = new StringBuilder(s);
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            int end;
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                end = s.indexOf('\n', i);
                if (end < 0) end = n;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = closing(s, i + 3, "\"\"\"");
            } else if (c == '"' || c == '\'') {
                end = closing(s, i + 1, String.valueOf(c));
            } else {
                i++;
                continue;
            }
            for (int j = i; j < end; j++) if (b.charAt(j) != '\n') b.setCharAt(j, ' ');
            i = end;
        }
        return b.toString();
    }

    /** Index just past the unescaped {@code delim} that closes a literal whose body starts at {@code i}. */
    private static int closing(String s, int i, String delim) {
        while (i < s.length()) {
            if (s.charAt(i) == '\\') {
                i += 2;
            } else if (s.startsWith(delim, i)) {
                return i + delim.length();
            } else {
                i++;
            }
        }
        return s.length();
    }
}
