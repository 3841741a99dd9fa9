-- The debug library: getinfo, getlocal/setlocal, upvalues, across boundaries and coroutines.

local function show(t, keys)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. tostring(t[k]) end
  return table.concat(out, " ")
end

local S = {"what", "short_src", "linedefined", "lastlinedefined", "source"}
local function f(a, b, ...) return debug.getinfo(1, "Slu") end
print(show(f(), S))
print(show(f(), {"nups", "nparams", "isvararg", "currentline"}))
print(show(debug.getinfo(string.rep), S))
print(show(debug.getinfo(string.rep, "u"), {"nups", "nparams", "isvararg"}))
print(show(debug.getinfo(1, "S"), S))
print(debug.getinfo(1, "f").func ~= nil, debug.getinfo(f, "f").func == f)
print(pcall(debug.getinfo, 1, ">S"))
print(pcall(debug.getinfo, 1, "Sx"))
print(debug.getinfo(1000))
print(pcall(debug.getinfo))
print(pcall(debug.getinfo, {}))

-- names as the calling instruction gives them
local t = {}
function t.field() local i = debug.getinfo(1, "n") return i.name, i.namewhat end
function t:method() local i = debug.getinfo(1, "n") return i.name, i.namewhat end
function glob() local i = debug.getinfo(1, "n") return i.name, i.namewhat end
local function loc() local i = debug.getinfo(1, "n") return i.name, i.namewhat end
print(t.field())
print(t:method())
print(glob())
print(loc())
print((function() return debug.getinfo(1, "n").namewhat end)())
local up = loc
print((function() return up() end)())
local mt = setmetatable({}, {
  __index = function(_, k) local i = debug.getinfo(1, "n") return i.namewhat .. ":" .. i.name end,
  __add = function() local i = debug.getinfo(1, "n") return i.namewhat .. ":" .. i.name end,
  __concat = function() local i = debug.getinfo(1, "n") return i.namewhat .. ":" .. i.name end,
  __lt = function() print(debug.getinfo(1, "n").name) return true end,
  __call = function(self, x) return debug.getinfo(1, "n").name end,
})
print(mt.x, mt + 1, mt .. "s", mt < mt)
print(mt(1))
for k in function() return nil, debug.getinfo(1, "n").name end do end
local iter = function(_, i) if not i then return 1, debug.getinfo(1, "n").namewhat end end
for k, v in iter do print(k, v) end

-- current lines and tail calls
local function line() return debug.getinfo(2, "l").currentline end
print(line())
local function tail() return debug.getinfo(1, "t").istailcall end
local function calltail() return tail() end
print(calltail(), tail())
print((debug.traceback("msg", 1):gsub("(in main chunk).*$", "%1")))

-- activelines
local function lines()
  local x = 1
  return x
