-- pcall/xpcall/error: nesting, non-string errors, handlers, results.
print(pcall(function(...) return ... end, 1, 2, 3))  -- expect: true	1	2	3
print(pcall(pcall, error, "e"))  -- expect: true	false	e
print(pcall(error))  -- expect: false	nil
print(pcall(error, nil))  -- expect: false	nil
print(pcall(error, setmetatable({}, {__tostring = function() return "custom" end})))  -- expect: false	custom
local ok, e = pcall(error, {code = 7}); print(ok, type(e), e.code)  -- expect: false	table	7
print(xpcall(function() return "fine", 2 end, print))  -- expect: true	fine	2
print(xpcall(function() error("bad") end, function(m) return "H:" .. m end))  -- expect: false	H:pcall.lua:9: bad
print(xpcall(function() error("bad") end, function(m) error("handler fails") end))  -- expect: false	error in error handling
print(pcall(xpcall))  -- expect: false	bad argument #2 to 'xpcall' (function expected, got no value)
print(pcall(pcall))  -- expect: false	bad argument #1 to 'pcall' (value expected)
local depth = 0
local function nest(n) if n == 0 then error("bottom", 0) end local ok, e = pcall(nest, n - 1); error(e .. "<" .. n, 0) end
print(pcall(nest, 5))  -- expect: false	bottom<1<2<3<4<5
local results = {pcall(function() return nil, false, 0 end)}
print(#results, results[1], results[2], results[3], results[4])  -- expect: 4	true	nil	false	0
print(select("#", pcall(function() end)))  -- expect: 1
local t = setmetatable({}, {__index = function(t, k) error("no field " .. k) end})
print(pcall(function() return t.abc end))  -- expect: false	pcall.lua:19: no field abc
print(pcall(string.format, "%d", "x"))  -- expect: false	bad argument #2 to 'string.format' (number expected, got string)
local co = 0
for i = 1, 3 do local ok = pcall(error, i); co = co + (ok and 0 or 1) end
print(co)  -- expect: 3
