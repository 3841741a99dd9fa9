local lines, calls = 0, 0
local function f(x)
  local y = x * 2
  return y
end
debug.sethook(function(ev)
  if ev == "line" then lines = lines + 1 else calls = calls + 1 end
end, "cl")
local a = f(1)
local b = f(2)
debug.sethook()
print(a + b, lines, calls)
