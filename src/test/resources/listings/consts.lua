local a <const> = 10
local b <const> = a * 2
local s <const> = "name"
local l <const> = "a string that is longer than forty characters, so not short"
local n <const> = nil
local f <const> = 1.5
local m <const> = {}
local t = {}
t[s] = a; t[l] = b; t.x = l; t[255] = 1; t[256] = 2; t[-1] = 3; t[1.0] = 4; t[a] = n
local c = t[l] == l, t.x == "a string that is longer than forty characters, so not short"
local d = a + b + f, -a, ~a, a // 0, f // 0, a % 0
local function g() return a, s, l, n, f, m, b end
local x, y <const> = 1, 2
local z <const>, w = 3, 4
print(x, y, z, w, c, d, g, a == b, s == l, -f, a < f, f <= b, n == nil)
for i = a, b, f do print(i) end
