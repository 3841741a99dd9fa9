-- Varargs, select, multiple results, adjustments.
local function f(...) return select('#', ...), ... end
print(f())  -- expect: 0
print(f(nil, nil))  -- expect: 2	nil	nil
print(f(1, 2, 3))  -- expect: 3	1	2	3
local function g(a, b, ...) local t = {...}; return a, b, #t, ... end
print(g(1))  -- expect: 1	nil	0
print(g(1, 2, 3, 4))  -- expect: 1	2	2	3	4
print((f(1, 2, 3)))  -- expect: 3
local t = {f(1, 2), f(3, 4)}
print(#t, t[1], t[2], t[3], t[4], t[5])  -- expect: 4	2	2	3	4	nil
print(select(-1, 1, 2, 3), select(2, "a", "b", "c"))  -- expect: 3	b	c
print(pcall(select, 0, 1))  -- expect: false	bad argument #1 to 'select' (index out of range)
local function tail(...) return select('#', ...) end
local function pass(...) return tail(...) end
print(pass(1, nil, 3, nil))  -- expect: 4
print(string.format("%d %s", table.unpack({7, "x"})))  -- expect: 7 x
local function many() return 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 end
print(many())  -- expect: 1	2	3	4	5	6	7	8	9	10
print(({many()})[10], (many()))  -- expect: 10	1
