-- The LUA_COMPAT_MATHLIB functions of a stock lua5.4 (LUA_COMPAT_5_3): math.pow, atan2, cosh,
-- sinh, tanh, frexp, ldexp and log10, with their argument checks (Lua: lmathlib.c).
print(math.pow(2, 10), math.pow(2, 0.5), math.pow("3", 2), math.pow(-8, 1/3) ~= math.pow(-8, 1/3), math.pow(0, -1))  -- expect: 1024.0	1.4142135623731	9.0	true	inf
print(math.pow(2, -1), math.pow(-2, 3), math.pow(1, 0/0), math.type(math.pow(2, 2)))  -- expect: 0.5	-8.0	1.0	float
print(pcall(function() return math.pow(2) end))  -- expect: false	compat.lua:5: bad argument #2 to 'pow' (number expected, got no value)
print(pcall(function() return math.pow("x", 2) end))  -- expect: false	compat.lua:6: bad argument #1 to 'pow' (number expected, got string)
print(pcall(function() return math.pow({}, nil) end))  -- expect: false	compat.lua:7: bad argument #1 to 'pow' (number expected, got table)
print(math.atan2(1, 1), math.atan2(-1, -1), math.atan2(0, -1), math.atan2(1), math.atan2(-0.0, 1))  -- expect: 0.78539816339745	-2.3561944901923	3.1415926535898	0.78539816339745	-0.0
print(math.atan2 == math.atan, math.pow == math.pow)  -- expect: true	true
print(pcall(function() return math.atan2() end))  -- expect: false	compat.lua:10: bad argument #1 to 'atan2' (number expected, got no value)
print(math.cosh(0), math.cosh(1), math.cosh(-2), math.cosh(1000))  -- expect: 1.0	1.5430806348152	3.7621956910836	inf
print(math.sinh(0), math.sinh(1), math.sinh(-2), math.sinh(-1000), math.sinh(-0.0))  -- expect: 0.0	1.1752011936438	-3.626860407847	-inf	-0.0
print(math.tanh(0), math.tanh(0.5), math.tanh(-3), math.tanh(50), math.tanh(-0.0))  -- expect: 0.0	0.46211715726001	-0.99505475368673	1.0	-0.0
print(pcall(function() return math.cosh() end))  -- expect: false	compat.lua:14: bad argument #1 to 'cosh' (number expected, got no value)
print(pcall(function() return math.sinh("a") end))  -- expect: false	compat.lua:15: bad argument #1 to 'sinh' (number expected, got string)
print(pcall(function() return math.tanh(true) end))  -- expect: false	compat.lua:16: bad argument #1 to 'tanh' (number expected, got boolean)
local function fx(x) return table.concat({math.frexp(x)}, " ") end
print(fx(8), fx(1), fx(0.3), fx(-5), fx(-0.0), fx(2^-1074), fx(1e-310))  -- expect: 0.5 4	0.5 1	0.6 -1	-0.625 3	-0.0 0	0.5 -1073	0.57526180315594 -1029
print(math.frexp(0), math.frexp(-0.0), math.frexp(2^-1074), math.frexp(2^1023), math.frexp(1e-310))  -- expect: 0.0	-0.0	0.5	0.5	0.57526180315594	-1029
print(math.frexp(math.huge), math.frexp(-math.huge), select(2, math.frexp(math.huge)), math.frexp(7), math.type(select(2, math.frexp(7))))  -- expect: inf	-inf	0	0.875	integer
print(pcall(function() return math.frexp() end))  -- expect: false	compat.lua:21: bad argument #1 to 'frexp' (number expected, got no value)
print(math.ldexp(1, 10), math.ldexp(0.5, 1), math.ldexp(3, -2), math.ldexp(1, 1024), math.ldexp(1, -1075))  -- expect: 1024.0	1.0	0.75	inf	0.0
print(math.ldexp(1, -1074), math.ldexp(-1.5, "3"), math.ldexp(1, 2^32 + 1), math.ldexp(1, 3.0), math.ldexp(0.75, -1073))  -- expect: 4.9406564584125e-324	-12.0	2.0	8.0	9.8813129168249e-324
print(math.ldexp(1, math.mininteger), math.ldexp(1, -2^31), math.ldexp(1, 2^31 - 1))  -- expect: 1.0	0.0	inf
print(pcall(function() return math.ldexp(1, 1.5) end))  -- expect: false	compat.lua:25: bad argument #2 to 'ldexp' (number has no integer representation)
print(pcall(function() return math.ldexp(1) end))  -- expect: false	compat.lua:26: bad argument #2 to 'ldexp' (number expected, got no value)
print(pcall(function() return math.ldexp(nil, 1) end))  -- expect: false	compat.lua:27: bad argument #1 to 'ldexp' (number expected, got nil)
print(pcall(function() return math.ldexp(1, "x") end))  -- expect: false	compat.lua:28: bad argument #2 to 'ldexp' (number expected, got string)
print(math.log10(100), math.log10(1000), math.log10(2), math.log10(1), math.log10(0), math.log10(0.001))  -- expect: 2.0	3.0	0.30102999566398	0.0	-inf	-3.0
print(math.log10(1e300), math.log10(math.huge), math.log10(-1) ~= math.log10(-1), math.log10("10"))  -- expect: 300.0	inf	true	1.0
print(pcall(function() return math.log10() end))  -- expect: false	compat.lua:31: bad argument #1 to 'log10' (number expected, got no value)
print(pcall(math.frexp, "x"))  -- expect: false	bad argument #1 to 'math.frexp' (number expected, got string)
local x = 0.1
for i = 1, 5 do
  local m, e = math.frexp(x)
  print(m, e, math.ldexp(m, e) == x)
-- expect: 0.8	-3	true
-- expect: 0.9425	2	true
-- expect: 0.55519140625	8	true
-- expect: 0.65408487548828	13	true
-- expect: 0.77059374393463	18	true
  x = x * 37.7
end
print(select(2, math.frexp(0)), select(2, math.frexp(2^-1074)), select(2, math.frexp(-2^1023)), math.frexp(-2^1023))  -- expect: 0	-1073	1024	-0.5	1024
print(math.cosh(710), math.cosh(711), math.sinh(1e-10), math.tanh(1e-10), math.sinh(20), math.cosh(20))  -- expect: 1.1169973830809e+308	inf	1e-10	1e-10	242582597.7049	242582597.7049
