package dev.moonstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Owns the guarantee that every test class runs under {@code mvn verify}: each test source
 * with test methods must be selected by the Surefire includes and excludes written in pom.xml,
 * matched with Surefire's own pattern rules (a class named outside them is silently skipped).
 */
class SurefireSelectionTest {
    private static final Path POM = Path.of("pom.xml");
    private static final Path TEST_SOURCES = Path.of("src/test/java");

    /** Surefire's defaults when the configuration names no includes or excludes. */
    static final List<String> DEFAULT_INCLUDES = List.of("**/Test*.java", "**/*Test.java", "**/*Tests.java", "**/*TestCase.java");
    static final List<String> DEFAULT_EXCLUDES = List.of("**/*$*");

    /** A method annotation of JUnit Jupiter or jqwik at the start of a line: the class has tests. */
    private static final Pattern TEST_ANNOTATION =
            Pattern.compile("^\\s*@(Test|Property|TestFactory|ParameterizedTest|Example)\\b", Pattern.MULTILINE);

    /** The Surefire selection of pom.xml and the test source roots of the build. */
    record Build(List<String> includes, List<String> excludes, List<Path> testRoots) {}

    @Test
    void everyClassWithTestMethodsIsSelectedBySurefire() throws Exception {
        Build build = readPom(POM);
        List<Path> unselected = new ArrayList<>();
        int withTests = 0;
        for (Path root : build.testRoots()) {
            for (Path source : javaFiles(root)) {
                if (!hasTestMethods(source)) continue;
                withTests++;
                String classFile = classFile(root, source);
                if (!selected(classFile, build.includes(), build.excludes())) unselected.add(source);
            }
        }
        // a scan that found nothing would pass vacuously, e.g. run from the wrong directory
        assertTrue(withTests > 20, "found only " + withTests + " test classes under " + build.testRoots());
        assertEquals(List.of(), unselected, "test classes that Surefire does not select with includes "
                + build.includes() + " and excludes " + build.excludes());
    }

    /** The matcher itself: Surefire's defaults leave out *Properties, the pom must not. */
    @Test
    void patternsFollowSurefireSemantics() {
        String props = "dev/moonstack/lib/Utf8Properties.class";
        assertFalse(selected(props, DEFAULT_INCLUDES, DEFAULT_EXCLUDES));
        assertTrue(selected("dev/moonstack/lib/LexerTest.class", DEFAULT_INCLUDES, DEFAULT_EXCLUDES));
        assertTrue(selected("TopTest.class", DEFAULT_INCLUDES, DEFAULT_EXCLUDES), "** matches no directory too");
        assertFalse(selected("dev/Outer$InnerTest.class", DEFAULT_INCLUDES, DEFAULT_EXCLUDES), "inner classes are excluded");
        assertTrue(selected(props, List.of("*Properties"), List.of()), "no '/': **/ is prepended, .class appended");
        assertTrue(selected(props, List.of("dev.moonstack.lib.Utf8Properties.java"), List.of()), "a qualified class name");
        assertFalse(selected(props, List.of("dev/*/Utf8Properties.java"), List.of()), "* stays within one directory");
        assertTrue(selected(props, List.of("%regex[.*lib/Utf8.*]"), List.of()));
        assertFalse(selected(props, List.of("**/*Test.java, **/*Properties.java"), List.of("**/lib/*")), "an exclude wins");
        assertTrue(selected(props, List.of("**/*Test.java, **/*Properties.java"), List.of()), "comma-separated patterns");
    }

    // ---- pom.xml

    static Build readPom(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        Document doc = f.newDocumentBuilder().parse(pom.toFile());
        Element build = child(doc.getDocumentElement(), "build");
        Element surefire = plugin(build, "maven-surefire-plugin");
        Element config = surefire == null ? null : child(surefire, "configuration");
        List<String> includes = patterns(config, "includes", "include");
        List<String> excludes = patterns(config, "excludes", "exclude");
        List<Path> roots = new ArrayList<>(List.of(TEST_SOURCES));
        roots.addAll(extraTestRoots(plugin(build, "build-helper-maven-plugin")));
        return new Build(includes.isEmpty() ? DEFAULT_INCLUDES : includes,
                excludes.isEmpty() ? DEFAULT_EXCLUDES : excludes, roots);
    }

