local function add(a, b)
  local s = a + b
  return s
end

local function twice(x)
  local y = add(x, x) + 1
  return y
end

local function tail(n)
  return add(n, 10)
end

local r = twice(3)
print(r)
local t = tail(4)
print(t)
