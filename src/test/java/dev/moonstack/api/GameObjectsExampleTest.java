package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * examples/GameObjects.java, the binding of a game object as a host program written from
 * docs/embedding.md, run in a JVM of its own as a user runs it. The expected output follows
 * from Lua's semantics (print separates with tabs), Java's (Double.toString) and the binding's
 * documented messages.
 */
class GameObjectsExampleTest {
    static final String EXPECTED = String.join("\n",
            "orc\t10\ttrue\t3.0,4.0",
            "4.0,4.0\tfalse\tnil",
            "7\tfalse\tbad argument #2 to 'hit' (number expected, got string)",
            "false\tgame:9: field 'name' of Enemy is read-only",
            "orc died: Enemy orc",
            "false",
            "error: game:1: bad argument #1 to 'move' (Enemy expected, got string)",
            "java sees hp 0",
            "collected elf",
            "collected orc", "");

    @Test
    void theGameObjectsExampleRuns() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "examples/GameObjects.java")
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        assertEquals(EXPECTED, text);
    }
}
