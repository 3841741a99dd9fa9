-- Hash part: constant string fields (GETFIELD/SETFIELD) and computed string keys
-- (GETTABLE/SETTABLE).
local keys = {}
for i = 1, 16 do keys[i] = "key" .. i end
local h = {}
for i = 1, 16 do h[keys[i]] = i end
return function()
  local o = { a = 1, b = 2, c = 3 }
  local s = 0
  for i = 1, 100000 do
    o.a = o.b + o.c
    o.c = o.a - 1
    local k = keys[(i & 15) + 1]
    h[k] = h[k] + 1
    s = s + h[k]
  end
  return s + o.a
end
