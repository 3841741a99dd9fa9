package dev.moonstack.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.code.Dump;
import dev.moonstack.compiler.LuaCompiler;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaTable;
import dev.moonstack.vm.LuaOps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the lexer, the parser, the compiler and the binary-chunk loader: mutated sources (the
 * golden corpus and, when present, the official test suite), random bytes, random token soups,
 * and truncated or bit-flipped {@code string.dump} outputs must each give a LuaError or a
 * result: never another Java exception (the host boundary turns those into "internal error"
 * messages, which count as failures here, as do StackOverflowErrors it converts), never a hang
 * (compiling has a wall-clock limit; what compiles runs under an instruction budget in a
 * sandbox without io, os or load), and the stack invariants hold after every input. Inputs run
 * on a thread with the JVM's default 1 MB stack, as a host's would.
 *
 * <p>Budget and replay: {@code -Dmoonstack.fuzz.tries=N} is shared with
 * {@link DifferentialFuzzTest}; this test runs four inputs per try (6,000 by default, about
 * half a minute), {@code -Dmoonstack.fuzz.seed} as there.
 */
class LoaderFuzzTest {
    private static final int INPUTS = 4 * Integer.getInteger("moonstack.fuzz.tries", 1500);
    private static final long BUDGET = 200_000;
    private static final long TIMEOUT_MS = 10_000;
    /** The official suite, as the conformance tests find it (-Dmoonstack.suite). */
    private static final Path SUITE = Paths.get(System.getProperty("moonstack.suite", "../shared/conformance/lua-5.4.8-tests"));

    private static final String[] TOKENS = {
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while", "+", "-", "*",
        "/", "%", "^", "#", "&", "~", "|", "<<", ">>", "//", "==", "~=", "<=", ">=", "<", ">", "=", "(",
        ")", "{", "}", "[", "]", "::", ";", ":", ",", ".", "..", "...", "x", "y", "_ENV", "self", "0",
        "1", "3.5", "0x1p4", "1e308", "0xffffffffffffffff", "9223372036854775808", "'s'", "\"\\n\"",
        "[[long]]", "[==[x]==]", "--c\n", "--[[c]]", "<const>", "<close>", "\n", " ", "'\\u{7FFFFFFF}'",
        "'\\z  x'", "'\\300'", "'\\x4", "[=[", "]]", "--[==[", "0x", "1e", "3..2", "\\", "@", "$", "`",
    };

    private final List<byte[]> sources = new ArrayList<>();
    private final List<byte[]> dumps = new ArrayList<>();

