-- constant folding and literal forms
local a, b, c = 1 + 2, 10 // 3, 7 % -3
local d = 1 / 0, -1 / 0, 0 / 0
local e = 10 // 0, 10 % 0, 3.0 // 0
local f = 2^53, 2^-1074, 1e308 * 10, -0.0, 0.0, -(0.0)
local g = 3 | 1.0, 7 & 3, 5 ~ 1, ~0, 1 << 63, 1 << 64, -1 >> 1, 1 >> -2, 2.5 | 1
local h = 0x7fffffffffffffff + 1, math.mininteger // -1, 9223372036854775807, 9223372036854775808
local i = 0xffffffffffffffffff, 0x1p4, 0x.8p1, 0xA.8P-1, 1e2, .5, 3., 0x10
local j = "a" .. "b" .. "c", "x\65\066\x41\u{48}\u{7FFFFFFF}\z
          more", 'it\'s', "it's", "tab\tnl\nnul\0bell\a"
local k = [[
long string]], [==[with ]] inside]==]
local l = -9223372036854775807 - 1, - - 3, not nil, not 1, #"abc", -"2"
local m = 1.5 + 2, 3 - 1.5, 2 * 0.5, 1e15 + 0.5, 100000000000000
local n = 255, 256, -256, 65535, 65536, 131071, 131072, -131071, -131072, 1.0, -1.0, 131072.0
print(a, b, c, d, e, f, g, h, i, j, k, l, m, n)
