package dev.moonstack.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Java hosts that never call {@code flush()} or {@code close()}, each in a JVM of its own: what
 * the script printed reaches standard output at once, and buffered data (a file never closed,
 * io.write to standard output) when the JVM exits, however it exits.
 */
class HostExitTest {
    @TempDir
    Path dir;

    /** A host using {@code new Lua()}: runs a script, then leaves as its first argument says. */
    public static final class Host {
        public static void main(String[] args) {
            String how = args[0], path = args[1];
            Lua lua = how.equals("osexit") ? Lua.builder().exitHandler(System::exit).build() : new Lua();   // os.exit ends the JVM only when the host opts in
            Runtimes.execRaw(lua, "f = assert(io.open('" + path + "', 'w')) f:write('data') io.write('out ') print('printed')");
            System.out.println("host");
            switch (how) {
                case "halt":                        // no hooks: only what was flushed is there
                    Runtime.getRuntime().halt(0);
                    break;
                case "return":
                    Runtimes.execRaw(lua, "io.write('tail')");
                    return;
                case "systemexit":
                    Runtimes.execRaw(lua, "io.write('tail')");
                    System.exit(3);
                    break;
                case "osexit":
                    Runtimes.execRaw(lua, "io.write('tail') os.exit(5)");
                    break;
                case "stopped":
                    Runtimes.mainThread(lua).interrupts().setBudget(10_000);
                    try {
                        Runtimes.execRaw(lua, "io.write('tail') while true do end");
                    } catch (LuaError stopped) {
                        System.out.println(" stopped");
                    }
                    return;
                default:
                    throw new IllegalArgumentException(how);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "halt       | 0 | out printed\\nhost\\n",
        "return     | 0 | out printed\\nhost\\ntail",
        "systemexit | 3 | out printed\\nhost\\ntail",
        "osexit     | 5 | out printed\\nhost\\ntail",
        "stopped    | 0 | out printed\\nhost\\ntail stopped\\n"})
    void nothingWrittenIsLost(String how, int status, String out) throws Exception {
        Path file = dir.resolve("host.txt");
        Child.Result r = Child.run(Child.javaMain(java.util.List.of(), Host.class.getName(), how, file.toString()), dir, null);
        assertEquals(status, r.status(), r.err());
        assertEquals(out.replace("\\n", "\n"), r.out());
        assertEquals(how.equals("halt") ? "" : "data", Files.readString(file));
    }
}
