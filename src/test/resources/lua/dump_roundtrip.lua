-- Round trips of string.dump through load, printed for comparison with lua5.4
-- (StringDumpTest). The functions come from a chunk named "=corpus", so that messages
-- with positions do not depend on where this file is.
local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do
    local v = t[i]
    if type(v) == "function" or type(v) == "table" then v = type(v) end
    t[i] = tostring(v)
  end
  return table.concat(t, " ", 1, t.n)
end

local corpus = assert(load([==[
local up1, up2 = 10, 20
return {
  function () return 1, 2.5, -0.0, 1/0, -1/0, "s", true, false, nil, math.mininteger, math.maxinteger end,
  function (a, b, ...) return select('#', ...), a, b, ... end,
  function (n) local s = 0; for i = 1, n do s = s + i end; return s end,
  function (t) local r = {}; for k, v in ipairs(t) do r[#r + 1] = v * 2 end; return table.unpack(r) end,
  function (x) if x > 0 then return "pos" elseif x < 0 then return "neg" else return "zero" end end,
  function () local s = string.rep("long constant string beyond forty bytes ", 3); return #s, s:sub(1, 10) end,
  function () return up1, up2 end,
  function (x) local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end return fib(x) end,
  function () local t = setmetatable({}, {__index = function(_, k) return k .. "!" end}); return t.a, t[1] end,
  function (x) return x // 3, x % 3, x ^ 2, x & 6, x | 1, x ~ 5, x << 2, x >> 1, ~x, -x end,
  function (...) local a <const> = 7; local b <close> = nil; goto skip; do return 0 end ::skip:: return a + select('#', ...) end,
  function () return function (y) return y and up1 end end,
  function (s) return s:upper(), #s, s .. s end,
  function () local t = {1, 2, 3, [10] = "x", y = "z"}; return #t, t[10], t.y end,
  function () error("raised here") end,
  function (t) return t.x.y end,
  function () local a; a = {}; return a + 2 end,
}
]==], "=corpus"))()
local up1 = 10

for i, f in ipairs(corpus) do
  for _, strip in ipairs{false, true} do
    local d = string.dump(f, strip)
    local g = assert(load(d, "=dumped", "b"))
    local args = {5, 2, 3, 4}
    if i == 4 then args = {{1, 2, 3}} elseif i == 13 then args = {"ab"} elseif i == 16 then args = {{}} end
    local ok1, r1 = pcall(function () return show(f(table.unpack(args))) end)
    local ok2, r2 = pcall(function () return show(g(table.unpack(args))) end)
    print(i, strip, ok1, r1)
    print(i, strip, ok2, r2)
    print(i, strip, #d, string.dump(g, strip) == d)
  end
end

-- upvalues are not saved: the loaded function has fresh ones, the first is the globals table
local a, b = 1, 2
local g = load(string.dump(function () return a, b end))
print(g() == _G, select(2, g()))
local ok, name = pcall(debug.getupvalue, g, 2)
print(ok, name)

-- the dump of a loaded dump is the same
local f = function (x, y) local z = x * y; return z + up1 end
local d1 = string.dump(f)
print(string.dump(load(d1)) == d1, string.dump(load(string.dump(f, true)), true) == string.dump(f, true))

-- modes, chunk names, errors
print(load(d1, "x", "t"))
print(load("return 1", "x", "b"))
print(load(d1:sub(1, 50), "@chunk.lua"))
print(load(d1:sub(1, 50), "=chunk"))
print(load(d1:sub(1, 50)))
print(pcall(string.dump, print))
print(select('#', string.dump(f)))
print(load(string.dump(f), nil, "bt") ~= nil, load(string.dump(f), nil, "b") ~= nil)

-- binary files, also after a first-line comment
local name = os.tmpname()
for _, prefix in ipairs{"", "#comment for a binary file\0\n"} do
  local fh = assert(io.open(name, "wb"))
  fh:write(prefix, string.dump(function () return 20, '\0alo\255', 'hi' end))
  fh:close()
  print(dofile(name))
  print(loadfile(name, "t"))
  print(loadfile(name, "b") ~= nil)
end
os.remove(name)

-- a reader that fails ends the load, and only the load
local pieces = {string.dump(function () return "read" end):byte(1, -1)}
local n = 0
-- (through pcall: lua.c's message handler would append a traceback to the reader's error)
print(pcall(load, function () n = n + 1; if n > 10 then error("reader failed", 0) end return string.char(pieces[n]) end))
n = 0
print(load(function () n = n + 1; return pieces[n] and string.char(pieces[n]) end)())
print(load("return _ENV", nil, nil, 123)())
