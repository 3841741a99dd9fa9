-- OOP method calls through __index metatables (as in the AWFY benchmarks): a two-level
-- class hierarchy, SELF on instances whose methods live one and two metatables up, field
-- reads and writes on the instance, and a small allocation per iteration.
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({ x = x, y = y }, Point) end
function Point:getX() return self.x end
function Point:getY() return self.y end
function Point:move(dx, dy) self.x = self.x + dx; self.y = self.y + dy end

local Point3 = setmetatable({}, { __index = Point })
Point3.__index = Point3
function Point3.new(x, y, z)
  local p = setmetatable({ x = x, y = y, z = z }, Point3)
  return p
end
function Point3:getZ() return self.z end
function Point3:plus(o) return Point3.new(self.x + o.x, self.y + o.y, self.z + o.z) end

return function()
  local p = Point3.new(1, 2, 3)
  local q = Point.new(1, 1)
  local s = 0
  for i = 1, 50000 do
    p:move(1, -1)                      -- inherited: two __index hops
    q:move(-1, 1)                      -- one hop
    s = s + p:getX() + p:getZ() + q:getY()
    if i % 16 == 0 then p = p:plus(p) end
    if s > 1000000000 then s = 0 end
  end
  return s
end
