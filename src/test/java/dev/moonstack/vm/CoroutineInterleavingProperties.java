package dev.moonstack.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moonstack.api.Lua;
import dev.moonstack.api.internal.Runtimes;
import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Random interleavings of coroutine operations (create, resume with a command, close) over
 * several coroutines, driven from Lua code running in the main coroutine, checked after every
 * step against a model of each coroutine (its status, its pcall nesting, what resume returns)
 * and for balanced stacks: the main coroutine's stacks back at their base, each suspended
 * coroutine holding exactly the activations and catchpoints its model says.
 *
 * <p>Each coroutine runs an interpreter of commands received through resume: "yield v" yields
 * v; "pcall" enters a pcall (and yields inside it); "leave" returns from the innermost pcall;
 * "error v" raises v (caught by the innermost pcall, if any); "return v" ends the coroutine.
 */
class CoroutineInterleavingProperties {
    static final String DRIVER = String.join("\n",
            "local function serve(depth, cmd, v)",
            "  while true do",
            "    if cmd == 'yield' then cmd, v = coroutine.yield('y', v, depth)",
            "    elseif cmd == 'pcall' then",
            "      local ok, e = pcall(function() return serve(depth + 1, coroutine.yield('p', v, depth + 1)) end)",
            "      cmd, v = coroutine.yield(ok and 'left' or 'caught', e, depth)",
            "    elseif cmd == 'leave' then if depth > 0 then return v end cmd, v = coroutine.yield('top', v, depth)",
            "    elseif cmd == 'error' then error(v, 0)",
            "    elseif cmd == 'return' then if depth == 0 then return 'done', v end cmd, v = coroutine.yield('nested', v, depth)",
            "    end",
            "  end",
            "end",
            "local cos = {}",
            "return {",
            "  create = function() cos[#cos + 1] = coroutine.create(function(cmd, v) return serve(0, cmd, v) end) return #cos end,",
            "  resume = function(i, cmd, v) return coroutine.resume(cos[i], cmd, v) end,",
            "  close = function(i) return coroutine.close(cos[i]) end,",
            "  status = function(i) return coroutine.status(cos[i]) end,",
            "  thread = function(i) return cos[i] end,",
            "}");

    /** The model of one coroutine. */
    static final class Model {
        boolean started, dead;
        int depth;                           // pcall nesting

        /** Expected (ok, tag, value-or-error, depth) of a resume with cmd, v. */
        Object[] resume(String cmd, long v) {
            if (dead) return new Object[] {false, "cannot resume dead coroutine"};
            started = true;
            switch (cmd) {
                case "yield": return new Object[] {true, "y", v, (long) depth};
                case "pcall": depth++; return new Object[] {true, "p", v, (long) depth};
                case "leave":
                    if (depth == 0) return new Object[] {true, "top", v, 0L};
                    depth--;
                    return new Object[] {true, "left", v, (long) depth};
                case "error":
                    if (depth == 0) {
                        dead = true;
                        return new Object[] {false, v};
                    }
                    depth--;
                    return new Object[] {true, "caught", v, (long) depth};
                default:                               // return
                    if (depth == 0) {
                        dead = true;
                        return new Object[] {true, "done", v};
                    }
                    return new Object[] {true, "nested", v, (long) depth};
            }
        }
    }

    static final class State {
        final Lua lua = new Lua(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), true);
        final LuaTable api;
        final List<Model> models = new ArrayList<>();

        State() {
            LuaClosure driver = Runtimes.loadClosure(lua, DRIVER, "=driver");
            api = (LuaTable) Runtimes.callRaw(lua, driver)[0];
            create();
        }

        Object fn(String name) { return api.getRef(dev.moonstack.value.LuaString.of(name), 0); }

        void create() {
            Runtimes.callRaw(lua, fn("create"));
            models.add(new Model());
        }

        void check() {
            LuaThread main = Runtimes.mainThread(lua);
            assertEquals(1, main.top(), "main stack back at its base");
            assertEquals(0, main.calls.depth(), "no activation left on the main coroutine");
            assertEquals(0, main.catches.depth(), "no catchpoint left on the main coroutine");
            for (int i = 0; i < models.size(); i++) {
                Model m = models.get(i);
                LuaThread co = (LuaThread) Runtimes.callRaw(lua, fn("thread"), (long) i + 1)[0];
                String status = Runtimes.callRaw(lua, fn("status"), (long) i + 1)[0].toString();
                assertEquals(m.dead ? "dead" : "suspended", status, "status of coroutine " + (i + 1));
                if (!m.dead && m.started) {
                    assertEquals(m.depth, co.catches.depth(), "catchpoints of coroutine " + (i + 1));
                    // above the base: serve, per pcall level (pcall + its function), the yield
                    assertEquals(2 + 2 * m.depth, co.calls.depth(), "activations of coroutine " + (i + 1));
                }
            }
        }
    }

    Arbitrary<Transformer<State>> resume() {
        return Arbitraries.integers().between(0, 7).flatMap(i ->
                Arbitraries.of("yield", "pcall", "leave", "error", "return").flatMap(cmd ->
                        Arbitraries.longs().between(-100, 100).map(v -> Transformer.mutate(
                                "resume " + i + " " + cmd + " " + v, s -> {
                                    int idx = i % s.models.size();
                                    Object[] want = s.models.get(idx).resume(cmd, v);
                                    Object[] got = Runtimes.callRaw(s.lua, s.fn("resume"), (long) idx + 1, cmd, v);
                                    assertEquals(want.length, got.length, "results of resume " + cmd);
                                    for (int k = 0; k < want.length; k++) {
                                        assertEquals(String.valueOf(want[k]), String.valueOf(got[k]), "result " + (k + 1));
                                    }
                                    s.check();
                                }))));
    }

    Arbitrary<Transformer<State>> create() {
        return Arbitraries.just(Transformer.mutate("create", s -> {
            if (s.models.size() < 6) s.create();
            s.check();
        }));
    }

    Arbitrary<Transformer<State>> close() {
        return Arbitraries.integers().between(0, 7).map(i -> Transformer.mutate("close " + i, s -> {
            int idx = i % s.models.size();
            Object[] got = Runtimes.callRaw(s.lua, s.fn("close"), (long) idx + 1);
            Model m = s.models.get(idx);
            assertTrue(got[0] == Boolean.TRUE || m.dead, "closing a suspended coroutine succeeds");
            m.dead = true;
            m.depth = 0;
            s.check();
        }));
    }

    @Provide
    Arbitrary<ActionChain<State>> chains() {
        return ActionChain.<State>startWith(State::new)
                .withAction(6, (Action.Independent<State>) this::resume)
                .withAction(1, (Action.Independent<State>) this::create)
                .withAction(1, (Action.Independent<State>) this::close)
                .withMaxTransformations(60);
    }

    @Property(tries = 200)
    void interleavingsKeepStacksBalancedAndMatchTheModel(@ForAll("chains") ActionChain<State> chain) {
        chain.run();
    }
}
