-- load, environments, chunk names, dofile-free loading.
local f = load("return 1 + 1")
print(f())  -- expect: 2
print(load("return x", "chunk", "t", {x = 42})())  -- expect: 42
local env = {print = print}
local g = load("y = 5; return y", "=env", "t", env)
print(g(), env.y, y)  -- expect: 5	5	nil
print(load("syntax error here"))  -- expect: nil	[string "syntax error here"]:1: syntax error near 'error'
print(type(load(function() return nil end)))  -- expect: function
local parts = {"return ", "1", " + ", "2"}
local i = 0
print(load(function() i = i + 1; return parts[i] end)())  -- expect: 3
print(pcall(load, function() return {} end))  -- expect: true	nil	reader function must return a string
print(load("return 1", "=b", "b"))  -- expect: nil	attempt to load a text chunk (mode is 'b')
local h = load("local a, b = ... return a, b")
print(h(1, 2, 3))  -- expect: 1	2
print(load("return _ENV")() == _G, _G._G == _G, _VERSION)  -- expect: true	true	Lua 5.4
local setter = load("x = 10")
setter(); print(x)  -- expect: 10
print(type(load), type(print), type(nil), type({}), type("s"), type(2), type(true), type(print) == "function")  -- expect: function	function	nil	table	string	number	boolean	true
