package dev.moonstack.prof;

import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.api.Lua;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The speedscope files we write (the sampler's "sampled" profile and iprof's "evented"
 * timeline) validate against speedscope's published schema, the file-format-schema.json that
 * the npm package {@code speedscope} ships, with the validator ajv under node. The tools are
 * looked for in {@code $MOONSTACK_NODE_TOOLS/node_modules} (default {@code target/node-tools},
 * where .ci/run installs them: {@code npm install --prefix target/node-tools speedscope@1.25.0 ajv@8}).
 */
class SpeedscopeSchemaTest {
    static final Path TOOLS = Path.of(System.getenv().getOrDefault("MOONSTACK_NODE_TOOLS", "target/node-tools")).toAbsolutePath();

    @Test void ourSpeedscopeFilesValidateAgainstTheSchema(@TempDir Path dir) throws Exception {
        Path schema = TOOLS.resolve("node_modules/speedscope/dist/release/file-format-schema.json");
        Assumptions.assumeTrue(MemprofTest.onPath("node"), "node is not installed");
        Assumptions.assumeTrue(Files.isRegularFile(schema) && Files.isDirectory(TOOLS.resolve("node_modules/ajv")),
                "speedscope's schema or ajv is missing: npm install --prefix " + TOOLS + " speedscope@1.25.0 ajv@8");
        Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        Object chunk = lua.load("""
                local function leaf(n) local x = 0 for i = 1, n do x = x + i end return x end
                local function mid() return leaf(20000) + #string.rep("ab", 10) end
                local t = os.clock()
                while os.clock() - t < 0.2 do mid() end
                """, "@ss.lua");
        Path sampled = dir.resolve("sampled.speedscope.json");
        SampleSet s = Profiles.runWithSampling(Runtimes.state(lua), "250us", sampled, () -> lua.call(chunk));
        assertTrue(s.total() > 0);
        List<Timeline> timelines = new ArrayList<>();
        Object small = lua.load("local function f(n) if n > 0 then return f(n - 1) + 1 end return 0 end return f(5)", "@ev.lua");
        Profiler.iprofTimeline(Runtimes.mainThread(lua), "frame", Profiler.NO_LIMIT, () -> lua.call(small), timelines);
        Path evented = dir.resolve("evented.speedscope.json");
        try (Writer w = Files.newBufferedWriter(evented, StandardCharsets.UTF_8)) {
            timelines.get(0).speedscope("frame", w);
        }
        Path check = dir.resolve("check.js");
        Files.writeString(check, """
                const fs = require('fs');
                const Ajv = require('ajv');
                const validate = new Ajv({strict: false, allErrors: true}).compile(JSON.parse(fs.readFileSync(process.argv[2])));
                let bad = 0;
                for (const f of process.argv.slice(3)) {
                  if (!validate(JSON.parse(fs.readFileSync(f)))) { bad++; console.log(f + ': ' + JSON.stringify(validate.errors)); }
                  else console.log(f + ': valid');
                }
                process.exit(bad ? 1 : 0);
                """);
        ProcessBuilder pb = new ProcessBuilder("node", check.toString(), schema.toString(), sampled.toString(), evented.toString())
                .redirectErrorStream(true);
        pb.environment().put("NODE_PATH", TOOLS.resolve("node_modules").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals(2, out.split(": valid").length - 1, out);
    }
}
