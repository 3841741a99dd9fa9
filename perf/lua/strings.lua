-- String building: concatenation, tostring of numbers, string.format, table.concat and
-- string.sub/byte.
local fmt, concat, sub, byte = string.format, table.concat, string.sub, string.byte
return function()
  local parts = {}
  for i = 1, 2000 do
    parts[#parts + 1] = "item" .. i .. ":" .. (i * 3)
  end
  local s = concat(parts, ",")
  local acc = ""
  for i = 1, 500 do
    acc = acc .. sub(s, i, i + 3)
    if #acc > 200 then acc = "" end
  end
  local f = {}
  for i = 1, 500 do f[i] = fmt("%d-%s", i, "x") end
  return #s + #acc + byte(s, 100) + #concat(f)
end
