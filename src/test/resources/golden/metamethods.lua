-- Every metamethod the executor calls, chains of __index/__newindex, __call chains, __eq/__lt/__le.
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end
V.__sub = function(a, b) return setmetatable({x = a.x - b.x}, V) end
V.__mul = function(a, b) return type(b) == "number" and setmetatable({x = a.x * b}, V) or a.x * b.x end
V.__div = function(a, b) return "div" end
V.__mod = function(a, b) return "mod" end
V.__pow = function(a, b) return "pow" end
V.__unm = function(a) return setmetatable({x = -a.x}, V) end
V.__idiv = function(a, b) return "idiv" end
V.__band = function(a, b) return "band" end
V.__bor = function(a, b) return "bor" end
V.__bxor = function(a, b) return "bxor" end
V.__shl = function(a, b) return "shl" end
V.__shr = function(a, b) return "shr" end
V.__bnot = function(a) return "bnot" end
V.__concat = function(a, b) return "cat(" .. tostring(type(a) == "table" and a.x or a) .. "," .. tostring(type(b) == "table" and b.x or b) .. ")" end
V.__len = function(a) return 42 end
V.__eq = function(a, b) return a.x == b.x end
V.__lt = function(a, b) return a.x < b.x end
V.__le = function(a, b) return a.x <= b.x end
V.__tostring = function(a) return "V(" .. a.x .. ")" end
V.__call = function(self, y) return self.x + y end
local function new(x) return setmetatable({x = x}, V) end
local a, b = new(1), new(2)
print(tostring(a + b), tostring(a - b), tostring(a * 3), a * b, a / b, a % b, a ^ b, tostring(-a), a // b)  -- expect: V(3)	V(-1)	V(3)	2	div	mod	pow	V(-1)	idiv
print(a & b, a | b, a ~ b, a << b, a >> b, ~a, a & 1, 1 | a)  -- expect: band	bor	bxor	shl	shr	bnot	band	bor
print(a .. b, a .. "s", "s" .. b, 1 .. a, a .. b .. "z", #a, a(10))  -- expect: cat(1,2)	cat(1,s)	cat(s,2)	cat(1,1)	cat(1,cat(2,z))	42	11
print(a == b, a == new(1), a ~= new(1), a < b, a <= b, a > b, a >= b, b < a)  -- expect: false	true	false	true	true	false	false	false
local proto = {greet = function(self) return "hi " .. self.name end}
local obj = setmetatable({name = "x"}, {__index = proto})
print(obj:greet(), obj.missing)  -- expect: hi x	nil
local chain = setmetatable({}, {__index = setmetatable({}, {__index = function(t, k) return k .. "!" end})})
print(chain.foo, chain[1])  -- expect: foo!	1!
local log = {}
local store = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v) end})
store.a = 1; store.a = 2; store.b = 3
print(table.concat(log, ","), store.a, store.b)  -- expect: a,b	2	3
local proxy = setmetatable({}, {__newindex = store})
proxy.c = 4; print(rawget(proxy, "c"), store.c, table.concat(log, ","))  -- expect: nil	4	a,b,c
local callee = setmetatable({}, {__call = setmetatable({}, {__call = function(self, t, x) return "inner", x end})})
print(pcall(callee, 5))  -- expect: true	inner	5
local protected = setmetatable({}, {__metatable = "locked"})
print(getmetatable(protected), pcall(setmetatable, protected, {}))  -- expect: locked	false	cannot change a protected metatable
print(getmetatable("abc").__index == string, ("x"):rep(2))  -- expect: true	xx
local named = setmetatable({}, {__name = "MyType"})
print((tostring(named):gsub("0x%x+", "ADDR")), pcall(function() return named + 1 end))  -- expect: MyType: ADDR	false	metamethods.lua:48: attempt to perform arithmetic on a MyType value (upvalue 'named')
local idx = setmetatable({}, {__index = function(t, k) return k * 2 end})
print(idx[21], idx[1.5])  -- expect: 42	3.0
