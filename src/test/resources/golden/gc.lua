-- Lua's collection semantics: weak tables, ephemerons, finalizers (order, resurrection,
-- errors), the name of a finalizer's frame. Automatic collections are stopped so that only
-- the explicit collectgarbage() calls collect, at the same points as in lua5.4.
collectgarbage("stop")

local function count(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  return n
end

-- weak values: unreachable tables and functions go, strings, numbers and booleans stay
local wv = setmetatable({}, {__mode = "v"})
local keep = {}
wv[1] = {}; wv[2] = keep; wv[3] = "a string"; wv[4] = 42; wv[5] = true
wv.f = function() end; wv.g = print; wv.s = string.rep("x", 100)
collectgarbage()
print(wv[1], wv[2] == keep, wv[3], wv[4], wv[5], wv.f, wv.g == print, #wv.s)  -- expect: nil	true	a string	42	true	nil	true	100

-- weak keys: an entry goes with its key; string keys stay
local wk = setmetatable({}, {__mode = "k"})
wk[{}] = 1; wk[keep] = 2; wk["str"] = {}
collectgarbage()
print(count(wk), wk[keep], type(wk.str))  -- expect: 2	2	table

-- "kv": either side unreachable removes the entry
local kv = setmetatable({}, {__mode = "kv"})
kv[keep] = {}; kv[{}] = keep; kv[keep] = nil; kv.x = keep; kv.y = {}
collectgarbage()
print(count(kv), kv.x == keep, kv.y)  -- expect: 1	true	nil

-- ephemerons: a value that refers to its own key does not keep the key alive
local eph = setmetatable({}, {__mode = "k"})
do
  local k1, k2 = {}, {}
  eph[k1] = {ref = k1}
  eph[k2] = {ref = k2}
  keep.k2 = k2
end
collectgarbage()
print(count(eph), eph[keep.k2].ref == keep.k2)  -- expect: 1	true

-- a chain of ephemerons: each value is the key of the next entry
do
  local first = {}
  local k = first
  for i = 1, 10 do
    local nk = {}
    eph[k] = nk
    k = nk
  end
  keep.first = first
end
collectgarbage()
print(count(eph))  -- expect: 11
keep.first = nil
collectgarbage()
print(count(eph))  -- expect: 1

-- next goes on from a key whose entry a collection removed
local w2 = setmetatable({}, {__mode = "v"})
for i = 1, 5 do w2["k" .. i] = {} end
w2.k3 = keep
local k = next(w2)
collectgarbage()
local seen = 0
while k do seen = seen + 1; k = next(w2, k) end
print(count(w2), seen >= 1)  -- expect: 1	true

-- finalizers run in the reverse order of setmetatable, for unreachable objects only
local order = {}
for i = 1, 5 do
  setmetatable({}, {__gc = function() order[#order + 1] = i end})
end
local alive = setmetatable({}, {__gc = function() order[#order + 1] = "alive" end})
collectgarbage()
print(table.concat(order, " "))  -- expect: 5 4 3 2 1

-- the object is marked at setmetatable: a __gc added later to its metatable does not count,
-- one present then does even if it changes afterwards
local mt = {}
setmetatable({}, mt)
mt.__gc = function() print("never") end
local mt2 = {__gc = true}
setmetatable({}, mt2)
mt2.__gc = function(o) print("changed __gc runs", type(o)) end  -- expect: changed __gc runs	table
collectgarbage()

-- resurrection: weak values are cleared before the finalizer, weak keys after; the object
-- is finalized once
local wvals = setmetatable({}, {__mode = "v"})
local wkeys = setmetatable({}, {__mode = "k"})
local saved
do
  local o = setmetatable({name = "zombie"}, {__gc = function(o)
    print("finalizing", o.name, wvals[1], wkeys[o])  -- expect: finalizing	zombie	nil	key entry
    saved = o
  end})
  wvals[1] = o
  wkeys[o] = "key entry"
end
collectgarbage()
print("resurrected", saved.name, wvals[1], wkeys[saved])  -- expect: resurrected	zombie	nil	key entry
saved = nil
collectgarbage()
print("after second collection", count(wkeys))  -- expect: after second collection	0

-- an error in a finalizer is a warning and goes no further
setmetatable({}, {__gc = function() error("finalizer failed") end})
collectgarbage()
print("still running")  -- expect: still running

-- collectgarbage inside a finalizer does nothing; the finalizer's frame is "metamethod '__gc'"
setmetatable({}, {__gc = function()
  local t = debug.getinfo(1, "n")
  print(t.namewhat, t.name, collectgarbage("count"))  -- expect: metamethod	__gc	nil
  print((debug.traceback("tb", 1):match("[^\n]*\n[^\n]*\n([^\n]*)")))  -- expect: 	gc.lua:117: in metamethod '__gc'
end})
collectgarbage()

-- a finalizer may set up new finalizers
setmetatable({}, {__gc = function()
  print("first")  -- expect: first
  setmetatable({}, {__gc = function() print("second") end})  -- expect: second
end})
collectgarbage()
collectgarbage()

-- userdata from io.open has a finalizer that closes the file
do
  local f = io.tmpfile()
  keep.file = f
end
print(io.type(keep.file))  -- expect: file
collectgarbage("restart")
collectgarbage("incremental")   -- lua.c starts in generational mode, a plain runtime does not
print(collectgarbage("isrunning"), collectgarbage("incremental"), collectgarbage("generational"),  -- expect: true	incremental	incremental	generational	200	100
      collectgarbage("incremental"), collectgarbage("setpause", 100), collectgarbage("setpause", 200))
