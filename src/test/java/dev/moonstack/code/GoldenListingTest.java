package dev.moonstack.code;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Golden listings: each {@code X.lua} under src/test/resources/listings has {@code X.lua.listing},
 * the normalised output of {@code luac -l -l} of Lua 5.4.8 (built from the lua/lua sources at
 * tag v5.4.8, with the luac.c of the lua-5.4.8 release, which that repository does not hold; it has
 * the code-generation fixes listed in {@link CodegenFixes}); our listing must equal it. This runs without luac. To rewrite the expectations run with
 * {@code -Dmoonstack.regen=true -Dmoonstack.luac=/path/to/luac-5.4.8}.
 */
class GoldenListingTest {
    private static final Path DIR = DifferentialListingTest.SNIPPETS;

    @TestFactory
    Stream<DynamicTest> listings() throws IOException {
        boolean regen = Boolean.getBoolean("moonstack.regen");
        if (regen) assumeTrue(LuacReference.hasFixes548(), "regeneration needs a luac of Lua 5.4.8 (-Dmoonstack.luac)");
        Stream<Path> files = Files.list(DIR).filter(p -> p.toString().endsWith(".lua")).sorted();
        return files.map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f, regen)));
    }

    private static void check(Path source, boolean regen) throws Exception {
        Path golden = source.resolveSibling(source.getFileName() + ".listing");
        String ours = LuacReference.normalize(DifferentialListingTest.ourListing(source));
        if (regen) {
            String ref = LuacReference.normalize(LuacReference.listing(source));
            Files.writeString(golden, ref, StandardCharsets.ISO_8859_1);
        }
        assertTrue(Files.exists(golden), "missing " + golden + " (regenerate with -Dmoonstack.regen=true)");
        String expected = Files.readString(golden, StandardCharsets.ISO_8859_1);
        assertEquals(expected, ours, () -> source + " differs from its golden listing:\n"
                + LuacReference.firstDifferences(expected, ours, 10));
    }
}
