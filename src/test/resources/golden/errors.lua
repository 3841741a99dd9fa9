-- Runtime error messages with variable names, computed from the bytecode.
local function msg(f, ...) local ok, e = pcall(f, ...); return e end
print(msg(function() local x; return x.y end))  -- expect: errors.lua:3: attempt to index a nil value (local 'x')
print(msg(function() return undefinedglobal.y end))  -- expect: errors.lua:4: attempt to index a nil value (global 'undefinedglobal')
print(msg(function() local t = {}; return t.a.b end))  -- expect: errors.lua:5: attempt to index a nil value (field 'a')
print(msg(function() local t = {}; t.a.b = 1 end))  -- expect: errors.lua:6: attempt to index a nil value (field 'a')
print(msg(function() local s = "x"; return s:nomethod() end))  -- expect: errors.lua:7: attempt to call a nil value (method 'nomethod')
print(msg(function() local t = {}; t:nomethod() end))  -- expect: errors.lua:8: attempt to call a nil value (method 'nomethod')
print(msg(function() nofunc() end))  -- expect: errors.lua:9: attempt to call a nil value (global 'nofunc')
print(msg(function() local f = 5; f() end))  -- expect: errors.lua:10: attempt to call a number value (local 'f')
print(msg(function() local t = {}; t.x() end))  -- expect: errors.lua:11: attempt to call a nil value (field 'x')
print(msg(function() return 1 + nil end))  -- expect: errors.lua:12: attempt to perform arithmetic on a nil value
print(msg(function() local a = {}; return a + 1 end))  -- expect: errors.lua:13: attempt to perform arithmetic on a table value (local 'a')
print(msg(function() local a = "x"; return a + 1 end))  -- expect: errors.lua:14: attempt to add a 'string' with a 'number'
print(msg(function() return -{} end))  -- expect: errors.lua:15: attempt to perform arithmetic on a table value
print(msg(function() return #5 end))  -- expect: errors.lua:16: attempt to get length of a number value
print(msg(function() return 1 < "2" end))  -- expect: errors.lua:17: attempt to compare number with string
print(msg(function() return {} < {} end))  -- expect: errors.lua:18: attempt to compare two table values
print(msg(function() return {} <= 1 end))  -- expect: errors.lua:19: attempt to compare table with number
print(msg(function() return 1 .. {} end))  -- expect: errors.lua:20: attempt to concatenate a table value
print(msg(function() local t = {}; return "a" .. t end))  -- expect: errors.lua:21: attempt to concatenate a table value (local 't')
print(msg(function() return 1.5 | 1 end))  -- expect: errors.lua:22: number has no integer representation
print(msg(function() local y = 2.5; return y & 1 end))  -- expect: errors.lua:23: number (local 'y') has no integer representation
print(msg(function() return "a" & 1 end))  -- expect: errors.lua:24: attempt to perform bitwise operation on a string value (constant 'a')
print(msg(function() local up = nil; return (function() return up.x end)() end))  -- expect: errors.lua:25: attempt to index a nil value (upvalue 'up')
print(msg(error, "plain"))  -- expect: plain
print(msg(error, "lvl2", 2))  -- expect: errors.lua:2: lvl2
print(type(msg(error, {})))  -- expect: table
print(msg(error))  -- expect: nil
print(msg(function() error("with level 1") end))  -- expect: errors.lua:30: with level 1
print(msg(function() error("no position", 0) end))  -- expect: no position
print(msg(function() error(42) end))  -- expect: 42
print(msg(function() assert(false) end))  -- expect: errors.lua:33: assertion failed!
print(msg(function() assert(nil, "custom") end))  -- expect: errors.lua:34: custom
print(msg(function() assert(1 == 2, 42) end))  -- expect: 42
print(msg(setmetatable, 1))  -- expect: bad argument #1 to 'setmetatable' (table expected, got number)
print(msg(string.rep))  -- expect: bad argument #1 to 'string.rep' (string expected, got no value)
print(msg(("x").rep))  -- expect: bad argument #1 to 'string.rep' (string expected, got no value)
print(msg(function() ("x"):rep({}) end))  -- expect: errors.lua:39: bad argument #1 to 'rep' (number expected, got table)
print(msg(function() local t = setmetatable({}, {__index = function() error("deep") end}); return t.x end))  -- expect: errors.lua:40: deep
print(select(2, xpcall(function() local x = nil; return x.f end, function(m) return "handled: " .. m end)))  -- expect: handled: errors.lua:41: attempt to index a nil value (local 'x')
print(xpcall(error, function(m) return m .. "!" end, "oops"))  -- expect: false	oops!
