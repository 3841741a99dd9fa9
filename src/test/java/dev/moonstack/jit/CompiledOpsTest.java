package dev.moonstack.jit;


import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instructions issue 16's slice 5 compiled instead of leaving for the interpreter (LEN,
 * CONCAT, EQ of objects, the generic for): each fast path and each slow path (metamethods,
 * errors, yields), every function compiled at its first call, against lua5.4's output.
 */
class CompiledOpsTest {
    @TempDir Path tmp;

    @Test
    void lengthOfTablesAndStringsAndLen() throws Exception {
        check("len", "f g", """
            function f(t) return #t end
            function g(t, s) local n = 0 for i = 1, 3 do n = n + #t + #s end return n end
            print(f({1, 2, 3}), f("abcd"), f(""), f({}), g({1, nil, 3}, "xy"))
            local L = setmetatable({1, 2}, {__len = function(t) return 40 + rawlen(t) end})
            local M = setmetatable({1, 2, 3}, {__index = {}})
            print(f(L), f(M), g(L, "z"), g(M, L))
            local J = setmetatable({}, {__len = rawlen})
            print(f(J)) print(pcall(f, nil)) print(pcall(f, 5)) print(pcall(g, {}, true))
            local S = setmetatable({}, {__len = function() return "str" end})
            print(f(S), select('#', f(S)))
            local Y = setmetatable({}, {__len = function() return coroutine.yield("in len") end})
            local co = coroutine.wrap(function() return g(Y, "ab") end)
            print(co()) print(co(1)) print(co(2)) print(co(3))
            local E = setmetatable({}, {__len = function() error("len failed") end})
            print(pcall(f, E))
            """);
    }

    @Test
    void concatenationOfStringsNumbersAndConcat() throws Exception {
        check("concat", "f g h", """
            function f(a, b) return a .. b end
            function g(a, b, c) return a .. "-" .. b .. "-" .. c end
            function h(s, n) local r = "" for i = 1, n do r = r .. s end return #r, r:sub(1, 8) end
            print(f("a", "b"), f(1, 2), f(1.5, "x"), f(-0.0, 2^63), f("", ""), g(1, 2.0, "z"))
            print(h("ab", 5), h("0123456789abcdef", 5000))
            local C = setmetatable({}, {__concat = function(a, b)
              return (type(a) == "table" and "T" or a) .. "+" .. (type(b) == "table" and "T" or b) end})
            print(f(C, "x"), f("x", C), g("a", C, "b"), g(C, C, 3))
            print(pcall(f, "a", {})) print(pcall(f, nil, "b")) print(pcall(g, 1, true, 2)) print(pcall(g, "a", "b", nil))
            local Y = setmetatable({}, {__concat = function(a, b) return coroutine.yield("cat") end})
            local co = coroutine.wrap(function() return g("p", Y, "q") end)
            print(co()) print(co("r1"))
            local E = setmetatable({}, {__concat = function() error({code = 7}) end})
            local ok, e = pcall(g, "a", E, "b") print(ok, type(e) == "table" and e.code)
            """);
    }

    @Test
    void equalityOfObjectsWithAndWithoutEq() throws Exception {
        check("eq", "f g", """
            function f(a, b) if a == b then return "same" end return "different" end
            function g(a, b) return a ~= b end
            local class = {__index = {}}
            local A, B = setmetatable({}, class), setmetatable({}, class)
            print(f(A, A), f(A, B), f(A, {}), f({}, B), g(A, B), g(B, B), f(1, 1.0), f("x", "x"), f(A, nil))
            local n = 0
            local EQ = {__eq = function(a, b) n = n + 1 return rawget(a, 1) == rawget(b, 1) end}
            local P, Q, R = setmetatable({1}, EQ), setmetatable({1}, EQ), setmetatable({2}, EQ)
            print(f(P, Q), f(P, R), g(P, Q), g(Q, R), f(P, A), f(A, P), f(P, P), n)
            local W = setmetatable({}, {__eq = function() return nil end})
            print(f(W, {}), g(W, {}))
            local Y = {__eq = function(a, b) return coroutine.yield("eq?") end}
            local co = coroutine.wrap(function() return f(setmetatable({}, Y), setmetatable({}, Y)) end)
            print(co()) print(co(false))
            local E = {__eq = function() error("eq failed") end}
            print(pcall(g, setmetatable({}, E), setmetatable({}, E)))
            """);
    }

