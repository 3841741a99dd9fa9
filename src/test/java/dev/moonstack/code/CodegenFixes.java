package dev.moonstack.code;

import java.util.List;

/**
 * The differences between luac 5.4.4's listings and ours that the code-generation fixes of
 * Lua 5.4.5 to 5.4.8 explain (we generate 5.4.8's code; the installed luac is Debian's 5.4.4).
 * Every differing line must match one of these rules, each checked as narrowly as the fix
 * allows; anything else is a real difference. With a 5.4.8 luac as reference the listings
 * must be identical and this class is not used.
 *
 * <ul>
 * <li>Block locals end before the block's CLOSE (leaveblock removes the variables first,
 *     commit 997f11f5): a locals line may end one instruction earlier, at a CLOSE.</li>
 * <li>The same fix makes the CLOSE of a 'break' out of a 'for' close the loop's own state
 *     (level of the block, not of its variables): a CLOSE may have a lower A.</li>
 * <li>A call's line is the line of its arguments, not of the called expression (funcargs,
 *     commit 5ab6a575): a CALL or TAILCALL may have a later line, nothing else changed.</li>
 * <li>Two fixes reorder instructions; they are allowed only at the source lines listed in
 *     {@link #REORDERED}, where the rest of the instruction may differ too.</li>
 * </ul>
 */
final class CodegenFixes {
    private CodegenFixes() {}

    /** A source line of a corpus file where a 5.4.8 fix reorders instructions. */
    record Reordered(String file, int line, String why) {}

    static final List<Reordered> REORDERED = List.of(
            new Reordered("closure.lua", 8, "_ENV[1 < 2]: a comparison as the key of an upvalue"
                    + " table is put in a register before the table (luaK_exp2val, commit 782ef85b)"),
            new Reordered("math.lua", 824, "~(-1 >> 1) & 0x7A...: constant left operand of a bitwise"
                    + " operator past MAXINDEXRK, loaded after the other operand (codebitwise, c764ca71)"),
            new Reordered("fixes548.lua", 6, "t[a < b] with an upvalue t (luaK_exp2val, 782ef85b)"),
            new Reordered("fixes548.lua", 7, "t[not (a == b)] with an upvalue t (luaK_exp2val, 782ef85b)"),
            new Reordered("fixes548.lua", 8, "t[a <= b] = _ENV[b > a] (luaK_exp2val, 782ef85b)"),
            new Reordered("fixes548.lua", 39, "1 ~ (x or 3) ... past MAXINDEXRK (codebitwise, c764ca71)"));

    /**
     * The differing lines of {@code file}'s listings that no rule explains, as a report (empty
     * when all are explained). {@code luac} and {@code ours} are normalised listings.
     */
    static String unexplained(String file, String luac, String ours) {
        String[] el = luac.split("\n", -1), ol = ours.split("\n", -1);
        if (el.length != ol.length) return "listings have different lengths";
        StringBuilder report = new StringBuilder();
        int funcStart = 0;
        boolean inLocals = false;
        for (int i = 0; i < el.length; i++) {
            String o = ol[i];
            if (o.startsWith("main <") || o.startsWith("function <")) {
                funcStart = i + 2;   // header lines, then the code from pc 1
                inLocals = false;
            } else if (o.startsWith("locals (")) {
                inLocals = true;
            } else if (o.startsWith("upvalues (") || o.startsWith("constants (")) {
                inLocals = false;
            }
            if (el[i].equals(o)) continue;
            boolean ok = inLocals ? localEndsAtClose(el[i], o, ol, funcStart) : codeFix(file, el[i], o);
            if (!ok) report.append("line ").append(i + 1).append("\n  luac: ").append(el[i])
                    .append("\n  ours: ").append(o).append('\n');
        }
        return report.toString();
    }

    /** A locals line "\tidx\tname\tstartpc\tendpc" that ends at a CLOSE, one before luac's end. */
    private static boolean localEndsAtClose(String luac, String ours, String[] listing, int funcStart) {
        String[] e = luac.split("\t"), o = ours.split("\t");
        if (e.length != 5 || o.length != 5) return false;
        for (int f = 0; f < 4; f++) if (!e[f].equals(o[f])) return false;
        int end = Integer.parseInt(o[4]);
        if (end != Integer.parseInt(e[4]) - 1) return false;
        String[] at = listing[funcStart + end - 1].split("\t");
        return at.length > 3 && at[1].equals(Integer.toString(end)) && at[3].trim().equals("CLOSE");
    }

    /** A code line "\tpc\t[line]\tOPNAME\targs..." changed by one of the fixes. */
    private static boolean codeFix(String file, String luac, String ours) {
        String[] e = luac.split("\t", 5), o = ours.split("\t", 5);
        if (e.length < 5 || o.length < 5 || !e[1].equals(o[1])) return false;
        int el = lineOf(e[2]), ol = lineOf(o[2]);
        if (el == ol) {
            for (Reordered r : REORDERED) if (r.file.equals(file) && r.line == el) return true;
        }
        String eop = e[3].trim(), oop = o[3].trim();
        if (!eop.equals(oop)) return false;
        if ((oop.equals("CALL") || oop.equals("TAILCALL")) && e[4].equals(o[4])) return ol > el;
        if (oop.equals("CLOSE") && el == ol) {
            return Integer.parseInt(o[4].trim()) < Integer.parseInt(e[4].trim());
        }
        return false;
    }

    private static int lineOf(String bracketed) {
        return bracketed.startsWith("[") && !bracketed.equals("[-]")
                ? Integer.parseInt(bracketed.substring(1, bracketed.length() - 1)) : -1;
    }
}
