package dev.moonstack.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moonstack.api.Lua;
import dev.moonstack.api.Profile;
import dev.moonstack.api.LuaException;
import java.nio.file.Path;
import javax.script.ScriptEngineManager;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The embedding scenarios of issue 14 as host programs, each in a JVM of its own, written as
 * a host would write them from the README and docs/embedding.md: nothing flushed or closed.
 */
class HostProgramTest {
    @TempDir
    Path dir;

    /** A host program; its first argument picks the scenario. */
    public static final class Host {
        public static void main(String[] args) throws Exception {
            switch (args[0]) {
                case "output": {                    // output interleaves with the host's, never lost
                    Lua lua = new Lua();
                    lua.exec("io.write('a') print('b')");
                    System.out.println("host");
                    lua.exec("io.write('c')");
                    System.out.println("end");
                    return;
                }
                case "sandboxexit": {               // os.exit in a sandbox is an error; the JVM lives
                    Lua lua = Lua.builder().profile(Profile.SANDBOX).build();
                    try {
                        lua.exec("os.exit(1)", "=script");
                    } catch (LuaException e) {
                        System.out.println("caught: " + e.getMessage());
                    }
                    System.out.println("alive");
                    return;
                }
                case "metatables": {                // LuaJ's flaw: a change in one runtime seen by another
                    Lua a = Lua.builder().profile(Profile.SANDBOX).build(), b = new Lua();
                    a.exec("getmetatable('').__index = function() return 'pwned' end");
                    System.out.println(a.exec("return ('x').anything")[0] + " " + b.exec("return ('x').upper('ok')")[0]);
                    return;
                }
                case "jsr223": {
                    Object r = new ScriptEngineManager().getEngineByName("lua").eval("print('from lua') return 6 * 7");
                    System.out.println("result " + r);
                    return;
                }
                default:
                    throw new IllegalArgumentException(args[0]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "output      | ab\\nhost\\ncend\\n",
        "sandboxexit | caught: script:1: os.exit is disabled by the host\\nalive\\n",
        "metatables  | pwned OK\\n",
        "jsr223      | from lua\\nresult 42\\n"})
    void scenario(String how, String out) throws Exception {
        Child.Result r = Child.run(Child.javaMain(java.util.List.of(), Host.class.getName(), how), dir, null);
        assertEquals(0, r.status(), r.err());
        assertEquals(out.replace("\\n", "\n"), r.out());
    }
}
