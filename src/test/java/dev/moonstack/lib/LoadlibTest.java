package dev.moonstack.lib;

import dev.moonstack.api.internal.Runtimes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moonstack.api.Lua;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C modules cannot be loaded on the JVM: package.loadlib answers as a Lua built without dynamic
 * libraries does (nil, message, "absent"), and require of a C module found on package.cpath
 * fails, both with a message that says why.
 */
class LoadlibTest {
    @TempDir
    Path dir;

    private static final String WHY = "dynamic libraries not enabled; C modules cannot be loaded on the JVM"
            + " (use a Java module in package.preload)";

    private static Lua runtime() {
        return new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true);
    }

    @Test
    void loadlibIsAbsent() {
        Lua lua = runtime();
        Object[] r = Runtimes.execRaw(lua, "return package.loadlib('/usr/lib/libm.so', 'sin')");
        assertEquals("[null, " + WHY + ", absent]", Arrays.toString(r));
        assertEquals("[null, " + WHY + ", absent]", Arrays.toString(Runtimes.execRaw(lua, "return package.loadlib('x', '*')")));
        Object[] bad = Runtimes.execRaw(lua, "return pcall(package.loadlib, 'x')");
        assertEquals("[false, bad argument #2 to 'package.loadlib' (string expected, got no value)]", Arrays.toString(bad));
    }

    @Test
    void requireOfACModuleSaysWhy() throws Exception {
        Path so = dir.resolve("cmod.so");
        Files.write(so, new byte[] {0x7f, 'E', 'L', 'F'});
        Lua lua = runtime();
        String cpath = dir.resolve("?.so").toString();
        Object[] r = Runtimes.execRaw(lua, "package.cpath = '" + cpath + "' return pcall(require, 'cmod')");
        assertEquals(Boolean.FALSE, r[0]);
        assertEquals("error loading module 'cmod' from file '" + so + "':\n\t" + WHY, String.valueOf(r[1]));
    }

    /** The alternative that docs/embedding-io.md shows: a module written in Java, loaded by require. */
    @Test
    void javaModuleThroughPreload() {
        Lua lua = runtime();
        Runtimes.register(lua, "hello", (L, base, nargs) -> {
            L.pushString("hello from Java");
            return 1;
        });
        Runtimes.execRaw(lua, "package.preload.greet = function() return { hello = hello } end");
        assertEquals("hello from Java", String.valueOf(Runtimes.execRaw(lua, "return require('greet').hello()")[0]));
    }
}