    /** The plugin of build/plugins with that artifactId, or null. */
    private static Element plugin(Element build, String artifactId) {
        Element plugins = build == null ? null : child(build, "plugins");
        if (plugins == null) return null;
        for (Element p : children(plugins, "plugin")) {
            Element id = child(p, "artifactId");
            if (id != null && id.getTextContent().trim().equals(artifactId)) return p;
        }
        return null;
    }

    /** The patterns of {@code <list><item>...</item></list>}; each item may hold several, comma-separated. */
    private static List<String> patterns(Element config, String list, String item) {
        Element l = config == null ? null : child(config, list);
        List<String> out = new ArrayList<>();
        if (l == null) return out;
        for (Element e : children(l, item)) {
            for (String p : e.getTextContent().split(",")) if (!p.isBlank()) out.add(p.trim());
        }
        return out;
    }

    /** Test source roots added by build-helper's add-test-source goal (compiled into test-classes too). */
    private static List<Path> extraTestRoots(Element helper) {
        List<Path> roots = new ArrayList<>();
        Element executions = helper == null ? null : child(helper, "executions");
        if (executions == null) return roots;
        for (Element execution : children(executions, "execution")) {
            if (!execution.getTextContent().contains("add-test-source")) continue;
            var sources = execution.getElementsByTagName("source");
            for (int k = 0; k < sources.getLength(); k++) roots.add(Path.of(sources.item(k).getTextContent().trim()));
        }
        return roots;
    }

    private static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) out.add(e);
        }
        return out;
    }

    // ---- test sources

    private static List<Path> javaFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    private static boolean hasTestMethods(Path source) throws IOException {
        return TEST_ANNOTATION.matcher(Files.readString(source, StandardCharsets.UTF_8)).find();
    }

    /** The class file Surefire scans for this source: its path under test-classes, with '/'. */
    static String classFile(Path root, Path source) {
        String rel = root.relativize(source).toString().replace('\\', '/');
        return rel.substring(0, rel.length() - ".java".length()) + ".class";
    }

    // ---- Surefire's pattern rules (ResolvedTest and SelectorUtils of surefire-api)

    /** Selected when some include matches and no exclude does. */
    static boolean selected(String classFile, List<String> includes, List<String> excludes) {
        return matchesAny(classFile, includes) && !matchesAny(classFile, excludes);
    }

    private static boolean matchesAny(String classFile, List<String> patterns) {
        for (String entry : patterns) {
            for (String p : entry.split(",")) if (!p.isBlank() && matches(p.trim(), classFile)) return true;
        }
        return false;
    }

    /**
     * One pattern against a class file path: {@code %regex[...]} is a Java regex over the path;
     * otherwise ".java" becomes ".class", a name without '/' is a qualified class name (dots
     * become '/'), "**&#47;" is prepended unless present, and a pattern not ending in ".class"
     * or ".*" may match with ".class" appended.
     */
    static boolean matches(String pattern, String classFile) {
        if (pattern.startsWith("%regex[") && pattern.endsWith("]")) {
            return Pattern.compile(pattern.substring(7, pattern.length() - 1)).matcher(classFile).matches();
        }
        String p = pattern.endsWith(".java") ? pattern.substring(0, pattern.length() - 5) + ".class" : pattern;
        if (p.endsWith(".class")) {
            p = p.substring(0, p.length() - 6).replace('.', '/') + ".class";
        } else if (!p.contains("/") && !p.endsWith(".*")) {
            p = p.replace('.', '/');
        }
        if (!p.startsWith("**/")) p = "**/" + p;
        if (p.endsWith(".class") || p.endsWith(".*")) return matchPath(p, classFile);
        return matchPath(p + ".class", classFile) || matchPath(p, classFile);
    }

    /** Ant-style path matching: "**" spans any number of directories, '*' and '?' stay within one. */
    static boolean matchPath(String pattern, String path) {
        return matchSegments(pattern.split("/"), 0, path.split("/"), 0);
    }

    private static boolean matchSegments(String[] pat, int i, String[] path, int j) {
        if (i == pat.length) return j == path.length;
        if (pat[i].equals("**")) {
            for (int k = j; k <= path.length; k++) if (matchSegments(pat, i + 1, path, k)) return true;
            return false;
        }
        return j < path.length && matchName(pat[i], path[j]) && matchSegments(pat, i + 1, path, j + 1);
    }

    /** One path segment against a glob of '*' and '?'. */
    static boolean matchName(String glob, String name) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') re.append(".*");
            else if (c == '?') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return name.matches(re.toString());
    }
}