    @Test
    void genericForWithBuiltinAndLuaIterators() throws Exception {
        check("tfor", "sum keys upto each", """
            function sum(t) local s = 0 for _, v in ipairs(t) do s = s + v end return s end
            function keys(t) local n, s = 0, 0 for k, v in pairs(t) do n = n + 1 s = s + v end return n, s end
            local function up(n, i) if i < n then return i + 1, i * i end end
            function upto(n) local s = 0 for i, sq in up, n, 0 do s = s + i + sq end return s end
            function each(f, s, c) local r = {} for a, b in f, s, c do r[#r + 1] = tostring(a) .. "=" .. tostring(b) end
              return table.concat(r, " ") end
            print(sum({1, 2, 3, 4}), sum({}), sum({1, 2, nil, 4}), keys({a = 1, b = 2, 3}), upto(10), upto(0))
            print(each(ipairs({"x", "y"})), each(next, {}), each(up, 3, 0))
            print(each(coroutine.wrap(function() coroutine.yield(1, 2) coroutine.yield(3) end)))
            print(each(setmetatable({}, {__call = function(self, s, c) if c < 3 then return c + 1, "call" end end}), nil, 0))
            local P = setmetatable({}, {__index = function(t, i) if i <= 3 then return i * 10 end end})
            print(sum(P))
            print(pcall(each, nil)) print(pcall(each, 42))
            print(pcall(each, function(s, c) if c == 2 then error("iter failed at " .. c) end return c + 1 end, nil, 0))
            local t = {a = 1, b = 2, c = 3, d = 4}
            for k in pairs(t) do t[k] = nil end print(next(t))
            local u = {} for i = 1, 20 do u[i] = i end
            local n = 0 for k, v in pairs(u) do u[k] = v * 2 n = n + 1 end print(n, sum(u))
            """);
    }

    @Test
    void genericForYieldsAndClosing() throws Exception {
        check("tfor2", "drive closing", """
            function drive(f) local r = {} for i, v in f do r[#r + 1] = i .. ":" .. v end return table.concat(r, ",") end
            local function yielding(s, c) c = (c or 0) + 1 if c <= 3 then return c, coroutine.yield(c) end end
            print(drive(function(_, c) c = (c or 0) + 1 if c <= 2 then return c, "m" end end))
            local co = coroutine.wrap(function() return drive(yielding) end)
            print(co()) print(co("a")) print(co("b")) print(co("c"))
            local log = {}
            local function closer(name) return setmetatable({}, {__close = function(_, e) log[#log + 1] = name .. ":" .. tostring(e) end}) end
            function closing(n, stop, fail)
              local s = 0
              for i in function(_, c) c = c + 1 if c == fail then error("boom", 0) end if c <= n then return c end end, nil, 0, closer("c" .. n) do
                if i == stop then break end
                s = s + i
              end
              return s
            end
            print(closing(3), closing(5, 2), pcall(closing, 5, nil, 4), table.concat(log, " "))
            print(pcall(function() for i in next, {}, nil, 42 do end end))
            local co2 = coroutine.wrap(function()
              for i in function(_, c) if c < 2 then coroutine.yield("it" .. c) return c + 1 end end, nil, 0, closer("y") do end
              return "end"
            end)
            print(co2(), co2(), co2(), table.concat(log, " "))
            """);
    }

    private void check(String name, String mustCompile, String script) throws Exception {
        TierScripts.check(tmp, name, mustCompile, script);
    }

    private String reference(String script) throws Exception {
        return TierScripts.reference(tmp, script);
    }
}
