local t = {3, 1, 2}
local n = 0
local function less(a, b)
  n = n + 1
  return a < b
end
local function upper(c)
  return string.upper(c)
end
table.sort(t, less)
local s = string.gsub("ab", "%w", upper)
local u = string.rep("x", 3)
print(t[1], t[2], t[3], s, u, n > 0)
