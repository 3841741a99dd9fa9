local x, y, t = ...
local r = {}
r[1] = x + 1; r[2] = 1 + x; r[3] = x - 1; r[4] = x - -1; r[5] = x * 2; r[6] = 2 * x
r[7] = x / 2; r[8] = x // 2; r[9] = x % 2; r[10] = x ^ 2; r[11] = x + 300; r[12] = x - 300
r[13] = x & 1; r[14] = 1 & x; r[15] = x | y; r[16] = x ~ 3; r[17] = x << 2; r[18] = 2 << x
r[19] = x >> 2; r[20] = x >> -2; r[21] = x << -3; r[22] = x >> y; r[23] = x + 1.5; r[24] = 1.5 * x
r[25] = x .. y .. "z" .. 1; r[26] = -x; r[27] = ~x; r[28] = #x; r[29] = not x
r[30] = x == 1; r[31] = x ~= "s"; r[32] = 1 == x; r[33] = x < 1; r[34] = 1 < x; r[35] = x <= 2.0
r[36] = x > 3; r[37] = x >= y; r[38] = 200 > x; r[39] = x == nil; r[40] = x == true
r[41] = x and y; r[42] = x or y; r[43] = x and y or t; r[44] = (x or y) and t
r[45] = not (x == y); r[46] = x == 1000; r[47] = x < 1e10; r[48] = x == 2.5; r[49] = x + 128; r[50] = x - 128
r[51] = x + 127; r[52] = x - 127; r[53] = t.a.b.c; r[54] = t[1][x][y]; r[55] = t["s"]; r[56] = t[256]
if x and y or not t then r[57] = 1 end
if x == y and y ~= t then r[58] = 1 elseif x then r[59] = 2 else r[60] = 3 end
while x < y do x = x + 1 end
repeat local z = x; x = z - 1 until z < 0
return r, x and 1 or 2
