-- Bad input: stack overflow is a catchable error and the runtime stays usable; deep nesting
-- and deep re-entry give errors, not crashes.
local function rec(n) return 1 + rec(n + 1) end
local ok, e = pcall(rec, 1)
print(ok, e)  -- expect: false	limits.lua:3: stack overflow
local function rec2() rec2() end
print(pcall(rec2))  -- expect: false	limits.lua:6: stack overflow
print("still running", 1 + 1)  -- expect: still running	2
local depth = 0
local function deep() depth = depth + 1; return deep() end   -- a proper tail call: no growth
local co = 0
local function count(n) if n == 0 then return "done" end return count(n - 1) end
print(count(1000000))  -- expect: done
print(load(string.rep("(", 300) .. "1" .. string.rep(")", 300)))  -- expect: nil	C stack overflow
print(load("return " .. string.rep("{", 1000) .. string.rep("}", 1000)))  -- expect: nil	C stack overflow
local ok2, e2 = pcall(load, string.rep("a = ", 10) .. "1")
print(ok2, e2)  -- expect: true	nil
local t = setmetatable({}, {__index = function(t, k) return t[k + 1] end})
print(pcall(function() return t[1] end))  -- expect: false	limits.lua:18: C stack overflow
local chain = {}
setmetatable(chain, {__index = chain})
print(pcall(function() return chain.x end))  -- expect: false	limits.lua:22: '__index' chain too long; possible loop
local function javaReentry(n) return n > 0 and select(2, pcall(javaReentry, n - 1)) or "bottom" end
print(javaReentry(150))  -- expect: bottom
local s = {}
local function sorter(n)
  if n == 0 then return "base" end
  local r
  table.sort({2, 1}, function(a, b) r = sorter(n - 1); return a < b end)
  return r
end
print(pcall(sorter, 250))  -- expect: false	C stack overflow
print(pcall(string.byte, string.rep("x", 1 << 21), 1, -1))  -- expect: false	stack overflow (string slice too long)
print("usable after all that", #string.rep("x", 100))  -- expect: usable after all that	100
-- modes: main thread only: its C-stack-overflow depths count from the main coroutine.
