local mt = {__close = function(o, e)
  error("close " .. o.name, 0)
end}
local function body()
  local r <close> = setmetatable({name = "r"}, mt)
  return 1
end
local ok, e = pcall(body)
print(ok, e)
local function body2()
  local r <close> = setmetatable({name = "s"}, mt)
  error("body")
end
local ok2, e2 = pcall(body2)
print(ok2, e2)
