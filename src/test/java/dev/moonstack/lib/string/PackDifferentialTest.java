package dev.moonstack.lib.string;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.lib.LibHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * string.pack, string.unpack and string.packsize against the reference interpreter: several
 * thousand generated cases ({@link PackCases}) run through binlib_harness.lua on both sides
 * must print the same lines (packed bytes, unpacked values, error messages).
 */
class PackDifferentialTest {
    @Test
    void generatedCasesAgreeWithLua54() throws Exception {
        List<String> cases = PackCases.generate(0xB1_0A_C4L, 5000);
        assertTrue(cases.size() >= 5000, "cases: " + cases.size());
        LibHarness.assertSameAsReference(cases);
    }
}
