-- Regressions found by the differential fuzzer (src/test/java/dev/moonstack/fuzz).
-- math.max / math.min compare with '<' and do not check that their arguments are numbers.
print(math.max('a', 'b'), math.min('a', 'b'), math.max(3), math.min(2.5, 1))  -- expect: b	a	3	1
print(pcall(math.max, 1, 'x'))  -- expect: false	attempt to compare number with string
print(pcall(math.min, 'x', 1))  -- expect: false	attempt to compare number with string
local lt = setmetatable({}, {__lt = function() return true end})
print(pcall(math.max, lt, 2))  -- expect: true	2
print(pcall(math.min))  -- expect: false	bad argument #1 to 'math.min' (value expected)
-- math.fmod with two bad arguments reports the second first, as the reference build does.
print(pcall(math.fmod, true, 'x'))  -- expect: false	bad argument #2 to 'math.fmod' (number expected, got string)
print(pcall(math.fmod, 1.5, {}))  -- expect: false	bad argument #2 to 'math.fmod' (number expected, got table)
print(pcall(math.fmod, {}, 2))  -- expect: false	bad argument #1 to 'math.fmod' (number expected, got table)
-- Names in messages are C strings in Lua: a constant with a zero byte shows up to it.
print(pcall(function() return 'abc\0def' | 1 end))  -- expect: false	fuzzfinds.lua:14: attempt to perform bitwise operation on a string value (constant 'abc')
print(pcall(function() local t = {} return t['x\0y'].z end))  -- expect: false	fuzzfinds.lua:15: attempt to index a nil value (field 'x')
-- C's pow (glibc) gives a NaN of positive sign for a NaN base and an odd integer exponent.
local nan = 0/0
print(nan, nan^3, nan^-1, nan^2, nan^0.5, (-nan)^3)  -- expect: -nan	nan	nan	-nan	-nan	nan
-- A decimal numeral whose digits go on after those of 2^63 is a float, also when negative.
print(math.mininteger .. math.maxinteger, tonumber(math.mininteger .. math.maxinteger), tonumber("-92233720368547758080"))  -- expect: -92233720368547758089223372036854775807	-9.2233720368548e+37	-9.2233720368548e+19
print(math.type(tonumber("-9223372036854775808")), tonumber("-9223372036854775809"), "-92233720368547758089" + 0)  -- expect: integer	-9.2233720368548e+18	-9.2233720368548e+19
