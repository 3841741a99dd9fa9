local a <const> = 10
local b <const> = "str"
local c <close> = nil
local s = a + #b
local t = {1, 2, 3, x = 1, ["y"] = 2, [s] = 3, f(), ...}
local u = {...}
local v = {f()}
local w = {n = 1, ...}
local o = {}
function o.m(self, x) return self, x end
function o:n(...) return self:m(...) end
local function rec(n) if n > 0 then return rec(n - 1) end return 0 end
for i = 1, 10 do t[i] = i end
for i = 10, 1, -1 do t[i] = i end
for i = 1.0, 3 do t[i] = i end
for k, v in pairs(t) do print(k, v) end
for k, v, w2, z in next, t do print(k, v) end
do
  local x = 1
  local function g() return x end
  goto skip
  x = 2
  ::skip::
end
for i = 1, 3 do
  if i == 2 then goto continue end
  print(i)
  ::continue::
end
while true do
  local q = 1
  local function h() return q end
  if q then break end
end
repeat
  local r = 1
  local function h() return r end
until r
a1, a2, a3 = 1, 2
a1, a2 = f()
local p1, p2, p3 = f()
local q1, q2 = 1, 2, 3, f()
t.x, t.y, s = s, t, 1
s, t[s] = 2, 3
o.m, o = 1, 2
return f(...)
