-- LUA_COMPAT_LT_LE (part of LUA_COMPAT_5_3 in a stock lua5.4): without __le, a <= b calls
-- __lt(b, a) and negates it (Lua: lvm.c luaV_lessequal / ltm.c luaT_callorderTM).
local log = {}
local mt = {__lt = function(a, b) log[#log + 1] = a.n .. "<" .. b.n; return a.n < b.n end}
local function V(n) return setmetatable({n = n}, mt) end
local one, two = V(1), V(2)
print(one <= two, two <= one, one <= one)  -- expect: true	false	true
print(table.concat(log, " "))  -- expect: 2<1 1<2 1<1
print(one >= two, two >= one)  -- expect: false	true
print(not (one > two), two > one)  -- expect: true	true
local calls = 0
local mt2 = {__lt = function(a, b) calls = calls + 1; return "yes" end}
local a, b = setmetatable({}, mt2), setmetatable({}, mt2)
print(a <= b, calls)  -- expect: false	1
local mt3 = {__lt = function() return nil end}
local c, d = setmetatable({}, mt3), setmetatable({}, mt3)
print(c <= d, c >= d)  -- expect: true	true
local both = {__lt = function() return false end, __le = function() return "le" end}
local e, f = setmetatable({}, both), setmetatable({}, both)
print(e <= f, e >= f, e < f)  -- expect: true	true	false
print(pcall(function() return setmetatable({}, {}) <= setmetatable({}, {}) end))  -- expect: false	lecompat.lua:21: attempt to compare two table values
local x = setmetatable({}, {__lt = function(p, q) return type(p) == "number" end})
print(x <= 1, 1 <= x, x >= 1)  -- expect: false	true	true
print(pcall(function() return {} <= x end))  -- expect: true	true
print(pcall(function() return "a" <= x end))  -- expect: true	true
local y = setmetatable({}, {__lt = function() error("in lt") end})
print(pcall(function() return y <= y end))  -- expect: false	lecompat.lua:26: in lt
local co = coroutine.wrap(function() return one <= setmetatable({n = 0}, {__lt = function(p, q) coroutine.yield("in lt") return p.n < q.n end}) end)
print(co())  -- expect: in lt
print(co())  -- expect: false
print(table.sort and pcall(table.sort, {V(3), V(1), V(2)}, function(p, q) return p <= q end))  -- expect: true