end
local act = {}
for l in pairs(debug.getinfo(lines, "L").activelines) do act[#act + 1] = l end
table.sort(act)
print(table.concat(act, ","))
print(debug.getinfo(string.rep, "L").activelines)

-- locals
local function locs(p, q, ...)
  local r = p + q
  do local hidden = 1 end
  local out = {}
  for i = 1, 10 do
    local name, value = debug.getlocal(1, i)
    if not name then break end
    out[#out + 1] = name .. "=" .. (type(value) == "table" and "table" or tostring(value))
  end
  for i = -1, -5, -1 do
    local name, value = debug.getlocal(1, i)
    if not name then break end
    out[#out + 1] = name .. "=" .. tostring(value)
  end
  return table.concat(out, " ")
end
print(locs(1, 2, "a", "b"))
print(debug.getlocal(locs, 1), debug.getlocal(locs, 2), debug.getlocal(locs, 3))
print(debug.getlocal(string.rep, 1))
print(pcall(debug.getlocal, 50, 1))
local function setter()
  local v = 1
  print(debug.setlocal(1, 1, 42), v)
  print(debug.setlocal(1, 10, 42))
end
setter()
print(select(2, pcall(debug.setlocal, 50, 1, 1)))
table.sort({3, 2, 1}, function(a, b)
  local name = debug.getlocal(2, 1)
  if name then print("sort local", name) end
  return a < b
end)

-- coroutines
local co = coroutine.create(function(x)
  local y = x * 2
  coroutine.yield(y)
  error("boom")
end)
print(debug.getinfo(co, 0))
coroutine.resume(co, 5)
print(show(debug.getinfo(co, 0, "Sl"), {"what", "currentline"}))
print(show(debug.getinfo(co, 1, "Sl"), {"what", "currentline"}))
print(debug.getlocal(co, 1, 1), debug.getlocal(co, 1, 2))
print(debug.setlocal(co, 1, 2, 99), debug.getlocal(co, 1, 2))
print(debug.traceback(co))
print(debug.traceback(co, "hello", 1))
print(coroutine.resume(co))
print(debug.traceback(co))
print(debug.getinfo(co, 0, "l").currentline)

-- upvalues
local u1, u2 = 10, 20
local function ups() return u1 + u2 end
print(debug.getupvalue(ups, 1), debug.getupvalue(ups, 2), debug.getupvalue(ups, 3))
print(debug.setupvalue(ups, 1, 100), ups())
print(debug.getupvalue(string.gmatch("a", "a"), 1))
local function other() return u2 end
print(debug.upvalueid(ups, 2) == debug.upvalueid(other, 1), debug.upvalueid(ups, 1) == debug.upvalueid(other, 1))
debug.upvaluejoin(ups, 1, other, 1)
print(ups())
print(pcall(debug.upvaluejoin, ups, 5, other, 1))
-- expect: what=Lua short_src=debuglib.lua linedefined=10 lastlinedefined=10 source=@debuglib.lua
-- expect: nups=1 nparams=2 isvararg=true currentline=10
-- expect: what=C short_src=[C] linedefined=-1 lastlinedefined=-1 source==[C]
-- expect: nups=0 nparams=0 isvararg=true
-- expect: what=main short_src=debuglib.lua linedefined=0 lastlinedefined=0 source=@debuglib.lua
-- expect: true	true
-- expect: false	bad argument #2 to 'debug.getinfo' (invalid option '>')
-- expect: false	bad argument #2 to 'debug.getinfo' (invalid option)
-- expect: nil
-- expect: false	bad argument #1 to 'debug.getinfo' (number expected, got no value)
-- expect: false	bad argument #1 to 'debug.getinfo' (number expected, got table)
-- expect: field	field
-- expect: method	method
-- expect: glob	global
-- expect: loc	local
-- expect: 
-- expect: nil	
-- expect: lt
-- expect: metamethod:index	metamethod:add	metamethod:concat	true
-- expect: mt
-- expect: 1	for iterator
-- expect: 51
-- expect: true	false
-- expect: msg
-- expect: stack traceback:
-- expect: 	debuglib.lua:55: in main chunk
-- expect: 59,60,61
-- expect: nil
-- expect: p=1 q=2 r=3 out=table (for state)=5 (for state)=4 (for state)=1 i=8 (vararg)=a (vararg)=b
-- expect: p	q	nil
-- expect: nil
-- expect: false	bad argument #1 to 'debug.getlocal' (level out of range)
-- expect: v	42
-- expect: nil
-- expect: bad argument #1 to 'debug.setlocal' (level out of range)
-- expect: sort local	(C temporary)
-- expect: sort local	(C temporary)
-- expect: sort local	(C temporary)
-- expect: nil
-- expect: what=C currentline=-1
-- expect: what=Lua currentline=105
-- expect: x	y	10
-- expect: y	y	99
-- expect: stack traceback:
-- expect: 	[C]: in function 'coroutine.yield'
-- expect: 	debuglib.lua:105: in function <debuglib.lua:103>
-- expect: hello
-- expect: stack traceback:
-- expect: 	debuglib.lua:105: in function <debuglib.lua:103>
-- expect: false	debuglib.lua:106: boom
-- expect: stack traceback:
-- expect: 	[C]: in function 'error'
-- expect: 	debuglib.lua:106: in function <debuglib.lua:103>
-- expect: -1
-- expect: u1	u2
-- expect: u1	120
-- expect: 	a
-- expect: true	false
-- expect: 40
-- expect: false	bad argument #2 to 'debug.upvaluejoin' (invalid upvalue index)
