local function add(a, b)
  local s = a + b
  return s
end
local t = {x = 1, y = "two", 3.0}
local n = 10
local r = add(n, 5)
print("r=" .. r)
t.x = r
print("x=" .. t.x, t.y, n)
