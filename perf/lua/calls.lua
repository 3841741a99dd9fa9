-- Lua-to-Lua calls in a loop: GETUPVAL, MOVE, CALL, RETURN1 (one call per iteration).
local function id(x) return x end
return function()
  local s = 0
  for i = 1, 200000 do s = s + id(i) end
  return s
end