    @Test
    void malformedInputsGiveLuaErrorsOrResults() throws Exception {
        loadSeeds();
        long seed = DifferentialFuzzTest.seed();
        Random random = new Random(seed);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Lua lua = new Lua(sink, sink, true);
        LuaTable sandbox = sandbox(lua);
        long start = System.nanoTime();
        int[] outcomes = new int[3];              // syntax or load errors, runtime errors, results
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = input(random, i % 4);
            outcomes[runOne(lua, sandbox, input, seed, i)]++;
            if (sink.size() > 1 << 20) sink.reset();
        }
        System.out.printf("loader fuzz: %d inputs (%d rejected by load, %d runtime errors, %d ran) in %.1f s (seed %d)%n",
                INPUTS, outcomes[0], outcomes[1], outcomes[2], (System.nanoTime() - start) / 1e9, seed);
    }

    /** The unmutated dumps load back: the loader's checks accept everything the compiler writes. */
    @Test
    void dumpsOfTheSeedsLoadBack() throws Exception {
        loadSeeds();
        Lua lua = new Lua(new ByteArrayOutputStream(), new ByteArrayOutputStream(), true);
        for (byte[] d : dumps) Runtimes.loadClosure(lua, d, "=dump");
        org.junit.jupiter.api.Assertions.assertTrue(dumps.size() >= 10, "seed dumps: " + dumps.size());
    }

    /** Loads and runs one input; returns 0 when load rejected it, 1 for a runtime error, 2 for a result. */
    private static int runOne(Lua lua, LuaTable sandbox, byte[] input, long seed, int index) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        int[] outcome = {-1};
        Thread t = new Thread(null, () -> {
            try {
                outcome[0] = 0;
                LuaClosure f = Runtimes.loadClosure(lua, input, "=fuzz");
                LuaOps.setFirstUpvalue(f, sandbox, 0);
                outcome[0] = 1;
                Runtimes.mainThread(lua).interrupts().setBudget(BUDGET);
                Runtimes.callRaw(lua, f);
                outcome[0] = 2;
            } catch (LuaError e) {
                String m = String.valueOf(e.getMessage());
                if (m.contains("internal error") || m.contains("(Java stack)") || m.contains("too many syntax levels")) {
                    thrown.set(e);
                }
            } catch (Throwable e) {
                thrown.set(e);
            } finally {
                Runtimes.mainThread(lua).interrupts().setBudget(0);
            }
        }, "loader-fuzz", 0);                 // 0: the JVM's default stack size
        t.start();
        t.join(TIMEOUT_MS);
        String problem = null;
        if (t.isAlive()) {
            Runtimes.mainThread(lua).interrupts().requestInterrupt();
            t.join(2000);
            problem = "no answer within " + TIMEOUT_MS + " ms (" + (outcome[0] == 0 ? "loading" : "running") + ")";
        } else if (thrown.get() != null) {
            problem = thrown.get().toString();
        } else {
            List<String> v = Runtimes.mainThread(lua).checkInvariants();
            if (!v.isEmpty()) problem = "stack invariants violated after the input: " + v;
        }
        if (problem != null) {
            Path saved = save(input);
            fail("input " + index + " (seed " + seed + ", saved to " + saved + "): " + problem, thrown.get());
        }
        return outcome[0];
    }

    private static Path save(byte[] input) {
        try {
            Path dir = Files.createDirectories(Paths.get("target/fuzz-failures"));
            Path f = Files.createTempFile(dir, "loader", ".bin");
            Files.write(f, input);
            return f;
        } catch (IOException e) {
            return null;
        }
    }

    /** A table with the pure parts of the standard library: no io, os, load, require or debug. */
    private static LuaTable sandbox(Lua lua) {
        LuaTable g = Runtimes.state(lua).globals, env = new LuaTable();
        for (String name : new String[] {"string", "table", "math", "utf8", "pairs", "ipairs", "select", "type",
                "tostring", "tonumber", "pcall", "xpcall", "error", "assert", "setmetatable", "getmetatable",
                "rawget", "rawset", "rawequal", "rawlen", "next", "print"}) {
            LuaString k = LuaString.of(name);
            env.setStr(k, g.getStrRef(k), 0);
        }
        env.setStr(LuaString.of("_G"), env, 0);
        return env;
    }

    // ---------------------------------------------------------------- inputs

    private void loadSeeds() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Paths.get("src/test/resources/golden"))) {
            s.filter(p -> p.toString().endsWith(".lua")).sorted().forEach(files::add);
        }
        if (Files.isDirectory(SUITE)) {
            try (Stream<Path> s = Files.list(SUITE)) {
                s.filter(p -> p.toString().endsWith(".lua")).sorted().forEach(files::add);
            }
        }
        for (Path f : files) {
            byte[] src = Files.readAllBytes(f);
            sources.add(src);
            try {
                dumps.add(Dump.dump(LuaCompiler.compile(src, LuaString.of("=" + f.getFileName())), sources.size() % 2 == 0));
            } catch (LuaError e) {
                // a suite file this compiler does not accept yet: still a source seed
            }
        }
    }

    /** Input of kind {@code kind}: 0 a mutated source, 1 random bytes, 2 a token soup, 3 a mutated dump. */
    private byte[] input(Random r, int kind) {
        switch (kind) {
            case 0: return mutateSource(r, sources.get(r.nextInt(sources.size())));
            case 1: {
                byte[] b = new byte[r.nextInt(200)];
                r.nextBytes(b);
                if (r.nextInt(4) == 0 && b.length > 4) System.arraycopy(new byte[] {0x1b, 'L', 'u', 'a'}, 0, b, 0, 4);
                return b;
            }
            case 2: return tokenSoup(r);
            default: return mutateDump(r, dumps.get(r.nextInt(dumps.size())));
        }
    }

    private static byte[] tokenSoup(Random r) {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(60);
        for (int i = 0; i < n; i++) b.append(TOKENS[r.nextInt(TOKENS.length)]).append(r.nextInt(3) == 0 ? "" : " ");
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A source with a few edits: token insertions, deletions, duplications, byte flips, cuts, splices. */
    private byte[] mutateSource(Random r, byte[] src) {
        byte[] d = src;
        int edits = 1 + r.nextInt(r.nextBoolean() ? 1 : 4);
        for (int e = 0; e < edits && d.length > 0; e++) {
            int at = r.nextInt(d.length), len = Math.min(d.length - at, 1 + r.nextInt(40));
            switch (r.nextInt(7)) {
                case 0: d = splice(d, at, 0, TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.ISO_8859_1)); break;
                case 1: d = splice(d, at, len, new byte[0]); break;
                case 2: d = splice(d, at, 0, Arrays.copyOfRange(d, at, at + len)); break;
                case 3: d = d.clone(); d[at] ^= (byte) (1 << r.nextInt(8)); break;
                case 4: d = Arrays.copyOf(d, at); break;
                case 5: {
                    byte[] other = sources.get(r.nextInt(sources.size()));
                    int from = r.nextInt(other.length);
                    d = splice(d, at, len, Arrays.copyOfRange(other, from, Math.min(other.length, from + 1 + r.nextInt(200))));
                    break;
                }
                default: d = splice(d, at, 0, "(((((((((((((((((((((".repeat(1 + r.nextInt(20)).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return d;
    }

    /** A dump truncated, bit-flipped or with bytes changed. */
    private static byte[] mutateDump(Random r, byte[] dump) {
        byte[] d = dump.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && d.length > 0; e++) {
            int at = r.nextInt(d.length);
            switch (r.nextInt(4)) {
                case 0: d[at] ^= (byte) (1 << r.nextInt(8)); break;
                case 1: d[at] = (byte) r.nextInt(256); break;
                case 2: d = Arrays.copyOf(d, at); break;
                default: d[at] = (byte) (r.nextBoolean() ? 0xff : 0x7f);
            }
        }
        return d;
    }

    private static byte[] splice(byte[] d, int at, int remove, byte[] insert) {
        byte[] out = new byte[d.length - remove + insert.length];
        System.arraycopy(d, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(d, at + remove, out, at + insert.length, d.length - at - remove);
        return out;
    }
}
