package dev.moonstack.prof;

import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.api.Lua;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The flame graph SVG opens in headless Chromium (Debian: chromium) with no script error, its
 * frames are in the page, and a screenshot is drawn. Skips where chromium is not installed.
 */
class FlameSvgChromiumTest {
    @Test void theSvgOpensInChromiumWithoutErrors(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(MemprofTest.onPath("chromium"), "chromium is not installed (apt-get install -y chromium)");
        Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        Object chunk = lua.load("""
                local function leaf(n) local x = 0 for i = 1, n do x = x + i end return x end
                local function mid() return leaf(5000) + 1 end
                local function tail() return leaf(10) end
                local t = os.clock()
                while os.clock() - t < 0.2 do mid() tail() end
                """, "@svg.lua");
        Path svg = dir.resolve("flame.svg");
        Profiles.runWithSampling(Runtimes.state(lua), "250us", svg, () -> lua.call(chunk));
        Path png = dir.resolve("flame.png");
        String dom = chromium(dir, "--dump-dom", svg.toUri().toString());
        assertTrue(dom.contains("leaf (svg.lua:1)"), "DOM: " + dom + "\nSVG: " + Files.readString(svg));
        assertTrue(dom.contains("main chunk (svg.lua)"), dom);
        assertFalse(dom.contains("tail (svg.lua:1)"), "a tail-called function is not named by the call site of its caller");
        chromium(dir, "--screenshot=" + png, "--window-size=1200,300", svg.toUri().toString());
        assertTrue(Files.size(png) > 1000, "a screenshot of " + Files.size(png) + " bytes");
    }

    /** Runs headless Chromium; fails on a script error in its console; returns its output. */
    private static String chromium(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + dir.resolve("profile")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish");
        String err = Files.readString(dir.resolve("chromium.err"));
        assertEquals(0, p.exitValue(), err);
        for (String line : err.split("\n")) {
            assertFalse(line.contains(":CONSOLE") && (line.contains("Error") || line.contains("Uncaught")), line);
        }
        return out;
    }
}
