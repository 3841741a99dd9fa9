package dev.moonstack.io;

import dev.moonstack.api.internal.Runtimes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moonstack.api.Lua;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results of os.execute and of closing an io.popen file, for a table of shell commands,
 * compared with lua5.4's: exit statuses (above 127 too) and deaths of the shell by a signal.
 */
class ShellStatusTest {
    @TempDir
    Path dir;

    /** Commands whose status Java reports as lua5.4 does (see {@link #javaCannotTellTheseFromSignals}). */
    private static final List<String> COMMANDS = List.of(
            "true", "false", "exit 3", "exit 127", "exit 128", "exit 160", "exit 200", "exit 255", "exit 256",
            "(exit 77)", "sh -c 'exit 201'", "echo hidden >/dev/null; exit 12", "no_such_command_here 2>/dev/null",
            "kill -9 $$", "kill -15 $$", "kill -2 $$", "kill -13 $$", "kill -1 $$");

    /** Prints, for each command given as an argument, os.execute's and popen():close()'s results. */
    private static final String SCRIPT = String.join("\n",
            "local function all(...)",
            "  local t = table.pack(...)",
            "  for i = 1, t.n do t[i] = tostring(t[i]) end",
            "  return table.concat(t, ' ', 1, t.n)",
            "end",
            "for _, cmd in ipairs({...}) do",
            "  print(cmd .. ' | ' .. all(os.execute(cmd)) .. ' | ' .. all(io.popen(cmd):close())",
            "        .. ' | ' .. all(io.popen(cmd, 'w'):close()))",
            "end",
            "local p = io.popen('echo one; echo two')",
            "print(p:read('L'), p:read('a'), p:read('a'), p:read('l'), p:close())",
            "print(os.execute())",
            "");

    @Test
    void sameResultsAsLua() throws Exception {
        Child.requireLua();
        assertEquals(reference(COMMANDS), ours(COMMANDS));
    }

    /**
     * Java reports a death by signal n as the status 128 + n, as the shell's {@code $?} does,
     * so a status of 129 to 159 cannot be told from a plain exit: it is read as a signal. lua5.4
     * with Debian's dash reports these as exits (dash does not exec a last command, so a command
     * killed by SIGPIPE leaves the shell to exit 141). This test pins down that documented
     * difference, so that a change of either side shows.
     */
    @Test
    void javaCannotTellTheseFromSignals() throws Exception {
        Child.requireLua();
        List<String> cmds = List.of("exit 137", "exit 141");
        assertEquals(List.of("exit 137 | nil exit 137 | nil exit 137 | nil exit 137",
                "exit 141 | nil exit 141 | nil exit 141 | nil exit 141"), reference(cmds).subList(0, 2));
        assertEquals(List.of("exit 137 | nil signal 9 | nil signal 9 | nil signal 9",
                "exit 141 | nil signal 13 | nil signal 13 | nil signal 13"), ours(cmds).subList(0, 2));
    }

    private List<String> reference(List<String> cmds) throws Exception {
        Files.writeString(dir.resolve("status.lua"), SCRIPT);
        String[] args = new String[cmds.size() + 1];
        args[0] = "status.lua";
        for (int i = 0; i < cmds.size(); i++) args[i + 1] = cmds.get(i);
        Child.Result r = Child.run(Child.lua(args), dir, null);
        assertEquals(0, r.status(), r.err());
        return r.out().lines().toList();
    }

    /** Runs in this JVM: the commands' standard streams are the test JVM's. */
    private static List<String> ours(List<String> cmds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Lua lua = new Lua(out, new ByteArrayOutputStream(), true);
        Object[] args = cmds.toArray();
        Runtimes.callRaw(lua, Runtimes.loadClosure(lua, SCRIPT, "=status"), args);
        lua.close();
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
