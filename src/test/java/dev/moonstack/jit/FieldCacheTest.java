package dev.moonstack.jit;


import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inline caches of compiled string-keyed sites (Tier.Site) against lua5.4: each script
 * drives one site through tables whose key moved, vanished or was shadowed after the site
 * remembered where it was, so that a cache answering from a stale hint prints a different
 * value. The functions named first must have been compiled (threshold 0).
 */
class FieldCacheTest {
    @TempDir Path tmp;

    /** name, global functions that must be compiled, script. */
    static final String[][] CASES = {
        {"another layout after a hit", "get", """
            function get(t) return t.a end
            local t1 = {a = 1, b = 2}
            for i = 1, 50 do assert(get(t1) == 1) end
            print(get({x = 1, y = 2, z = 3, a = "other"}), get({a = 3}), get({b = 4}), get({}))
            local s = {} s.q = 1 s.r = 2 s.a = "late"
            print(get(s), get(t1))
            """},
        {"a rehash moves the key", "get", """
            function get(t) return t.a end
            local t = {a = "first"}
            print(get(t))
            for i = 1, 40 do t["k" .. i] = i; t.a = "v" .. i; assert(get(t) == "v" .. i) end
            print(get(t), t.k40)
            """},
        {"a field set to nil, then __index", "get", """
            function get(t) return t.a end
            local t = setmetatable({a = 1, b = 2}, {__index = {a = "class"}})
            print(get(t))
            t.a = nil
            print(get(t))
            t.a = false
            print(get(t))
            t.a = nil
            getmetatable(t).__index = function(_, k) return "fn " .. k end
            print(get(t))
            rawset(t, "a", 9)
            print(get(t))
            """},
        {"a method through __index, then shadowed and changed", "call", """
            local C = {} C.__index = C
            function C:m() return "C" end
            local D = setmetatable({}, {__index = C}) D.__index = D
            function call(o) return o:m() end
            local o = setmetatable({x = 1}, C)
            for i = 1, 20 do assert(call(o) == "C") end
            o.m = function() return "own" end
            print(call(o))
            o.m = nil
            print(call(o))
            C.m = function() return "C2" end
            print(call(o))
            local e = setmetatable({}, D)
            print(call(e))
            function D:m() return "D" end
            print(call(e), call(o))
            setmetatable(o, D)
            print(call(o))
            setmetatable(o, nil)
            print(pcall(call, o))
            """},
        {"one site, many shapes", "sum", """
            function sum(list) local s = 0 for _, t in ipairs(list) do s = s + (t.v or 0) end return s end
            local list = {}
            for i = 1, 60 do
              local t = {}
              for j = 1, i % 7 do t["f" .. j] = j end
              if i % 5 ~= 0 then t.v = i end
              list[#list + 1] = t
            end
            print(sum(list))
            for i = 1, 60, 3 do list[i].v = nil end
            print(sum(list))
            for i = 2, 60, 4 do list[i].v = -i end
            print(sum(list))
            """},
        {"globals redefined and removed", "g", """
            X = 1
            function g() return X end
            print(g()) X = "two" print(g()) X = nil print(g())
            for i = 1, 30 do _G["G" .. i] = i end
            X = 3 print(g())
            setmetatable(_G, {__index = function(_, k) return "missing " .. k end})
            X = nil print(g())
            """},
        {"a weak table collected", "get", """
            function get(t) return t.a end
            local t = setmetatable({}, {__mode = "v"})
            t.a = {} t.b = 1
            print(type(get(t)))
            collectgarbage() collectgarbage()
            print(get(t), t.b)
            t.a = "s"
            print(get(t))
            """},
        {"stores: present, removed, __newindex, rehash", "put", """
            function put(t, v) t.a = v end
            local log = {}
            local t = {a = 0, b = 1}
            for i = 1, 30 do put(t, i) end
            print(t.a)
            put(t, nil) print(t.a, next(t))
            local u = setmetatable({b = 2}, {__newindex = function(tt, k, v) log[#log + 1] = k .. "=" .. tostring(v) end})
            put(u, 5) print(rawget(u, "a"), table.concat(log, ","))
            rawset(u, "a", 1) put(u, 6) print(rawget(u, "a"), #log)
            u.a = nil put(u, 7) print(rawget(u, "a"), table.concat(log, ","))
            local w = {x = 1, a = 1}
            put(w, "w") for i = 1, 40 do w["k" .. i] = i end put(w, "w2") print(w.a, t.a)
            put({}, 1) print(pcall(put, nil, 1))
            """},
        {"global stores", "setg", """
            function setg(v) Y = v end
            setg(1) print(Y) for i = 1, 30 do _G["H" .. i] = i end setg(2) print(Y)
            setg(nil) print(Y, rawget(_G, "Y"))
            setmetatable(_G, {__newindex = function(t, k, v) rawset(t, k, v .. "!") end})
            setg("x") print(Y) setg("z") print(Y)
            """},
    };

    @TestFactory
    Stream<DynamicTest> againstLua54() {
        return Stream.of(CASES).map(c -> DynamicTest.dynamicTest(c[0], () -> check(c[0], c[1], c[2])));
    }

    private void check(String name, String mustCompile, String script) throws Exception {
        TierScripts.check(tmp, name, mustCompile, script);
    }

    private String reference(String script) throws Exception {
        return TierScripts.reference(tmp, script);
    }
}
