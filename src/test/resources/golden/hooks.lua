-- Hooks: call, return, line, count and tail-call events, per coroutine, and what hooks see.

local events = {}
local function record(event, line)
  local info = debug.getinfo(2, "nS")
  events[#events + 1] = event .. (line and (":" .. line) or "") .. " " .. tostring(info.name) .. " " .. info.what
end
local function flush()
  print(table.concat(events, "\n"))
  events = {}
end

local function leaf(x) return x + 1 end
local function middle(x) return leaf(x) * 2 end
local function tailer(x) return leaf(x) end

debug.sethook(record, "cr")
middle(1)
tailer(2)
debug.sethook()
flush()

debug.sethook(record, "l")
local a = 1
a = a + 1; a = a + 2
for i = 1, 2 do
  a = a + i
end
debug.sethook()
flush()

local function vf(...)
  local n = select("#", ...)
  return n
end
debug.sethook(record, "crl")
vf(1, 2, 3)
debug.sethook()
flush()

-- count hook
local count = 0
debug.sethook(function(e) count = count + 1 end, "", 1)
for i = 1, 100 do end
debug.sethook()
print(count > 100, count < 120)
count = 0
debug.sethook(function(e) count = count + 1 end, "", 50)
for i = 1, 1000 do end
debug.sethook()
print(count >= 40, count <= 41)

-- gethook
print(debug.gethook())
debug.sethook(print, "crl", 7)
local h, m, c = debug.gethook()
debug.sethook()
print(h == print, m, c)
debug.sethook(print, "")
print(debug.gethook())

-- transfer information
local function tr(a, b) return a, b, a + b end
debug.sethook(function(e)
  local i = debug.getinfo(2, "rn")
  if i.name == "tr" then print(e, i.ftransfer, i.ntransfer) end
end, "cr")
tr(3, 4)
debug.sethook()

-- locals inside a return hook
local function withlocals(p)
  local q = p * 10
  return q
end
debug.sethook(function(e)
  if debug.getinfo(2, "n").name == "withlocals" then
    print(e, debug.getlocal(2, 1), debug.getlocal(2, 2))
  end
end, "r")
withlocals(7)
debug.sethook()

-- hooks are per coroutine and inherited by new coroutines
local co = coroutine.create(function()
  local x = 1
  coroutine.yield()
  x = x + 1
end)
debug.sethook(co, function(e, l) events[#events + 1] = "co " .. e .. ":" .. tostring(l) end, "l")
print(debug.gethook() == nil, debug.gethook(co) ~= nil)
coroutine.resume(co)
coroutine.resume(co)
flush()

debug.sethook(function(e, l) end, "l")
local inherited = coroutine.create(function() return debug.gethook() ~= nil end)
debug.sethook()
print(coroutine.resume(inherited))

-- errors in hooks propagate to the hooked code
local ok, msg = pcall(function()
  debug.sethook(function() debug.sethook(); error("from hook") end, "l")
  local z = 1
end)
print(ok, msg)
print(pcall(function()
  debug.sethook(function()
    debug.sethook()
    error((debug.traceback("in hook", 1):gsub("(in main chunk).*$", "%1")))
  end, "l")
  local z = 1
end))

-- a traceback taken inside a hook names it
debug.sethook(function(e)
  local tb = debug.traceback("tb", 1)
  debug.sethook()
  print((tb:gsub("(in main chunk).*$", "%1")))
end, "l")
local after = 1
-- expect: return sethook C
-- expect: call middle Lua
-- expect: call leaf Lua
-- expect: return leaf Lua
-- expect: return middle Lua
-- expect: call tailer Lua
-- expect: tail call nil Lua
-- expect: return nil Lua
-- expect: call sethook C
-- expect: line:24 nil main
-- expect: line:25 nil main
-- expect: line:26 nil main
-- expect: line:27 nil main
-- expect: line:26 nil main
-- expect: line:27 nil main
-- expect: line:26 nil main
-- expect: line:29 nil main
-- expect: return sethook C
-- expect: line:37 nil main
-- expect: call vf Lua
-- expect: line:33 vf Lua
-- expect: call select C
-- expect: return select C
-- expect: line:34 vf Lua
-- expect: return vf Lua
-- expect: line:38 nil main
-- expect: call sethook C
-- expect: true	true
-- expect: false	true
-- expect: nil
-- expect: return	nil
-- expect: line	56
-- expect: call	nil
-- expect: return	nil
-- expect: line	57
-- expect: call	nil
-- expect: true	crl	7
-- expect: nil
-- expect: call	1	2
-- expect: return	3	3
-- expect: return	p	q	70
-- expect: true	true
-- expect: co line:86
-- expect: co line:87
-- expect: co line:88
-- expect: co line:89
-- expect: true	false
-- expect: false	hooks.lua:103: from hook
-- expect: false	hooks.lua:110: in hook
-- expect: stack traceback:
-- expect: 	hooks.lua:110: in hook '?'
-- expect: 	hooks.lua:112: in function <hooks.lua:107>
-- expect: 	[C]: in function 'pcall'
-- expect: 	hooks.lua:107: in main chunk
-- expect: tb
-- expect: stack traceback:
-- expect: 	hooks.lua:117: in hook '?'
-- expect: 	hooks.lua:121: in main chunk
