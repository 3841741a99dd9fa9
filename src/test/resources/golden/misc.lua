-- Assignment order, multiple assignment, method calls, string methods via metatable, long chains.
local a, b, c = 1, 2
print(a, b, c)  -- expect: 1	2	nil
a, b = b, a
print(a, b)  -- expect: 2	1
local t = {}
local i = 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])  -- expect: 2	20	nil
local obj = {v = 1}
function obj:inc(n) self.v = self.v + (n or 1); return self end
print(obj:inc():inc(5).v)  -- expect: 7
function obj.static(x) return x * 2 end
print(obj.static(21))  -- expect: 42
local s = 0
for k = 1, 10000 do s = s + k end
print(s)  -- expect: 50005000
local str = "x"
for k = 1, 10 do str = str .. k end
print(str, #str)  -- expect: x12345678910	12
print(#{n = 1}, #"", #{1, 2, 3, [5] = 5} >= 3)  -- expect: 0	0	true
local x = 1 + 2 * 3 - 4 / 2 ^ 2 % 3
print(x, 2 ^ 3 ^ 2, -2 ^ 2, not nil == true, 1 .. 2 == "12")  -- expect: 6.0	512.0	-4.0	true	true
print("a" .. "b" .. "c" .. 1 .. 2, ((("nested"))))  -- expect: abc12	nested
local long = 0
long = long + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1
print(long)  -- expect: 20
print(math.pi, math.huge, -math.huge, math.maxinteger, math.mininteger)  -- expect: 3.1415926535898	inf	-inf	9223372036854775807	-9223372036854775808
print(string.rep("ab", 3), ("%d-%s"):format(1, "x"), ("CamelCase"):lower())  -- expect: ababab	1-x	camelcase
print(os.time({year = 2000, month = 1, day = 1, hour = 12}) - os.time({year = 2000, month = 1, day = 2, hour = 12}))  -- expect: -86400
print(os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365), os.date("!%A %B %j", 0))  -- expect: 1971-01-01 00:00:00	Thursday January 001
print(type(os.clock()), type(os.time()), os.getenv("THIS_IS_NOT_SET_ANYWHERE"))  -- expect: number	number	nil
