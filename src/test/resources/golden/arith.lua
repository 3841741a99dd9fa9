-- Integer and float arithmetic, floor division and modulo, overflow, conversions.
print(1 + 2, 1 - 2, 3 * 4, 7 / 2, 7 // 2, 7 % 2)  -- expect: 3	-1	12	3.5	3	1
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, -7 // -2, -7 % -2)  -- expect: -4	1	-4	-1	3	-1
print(7.0 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2, 5.0 % -10, -5.0 % -10)  -- expect: 3.0	1.5	0.5	-0.5	-5.0	-5.0
print(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)  -- expect: true	true
print(math.maxinteger * 2, math.mininteger // -1, math.mininteger % -1)  -- expect: -2	-9223372036854775808	0
print(2^53, 2^53 + 1, 2^63, -2^63, 2^-1074, 2^1024)  -- expect: 9.007199254741e+15	9.007199254741e+15	9.2233720368548e+18	-9.2233720368548e+18	4.9406564584125e-324	inf
print(1e15, 1e16, 123456789012345678, 0.1, 1/3, -0.0, 100 / 0, -100 / 0)  -- expect: 1e+15	1e+16	123456789012345678	0.1	0.33333333333333	-0.0	inf	-inf
print(3 | 5, 3 & 5, 3 ~ 5, ~0, 1 << 62, 1 << 63, 1 << 64, -1 >> 1, -1 >> 63, 2 >> -1)  -- expect: 7	1	6	-1	4611686018427387904	-9223372036854775808	0	9223372036854775807	1	4
print(3.0 | 0, "10" + 1, "0x10" + 0, "1e2" * 1, 10 .. 20, 1.5 .. "")  -- expect: 3	11	16	100.0	1020	1.5
print(math.type(1), math.type(1.0), math.type("1"), math.type(2^31))  -- expect: integer	float	nil	float
print(1 == 1.0, 1 < 1.5, -1 > -1.5, 2^53 == 2^53 + 1, math.maxinteger + 0.0 == math.maxinteger)  -- expect: true	true	true	true	false
print(math.maxinteger < math.maxinteger + 0.0, math.mininteger <= -2^63, 1 // 0.0, -1 // 0.0, 0/0 ~= 0/0)  -- expect: true	true	inf	-inf	true
print(5 // 0.0, -5 % math.huge, 5 % -math.huge, math.fmod(-5, 3), math.fmod(5, -3), math.fmod(-5.5, 2))  -- expect: inf	inf	-inf	-2	2	-1.5
print(pcall(function() return 1 // 0 end))  -- expect: false	arith.lua:15: attempt to divide by zero
print(pcall(function() return 1 % 0 end))  -- expect: false	arith.lua:16: attempt to perform 'n%0'
print(tostring(1e100), tostring(-1e-100), tostring(123.0), tostring(-0.5), 2^63 == math.mininteger)  -- expect: 1e+100	-1e-100	123.0	-0.5	false
print(tonumber("0x1p4"), tonumber("  12  "), tonumber("1e"), tonumber("0x"), tonumber(""), tonumber("inf"))  -- expect: 16.0	12	nil	nil	nil	nil
print(tonumber("10", 2), tonumber("ff", 16), tonumber("zz", 36), tonumber("8", 8), tonumber("  -7  ", 10))  -- expect: 2	255	1295	nil	-7
print(tonumber("9223372036854775807"), tonumber("9223372036854775808"), tonumber("-9223372036854775808"))  -- expect: 9223372036854775807	9.2233720368548e+18	-9223372036854775808
print(0x7fffffffffffffff, 0xffffffffffffffff, 0x10000000000000000, 1e308 * 10)  -- expect: 9223372036854775807	-1	0	inf
print(string.format("%.17g", 0.1), 3 % math.mininteger, math.ult(1, -1), math.abs(math.mininteger))  -- expect: 0.10000000000000001	-9223372036854775805	true	-9223372036854775808
print(math.floor(3.7), math.ceil(3.2), math.floor(-3.5), math.ceil(-3.5), math.floor(2^70))  -- expect: 3	4	-4	-3	1.1805916207174e+21
print(math.max(1, 2.5, -1), math.min(3, 1.0, 2), math.tointeger(3.0), math.tointeger(3.5), math.tointeger("8"))  -- expect: 2.5	1.0	3	nil	8
