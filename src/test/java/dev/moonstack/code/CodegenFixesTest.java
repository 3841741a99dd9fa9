package dev.moonstack.code;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The tolerance of {@link CodegenFixes} is narrow: only the documented differences pass. */
class CodegenFixesTest {
    private static final String LUAC = String.join("\n",
            "",
            "main <x.lua:0,0> (6 instructions at ADDR0)",
            "0+ params, 3 slots, 1 upvalue, 1 local, 1 constant, 0 functions",
            "\t1\t[1]\tVARARGPREP\t0",
            "\t2\t[2]\tGETTABUP \t0 0 0\t; _ENV \"f\"",
            "\t3\t[2]\tCALL     \t0 1 1\t; 0 in 0 out",
            "\t4\t[3]\tCLOSE    \t2",
            "\t5\t[4]\tCLOSE    \t1",
            "\t6\t[5]\tRETURN   \t0 1 1\t; 0 out",
            "constants (1) for ADDR0:",
            "\t0\tS\t\"f\"",
            "locals (1) for ADDR0:",
            "\t0\tx\t2\t6",
            "upvalues (1) for ADDR0:",
            "\t0\t_ENV\t1\t0",
            "");

    private static String ours(String from, String to) {
        String s = LUAC.replace(from, to);
        assertNotEquals(LUAC, s);
        return s;
    }

    private static String check(String file, String ours) {
        return CodegenFixes.unexplained(file, LUAC, ours);
    }

    @Test
    void explainsTheFixes() {
        assertEquals("", check("x.lua", LUAC));
        assertEquals("", check("x.lua", ours("\tx\t2\t6", "\tx\t2\t5")));           // ends at CLOSE 5
        assertEquals("", check("x.lua", ours("[2]\tCALL", "[3]\tCALL")));          // later call line
        assertEquals("", check("x.lua", ours("CLOSE    \t2", "CLOSE    \t1")));    // lower level
    }

    @Test
    void rejectsEverythingElse() {
        assertNotEquals("", check("x.lua", ours("\tx\t2\t6", "\tx\t2\t4")));        // not one before
        assertNotEquals("", check("x.lua", ours("\tx\t2\t6", "\ty\t2\t5")));        // other name
        String endsAt4 = LUAC.replace("\tx\t2\t6", "\tx\t2\t4");                    // 3 is a CALL
        assertNotEquals("", CodegenFixes.unexplained("x.lua", endsAt4, endsAt4.replace("\tx\t2\t4", "\tx\t2\t3")));
        assertNotEquals("", check("x.lua", ours("[2]\tCALL", "[1]\tCALL")));        // earlier line
        assertNotEquals("", check("x.lua", ours("CALL     \t0 1 1", "CALL     \t0 2 1")));
        assertNotEquals("", check("x.lua", ours("[2]\tGETTABUP", "[3]\tGETTABUP")));
        assertNotEquals("", check("x.lua", ours("CLOSE    \t2", "CLOSE    \t3")));    // higher level
        assertNotEquals("", check("x.lua", ours("3 slots", "4 slots")));
        assertNotEquals("", check("x.lua", ours("\t0\tS\t\"f\"", "\t0\tS\t\"g\"")));
        assertNotEquals("", check("x.lua", LUAC + "\n"));
    }

    @Test
    void reorderingOnlyAtListedLines() {
        String swapped = ours("\t2\t[2]\tGETTABUP \t0 0 0\t; _ENV \"f\"", "\t2\t[2]\tLOADI    \t1 7");
        assertNotEquals("", check("x.lua", swapped));
        String atLine8 = LUAC.replace("[2]", "[8]");
        String swapped8 = atLine8.replace("GETTABUP \t0 0 0\t; _ENV \"f\"", "LOADI    \t1 7");
        assertEquals("", CodegenFixes.unexplained("closure.lua", atLine8, swapped8));
        assertNotEquals("", CodegenFixes.unexplained("other.lua", atLine8, swapped8));
    }
}
