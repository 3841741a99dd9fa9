-- To-be-closed variables: order, errors, break/return/goto out of blocks, generic for closing value.
local function closer(name, log)
  return setmetatable({}, {__close = function(self, err) log[#log + 1] = name .. (err and (":" .. tostring(err)) or "") end})
end
local log = {}
do
  local a <close> = closer("a", log)
  local b <close> = closer("b", log)
  local c <close> = nil
end
print(table.concat(log, " "))  -- expect: b a
log = {}
local function f()
  local x <close> = closer("x", log)
  return "ret"
end
print(f(), table.concat(log, " "))  -- expect: ret	x
log = {}
print(pcall(function()  -- expect: false	y:boom
  local y <close> = closer("y", log)
  error("boom", 0)
end), table.concat(log, " "))
log = {}
for i = 1, 3 do
  local z <close> = closer("z" .. i, log)
  if i == 2 then break end
end
print(table.concat(log, " "))  -- expect: z1 z2
log = {}
local function gen()
  local i = 0
  return function() i = i + 1; if i <= 2 then return i end end, nil, nil, closer("iter", log)
end
for v in gen() do io.write(v, " ") end
print(table.concat(log, " "))  -- expect: 1 2 iter
log = {}
for v in gen() do if v == 1 then break end end
print(table.concat(log, " "))  -- expect: iter
print(pcall(function() local bad <close> = {} end))  -- expect: false	tbc.lua:39: variable 'bad' got a non-closable value
print(pcall(function() local bad <close> = 42 end))  -- expect: false	tbc.lua:40: variable 'bad' got a non-closable value
local k <const> = 10
print(k * 2)  -- expect: 20
log = {}
print(pcall(function()  -- expect: false	q:first
  local p <close> = setmetatable({}, {__close = function() error("in close", 0) end})
  local q <close> = closer("q", log)
  error("first", 0)
end), table.concat(log, " "))
