-- Coroutines: resume/yield values, status, wrap, isyieldable, running, errors and close.
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  return "done", 99
end)
print(coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, "x", "y"))
print(coroutine.status(co))
print(coroutine.resume(co))
print(coroutine.resume(coroutine.create(function() end)))
local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end return "end" end)
print(gen(), gen(), gen(), gen())
print(pcall(gen))
print(coroutine.isyieldable(), select(2, coroutine.running()))
local inner = coroutine.create(function()
  local self, main = coroutine.running()
  print(coroutine.isyieldable(), main, coroutine.status(self))
end)
coroutine.resume(inner)
local outer
outer = coroutine.create(function()
  local nested = coroutine.create(function() print("outer is", coroutine.status(outer)); coroutine.yield() end)
  coroutine.resume(nested)
  print("nested is", coroutine.status(nested))
end)
coroutine.resume(outer)
local bad = coroutine.create(function() local x = nil; return x.y end)
print(coroutine.resume(bad))
print(coroutine.status(bad), coroutine.resume(bad))
print(pcall(coroutine.yield, 1))
print(pcall(coroutine.resume, coroutine.running()))
local w = coroutine.wrap(function() error("inside wrap") end)
print(pcall(w))
local w2 = coroutine.wrap(function() error({code = 1}) end)
local ok, e = pcall(w2); print(ok, type(e), e.code)
local selfresume = coroutine.wrap(function() return coroutine.resume(coroutine.running()) end)
print(selfresume())
print(select("#", coroutine.resume(coroutine.create(function() return end))))
print(coroutine.resume(coroutine.create(function(...) return select("#", ...), ... end), nil, nil, 3))
print(pcall(coroutine.create, 1))
print(pcall(coroutine.status, {}))
local closing = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function() print("closed x") end})
  coroutine.yield("suspended")
end)
print(coroutine.resume(closing))
print(coroutine.close(closing), coroutine.status(closing))
local failclose = coroutine.create(function()
  local y <close> = setmetatable({}, {__close = function() error("close fails", 0) end})
  coroutine.yield()
end)
coroutine.resume(failclose)
print(coroutine.close(failclose))
print(coroutine.close(coroutine.create(print)))
local dead = coroutine.create(function() error("boom", 0) end)
coroutine.resume(dead)
print(coroutine.close(dead))
print(pcall(coroutine.close, coroutine.running()))
-- expect: suspended
-- expect: start	1	2
-- expect: true	3
-- expect: suspended
-- expect: got	10
-- expect: true	20
-- expect: got	x	y
-- expect: true	done	99
-- expect: dead
-- expect: false	cannot resume dead coroutine
-- expect: true
-- expect: 1	2	3	end
-- expect: false	cannot resume dead coroutine
-- expect: false	true
-- expect: true	false	running
-- expect: outer is	normal
-- expect: nested is	suspended
-- expect: false	coroutines.lua:34: attempt to index a nil value (local 'x')
-- expect: dead	false	cannot resume dead coroutine
-- expect: false	attempt to yield from outside a coroutine
-- expect: true	false	cannot resume non-suspended coroutine
-- expect: false	coroutines.lua:39: inside wrap
-- expect: false	table	1
-- expect: false	cannot resume non-suspended coroutine
-- expect: 1
-- expect: true	3	nil	nil	3
-- expect: false	bad argument #1 to 'coroutine.create' (function expected, got number)
-- expect: false	bad argument #1 to 'coroutine.status' (thread expected, got table)
-- expect: true	suspended
-- expect: closed x
-- expect: true	dead
-- expect: false	close fails
-- expect: true
-- expect: false	boom
-- expect: false	cannot close a running coroutine
