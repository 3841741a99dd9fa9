package dev.moonstack.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of an embedded runtime: flushed by {@code Lua.flush}, closed by {@code Lua.close}
 * (even those whose finalizer a script removed), and flushed and closed when a host drops the
 * runtime without closing it, also after the host stopped the script; print reaches a host's
 * stream at once.
 */
class HostFilesTest {
    private static final long DROP_WAIT_MS = 60_000;

    @TempDir
    Path dir;

    private static String lua(Path p) { return "'" + p.toString().replace("\\", "\\\\") + "'"; }

    private static Lua runtime() {
        return new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true);
    }

    @Test
    void flushWritesOpenFilesAndKeepsThemOpen() throws IOException {
        Path file = dir.resolve("flush.txt");
        Lua lua = runtime();
        Runtimes.execRaw(lua, "f = assert(io.open(" + lua(file) + ", 'w')) f:write('data')");
        lua.flush();
        assertEquals("data", Files.readString(file));
        Runtimes.execRaw(lua, "f:write('more') f:close()");
        assertEquals("datamore", Files.readString(file));
    }

    @Test
    void closeClosesFilesWhoseFinalizerWasRemoved() throws IOException {
        Path file = dir.resolve("nogc.txt");
        Lua lua = runtime();
        Runtimes.execRaw(lua, "f = assert(io.open(" + lua(file) + ", 'w')) f:write('data') getmetatable(f).__gc = nil");
        lua.close();
        assertEquals("data", Files.readString(file));
        assertEquals("closed file", String.valueOf(Runtimes.execRaw(lua, "return io.type(f)")[0]));
    }

    @Test
    void stoppedScriptKeepsItsDataAtClose() throws IOException {
        Path file = dir.resolve("stop.txt");
        Lua lua = runtime();
        Runtimes.mainThread(lua).interrupts().setBudget(10_000);
        assertThrows(LuaError.class, () -> Runtimes.execRaw(lua, "f = io.open(" + lua(file) + ", 'w') f:write('data') while true do end"));
        lua.close();
        assertEquals("data", Files.readString(file));
    }

    @Test
    void droppedRuntimeFlushesAndClosesItsFiles() throws Exception {
        Path file = dir.resolve("drop.txt");
        dropAfter("f = assert(io.open(" + lua(file) + ", 'w')) f:write('data')", false);
        assertEquals("data", awaitContent(file, "data"));
    }

    @Test
    void droppedRuntimeAfterAStopFlushesItsFiles() throws Exception {
        Path file = dir.resolve("dropstop.txt");
        dropAfter("f = io.open(" + lua(file) + ", 'w') f:write('data') while true do end", true);
        assertEquals("data", awaitContent(file, "data"));
    }

    /** Runs a script in a runtime that nothing refers to afterwards. */
    private static void dropAfter(String script, boolean stop) {
        Lua lua = runtime();
        if (stop) Runtimes.mainThread(lua).interrupts().setBudget(10_000);
        try {
            Runtimes.execRaw(lua, script);
        } catch (LuaError stopped) {
            assertTrue(stop, "only the stopped script fails");
        }
    }

    /** Collects until the file holds {@code expected} or the bounded wait is over; its content then. */
    private static String awaitContent(Path file, String expected) throws Exception {
        long end = System.currentTimeMillis() + DROP_WAIT_MS;
        String now = Files.readString(file);
        while (!now.equals(expected) && System.currentTimeMillis() < end) {
            System.gc();
            Thread.sleep(20);
            now = Files.readString(file);
        }
        return now;
    }

    /** A stream that records what was flushed, apart from what was written. */
    private static final class FlushRecorder extends OutputStream {
        final ByteArrayOutputStream pending = new ByteArrayOutputStream(), flushed = new ByteArrayOutputStream();

        @Override
        public void write(int b) { pending.write(b); }

        @Override
        public void write(byte[] b, int off, int len) { pending.write(b, off, len); }

        @Override
        public void flush() {
            flushed.writeBytes(pending.toByteArray());
            pending.reset();
        }

        String flushedText() { return flushed.toString(StandardCharsets.UTF_8); }
    }

    @Test
    void printFlushesTheHostStreamAndSoDoesTheEndOfEveryCall() {
        FlushRecorder out = new FlushRecorder();
        Lua lua = new Lua(out, new ByteArrayOutputStream(), true);
        Runtimes.execRaw(lua, "io.write('a ') print('b') io.stdout:setvbuf('full') io.write('c')");
        assertEquals("a b\nc", out.flushedText(), "the host's stream is flushed when the call returns (issue 14)");
        lua.flush();
        assertEquals("a b\nc", out.flushedText());
    }
}
