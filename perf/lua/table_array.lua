-- Array part: GETTABLE/SETTABLE with integer keys, and the length operator.
local t = {}
for i = 1, 1000 do t[i] = i end
return function()
  local s = 0
  for _ = 1, 200 do
    for i = 1, #t do
      local v = t[i]
      t[i] = v + 1
      s = s + v
    end
  end
  return s
end
