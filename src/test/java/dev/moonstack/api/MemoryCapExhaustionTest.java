package dev.moonstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With a memory cap below the JVM heap, no script can cause an OutOfMemoryError: the ten
 * exhaustion shapes of {@link MemoryExhaustionTest} run in a child JVM with a 128 MB heap that
 * exits at the first OutOfMemoryError (-XX:+ExitOnOutOfMemoryError, status 3), under a cap of
 * 48 MB; each must end in the cap's "not enough memory" with the runtime usable afterwards.
 */
class MemoryCapExhaustionTest {
    @Test
    void aCapBelowTheHeapKeepsEveryScriptFromExhaustingIt() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-Xss16m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-Dmoonstack.probe.cap=" + (48 << 20), "-cp", System.getProperty("java.class.path"),
                MemoryProbe.class.getName()));
        cmd.addAll(MemoryExhaustionTest.SHAPES);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) p.destroyForcibly();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < MemoryExhaustionTest.SHAPES.size(); i++) expected.add("LuaError: not enough memory | after: 1000");
        assertEquals(String.join("\n", expected) + "\n", new String(out, StandardCharsets.UTF_8));
        assertEquals(0, p.exitValue());
    }
}
