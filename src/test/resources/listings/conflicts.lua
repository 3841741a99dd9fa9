local a, b, c = {}, {}, 1
a[c], c = c, 2
a.x, a = 1, 2
local function up()
  b[c], b = 1, 2
  x.y, x = 1, 2
  c, b[c] = 3, 4
end
a[b], b[a], a, b = 1, 2, 3, 4
local t = {}
t[1], t[2], t[3] = ...
t.a, t.b = t.b, t.a
return up
