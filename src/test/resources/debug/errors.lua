local function fail(x)
  error("bad " .. x)
end
local function handler(m)
  return "handled: " .. m
end
local ok, e = pcall(fail, 1)
print(ok, e)
local ok2, e2 = xpcall(fail, handler, 2)
print(ok2, e2)
