package dev.moonstack.lib;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The utf8 library against the reference interpreter: several thousand generated cases
 * ({@link Utf8Cases}) run through binlib_harness.lua on both sides must print the same lines.
 */
class Utf8DifferentialTest {
    @Test
    void generatedCasesAgreeWithLua54() throws Exception {
        List<String> cases = Utf8Cases.generate(0x0F8_5EEDL, 600);
        assertTrue(cases.size() >= 4000, "cases: " + cases.size());
        LibHarness.assertSameAsReference(cases);
    }
}
