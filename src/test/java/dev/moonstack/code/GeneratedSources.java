package dev.moonstack.code;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lua sources too big to keep as files, made at test time: constructors past the C argument
 * of SETLIST and NEWTABLE, constant tables past MAXINDEXRK and past Bx (LOADKX).
 */
final class GeneratedSources {
    private GeneratedSources() {}

    static List<Path> writeAll(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(write(dir, "bigconstructors.lua", bigConstructors()));
        files.add(write(dir, "manyconstants.lua", manyConstants(300)));
        files.add(write(dir, "loadkx.lua", manyConstants(140_000)));
        return files;
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String bigConstructors() {
        StringBuilder sb = new StringBuilder("local t = {");
        for (int i = 0; i < 600; i++) sb.append(i).append(',');
        sb.append("...}\nlocal h = {");
        for (int i = 0; i < 300; i++) sb.append("k").append(i).append(" = ").append(i).append(',');
        sb.append("}\nlocal m = {");
        for (int i = 0; i < 70; i++) sb.append(i).append(".5, x").append(i).append(" = 1;");
        sb.append("[1] = 2}\nreturn t, h, m\n");
        return sb.toString();
    }

    /** {@code n} distinct constants, then uses of constants whose indices are past the limits. */
    private static String manyConstants(int n) {
        StringBuilder sb = new StringBuilder("local t = {");
        for (int i = 0; i < n; i++) sb.append(i).append(".25,");
        sb.append("}\n");
        sb.append("local a = t.zz + 1.5; t.k1 = 'v'; t[t] = 2.75; g = 'x'; local b = a == 'y'\n");
        sb.append("local c = a & 1000000; local d = -1000000 | a; local e = a .. 'tail'\n");
        sb.append("local f = {x = 1.125, y = 'y', [1.5] = true}\nreturn a, b, c, d, e, f\n");
        return sb.toString();
    }
}
