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
