local V = {}
V.__index = V
V.__add = function(a, b)
  return setmetatable({x = a.x + b.x}, V)
end
local function iter(t, i)
  i = i + 1
  if t[i] then return i, t[i] end
end
local a = setmetatable({x = 1}, V)
local b = setmetatable({x = 2}, V)
local c = a + b
local sum = 0
for i, v in iter, {5, 6}, 0 do
  sum = sum + v
end
print(c.x, sum)
