local x = 1
local function f()
  local y = 2
  return function()
    x = x + y
    return function(...)
      local z = select('#', ...)
      return x + y + z, ...
    end
  end
end
local _ENV = {print = print}
function gl() return undefinedglobal end
do
  local up <close> = setmetatable({}, {__close = function() end})
  local function g() return up end
  return g()
end
