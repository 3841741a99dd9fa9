package dev.moonstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Moonstack as a library others depend on (issue 14): the module descriptor exports what the
 * API needs and no more, keeps the CLI's libraries optional, and examples/consumer, a separate
 * Maven project depending on the artifact's coordinates, builds offline against the freshly
 * compiled runtime and runs on the class path and on the module path.
 */
class PackagingTest {
    static final Path CLASSES = Path.of("target/classes");

    /**
     * What module-info.java exports: the API only. The API's signatures name no other package's
     * type ({@link #theApiNamesOnlyExportedTypes}); Moonstack's own packages reach the runtime
     * behind it through dev.moonstack.api.internal, which is in the module but not exported.
     */
    static final Set<String> EXPORTED = Set.of("dev.moonstack.api");

    /** The expected output of examples/consumer, from Lua's semantics: print separates with a tab. */
    static final String CONSUMER_OUTPUT = "Lua 5.4\t42\ncall: moon+stack 9\n";

    /** The one library an embedder gets with Moonstack: ASM, for the compiled tier (dev.moonstack.jit). */
    static final String ASM = "org.objectweb.asm";

    @Test
    void theModuleExportsTheApiAndKeepsTheCliLibrariesOptional() throws IOException {
        ModuleDescriptor d = descriptor();
        assertEquals("dev.moonstack", d.name());
        Set<String> exports = new TreeSet<>();
        for (ModuleDescriptor.Exports e : d.exports()) {
            assertFalse(e.isQualified(), "qualified export " + e);
            exports.add(e.source());
        }
        assertEquals(new TreeSet<>(EXPORTED), exports);
        assertTrue(d.opens().isEmpty() && !d.isOpen(), "nothing is opened: " + d.opens());
        for (ModuleDescriptor.Requires r : d.requires()) {
            boolean platform = r.name().startsWith("java.") || r.name().startsWith("jdk.");
            assertTrue(platform || r.name().equals(ASM) || r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC),
                    "an embedder would need " + r.name() + ": only the JDK and ASM may be required at run time");
        }
        Set<String> optional = d.requires().stream().filter(r -> !r.name().startsWith("java.") && !r.name().startsWith("jdk."))
                .filter(r -> !r.name().equals(ASM))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("org.jline", "org.eclipse.lsp4j.debug", "org.eclipse.lsp4j.jsonrpc")), optional);
    }

    /**
     * A module consumer can use every type the API names: each public signature of the public
     * classes of dev.moonstack.api (supertypes, fields, constructors, methods, exceptions), with
     * no exemption, names only JDK types and types of exported packages.
     */
    @Test
    void theApiNamesOnlyExportedTypes() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> api = apiClasses();
        assertTrue(api.size() >= 2, "found " + api);
        for (Class<?> c : api) {
            List<Type> named = new ArrayList<>();
            if (c.getGenericSuperclass() != null) named.add(c.getGenericSuperclass());
            named.addAll(List.of(c.getGenericInterfaces()));
            for (Field f : c.getDeclaredFields()) if (visible(f.getModifiers())) named.add(f.getGenericType());
            for (Constructor<?> k : c.getDeclaredConstructors()) if (visible(k.getModifiers())) addSignature(k, named);
            for (Method m : c.getDeclaredMethods()) {
                if (!visible(m.getModifiers()) || m.isSynthetic()) continue;
                named.add(m.getGenericReturnType());
                addSignature(m, named);
            }
            for (Type t : named) collectLeaks(c, t, leaks);
        }
        assertTrue(leaks.isEmpty(), "the API names types a module consumer cannot use (export them, or stop naming them):\n  "
                + String.join("\n  ", new TreeSet<>(leaks)));
    }

    /**
     * A host on the module path cannot reach the runtime behind the API: the module, loaded from
     * target/classes in a layer of its own, has dev.moonstack.api.internal but exports it to no
     * one, so this class (another module) can neither call Runtimes nor make it accessible, nor
     * open Lua's package-private members; Lua's public API works.
     */
    @Test
    void aModuleConsumerCannotReachTheInternals() throws Exception {
        Path asm = null;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.contains("/org/ow2/asm/asm/")) asm = Path.of(e);
        }
        assertTrue(asm != null, "ASM is on the test class path");
        java.lang.module.Configuration cf = ModuleLayer.boot().configuration()
                .resolve(java.lang.module.ModuleFinder.of(CLASSES, asm), java.lang.module.ModuleFinder.of(), Set.of("dev.moonstack"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        Module moonstack = layer.findModule("dev.moonstack").orElseThrow();
        Module host = PackagingTest.class.getModule();
        assertTrue(moonstack.getPackages().contains("dev.moonstack.api.internal"), "no dev.moonstack.api.internal in the module");
        assertTrue(moonstack.isExported("dev.moonstack.api", host));
        assertFalse(moonstack.isExported("dev.moonstack.api.internal", host));

        Class<?> lua = Class.forName(moonstack, "dev.moonstack.api.Lua");
        Class<?> runtimes = Class.forName(moonstack, "dev.moonstack.api.internal.Runtimes");
        Object runtime = lua.getConstructor().newInstance();
        assertEquals(List.of(42L), List.of((Object[]) lua.getMethod("exec", String.class).invoke(runtime, "return 6 * 7")));
        Method state = runtimes.getMethod("state", lua);
        assertThrows(IllegalAccessException.class, () -> state.invoke(null, runtime));
        assertThrows(java.lang.reflect.InaccessibleObjectException.class, () -> state.setAccessible(true));
        assertThrows(IllegalAccessException.class, () -> java.lang.invoke.MethodHandles.publicLookup()
                .findStatic(runtimes, "state", java.lang.invoke.MethodType.methodType(state.getReturnType(), lua)));
        Method own = lua.getDeclaredMethod("state");
        assertFalse(Modifier.isPublic(own.getModifiers()), "Lua.state is not public");
        assertThrows(java.lang.reflect.InaccessibleObjectException.class, () -> own.setAccessible(true));
    }

    /**
     * examples/consumer, built by Maven offline against a local repository that holds the
     * compiled runtime as dev.moonstack:moonstack (a jar of target/classes and this pom, laid out
     * as install:install-file would; every other artifact is linked from the build's own local
     * repository), then run on the class path and on the module path.
     */
    @Test
    void theExampleConsumerBuildsAndRunsAgainstTheArtifact(@TempDir Path tmp) throws Exception {
        Path mvn = onPath("mvn");
        assumeTrue(mvn != null, "no mvn on PATH: the example consumer is not built");
        Path localRepo = Path.of(System.getProperty("moonstack.localRepository",
                System.getProperty("user.home") + "/.m2/repository"));
        assumeTrue(Files.isDirectory(localRepo), "no local Maven repository at " + localRepo);
        assumeTrue(ToolProvider.findFirst("jar").isPresent(), "no jar tool in this Java runtime");
        assertTrue(Files.isRegularFile(CLASSES.resolve("module-info.class")), "compile first: no " + CLASSES + "/module-info.class");

        String version = projectVersion();
        Path repo = tmp.resolve("repo");
        try {
            linkRepository(localRepo, repo);
        } catch (UnsupportedOperationException | FileSystemException e) {
            unlinkRepository(repo);
            abort("cannot link " + localRepo + " into a temporary repository (" + e + "): the example consumer is not built");
        }
        try {
            Path jar = installArtifact(repo, version);
            Path project = tmp.resolve("consumer");
            copyTree(Path.of("examples/consumer"), project);
            Path cp = tmp.resolve("cp.txt"), tree = tmp.resolve("tree.txt");
            run(project, 240, mvn.toString(), "-o", "-q", "-B", "-Dmaven.repo.local=" + repo,
                    "-Dmoonstack.version=" + version, "compile",
                    "dependency:build-classpath", "-Dmdep.outputFile=" + cp,
                    "dependency:tree", "-DoutputFile=" + tree);

            String deps = Files.readString(tree);
            assertTrue(deps.contains("dev.moonstack:moonstack:jar:" + version + ":compile"), deps);
            for (String cli : List.of("jline", "lsp4j", "gson")) {
                assertFalse(deps.contains(cli), "the CLI's " + cli + " reaches an embedder:\n" + deps);
            }
            String classpath = Files.readString(cp).trim();
            List<String> entries = List.of(classpath.split(File.pathSeparator));
            assertEquals(2, entries.size(), "the artifact and ASM: " + classpath);
            assertEquals(jar.toRealPath(), Path.of(entries.get(0)).toRealPath(), "the consumer's class path");
            assertTrue(entries.get(1).contains("/org/ow2/asm/asm/"), "ASM, the compiled tier's one dependency: " + classpath);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classes = project.resolve("target/classes").toString();
            String both = classes + File.pathSeparator + classpath;
            assertEquals(CONSUMER_OUTPUT, run(project, 60, java, "-cp", both, "example.Main"), "on the class path");
            assertEquals(CONSUMER_OUTPUT, run(project, 60, java, "-p", both, "-m", "example.consumer/example.Main"),
                    "on the module path");
        } finally {
            unlinkRepository(repo);
        }
    }

    private static ModuleDescriptor descriptor() throws IOException {
        Path info = CLASSES.resolve("module-info.class");
        assertTrue(Files.isRegularFile(info), "no " + info);
        try (InputStream in = Files.newInputStream(info)) {
            return ModuleDescriptor.read(in);
        }
    }

    private static List<Class<?>> apiClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(CLASSES.resolve("dev/moonstack/api"))) {
            for (Path p : s.sorted().collect(Collectors.toList())) {
                String f = p.getFileName().toString();
                if (!f.endsWith(".class") || f.equals("package-info.class")) continue;
                String top = f.substring(0, f.length() - 6).replaceFirst("\\$.*", "");
                if (!Files.isRegularFile(Path.of("src/main/java/dev/moonstack/api", top + ".java"))) continue;   // stale
                Class<?> c = Class.forName("dev.moonstack.api." + f.substring(0, f.length() - 6), false,
                        PackagingTest.class.getClassLoader());
                if (isPublicApi(c)) out.add(c);
            }
        }
        return out;
    }

    /** Public, and nested only in public classes. */
    private static boolean isPublicApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) return false;
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void addSignature(Executable e, List<Type> named) {
        named.addAll(List.of(e.getGenericParameterTypes()));
        named.addAll(List.of(e.getGenericExceptionTypes()));
    }

    private static void collectLeaks(Class<?> where, Type t, List<String> leaks) {
        if (t instanceof Class<?> k) {
            while (k.isArray()) k = k.getComponentType();
            if (k.isPrimitive()) return;
            String pkg = k.getPackageName();
            boolean jdk = pkg.startsWith("java.") || pkg.startsWith("javax.");
            if (!jdk && !EXPORTED.contains(pkg)) leaks.add(where.getName() + " names " + k.getName());
        } else if (t instanceof ParameterizedType p) {
            collectLeaks(where, p.getRawType(), leaks);
            for (Type a : p.getActualTypeArguments()) collectLeaks(where, a, leaks);
        } else if (t instanceof GenericArrayType g) {
            collectLeaks(where, g.getGenericComponentType(), leaks);
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) collectLeaks(where, b, leaks);
            for (Type b : w.getLowerBounds()) collectLeaks(where, b, leaks);
        }
    }

    /** The project's version, as Maven passes it, else the first version element after the artifactId. */
    private static String projectVersion() throws IOException {
        String v = System.getProperty("moonstack.version");
        if (v != null && !v.isEmpty()) return v;
        Matcher m = Pattern.compile("<artifactId>moonstack</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "no version in pom.xml");
        return m.group(1);
    }

    /**
     * A local repository in {@code repo} that links every entry of {@code from} but
     * dev/moonstack, so that Maven finds its plugins offline and no earlier install of Moonstack.
     */
    private static void linkRepository(Path from, Path repo) throws IOException {
        Files.createDirectories(repo.resolve("dev"));
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.collect(Collectors.toList())) {
                if (!p.getFileName().toString().equals("dev")) Files.createSymbolicLink(repo.resolve(p.getFileName().toString()), p.toAbsolutePath());
            }
        }
        if (!Files.isDirectory(from.resolve("dev"))) return;
        try (Stream<Path> s = Files.list(from.resolve("dev"))) {
            for (Path p : s.collect(Collectors.toList())) {
                String name = p.getFileName().toString();
                if (!name.equals("moonstack")) Files.createSymbolicLink(repo.resolve("dev").resolve(name), p.toAbsolutePath());
            }
        }
    }

    /** Removes the links, so that cleaning the temporary folder never walks into the real repository. */
    private static void unlinkRepository(Path repo) throws IOException {
        for (Path dir : List.of(repo, repo.resolve("dev"))) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.collect(Collectors.toList())) if (Files.isSymbolicLink(p)) Files.delete(p);
            }
        }
    }

    /** The jar of target/classes and pom.xml, where install:install-file would put them. */
    private static Path installArtifact(Path repo, String version) throws IOException {
        Path dir = repo.resolve("dev/moonstack/moonstack").resolve(version);
        Files.createDirectories(dir);
        Path jar = dir.resolve("moonstack-" + version + ".jar");
        int rc = ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err,
                "--create", "--file", jar.toString(), "-C", CLASSES.toString(), ".");
        assertEquals(0, rc, "jar --create failed");
        Files.copy(Path.of("pom.xml"), dir.resolve("moonstack-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        return jar;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.collect(Collectors.toList())) {
                Path rel = from.relativize(p);
                if (rel.toString().startsWith("target")) continue;
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest);
            }
        }
    }

    /** Runs a command in {@code dir}; its standard output, or a failure with everything it printed. */
    private static String run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt"), err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail(String.join(" ", command) + ": still running after " + seconds + " s\n" + Files.readString(out) + Files.readString(err));
        }
        String o = Files.readString(out, StandardCharsets.UTF_8), e = Files.readString(err, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) fail(String.join(" ", command) + ": exit " + p.exitValue() + "\n" + o + e);
        return o;
    }

    private static Path onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (!d.isEmpty() && Files.isExecutable(p)) return p;
        }
        return null;
    }
}
